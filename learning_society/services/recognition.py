"""Checking assessments and recognising titles by decision; title settings."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from rubrics import engine
from rubrics import services as rubric_services
from rubrics.models import Rubric
from units import audit
from units.grouped_update import grouped_update
from units.models import Unit
from units.selectors import units_visible_to
from units.text import nfc

from .. import counts
from ..authority import authority_for, committee_of, decision_issuer, printed_position
from ..models import Assessment, Decision, RecognitionAuthority, Subject, TitleSetting
from ..permissions import duty_conflict, duty_refusal
from ..rubric_kinds import shipped_rubric_data
from ..rules import recognition_valid_through
from .subjects import _level1_dates


def _assessments_in_scope(actor, within: Unit | None = None):
    """Assessments a service may act on for ids that came from a form: of subjects inside `within`
    (the area or issuer of the page) and inside the actor's scope. Any other id is treated as not
    existing, so another office's families are neither touched nor named (pen test, issue 12)."""
    rows = Assessment.objects.all()
    if within is not None:
        rows = rows.filter(subject__area__path__startswith=within.path)
    if getattr(actor, "pk", None) and not actor.is_superuser:
        rows = rows.filter(subject__area__in=units_visible_to(actor))
    return rows


@transaction.atomic
def assessments_check(
    *, actor, assessment_ids: list[int], approve: bool = True, note: str = "", area: Unit | None = None
) -> int:
    """The checker confirms (or returns) self-assessments. Only complete, unrecognised ones move, and
    only those of `area` (when given) inside the actor's scope (_assessments_in_scope)."""
    rows = list(
        _assessments_in_scope(actor, area).select_for_update(of=("self",)).filter(pk__in=assessment_ids).order_by("pk")
    )
    movable = [a for a in rows if a.status in (Assessment.Status.SELF_ASSESSED, Assessment.Status.CHECKED)]
    if not movable:
        raise ValidationError(_("Không có đánh giá nào đã tự đánh giá để kiểm tra."))
    # Separation of duties: the ones this person entered or handed over, or of their own unit, are
    # left for another checker; when that is all of them, the user is told why.
    action = _("xác nhận kiểm tra") if approve else _("trả lại")
    subjects = Subject.objects.in_bulk({a.subject_id for a in movable})
    refusals = {a.pk: duty_refusal(actor, a, action=action, subject=subjects[a.subject_id]) for a in movable}
    if all(refusals.values()):
        raise duty_conflict([(subjects[a.subject_id].name, refusals[a.pk]) for a in movable], action=action)
    movable = [a for a in movable if not refusals[a.pk]]
    now = timezone.now()
    for a in movable:
        a.status = Assessment.Status.CHECKED if approve else Assessment.Status.RETURNED
        a.checked_by, a.checked_at = actor, now
        if note:
            a.note = note
        a.version += 1  # an assessment page opened before the check must not undo it
    fields = ["status", "checked_by", "checked_at", "note"]
    grouped_update(Assessment, movable, fields, version=F("version") + 1, updated_at=now)
    counts.refresh(area_ids={subjects[a.subject_id].area_id for a in movable})
    audit.record(
        actor=actor,
        action="learning_society.check" if approve else "learning_society.return",
        obj=movable[0] if len(movable) == 1 else None,
        unit=None,
        changes={"assessments": [None, len(movable)]},
    )
    return len(movable)


# --- recognition -----------------------------------------------------------------------------


def agency_name(unit: Unit) -> str:
    """The People's Committee of a commune ("Ủy ban nhân dân xã Đống Đa"), else the unit's name."""
    return committee_of(unit)


