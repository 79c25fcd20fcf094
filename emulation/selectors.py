"""Reads for emulation, scoped to the user through units.selectors; lists annotate their counts and
totals in SQL so a page runs the same number of queries whatever the number of rows."""

from django.db.models import Count, Q, QuerySet, Sum

from units.models import Unit
from units.selectors import scope_roots, units_visible_to

from .models import Award, Evidence, Movement, Registration


def _ancestor_ids(user) -> set[int]:
    return {int(pk) for root in scope_roots(user) for pk in root.path.strip("/").split("/") if pk}


def movements_visible_to(user) -> QuerySet[Movement]:
    """Movements the user's units launched, or that an office above the user's units launched."""
    return Movement.objects.filter(Q(office__in=units_visible_to(user)) | Q(office_id__in=_ancestor_ids(user)))


def movement_list(user, *, year: int) -> QuerySet[Movement]:
    return (
        movements_visible_to(user)
        .filter(school_year=year)
        .select_related("office")
        .annotate(
            registered=Count("registrations", distinct=True),
            reported=Count("registrations", filter=~Q(registrations__status="registered"), distinct=True),
        )
        .order_by("-start_date", "-id")
    )


def registrations_visible_to(user) -> QuerySet[Registration]:
    """Every registration of a movement the user manages; otherwise their own units' only."""
    visible = units_visible_to(user)
    return Registration.objects.filter(Q(movement__office__in=visible) | Q(unit__in=visible))


def registrations_shown(user, movement: Movement) -> QuerySet[Registration]:
    """The movement's registrations with their totals, for whoever sees the office; only the
    user's own units' otherwise."""
    rows = movement.registrations.select_related("unit").annotate(
        self_total=Sum("entries__self_score"),
        total=Sum("entries__score"),
    )
    if not units_visible_to(user).filter(pk=movement.office_id).exists():
        rows = rows.filter(unit__in=units_visible_to(user))
    return rows.order_by("unit__name", "id")


def ranking(movement: Movement) -> list[Registration]:
    """Registrations by the office's total, highest first (units not scored yet last)."""
    rows = list(
        movement.registrations.select_related("unit").annotate(
            total=Sum("entries__score"), self_total=Sum("entries__self_score")
        )
    )
    rows.sort(key=lambda r: (r.total is None, -(r.total or 0), r.unit.name))
    return rows


def evidence_of(registration: Registration) -> QuerySet[Evidence]:
    return registration.evidence.order_by("uploaded_at", "id")


def awards_of_unit(unit: Unit) -> QuerySet[Award]:
    """The awards issued to the unit or to its people (all years), newest first."""
    return (
        Award.objects.filter(unit=unit, decision__isnull=False)
        .select_related("movement", "decision", "unit")
        .order_by("-decision__signed_on", "recipient", "person_name", "id")
    )


def open_movements_for(unit: Unit, limit: int = 5) -> list[Movement]:
    """Movements of the offices above `unit` still open to register or report that take its kind,
    for its home page (one query; the kinds are filtered here: SQLite has no JSON containment)."""
    ancestors = [int(pk) for pk in unit.path.strip("/").split("/") if pk and int(pk) != unit.pk]
    movements = Movement.objects.filter(
        office_id__in=ancestors, stage__in=["launched", "registration", "reporting"]
    ).order_by("end_date", "id")[:50]
    return [m for m in movements if unit.kind in m.unit_kinds][:limit]
