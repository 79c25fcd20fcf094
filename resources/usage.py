"""Who uses a resource: the apps that link their records to resources (centres' activities) register
a counter here in their AppConfig.ready(), so the resource page says how many records used it
without this shared app knowing those apps (docs/architecture.md: the arrows point down)."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class UsageCounter:
    key: str
    label: str  # "hoạt động của TTHTCĐ"
    count: Callable[[list[int]], dict[int, int]]  # resource ids → {resource id: records using it}


_COUNTERS: dict[str, UsageCounter] = {}


def register_usage(key: str, label, count: Callable[[list[int]], dict[int, int]]) -> None:
    _COUNTERS[key] = UsageCounter(key, label, count)


def usage_of(resource_ids: list[int]) -> dict[int, list[tuple[str, int]]]:
    """{resource id: [(label, n), …]} over every registered counter (one query each)."""
    found: dict[int, list[tuple[str, int]]] = {pk: [] for pk in resource_ids}
    if not resource_ids:
        return found
    for counter in _COUNTERS.values():
        counts = counter.count(list(resource_ids))
        for pk in resource_ids:
            found[pk].append((str(counter.label), counts.get(pk, 0)))
    return found


def total_uses(resource_ids: list[int]) -> dict[int, int]:
    return {pk: sum(n for _label, n in rows) for pk, rows in usage_of(resource_ids).items()}
