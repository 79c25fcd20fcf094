"""Writes of the learning-society cycle. Each is atomic, takes `actor`, validates with Vietnamese
messages and leaves an audit row (units.audit)."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from reports.providers import get_subject_source
from rubrics import engine
from rubrics import services as rubric_services
from rubrics.models import Rubric
from rubrics.selectors import rubric_criteria, rubric_in_force
from units import audit
from units.concurrency import StaleEdit, last_saved, saved_by_phrase
from units.models import Unit, UnitKind
from units.selectors import units_visible_to
from units.text import nfc

from .models import Assessment, Decision, Registration, Score, Subject, Title, TitleSetting
from .permissions import duty_conflict, duty_refusal
from .rubric_kinds import shipped_rubric_data
from .rules import recognition_valid_through

HOUSEHOLD_SOURCE = "literacy.households"


# --- subjects and registration -----------------------------------------------------------------


def _check_area(title: str, area: Unit) -> None:
    allowed = {
        Title.FAMILY: {UnitKind.HAMLET},
        Title.CLAN: {UnitKind.HAMLET, UnitKind.COMMUNE},
        Title.HAMLET_COMMUNITY: {UnitKind.HAMLET},
        Title.COMMUNE_COMMUNITY: {UnitKind.COMMUNE},
        Title.LEARNING_UNIT: {UnitKind.COMMUNE, UnitKind.SCHOOL, UnitKind.CENTRE, UnitKind.OTHER, UnitKind.OFFICE},
        Title.CITIZEN: {UnitKind.HAMLET, UnitKind.COMMUNE, UnitKind.SCHOOL, UnitKind.CENTRE},
    }[title]
    if area.kind not in allowed:
        raise ValidationError(
            {"area": _("%(title)s không thể thuộc %(area)s.") % {"title": Title(title).label, "area": area.full_name}}
        )


@transaction.atomic
def subject_create(
    *,
    actor,
    area: Unit,
    title: str,
    name: str,
    head_name: str = "",
    members: int | None = None,
    address: str = "",
    unit_type: str = "",
    unit: Unit | None = None,
    source_ref: str = "",
    is_demo: bool = False,
) -> Subject:
    _check_area(title, area)
    subject = Subject(
        area=area,
        title=title,
        name=nfc(name).strip(),
        head_name=nfc(head_name).strip(),
        members=members,
        address=nfc(address).strip(),
        unit_type=unit_type,
        unit=unit,
        source_ref=source_ref,
        is_demo=is_demo,
    )
    subject.full_clean()
    subject.save()
    audit.record(actor=actor, action="learning_society.subject_create", obj=subject, unit=area)
    return subject


def households_available(hamlet: Unit) -> bool:
    return hamlet.kind == UnitKind.HAMLET and get_subject_source(HOUSEHOLD_SOURCE) is not None


@transaction.atomic
def families_import_from_register(*, actor, hamlet: Unit) -> int:
    """Creates a family for each household of the hamlet's register not yet listed (literacy module's
    households, offered through reports.providers so neither app imports the other)."""
    source = get_subject_source(HOUSEHOLD_SOURCE)
    if source is None or hamlet.kind != UnitKind.HAMLET:
        raise ValidationError(_("Chưa có sổ điều tra hộ gia đình cho thôn này; hãy nhập danh sách gia đình."))
    known = set(
        Subject.objects.filter(area=hamlet, title=Title.FAMILY)
        .exclude(source_ref="")
        .values_list("source_ref", flat=True)
    )
    rows = [
        Subject(
            area=hamlet,
            title=Title.FAMILY,
            name=nfc(str(h["name"]))[:200],
            members=h.get("members"),
            source_ref=str(h["ref"])[:60],
        )
        for h in source(hamlet)
        if str(h["ref"]) not in known
    ]
    Subject.objects.bulk_create(rows)
    audit.record(
        actor=actor, action="learning_society.families_import", unit=hamlet, changes={"families": [None, len(rows)]}
    )
    return len(rows)


def _level1_dates(subject_ids) -> dict[int, datetime.date]:
    """The latest level-1 recognition date of each subject (one query)."""
    dates = {}
    for sid, day in (
        Assessment.objects.filter(subject_id__in=subject_ids, status=Assessment.Status.RECOGNISED, level=1)
        .order_by("recognised_on")
        .values_list("subject_id", "recognised_on")
    ):
        dates[sid] = day
    return dates


@transaction.atomic
def registrations_create(
    *, actor, subjects: list[Subject], year: int, requested_level: int | None = None, on: datetime.date | None = None
) -> int:
    """Registers subjects for the year; those already registered are left as they are. A level-2
    request is refused before the waiting time after level 1 (Thông tư 25/2023: 12 months)."""
    on = on or timezone.localdate()
    subjects = list(subjects)
    if requested_level == 2:
        rubric_by_title = {}
        level1 = _level1_dates([s.pk for s in subjects])
        problems = []
        for subject in subjects:
            key = (subject.title, subject.area_id)
            if key not in rubric_by_title:
                rubric_by_title[key] = rubric_in_force(subject.title, subject.area, year)
            rubric = rubric_by_title[key]
            wait = rubric.level2_wait_months if rubric else 12
            message = engine.check_level2_request(
                level1_recognised_on=level1.get(subject.pk), requested_on=on, wait_months=wait
            )
            if message:
                problems.append(f"{subject.name}: {message}")
        if problems:
            raise ValidationError(problems)
    existing = set(Registration.objects.filter(subject__in=subjects, year=year).values_list("subject_id", flat=True))
    rows = [
        Registration(subject=s, year=year, requested_level=requested_level, registered_on=on, registered_by=actor)
        for s in subjects
        if s.pk not in existing
    ]
    Registration.objects.bulk_create(rows)
    if rows:
        audit.record(
            actor=actor,
            action="learning_society.register",
            unit=subjects[0].area,
            changes={"year": [None, year], "subjects": [None, len(rows)]},
        )
    return len(rows)


# --- assessment ------------------------------------------------------------------------------


def rubric_or_error(title: str, year: int, area: Unit | None = None) -> Rubric:
    """The rubric `area` uses (its office's copy, else the national default; rubrics.selectors)."""
    rubric = rubric_in_force(title, area, year)
    if rubric is None:
        raise ValidationError(
            _("Chưa có bộ tiêu chí “%(title)s” áp dụng cho năm %(year)s. Hãy nạp bộ tiêu chí trước.")
            % {"title": Title(title).label, "year": year}
        )
    return rubric


@dataclass
class Outcome:
    total: Decimal | None = None
    band: str = ""
    level: int | None = None
    passed: bool = False
    complete: bool = False
    errors: dict = field(default_factory=dict)


def evaluate(rubric: Rubric, criteria, *, points=None, met=None, evidence=None) -> Outcome:
    """The result of one subject's entries under a rubric (rubrics.engine does the arithmetic)."""
    if rubric.regime == Rubric.Regime.POINTS:
        result = engine.score_points(criteria, points or {}, rubric.bands)
        return Outcome(
            total=result.total,
            band=result.band,
            passed=result.passed,
            complete=result.complete,
            errors=result.errors,
        )
    result = engine.level_reached(criteria, met or set(), evidence or {})
    return Outcome(level=result.level or None, passed=result.level > 0, complete=True)


class GridError(ValidationError):
    """Cells that could not be saved: {(subject_id, criterion_id): message}."""

    def __init__(self, cells: dict):
        self.cells = cells
        super().__init__(_("Có %(n)s ô chưa hợp lệ, chưa lưu gì. Hãy sửa các ô tô đỏ rồi lưu lại.") % {"n": len(cells)})


LOCKED = {Assessment.Status.RECOGNISED}


def _check_grid_versions(area: Unit, subjects: dict, assessments: dict, expected: dict[int, int]) -> None:
    """Refuse the whole grid when a posted row was saved (or first scored) after the page was loaded."""
    moved = [
        sid for sid in subjects if expected.get(sid, -1) != (assessments[sid].version if sid in assessments else 0)
    ]
    if not moved:
        return
    who, at = last_saved(
        [assessments[sid] for sid in moved if sid in assessments],
        extra=Q(action="learning_society.grid_save", unit=area),
    )
    names = sorted(subjects[sid].name for sid in moved)
    listed = ", ".join(names[:5]) + ("…" if len(names) > 5 else "")
    raise StaleEdit(
        _(
            "Bảng chấm vừa được %(who)s lưu lúc %(at)s; trang của bạn đã cũ (%(n)s dòng đã đổi: %(names)s). "
            "Số liệu bạn nhập vẫn còn bên dưới nhưng CHƯA được lưu — hãy xem lại rồi lưu lại."
        )
        % {**saved_by_phrase(who, at), "n": len(moved), "names": listed}
    )


@transaction.atomic
def grid_save(
    *,
    actor,
    area: Unit,
    title: str,
    year: int,
    points: dict[int, dict[int, str]] | None = None,
    met: dict[int, set[int]] | None = None,
    check: bool = False,
    expected_versions: dict[int, int] | None = None,
) -> int:
    """Saves a hamlet's grid at once: every row or none (one transaction). `points` maps subject →
    criterion → typed value (points regime); `met` maps subject → checked criteria (levels regime).
    Rows with nothing entered and no assessment yet are skipped. Returns the number of rows saved.
    `expected_versions` maps subject → the assessment version the page showed (0: none yet); when
    any posted row moved since, the whole grid is refused with StaleEdit (views always pass it)."""
    rubric = rubric_or_error(title, year, area)
    criteria = rubric_criteria(rubric)
    by_pk = {c.pk: c for c in criteria}
    entries = points if rubric.regime == Rubric.Regime.POINTS else met
    entries = entries or {}
    # Locking the subjects (not only their assessments) also serialises two first saves of a row.
    subjects = {
        s.pk: s
        for s in Subject.objects.select_for_update().filter(area=area, title=title, pk__in=list(entries)).order_by("pk")
    }
    if set(entries) - set(subjects):
        # Rows of another hamlet, title or office (ids put into the page by hand): nothing is saved.
        raise ValidationError(_("Một số dòng không thuộc bảng chấm này; chưa lưu gì. Hãy tải lại trang rồi nhập lại."))
    assessments = {
        a.subject_id: a for a in Assessment.objects.filter(subject_id__in=list(subjects), year=year).select_for_update()
    }
    if expected_versions is not None:
        _check_grid_versions(area, subjects, assessments, expected_versions)
    existed = set(assessments)
    errors, outcomes = {}, {}
    for sid in subjects:
        assessment = assessments.get(sid)
        if assessment is not None and assessment.status in LOCKED:
            continue
        values = entries.get(sid) or {}
        if rubric.regime == Rubric.Regime.POINTS:
            values = {int(k): v for k, v in values.items() if int(k) in by_pk}
            if assessment is None and not any(str(v).strip() for v in values.values()):
                continue
            outcome = evaluate(rubric, criteria, points=values)
            for cid, message in outcome.errors.items():
                errors[(sid, cid)] = message
        else:
            values = {int(k) for k in values if int(k) in by_pk}
            outcome = evaluate(rubric, criteria, met=values)
            if assessment is None and not values:
                continue
        outcomes[sid] = (values, outcome)
    if errors:
        raise GridError(errors)
    if check:
        # Separation of duties: rows this person handed over for checking, or of their own unit,
        # are not confirmed by them (learning_society.permissions); nothing is saved.
        action = _("xác nhận kiểm tra")
        refused = [
            (subjects[sid].name, reason)
            for sid, (_values, outcome) in outcomes.items()
            if outcome.complete
            and (reason := duty_refusal(actor, assessments.get(sid), action=action, subject=subjects[sid]))
        ]
        if refused:
            raise duty_conflict(refused, action=action)

    now = timezone.now()
    entered_by = actor if getattr(actor, "pk", None) else None
    new = [Assessment(subject_id=sid, year=year, rubric=rubric) for sid in outcomes if sid not in assessments]
    Assessment.objects.bulk_create(new)
    if new:
        assessments.update(
            {a.subject_id: a for a in Assessment.objects.filter(subject_id__in=[a.subject_id for a in new], year=year)}
        )
    existing_scores = {
        (s.assessment_id, s.criterion_id): s
        for s in Score.objects.filter(assessment__in=[assessments[sid] for sid in outcomes])
    }
    to_create, to_update = [], []
    for sid, (values, outcome) in outcomes.items():
        assessment = assessments[sid]
        pending, before = len(to_create) + len(to_update), assessment.status
        for criterion in criteria:
            if rubric.regime == Rubric.Regime.POINTS:
                value = engine.parse_points(values.get(criterion.pk))
                attrs = {"points": value, "met": False}
            else:
                attrs = {"points": None, "met": criterion.pk in values}
            score = existing_scores.get((assessment.pk, criterion.pk))
            if score is None:
                to_create.append(Score(assessment=assessment, criterion=criterion, **attrs))
            elif score.points != attrs["points"] or score.met != attrs["met"]:
                score.points, score.met = attrs["points"], attrs["met"]
                to_update.append(score)
        # A draft scored under an earlier version of the rubric moves to the one in force now.
        assessment.rubric = rubric
        assessment.total, assessment.band, assessment.level = outcome.total, outcome.band, outcome.level
        assessment.passed = outcome.passed
        if sid in existed:
            assessment.version += 1
        if not outcome.complete:
            assessment.status = Assessment.Status.DRAFT
        elif check:
            assessment.status = Assessment.Status.CHECKED
            assessment.checked_by, assessment.checked_at = actor, now
        elif assessment.status != Assessment.Status.CHECKED or len(to_create) + len(to_update) > pending:
            # A change after the check sends the row back to be checked again.
            assessment.status = Assessment.Status.SELF_ASSESSED
        changed = len(to_create) + len(to_update) > pending
        handed_over = assessment.status == Assessment.Status.SELF_ASSESSED and before != assessment.status
        if assessment.status != Assessment.Status.CHECKED and (changed or handed_over):
            assessment.assessed_by = entered_by
    Score.objects.filter(assessment__in=[assessments[sid] for sid in outcomes]).exclude(criterion__in=criteria).delete()
    Score.objects.bulk_create(to_create)
    Score.objects.bulk_update(to_update, ["points", "met"])
    Assessment.objects.bulk_update(
        [assessments[sid] for sid in outcomes],
        [
            "rubric",
            "total",
            "band",
            "level",
            "passed",
            "status",
            "assessed_by",
            "checked_by",
            "checked_at",
            "updated_at",
            "version",
        ],
    )
    # Scoring a subject registers it for the year, so "registered ≥ assessed" always holds.
    registered = set(
        Registration.objects.filter(subject_id__in=list(outcomes), year=year).values_list("subject_id", flat=True)
    )
    Registration.objects.bulk_create(
        [
            Registration(subject_id=sid, year=year, registered_on=timezone.localdate(), registered_by=actor)
            for sid in outcomes
            if sid not in registered
        ]
    )
    audit.record(
        actor=actor,
        action="learning_society.grid_save",
        unit=area,
        changes={"year": [None, year], "title": [None, title], "rows": [None, len(outcomes)], "checked": [None, check]},
    )
    return len(outcomes)


@transaction.atomic
def assessment_save(
    *,
    actor,
    subject: Subject,
    year: int,
    points: dict | None = None,
    met: set | None = None,
    evidence: dict | None = None,
    note: str = "",
    requested_level: int | None = None,
    submit: bool = False,
    on: datetime.date | None = None,
    expected_version: int | None = None,
) -> Assessment:
    """Self-assessment of one subject with evidence. `submit` hands it over for checking.
    `expected_version` is the version the page showed (0: no assessment yet; views always pass it):
    a save from a page older than the last save is refused with StaleEdit."""
    on = on or timezone.localdate()
    rubric = rubric_or_error(subject.title, year, subject.area)
    criteria = rubric_criteria(rubric)
    # Locking the subject serialises two first saves (no assessment row to lock yet).
    Subject.objects.select_for_update().filter(pk=subject.pk).first()
    assessment = Assessment.objects.select_for_update().filter(subject=subject, year=year).first()
    if assessment is not None and assessment.status in LOCKED:
        raise ValidationError(_("Đánh giá này đã được công nhận, không thể sửa."))
    if expected_version is not None and expected_version != (assessment.version if assessment else 0):
        who, at = last_saved([assessment]) if assessment else ("", None)
        raise StaleEdit(
            _(
                "Đánh giá này vừa được %(who)s lưu lúc %(at)s; trang của bạn đã cũ. Số liệu bạn nhập vẫn còn "
                "bên dưới — hãy xem lại rồi lưu lại."
            )
            % saved_by_phrase(who, at),
            current_version=assessment.version if assessment else 0,
        )
    if requested_level == 2:
        message = engine.check_level2_request(
            level1_recognised_on=_level1_dates([subject.pk]).get(subject.pk),
            requested_on=on,
            wait_months=rubric.level2_wait_months,
        )
        if message:
            raise ValidationError({"requested_level": message})
    outcome = evaluate(rubric, criteria, points=points, met=met, evidence=evidence)
    if outcome.errors:
        raise ValidationError({f"c{cid}": msg for cid, msg in outcome.errors.items()})
    if submit and not outcome.complete:
        raise ValidationError(_("Hãy chấm đủ các tiêu chí trước khi gửi kiểm tra."))
    if submit and rubric.regime == Rubric.Regime.LEVELS and not outcome.passed:
        raise ValidationError(_("Chưa đạt mức độ 1: hãy đánh dấu các tiêu chí đạt và ghi minh chứng."))
    created = assessment is None
    if created:
        assessment = Assessment(subject=subject, year=year, rubric=rubric)
    else:
        assessment.version += 1
    assessment.rubric = rubric
    assessment.total, assessment.band, assessment.level = outcome.total, outcome.band, outcome.level
    assessment.passed, assessment.note, assessment.requested_level = outcome.passed, note, requested_level
    assessment.status = Assessment.Status.SELF_ASSESSED if submit else Assessment.Status.DRAFT
    assessment.checked_by = assessment.checked_at = None
    assessment.assessed_by = actor if getattr(actor, "pk", None) else None
    assessment.save()
    assessment.scores.exclude(criterion__in=criteria).delete()  # scores of an earlier rubric version
    existing = {s.criterion_id: s for s in assessment.scores.all()}
    evidence = evidence or {}
    for criterion in criteria:
        score = existing.get(criterion.pk) or Score(assessment=assessment, criterion=criterion)
        score.points = engine.parse_points((points or {}).get(criterion.pk))
        score.met = criterion.pk in (met or set())
        score.evidence = nfc(str(evidence.get(criterion.pk) or "")).strip()
        score.save()
    Registration.objects.get_or_create(
        subject=subject,
        year=year,
        defaults={"registered_on": on, "registered_by": actor, "requested_level": requested_level},
    )
    audit.record(
        actor=actor,
        action="learning_society.self_assess" if submit else "learning_society.assessment_save",
        obj=assessment,
        unit=subject.area,
        changes={"total": [None, outcome.total], "band": [None, outcome.band], "level": [None, outcome.level]},
    )
    return assessment


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
    Assessment.objects.bulk_update(movable, ["status", "checked_by", "checked_at", "note", "updated_at", "version"])
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
    """The body that signs a recognition: the commune's People's Committee (DOMAIN.md §4)."""
    if unit.kind == UnitKind.COMMUNE:
        return f"Ủy ban nhân dân {unit.level_label.lower()} {unit.name}".replace("  ", " ")
    return unit.full_name


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
    signer_position: str,
    place: str = "",
    area: Unit | None = None,
) -> Decision:
    """Quyết định công nhận for checked, passing assessments. All or nothing: when one of them is no
    longer recognisable (another officer recognised it a moment ago, it was returned, it fails) the
    user is told which and nothing is saved. Rows are locked so two officers cannot both succeed.
    Only assessments of subjects inside `area` (default: the issuer's subtree) and inside the actor's
    scope are recognised; any other id counts as missing and refuses the whole decision."""
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
    decision = Decision(
        issuer=issuer,
        issuer_name=agency_name(issuer),
        title=title,
        year=year,
        number=number,
        signed_on=signed_on,
        signer_name=nfc(signer_name).strip(),
        signer_position=nfc(signer_position).strip(),
        place=nfc(place).strip(),
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
        a.version += 1
    Assessment.objects.bulk_update(
        rows, ["status", "decision", "recognised_on", "expires_on", "level", "updated_at", "version"]
    )
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


# --- rubrics ---------------------------------------------------------------------------------


def rubrics_load_shipped(*, actor) -> list[Rubric]:
    """The national defaults shipped with the learning society (learning_society/rubrics/*.json):
    the missing ones are created, existing ones are left as they are (read-only in the portal)."""
    return rubric_services.rubrics_load(shipped_rubric_data())
