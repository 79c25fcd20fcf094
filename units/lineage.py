"""The 2025 merger lineage from the national conversion tables (issue 16): for each commune of an
office that carries its official code, which units of the tree it was formed from.

The tables (units.national.predecessors_of) name the communes of before 1 July 2025 with their old
codes and names; a unit of the tree is taken for one of them when it carries that old code, else when
its name is the same (accents and case ignored) and no other unit of the office has that name. Only
units that already existed before the merger day are candidates. Nothing is linked twice.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction

from . import audit, national
from .models import Unit, UnitKind
from .text import fold

# Nghị định 142/2025/NĐ-CP: the new communes exist from 1 July 2025.
MERGER_DAY = datetime.date(2025, 7, 1)


@dataclass
class LineageLink:
    commune: Unit
    found: list[tuple[national.OldDivision, Unit]] = field(default_factory=list)
    missing: list[national.OldDivision] = field(default_factory=list)
    ambiguous: list[tuple[national.OldDivision, list[Unit]]] = field(default_factory=list)
    already: set[int] = field(default_factory=set)

    @property
    def new_links(self) -> list[Unit]:
        return [unit for _old, unit in self.found if unit.pk not in self.already]


def lineage_plan(office: Unit) -> list[LineageLink]:
    """What `lineage_fill` would link, commune by commune, without changing anything."""
    communes = list(
        Unit.objects.subtree_of(office).filter(kind=UnitKind.COMMUNE).prefetch_related("predecessors").order_by("name")
    )
    before = [c for c in communes if c.valid_from < MERGER_DAY]
    by_code: dict[str, list[Unit]] = {}
    by_name: dict[str, list[Unit]] = {}
    for unit in before:
        if unit.official_code:
            by_code.setdefault(unit.official_code, []).append(unit)
        by_name.setdefault(fold(unit.name), []).append(unit)
    plan = []
    for commune in communes:
        olds = national.predecessors_of(commune.official_code) if commune.official_code else ()
        if not olds:
            continue
        link = LineageLink(commune=commune, already={p.pk for p in commune.predecessors.all()})
        for old in olds:
            matches = [u for u in by_code.get(old.code, []) if u.pk != commune.pk]
            if not matches:
                matches = [
                    u
                    for u in by_name.get(fold(old.short_name), [])
                    if u.pk != commune.pk and u.official_code in ("", old.code)
                ]
            if len(matches) == 1:
                link.found.append((old, matches[0]))
            elif matches:
                link.ambiguous.append((old, matches))
            else:
                link.missing.append(old)
        plan.append(link)
    return plan


@transaction.atomic
def lineage_fill(*, actor, office: Unit) -> list[LineageLink]:
    """Add the predecessors the plan finds (never removes one); one audit row per commune changed."""
    plan = lineage_plan(office)
    for link in plan:
        added = link.new_links
        if not added:
            continue
        link.commune.predecessors.add(*added)
        audit.record(
            actor=actor,
            action="unit.predecessors",
            obj=link.commune,
            unit=link.commune,
            changes={"predecessors": ["", ", ".join(u.full_name for u in added)]},
        )
    return plan
