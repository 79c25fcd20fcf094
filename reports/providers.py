"""Indicator providers: domain apps tell `reports` which numbers they can answer.

A provider answers "the value of this indicator for these units over this date range" from the
domain tables, so report cells can be pre-filled and the annual report built without anyone
typing a number twice. Domain apps register theirs in `AppConfig.ready()`; `reports` never
imports a domain app.

    register_provider("literacy.illiterate_15_60", "Người mù chữ 15–60 tuổi", func)

`func(units, start, end)` takes a queryset of units, a start and an end date, and returns
`{unit_id: number}` in a fixed number of queries (one aggregate, not a query per unit).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet

Number = int | Decimal | float
ProviderFunc = Callable[[QuerySet, datetime.date, datetime.date], dict[int, Number]]


@dataclass(frozen=True)
class Provider:
    key: str
    label: str
    func: ProviderFunc
    source: str = ""  # shown to the user: where the number comes from


_registry: dict[str, Provider] = {}


def subtree_q(field: str, units) -> Q:
    """Rows whose `field` (a unit path, e.g. "organiser__path") lies in any of `units`' subtrees."""
    q = Q(pk__in=[])
    for path in {u.path for u in units}:
        q |= Q(**{f"{field}__startswith": path})
    return q


def roll_up(units, per_path: dict) -> dict:
    """{unit id: the sum of the counts of every path inside that unit's subtree} — a provider's answer
    from one grouped query (`per_path`: {unit path: count})."""
    return {u.pk: sum(n for path, n in per_path.items() if path.startswith(u.path)) for u in units}


def register_provider(key: str, label: str, func: ProviderFunc, *, source: str = "") -> None:
    if key in _registry and _registry[key].func is not func:
        raise ValueError(f"Indicator provider {key!r} is registered twice.")
    _registry[key] = Provider(key=key, label=label, func=func, source=source)


def get_provider(key: str) -> Provider | None:
    return _registry.get(key)


def all_providers() -> list[Provider]:
    return sorted(_registry.values(), key=lambda p: p.key)


def provider_choices() -> list[tuple[str, str]]:
    return [(p.key, f"{p.label} ({p.key})") for p in all_providers()]


# Subject sources: one domain app offers lists of things another may assess, without either
# importing the other (e.g. literacy's households become learning_society's families).
# `func(hamlet_unit)` returns [{"ref": "HH-123", "name": "Hộ ông Nguyễn Văn A", "members": 5}, ...].
SubjectFunc = Callable[..., list[dict]]
_subject_sources: dict[str, tuple[str, SubjectFunc]] = {}


def register_subject_source(key: str, label: str, func: SubjectFunc) -> None:
    _subject_sources[key] = (label, func)


def get_subject_source(key: str) -> SubjectFunc | None:
    entry = _subject_sources.get(key)
    return entry[1] if entry else None