@transaction.atomic
def recognise(
    *,
    actor,
    assessment_ids: list[int],
    issuer: Unit,
    title: str,
    year: int,
    number: str,
    signed_on: datetime.date,
    signer_name: str,
    signer_position: str = "",
    place: str = "",
    area: Unit | None = None,
) -> Decision:
    """Quyết định công nhận for checked, passing assessments. All or nothing: when one of them is no
    longer recognisable (another officer recognised it a moment ago, it was returned, it fails) the
    user is told which and nothing is saved. Rows are locked so two officers cannot both succeed.
    Only assessments of subjects inside `area` (default: the issuer's subtree) and inside the actor's
    scope are recognised; any other id counts as missing and refuses the whole decision.

    Who decides, which body issues it and how it is signed come from the office's recognition
    authority (learning_society.authority), kept on the decision as it stood that day; the printed
    position follows it (`signer_position` is only used when the authority names none)."""
    number = nfc(number).strip()
    if not assessment_ids:
        raise ValidationError(_("Chưa chọn đối tượng nào để công nhận."))
    if not number or not signer_name.strip():
        raise ValidationError(_("Hãy nhập số quyết định và người ký."))
    if Decision.objects.filter(issuer=issuer, number=number).exists():
        raise ValidationError({"number": _("Số quyết định %(n)s đã được dùng.") % {"n": number}})
    rows = list(
        _assessments_in_scope(actor, area or issuer)
        .select_for_update(of=("self",))
        .filter(pk__in=assessment_ids)
        .select_related("subject", "rubric")
        .order_by("pk")
    )
    decisions = {d.pk: d for d in Decision.objects.filter(pk__in=[a.decision_id for a in rows if a.decision_id])}
    level1 = _level1_dates([a.subject_id for a in rows])
    problems = []
    if len(rows) != len(set(assessment_ids)):
        problems.append(_("Một số đánh giá không còn tồn tại; hãy tải lại trang."))
    for a in rows:
        name = a.subject.name
        if a.status == Assessment.Status.RECOGNISED:
            d = decisions.get(a.decision_id)
            problems.append(
                _("%(name)s đã được công nhận theo Quyết định số %(n)s ngày %(d)s; không công nhận lần nữa.")
                % {"name": name, "n": d.number if d else "?", "d": d.signed_on.strftime("%d/%m/%Y") if d else "?"}
            )
        elif a.status != Assessment.Status.CHECKED:
            problems.append(_("%(name)s: đánh giá chưa được kiểm tra, chưa thể công nhận.") % {"name": name})
        elif refusal := duty_refusal(actor, a, action=_("công nhận"), subject=a.subject):
            problems.append(refusal)
        elif not a.passed:
            problems.append(_("%(name)s: kết quả đánh giá chưa đạt.") % {"name": name})
        elif a.subject.title != title or a.year != year:
            problems.append(_("%(name)s không thuộc danh hiệu và năm của quyết định này.") % {"name": name})
        elif a.rubric.regime == Rubric.Regime.LEVELS and (a.requested_level == 2 or a.level == 2):
            message = engine.check_level2_request(
                level1_recognised_on=level1.get(a.subject_id),
                requested_on=signed_on,
                wait_months=a.rubric.level2_wait_months,
            )
            if message and a.requested_level == 2:
                problems.append(f"{name}: {message}")
    if problems:
        raise ValidationError(problems)
    levels = {a.level for a in rows if a.rubric.regime == Rubric.Regime.LEVELS and a.level}
    rule = authority_for(area or issuer, title, levels.pop() if len(levels) == 1 else None, year=year)
    paper = decision_issuer(rule, area or issuer)
    decision = Decision(
        issuer=issuer,
        issuer_name=paper.agency[:200],
        title=title,
        year=year,
        number=number,
        signed_on=signed_on,
        signer_name=nfc(signer_name).strip(),
        signer_position=(printed_position(rule) or nfc(signer_position).strip())[:150],
        place=nfc(place).strip() or paper.place,
        authority=rule.as_snapshot(),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    decision.full_clean()
    try:
        with transaction.atomic():
            decision.save()
    except IntegrityError as exc:
        raise ValidationError({"number": _("Số quyết định %(n)s đã được dùng.") % {"n": number}}) from exc
    for a in rows:
        if a.rubric.regime == Rubric.Regime.LEVELS and a.level == 2:
            # Level 2 only after the wait since level 1 (Thông tư 25/2023); otherwise level 1 is recognised.
            early = engine.check_level2_request(
                level1_recognised_on=level1.get(a.subject_id),
                requested_on=signed_on,
                wait_months=a.rubric.level2_wait_months,
            )
            if early:
                a.level = 1
        a.status = Assessment.Status.RECOGNISED
        a.decision = decision
        a.recognised_on = signed_on
        a.expires_on = recognition_valid_through(signed_on, a.rubric.validity_months)
        a.version += 1  # as the row will read
    fields = ["status", "decision", "recognised_on", "expires_on", "level"]
    grouped_update(Assessment, rows, fields, version=F("version") + 1, updated_at=timezone.now())
    counts.refresh(area_ids={a.subject.area_id for a in rows})
    audit.record(
        actor=actor,
        action="learning_society.recognise",
        obj=decision,
        unit=issuer,
        changes={"subjects": [None, len(rows)]},
    )
    return decision


# --- settings --------------------------------------------------------------------------------


@transaction.atomic
def title_setting_save(
    *, actor, office: Unit, title: str, checker: str, recogniser: str, target: int, target_difficult: int
) -> TitleSetting:
    setting = TitleSetting.objects.filter(office=office, title=title).first() or TitleSetting(
        office=office, title=title
    )
    before = audit.snapshot(setting, ["checker", "recogniser", "target_percent", "target_percent_difficult"])
    setting.checker, setting.recogniser = checker, recogniser
    setting.target_percent, setting.target_percent_difficult = target, target_difficult
    setting.full_clean()
    setting.save()
    audit.record(
        actor=actor,
        action="learning_society.setting",
        obj=setting,
        unit=office,
        changes=audit.diff(setting, ["checker", "recogniser", "target_percent", "target_percent_difficult"], before),
    )
    return setting


AUTHORITY_FIELDS = [
    "decider",
    "issuing_level",
    "parent_agency",
    "agency",
    "head_position",
    "signer_form",
    "legal_source",
    "legal_article",
    "extra_bases",
]


@transaction.atomic
def recognition_authority_save(*, actor, office: Unit, title: str, level: int = 0, **values) -> RecognitionAuthority:
    """The office's recognition authority for a title and level (0: any level), audited with the
    values before and after. Validation (RecognitionAuthority.clean) refuses a collective "TM."
    signature for an office and a "Chủ tịch" at the head of an office."""
    authority = RecognitionAuthority.objects.filter(office=office, title=title, level=level).first()
    authority = authority or RecognitionAuthority(office=office, title=title, level=level)
    before = audit.snapshot(authority, AUTHORITY_FIELDS) if authority.pk else {}
    for name in AUTHORITY_FIELDS:
        value = values.get(name, "")
        setattr(authority, name, nfc(value).strip() if isinstance(value, str) else value)
    authority.full_clean()
    authority.save()
    audit.record(
        actor=actor,
        action="learning_society.authority",
        obj=authority,
        unit=office,
        changes=audit.diff(authority, AUTHORITY_FIELDS, before),
    )
    return authority


@transaction.atomic
def recognition_authority_reset(*, actor, office: Unit, title: str, level: int = 0) -> bool:
    """Removes the office's own authority: the default (or the level-free row) applies again."""
    authority = RecognitionAuthority.objects.filter(office=office, title=title, level=level).first()
    if authority is None:
        return False
    before = audit.snapshot(authority, AUTHORITY_FIELDS)
    authority.delete()
    audit.record(
        actor=actor,
        action="learning_society.authority_reset",
        obj=None,
        unit=office,
        changes={name: [before.get(name), None] for name in AUTHORITY_FIELDS},
    )
    return True


# --- rubrics ---------------------------------------------------------------------------------


def rubrics_load_shipped(*, actor) -> list[Rubric]:
    """The national defaults shipped with the learning society (learning_society/rubrics/*.json):
    the missing ones are created, existing ones are left as they are (read-only in the portal)."""
    return rubric_services.rubrics_load(shipped_rubric_data())
