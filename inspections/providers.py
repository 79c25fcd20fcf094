"""Indicator providers (reports.providers): the inspection figures a report-form cell takes, for
any units — a school, a centre, a commune, the office — over a date range (the visit's date):

- inspections.visits: visits performed of units of the subtree;
- inspections.recommendations: recommendations written to units of the subtree;
- inspections.recommendations_closed: of those, the ones the office has closed.

One query each whatever the number of units.
"""

import datetime

from django.db.models import Count

from reports.providers import register_provider, roll_up, subtree_q

from .models import Inspection, Recommendation, RecStatus, Status

SOURCE = "Kế hoạch và biên bản kiểm tra (phân hệ Kiểm tra)"


def visits_done(units, start: datetime.date, end: datetime.date) -> dict:
    units = list(units.only("id", "path"))
    rows = (
        Inspection.objects.filter(subtree_q("unit__path", units), status=Status.DONE)
        .filter(done_date__gte=start, done_date__lte=end)
        .order_by()
        .values("unit__path")
        .annotate(n=Count("id"))
    )
    return roll_up(units, {r["unit__path"]: r["n"] for r in rows})


def _recommendations(closed: bool):
    def provider(units, start: datetime.date, end: datetime.date) -> dict:
        units = list(units.only("id", "path"))
        rows = Recommendation.objects.filter(
            subtree_q("inspection__unit__path", units),
            inspection__done_date__gte=start,
            inspection__done_date__lte=end,
        )
        if closed:
            rows = rows.filter(status=RecStatus.CLOSED)
        rows = rows.order_by().values("inspection__unit__path").annotate(n=Count("id"))
        return roll_up(units, {r["inspection__unit__path"]: r["n"] for r in rows})

    return provider


def register() -> None:
    register_provider("inspections.visits", "Số đợt kiểm tra đã thực hiện", visits_done, source=SOURCE)
    register_provider(
        "inspections.recommendations", "Số kiến nghị sau kiểm tra", _recommendations(False), source=SOURCE
    )
    register_provider(
        "inspections.recommendations_closed",
        "Số kiến nghị sau kiểm tra đã khắc phục (đã đóng)",
        _recommendations(True),
        source=SOURCE,
    )
