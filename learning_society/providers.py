"""Numbers the learning society offers to reports (reports.providers): counts per unit and date
range, each in a fixed number of queries whatever the number of units."""

import datetime
from collections import defaultdict

from django.db.models import QuerySet, Sum

from reports.providers import register_provider

from .models import KeptCount, Title


def _roll_up(units: QuerySet, rows) -> dict[int, int]:
    """Counts by subject area path → counts for each unit of `units` over its subtree: each path
    adds to every unit on it (a path is the chain of unit ids), so the work follows the paths, not
    units × paths."""
    by_unit = defaultdict(int)
    for path, n in rows:
        for part in path.strip("/").split("/"):
            if part:
                by_unit[int(part)] += n
    return {unit.pk: by_unit.get(unit.pk, 0) for unit in units.only("pk", "path")}


def _years(start: datetime.date, end: datetime.date) -> list[int]:
    return list(range(start.year, end.year + 1))


# Read from the kept cells (learning_society.counts): a few cells per hamlet, not every family.
def _registered(title):
    def provider(units, start, end):
        rows = (
            KeptCount.objects.filter(measure=KeptCount.Measure.REGISTERED, title=title, year__in=_years(start, end))
            .values_list("area__path")
            .annotate(n=Sum("n"))
            .order_by()
        )
        return _roll_up(units, rows)

    return provider


def _recognised(title, level=None):
    def provider(units, start, end):
        rows = KeptCount.objects.filter(measure=KeptCount.Measure.DECIDED, title=title, day__gte=start, day__lte=end)
        if level is not None:
            rows = rows.filter(level=level)
        return _roll_up(units, rows.values_list("area__path").annotate(n=Sum("n")).order_by())

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
