"""Class operations (issue 19): attendance per session and dropouts. Services take `actor=` and
leave an audit entry; selectors below compute the attendance rates without growing queries."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from units import audit

from .models import Attendance, ClassSession, Dropout, Enrolment, LiteracyClass


def _check_date(literacy_class: LiteracyClass, date: datetime.date, field: str) -> None:
    if date > timezone.localdate():
        raise ValidationError({field: _("Ngày %(d)s còn ở tương lai.") % {"d": f"{date:%d/%m/%Y}"}})
    if date < literacy_class.start_date:
        raise ValidationError(
            {
                field: _("Ngày %(d)s trước ngày khai giảng của lớp (%(s)s).")
                % {"d": f"{date:%d/%m/%Y}", "s": f"{literacy_class.start_date:%d/%m/%Y}"}
            }
        )


def active_enrolments(literacy_class: LiteracyClass):
    """Learners still in the class on the attendance grid (a dropout leaves the grid)."""
    return literacy_class.enrolments.filter(dropout__isnull=True).select_related("person")


@transaction.atomic
def attendance_save(
    *, actor, literacy_class: LiteracyClass, date: datetime.date, present_ids, topic: str = ""
) -> ClassSession:
    """Save one session's attendance in one go: the learners ticked are present, every other learner
    still in the class is absent. The same date again corrects that session."""
    _check_date(literacy_class, date, "date")
    present = set(present_ids)
    enrolments = list(active_enrolments(literacy_class))
    if present - {e.pk for e in enrolments}:
        # A learner of another class (or another office) ticked: refuse, write nothing.
        raise ValidationError(_("Có học viên được đánh dấu không thuộc lớp này; hãy tải lại trang điểm danh."))
    session, created = ClassSession.objects.get_or_create(
        literacy_class=literacy_class,
        date=date,
        defaults={"topic": topic[:200], "created_by": actor if getattr(actor, "pk", None) else None},
    )
    if not created and topic and session.topic != topic:
        session.topic = topic[:200]
        session.save(update_fields=["topic"])
    existing = {m.enrolment_id: m for m in session.marks.all()}
    new, changed = [], []
    for enrolment in enrolments:
        here = enrolment.pk in present
        mark = existing.get(enrolment.pk)
        if mark is None:
            new.append(Attendance(session=session, enrolment=enrolment, present=here))
        elif mark.present != here:
            mark.present = here
            changed.append(mark)
    Attendance.objects.bulk_create(new)
    Attendance.objects.bulk_update(changed, ["present"])
    n_present = sum(1 for e in enrolments if e.pk in present)
    audit.record(
        actor=actor,
        action="literacy.attendance",
        obj=session,
        unit=literacy_class.run_by,
        changes={"present": ["", f"{n_present}/{len(enrolments)}"]},
    )
    return session


@dataclass
class Rate:
    present: int
    marked: int

    @property
    def percent(self):
        return round(100 * self.present / self.marked, 1) if self.marked else None


def learner_rates(literacy_class: LiteracyClass) -> dict[int, Rate]:
    """enrolment id → attendance rate over the sessions they were marked in (one query)."""
    rows = (
        Attendance.objects.filter(session__literacy_class=literacy_class)
        .values("enrolment_id")
        .annotate(marked=Count("id"), present=Count("id", filter=Q(present=True)))
    )
    return {r["enrolment_id"]: Rate(r["present"], r["marked"]) for r in rows}


def class_rate(literacy_class: LiteracyClass) -> Rate:
    agg = Attendance.objects.filter(session__literacy_class=literacy_class).aggregate(
        marked=Count("id"), present=Count("id", filter=Q(present=True))
    )
    return Rate(agg["present"], agg["marked"])


def dropout_record(*, actor, enrolment: Enrolment, date: datetime.date, reason: str, note: str = "") -> Dropout:
    if Dropout.objects.filter(enrolment=enrolment).exists():
        raise ValidationError(_("Học viên này đã được ghi bỏ học."))
    if reason not in Dropout.Reason.values:
        raise ValidationError({"reason": _("Hãy chọn lý do bỏ học.")})
    _check_date(enrolment.literacy_class, date, "date")
    dropout = Dropout.objects.create(
        enrolment=enrolment,
        date=date,
        reason=reason,
        note=note.strip()[:255],
        recorded_by=actor if getattr(actor, "pk", None) else None,
    )
    audit.record(
        actor=actor,
        action="literacy.dropout",
        obj=enrolment,
        unit=enrolment.literacy_class.run_by,
        changes={"dropout": ["", f"{date:%d/%m/%Y} – {dropout.get_reason_display()}"]},
    )
    return dropout


def dropout_reverse(*, actor, dropout: Dropout) -> None:
    enrolment = dropout.enrolment
    label = f"{dropout.date:%d/%m/%Y} – {dropout.get_reason_display()}"
    dropout.delete()
    audit.record(
        actor=actor,
        action="literacy.dropout_reverse",
        obj=enrolment,
        unit=enrolment.literacy_class.run_by,
        changes={"dropout": [label, ""]},
    )


def sessions_of(literacy_class: LiteracyClass):
    """The class's sessions, newest first, with their present / marked counts (one query a page)."""
    return literacy_class.sessions.annotate(
        marked=Count("marks"), present=Count("marks", filter=Q(marks__present=True))
    ).order_by("-date", "-id")


def dropout_of(enrolment: Enrolment) -> Dropout | None:
    return Dropout.objects.filter(enrolment=enrolment).first()
