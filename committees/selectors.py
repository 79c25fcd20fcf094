"""Reads of the steering committees, scoped through units.selectors: a committee is seen by whoever
sees its commune. Fixed numbers of queries whatever the number of committees and members."""

import datetime

from django.db.models import Count, Prefetch, Q, QuerySet

from units.models import Unit, today
from units.selectors import units_visible_to

from .models import Committee, Kind, Member

KIND_ORDER = {kind: i for i, kind in enumerate(Kind.values)}


def committees_visible_to(user) -> QuerySet[Committee]:
    return Committee.objects.filter(commune__in=units_visible_to(user))


def committee_list(user) -> QuerySet[Committee]:
    day = today()
    return (
        committees_visible_to(user)
        .select_related("commune")
        .annotate(
            serving=Count(
                "members",
                filter=Q(members__from_date__lte=day) & (Q(members__until__isnull=True) | Q(members__until__gt=day)),
            )
        )
        .order_by("commune__path", "kind")
    )


def serving_q(day: datetime.date) -> Q:
    return Q(from_date__lte=day) & (Q(until__isnull=True) | Q(until__gt=day))


def members_of(committee: Committee, day: datetime.date | None = None) -> tuple[list[Member], list[Member]]:
    """(serving on `day`, the others — past and future — newest change first), one query."""
    day = day or today()
    members = list(committee.members.select_related("replaces").order_by("rank", "from_date", "id"))
    serving = [m for m in members if m.serves_on(day)]
    others = sorted((m for m in members if not m.serves_on(day)), key=lambda m: m.until or m.from_date, reverse=True)
    return serving, others


def commune_committees(commune: Unit, day: datetime.date | None = None) -> list[Committee]:
    """The commune's committees with their members serving on `day` (`c.serving_members`), two queries."""
    day = day or today()
    serving = Member.objects.filter(serving_q(day)).order_by("rank", "from_date", "id")
    committees = Committee.objects.filter(commune=commune).prefetch_related(
        Prefetch("members", queryset=serving, to_attr="serving_members")
    )
    return sorted(committees, key=lambda c: KIND_ORDER.get(c.kind, len(KIND_ORDER)))


def committee_of(commune: Unit, kind: str = Kind.PCGD_XMC, day: datetime.date | None = None) -> Committee | None:
    """One committee of the commune with its members serving on `day` (for the literacy dossier)."""
    return next((c for c in commune_committees(commune, day) if c.kind == kind), None)
