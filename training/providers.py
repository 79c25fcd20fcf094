"""Indicator providers (reports.providers): the training figures a report-form cell or the annual
report takes, for any units — a school, a commune, the office — over a date range:

- training.courses: courses held that units of the subtree organised, starting in the range;
- training.participants: people of the subtree present at a course held in the range;
- training.participants.<role>: the same, for one participant role (models.ParticipantRole).

Two queries whatever the number of units.
"""

import datetime

from django.db.models import Count

from reports.providers import register_provider, roll_up, subtree_q

from .models import Course, Participant, ParticipantRole, Status

SOURCE = "Sổ tập huấn, bồi dưỡng (phân hệ Tập huấn)"


def courses_held(units, start: datetime.date, end: datetime.date) -> dict:
    units = list(units.only("id", "path"))
    rows = (
        Course.objects.filter(subtree_q("organiser__path", units), status=Status.HELD)
        .filter(start_date__gte=start, start_date__lte=end)
        .order_by()
        .values("organiser__path")
        .annotate(n=Count("id"))
    )
    return roll_up(units, {r["organiser__path"]: r["n"] for r in rows})


def _participants(role: str | None = None):
    def provider(units, start: datetime.date, end: datetime.date) -> dict:
        units = list(units.only("id", "path"))
        rows = Participant.objects.filter(
            subtree_q("unit__path", units),
            attended=True,
            course__status=Status.HELD,
            course__start_date__gte=start,
            course__start_date__lte=end,
        )
        if role:
            rows = rows.filter(role=role)
        rows = rows.order_by().values("unit__path").annotate(n=Count("id"))
        return roll_up(units, {r["unit__path"]: r["n"] for r in rows})

    return provider


def register() -> None:
    register_provider("training.courses", "Số lớp tập huấn, bồi dưỡng đã tổ chức", courses_held, source=SOURCE)
    register_provider("training.participants", "Lượt người được tập huấn, bồi dưỡng", _participants(), source=SOURCE)
    for role, label in ParticipantRole.choices:
        register_provider(
            f"training.participants.{role}",
            f"Được tập huấn: {label}",
            _participants(role),
            source=SOURCE,
        )


ROLE_KEYS = [f"training.participants.{role}" for role in ParticipantRole.values]
