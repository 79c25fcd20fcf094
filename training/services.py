"""Writes of training, each with its actor and an audit row (units.audit). Views check who may act
(access.py); the services check the data itself (dates, who may take part, deadlines) and raise a
ValidationError with a Vietnamese message on the field it concerns."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from units import audit
from units.models import today

from .models import Course, NeedAnswer, NeedsSurvey, Participant, Status

COURSE_FIELDS = (
    "topic",
    "field",
    "start_date",
    "end_date",
    "place",
    "hours",
    "mode",
    "planned_participants",
    "status",
    "notes",
)


def _check_dates(start, end):
    if start and end and end < start:
        raise ValidationError({"end_date": _("Ngày kết thúc không được trước ngày bắt đầu.")})


@transaction.atomic
def course_create(*, actor, organiser, **data) -> Course:
    _check_dates(data.get("start_date"), data.get("end_date"))
    course = Course(organiser=organiser, created_by=actor if getattr(actor, "pk", None) else None)
    for name in COURSE_FIELDS:
        if name in data:
            setattr(course, name, data[name])
    if course.status == Status.HELD and course.start_date > today():
        raise ValidationError({"status": _("Lớp chưa đến ngày bắt đầu thì chưa thể ghi là đã tổ chức.")})
    course.save()
    audit.record(actor=actor, action="training.course_create", obj=course, unit=organiser)
    return course


@transaction.atomic
def course_update(*, actor, course: Course, **data) -> Course:
    _check_dates(data.get("start_date", course.start_date), data.get("end_date", course.end_date))
    changes = {}
    for name in COURSE_FIELDS:
        if name in data and getattr(course, name) != data[name]:
            changes[name] = (getattr(course, name), data[name])
            setattr(course, name, data[name])
    if course.status == Status.HELD and course.start_date > today():
        raise ValidationError({"status": _("Lớp chưa đến ngày bắt đầu thì chưa thể ghi là đã tổ chức.")})
    course.save()
    audit.record(actor=actor, action="training.course_update", obj=course, unit=course.organiser, changes=changes)
    return course


@transaction.atomic
def course_delete(*, actor, course: Course) -> None:
    if course.participants.filter(attended=True).exists():
        raise ValidationError(
            _("Lớp đã có người được ghi có mặt: không xóa được; hãy đổi tình trạng thành “Hủy” nếu lớp không tổ chức.")
        )
    audit.record(actor=actor, action="training.course_delete", obj=course, unit=course.organiser)
    course.delete()


@transaction.atomic
def participant_add(*, actor, course: Course, unit, role, user=None, full_name="") -> Participant:
    full_name = (full_name or "").strip() or (user.full_name if user else "")
    if not full_name:
        raise ValidationError({"full_name": _("Hãy chọn một người trên cổng hoặc nhập họ và tên.")})
    if course.status == Status.CANCELLED:
        raise ValidationError(_("Lớp đã hủy: không thêm người dự được."))
    if user is not None and course.participants.filter(user=user).exists():
        raise ValidationError({"user": _("%(name)s đã có trong danh sách lớp này.") % {"name": full_name}})
    participant = Participant.objects.create(course=course, user=user, full_name=full_name, unit=unit, role=role)
    audit.record(actor=actor, action="training.participant_add", obj=participant, unit=course.organiser)
    return participant


@transaction.atomic
def participant_remove(*, actor, participant: Participant) -> None:
    audit.record(actor=actor, action="training.participant_remove", obj=participant, unit=participant.course.organiser)
    participant.delete()


@transaction.atomic
def attendance_save(*, actor, course: Course, rows: list[dict]) -> int:
    """`rows`: [{"participant": Participant, "attended", "result", "certificate_no"}] of this course.
    A result or certificate needs the person present. The course becomes held once anyone attended."""
    if course.start_date > today():
        raise ValidationError(_("Lớp chưa đến ngày bắt đầu: chưa ghi điểm danh được."))
    changed = 0
    for row in rows:
        p = row["participant"]
        if p.course_id != course.pk:
            raise ValidationError(_("Danh sách không khớp với lớp này; hãy tải lại trang."))
        if not row["attended"] and (row["result"] or row["certificate_no"]):
            raise ValidationError(
                _("%(name)s không có mặt thì không ghi kết quả hay số chứng nhận.") % {"name": p.full_name}
            )
        new = (row["attended"], row["result"], row["certificate_no"])
        if (p.attended, p.result, p.certificate_no) != new:
            p.attended, p.result, p.certificate_no = new
            p.save(update_fields=["attended", "result", "certificate_no"])
            changed += 1
    if any(r["attended"] for r in rows) and course.status == Status.PLANNED:
        course.status = Status.HELD
        course.save(update_fields=["status"])
    audit.record(
        actor=actor,
        action="training.attendance_save",
        obj=course,
        unit=course.organiser,
        changes={"rows": (0, changed)},
    )
    return changed


@transaction.atomic
def survey_open(*, actor, organiser, title, deadline, notes="") -> NeedsSurvey:
    if deadline < today():
        raise ValidationError({"deadline": _("Hạn trả lời đã qua: hãy chọn một ngày từ hôm nay trở đi.")})
    survey = NeedsSurvey.objects.create(
        organiser=organiser,
        title=title,
        deadline=deadline,
        notes=notes,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    audit.record(actor=actor, action="training.survey_open", obj=survey, unit=organiser)
    return survey


@transaction.atomic
def need_answer(*, actor, survey: NeedsSurvey, unit, topic, people, note="") -> NeedAnswer:
    if survey.deadline < today():
        raise ValidationError(_("Khảo sát đã hết hạn trả lời (%(d)s).") % {"d": survey.deadline.strftime("%d/%m/%Y")})
    if not unit.path.startswith(survey.organiser.path) or unit.pk == survey.organiser_id:
        raise ValidationError({"unit": _("Đơn vị này không thuộc phạm vi khảo sát.")})
    answer = NeedAnswer.objects.create(
        survey=survey,
        unit=unit,
        topic=topic,
        people=people,
        note=note,
        answered_by=actor if getattr(actor, "pk", None) else None,
    )
    audit.record(actor=actor, action="training.need_answer", obj=answer, unit=unit)
    return answer
