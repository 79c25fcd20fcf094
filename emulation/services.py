"""Writes of emulation, each with its actor and an audit row (units.audit). Views check who may act
(access.py, permissions.py); the services check the data itself and the movement's stage, and raise
a ValidationError with a Vietnamese message on the field it concerns.

What each stage allows:
- Đang phát động: the office edits the criteria; units may already register;
- Đăng ký: the criteria are fixed; units register and prepare or send their reports;
- Báo cáo: no new registration; units prepare and send their reports;
- Chấm điểm: reports are closed; the office scores, ranks and proposes awards;
- Đã khen thưởng: the decision is issued; nothing changes any more.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from units import audit
from units.calendar import school_year_of
from units.uploads import check_upload, image_thumbnail

from .models import (
    ELIGIBLE_KINDS,
    Award,
    AwardForm,
    Criterion,
    Decision,
    Entry,
    Evidence,
    Movement,
    Recipient,
    Registration,
    RegStatus,
    Stage,
)

MOVEMENT_FIELDS = ("title", "description", "school_year", "start_date", "end_date", "unit_kinds")
EVIDENCE_HINT = _("Minh chứng chỉ nhận ảnh hoặc PDF.")


def _who(actor):
    return actor if getattr(actor, "pk", None) else None


def _check_movement(data):
    if data["end_date"] < data["start_date"]:
        raise ValidationError({"end_date": _("Hạn báo cáo không được trước ngày phát động.")})
    kinds = list(data.get("unit_kinds") or [])
    allowed = {k for k, _label in ELIGIBLE_KINDS}
    if not kinds or not set(kinds) <= allowed:
        raise ValidationError({"unit_kinds": _("Hãy chọn ít nhất một loại đơn vị được đăng ký.")})
    year = data["school_year"]
    if abs(school_year_of(data["start_date"]) - year) > 1:
        raise ValidationError({"start_date": _("Ngày phát động không thuộc năm học đã chọn.")})


@transaction.atomic
def movement_launch(*, actor, office, **data) -> Movement:
    _check_movement(data)
    movement = Movement(office=office, created_by=_who(actor), stage=Stage.LAUNCHED)
    for name in MOVEMENT_FIELDS:
        setattr(movement, name, data[name])
    movement.title = movement.title.strip()
    movement.full_clean()
    movement.save()
    audit.record(actor=actor, action="emulation.launch", obj=movement, unit=office)
    return movement


@transaction.atomic
def movement_update(*, actor, movement: Movement, **data) -> Movement:
    if movement.stage == Stage.AWARDED:
        raise ValidationError(_("Phong trào đã khen thưởng: không sửa được nữa."))
    _check_movement(data)
    changes = {}
    for name in MOVEMENT_FIELDS:
        if getattr(movement, name) != data[name]:
            changes[name] = (getattr(movement, name), data[name])
            setattr(movement, name, data[name])
    movement.full_clean()
    movement.save()
    audit.record(actor=actor, action="emulation.update", obj=movement, unit=movement.office, changes=changes)
    return movement


@transaction.atomic
def movement_delete(*, actor, movement: Movement) -> None:
    if movement.registrations.exists():
        raise ValidationError(_("Đã có đơn vị đăng ký phong trào này: không xóa được."))
    audit.record(actor=actor, action="emulation.delete", obj=movement, unit=movement.office)
    movement.delete()


@transaction.atomic
def movement_advance(*, actor, movement: Movement) -> Movement:
    """One step on; the last step (Đã khen thưởng) is taken by issuing the decision."""
    following = movement.next_stage
    if following is None or following == Stage.AWARDED:
        raise ValidationError(_("Hãy ban hành quyết định khen thưởng để kết thúc phong trào."))
    if following == Stage.REGISTRATION and not movement.criteria.exists():
        raise ValidationError(_("Hãy thêm ít nhất một tiêu chí trước khi mở đăng ký."))
    before = movement.stage
    movement.stage = following
    movement.save(update_fields=["stage"])
    audit.record(
        actor=actor,
        action="emulation.advance",
        obj=movement,
        unit=movement.office,
        changes={"stage": (before, following)},
    )
    return movement


@transaction.atomic
def criterion_add(*, actor, movement: Movement, text, max_points, evidence_required=False) -> Criterion:
    if movement.stage != Stage.LAUNCHED:
        raise ValidationError(_("Tiêu chí chỉ sửa được khi phong trào đang phát động (chưa mở đăng ký)."))
    if max_points is None or max_points <= 0:
        raise ValidationError({"max_points": _("Điểm tối đa phải lớn hơn 0.")})
    order = (movement.criteria.aggregate(m=Max("order"))["m"] or 0) + 1
    criterion = Criterion(
        movement=movement, order=order, text=text.strip(), max_points=max_points, evidence_required=evidence_required
    )
    criterion.full_clean()
    criterion.save()
    audit.record(actor=actor, action="emulation.criterion_add", obj=criterion, unit=movement.office)
    return criterion


@transaction.atomic
def criterion_delete(*, actor, criterion: Criterion) -> None:
    if criterion.movement.stage != Stage.LAUNCHED:
        raise ValidationError(_("Tiêu chí chỉ sửa được khi phong trào đang phát động (chưa mở đăng ký)."))
    audit.record(actor=actor, action="emulation.criterion_delete", obj=criterion, unit=criterion.movement.office)
    criterion.delete()


@transaction.atomic
def register(*, actor, movement: Movement, unit, pledge="") -> Registration:
    if movement.stage not in (Stage.LAUNCHED, Stage.REGISTRATION):
        raise ValidationError(_("Phong trào đã hết thời gian đăng ký."))
    if unit.pk == movement.office_id or not unit.path.startswith(movement.office.path):
        raise ValidationError({"unit": _("Đơn vị này không thuộc phạm vi của phong trào.")})
    if unit.kind not in movement.unit_kinds:
        raise ValidationError({"unit": _("Phong trào này không dành cho loại đơn vị của %(u)s.") % {"u": unit.name}})
    if movement.registrations.filter(unit=unit).exists():
        raise ValidationError({"unit": _("%(u)s đã đăng ký phong trào này.") % {"u": unit.name}})
    registration = Registration.objects.create(
        movement=movement, unit=unit, pledge=pledge.strip(), registered_by=_who(actor)
    )
    audit.record(actor=actor, action="emulation.register", obj=registration, unit=unit)
    return registration


def _can_report(registration: Registration):
    if registration.movement.stage not in (Stage.LAUNCHED, Stage.REGISTRATION, Stage.REPORTING):
        raise ValidationError(_("Phong trào đã hết thời gian báo cáo."))
    if registration.status != RegStatus.REGISTERED:
        raise ValidationError(_("Báo cáo đã gửi phòng: không sửa được nữa."))


@transaction.atomic
def report_save(*, actor, registration: Registration, rows: list[dict]) -> int:
    """`rows`: [{"criterion": Criterion, "text": str, "self_score": Decimal | None}] of the movement."""
    _can_report(registration)
    changed = 0
    for row in rows:
        criterion = row["criterion"]
        if criterion.movement_id != registration.movement_id:
            raise ValidationError(_("Tiêu chí không khớp với phong trào này; hãy tải lại trang."))
        score = row["self_score"]
        if score is not None and (score < 0 or score > criterion.max_points):
            raise ValidationError(
                _("Điểm tự chấm của tiêu chí “%(c)s” phải từ 0 đến %(m)s.")
                % {"c": criterion.text, "m": criterion.max_points}
            )
        entry, _created = Entry.objects.get_or_create(registration=registration, criterion=criterion)
        if (entry.text, entry.self_score) != (row["text"], score):
            entry.text, entry.self_score = row["text"].strip(), score
            entry.save(update_fields=["text", "self_score"])
            changed += 1
    audit.record(
        actor=actor,
        action="emulation.report_save",
        obj=registration,
        unit=registration.unit,
        changes={"rows": (0, changed)},
    )
    return changed


@transaction.atomic
def evidence_add(*, actor, registration: Registration, criterion: Criterion, uploaded) -> Evidence:
    _can_report(registration)
    if criterion.movement_id != registration.movement_id:
        raise ValidationError({"criterion": _("Tiêu chí không thuộc phong trào này.")})
    content_type = check_upload(uploaded, hint=EVIDENCE_HINT)
    thumb = image_thumbnail(uploaded) if content_type.startswith("image/") else None
    evidence = Evidence(
        registration=registration,
        criterion=criterion,
        original_name=uploaded.name[:255],
        content_type=content_type,
        size=uploaded.size,
        uploaded_by=_who(actor),
    )
    evidence.file.save(uploaded.name, uploaded, save=False)
    if thumb is not None:
        evidence.thumbnail.save("thumb.jpg", thumb, save=False)
    evidence.save()
    audit.record(actor=actor, action="emulation.evidence_add", obj=evidence, unit=registration.unit)
    return evidence


@transaction.atomic
def evidence_delete(*, actor, evidence: Evidence) -> None:
    _can_report(evidence.registration)
    audit.record(actor=actor, action="emulation.evidence_delete", obj=evidence, unit=evidence.registration.unit)
    evidence.file.delete(save=False)
    if evidence.thumbnail:
        evidence.thumbnail.delete(save=False)
    evidence.delete()


@transaction.atomic
def report_submit(*, actor, registration: Registration) -> Registration:
    """Sends the report: every criterion answered (a text and a self-score), evidence where required."""
    _can_report(registration)
    criteria = list(registration.movement.criteria.all())
    entries = {e.criterion_id: e for e in registration.entries.all()}
    with_evidence = set(registration.evidence.values_list("criterion_id", flat=True))
    missing = [
        c.text for c in criteria if not entries.get(c.pk) or not entries[c.pk].text or entries[c.pk].self_score is None
    ]
    if missing:
        raise ValidationError(_("Chưa ghi kết quả và điểm tự chấm cho: %(c)s.") % {"c": "; ".join(missing)})
    no_evidence = [c.text for c in criteria if c.evidence_required and c.pk not in with_evidence]
    if no_evidence:
        raise ValidationError(_("Cần có minh chứng cho: %(c)s.") % {"c": "; ".join(no_evidence)})
    registration.status, registration.reported_at = RegStatus.REPORTED, timezone.now()
    registration.save(update_fields=["status", "reported_at"])
    audit.record(actor=actor, action="emulation.report_submit", obj=registration, unit=registration.unit)
    return registration


@transaction.atomic
def score_save(*, actor, registration: Registration, scores: dict, note="") -> Registration:
    """`scores`: {Criterion: Decimal} for every criterion of the movement."""
    if registration.movement.stage != Stage.SCORING:
        raise ValidationError(_("Chỉ chấm điểm khi phong trào ở bước “Chấm điểm”."))
    if registration.status == RegStatus.REGISTERED:
        raise ValidationError(_("Đơn vị chưa gửi báo cáo: chưa chấm điểm được."))
    for criterion, score in scores.items():
        if criterion.movement_id != registration.movement_id:
            raise ValidationError(_("Tiêu chí không khớp với phong trào này; hãy tải lại trang."))
        if score is None or score < 0 or score > criterion.max_points:
            raise ValidationError(
                _("Điểm của tiêu chí “%(c)s” phải từ 0 đến %(m)s.") % {"c": criterion.text, "m": criterion.max_points}
            )
        Entry.objects.update_or_create(registration=registration, criterion=criterion, defaults={"score": score})
    registration.status, registration.office_note = RegStatus.SCORED, note.strip()
    registration.save(update_fields=["status", "office_note"])
    total = sum(scores.values(), Decimal(0))
    audit.record(
        actor=actor,
        action="emulation.score",
        obj=registration,
        unit=registration.unit,
        changes={"total": (None, total)},
    )
    return registration


@transaction.atomic
def award_propose(
    *,
    actor,
    movement: Movement,
    unit,
    form,
    reason,
    recipient=Recipient.COLLECTIVE,
    title="",
    person_name="",
    person_role="",
) -> Award:
    if movement.stage != Stage.SCORING:
        raise ValidationError(_("Chỉ đề nghị khen thưởng khi phong trào ở bước “Chấm điểm”."))
    if not movement.registrations.filter(unit=unit).exists():
        raise ValidationError({"unit": _("Chỉ khen thưởng đơn vị đã đăng ký phong trào (hoặc người của đơn vị đó).")})
    if form == AwardForm.DANH_HIEU and not title.strip():
        raise ValidationError({"title": _("Hãy ghi tên danh hiệu thi đua.")})
    if recipient == Recipient.INDIVIDUAL and not person_name.strip():
        raise ValidationError({"person_name": _("Khen cá nhân: hãy ghi họ và tên.")})
    if recipient == Recipient.COLLECTIVE:
        person_name = person_role = ""
        if movement.awards.filter(recipient=Recipient.COLLECTIVE, unit=unit, form=form).exists():
            raise ValidationError(
                {"unit": _("%(u)s đã có trong danh sách đề nghị với hình thức này.") % {"u": unit.name}}
            )
    award = Award(
        movement=movement,
        unit=unit,
        form=form,
        title=title.strip() if form == AwardForm.DANH_HIEU else "",
        recipient=recipient,
        person_name=person_name.strip(),
        person_role=person_role.strip(),
        reason=reason.strip(),
        school_year=movement.school_year,
    )
    award.full_clean()
    award.save()
    audit.record(actor=actor, action="emulation.award_propose", obj=award, unit=unit)
    return award


@transaction.atomic
def award_remove(*, actor, award: Award) -> None:
    if award.decision_id:
        raise ValidationError(_("Khen thưởng đã có trong quyết định đã ban hành: không bỏ được."))
    audit.record(actor=actor, action="emulation.award_remove", obj=award, unit=award.unit)
    award.delete()


@transaction.atomic
def decision_issue(*, actor, movement: Movement, number, signed_on) -> Decision:
    """Issues the decision: every proposed award goes into its annex; the movement is closed."""
    if movement.stage != Stage.SCORING:
        raise ValidationError(_("Chỉ ban hành quyết định khi phong trào ở bước “Chấm điểm”."))
    if Decision.objects.filter(movement=movement).exists():
        raise ValidationError(_("Phong trào đã có quyết định khen thưởng."))
    awards = movement.awards.filter(decision__isnull=True)
    if not awards.exists():
        raise ValidationError(_("Chưa có tập thể, cá nhân nào được đề nghị khen thưởng."))
    if signed_on < movement.start_date:
        raise ValidationError({"signed_on": _("Ngày ký không được trước ngày phát động phong trào.")})
    decision = Decision(movement=movement, number=(number or "").strip(), signed_on=signed_on, issued_by=_who(actor))
    decision.full_clean()
    decision.save()
    awards.update(decision=decision)
    movement.stage = Stage.AWARDED
    movement.save(update_fields=["stage"])
    audit.record(actor=actor, action="emulation.decision_issue", obj=decision, unit=movement.office)
    return decision
