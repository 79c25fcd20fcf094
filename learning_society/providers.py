"""Numbers the learning society offers to reports (reports.providers): counts per unit and date
range, each in a fixed number of queries whatever the number of units."""

import datetime
from collections import defaultdict

from django.db.models import Count, QuerySet

from reports.providers import register_provider

from .models import Assessment, Registration, Title


def _roll_up(units: QuerySet, rows) -> dict[int, int]:
    """Counts by subject area path → counts for each unit of `units` over its subtree."""
    by_path = defaultdict(int)
    for path, n in rows:
        by_path[path] += n
    result = {}
    for unit in units.only("pk", "path"):
        result[unit.pk] = sum(n for path, n in by_path.items() if path.startswith(unit.path))
    return result


def _years(start: datetime.date, end: datetime.date) -> list[int]:
    return list(range(start.year, end.year + 1))


def _registered(title):
    def provider(units, start, end):
        rows = (
            Registration.objects.filter(subject__title=title, year__in=_years(start, end))
            .values_list("subject__area__path")
            .annotate(n=Count("id"))
            .order_by()
        )
        return _roll_up(units, rows)

    return provider


def _recognised(title, level=None):
    def provider(units, start, end):
        rows = Assessment.objects.filter(
            subject__title=title,
            status=Assessment.Status.RECOGNISED,
            recognised_on__gte=start,
            recognised_on__lte=end,
        )
        if level is not None:
            rows = rows.filter(level=level)
        return _roll_up(units, rows.values_list("subject__area__path").annotate(n=Count("id")).order_by())

    return provider


_PROVIDERS = {}


def register_all() -> None:
    source = "Xây dựng xã hội học tập (đăng ký, quyết định công nhận)"
    for title in Title:
        for key, label, func in (
            (f"learning_society.registered.{title.value}", f"Số đăng ký “{title.label}”", _registered(title.value)),
            (
                f"learning_society.recognised.{title.value}",
                f"Số được công nhận “{title.label}”",
                _recognised(title.value),
            ),
        ):
            func = _PROVIDERS.setdefault(key, func)
            register_provider(key, label, func, source=source)
    for title in (Title.LEARNING_UNIT, Title.COMMUNE_COMMUNITY):
        for level in (1, 2):
            key = f"learning_society.recognised.{title.value}.level{level}"
            func = _PROVIDERS.setdefault(key, _recognised(title.value, level))
            register_provider(key, f"“{title.label}” mức độ {level} được công nhận", func, source=source)
