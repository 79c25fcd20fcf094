"""Reads for inspections, scoped to the user through units.selectors; lists annotate their counts in
SQL so a page runs the same number of queries whatever the number of visits."""

from django.db.models import Count, Q, QuerySet

from units.calendar import today
from units.models import Unit
from units.selectors import scope_roots, units_visible_to

from .models import Inspection, Recommendation, RecStatus, Status

OPEN = (RecStatus.OPEN, RecStatus.ANSWERED)


def inspections_visible_to(user) -> QuerySet[Inspection]:
    visible = units_visible_to(user)
    return Inspection.objects.filter(Q(office__in=visible) | Q(unit__in=visible))


def inspection_list(user, *, year: int) -> QuerySet[Inspection]:
    return (
        inspections_visible_to(user)
        .filter(school_year=year)
        .select_related("unit", "office")
        .annotate(
            recs=Count("recommendations", distinct=True),
            open_recs=Count("recommendations", filter=Q(recommendations__status__in=OPEN), distinct=True),
        )
        .order_by("planned_date", "id")
    )


def recommendations_visible_to(user) -> QuerySet[Recommendation]:
    return Recommendation.objects.filter(inspection__in=inspections_visible_to(user))


def plan_root(user) -> Unit | None:
    roots = sorted(scope_roots(user), key=lambda u: u.depth)
    if roots:
        return roots[0]
    if user.is_superuser:
        return Unit.objects.filter(parent__isnull=True).order_by("path").first()
    return None


def year_figures(root: Unit, year: int) -> dict:
    """The year's plan against what was done, and the recommendations (two queries)."""
    figures = Inspection.objects.filter(office__path__startswith=root.path, school_year=year).aggregate(
        planned=Count("id"), done=Count("id", filter=Q(status=Status.DONE))
    )
    recs = Recommendation.objects.filter(
        inspection__office__path__startswith=root.path, inspection__school_year=year
    ).aggregate(
        total=Count("id"),
        open=Count("id", filter=Q(status__in=OPEN)),
        overdue=Count("id", filter=Q(status=RecStatus.OPEN, deadline__lt=today())),
        closed=Count("id", filter=Q(status=RecStatus.CLOSED)),
    )
    return {**figures, "recs": recs}


def open_recommendations_of(unit: Unit) -> QuerySet[Recommendation]:
    """The recommendations the unit still has to act on (not closed), earliest deadline first."""
    return (
        Recommendation.objects.filter(inspection__unit=unit, status__in=OPEN)
        .select_related("inspection")
        .order_by("deadline", "id")
    )
