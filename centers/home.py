"""Panels for the home pages (gdtx_portal/home/panels.py): the director's "log today's
session" card and the office's "which centres are silent, which self-assessments wait". A fixed
number of queries each, whatever the number of centres or activities. Also the office's headline
figures this app contributes and the chart beside them (gdtx_portal/home/headlines.py)."""

import datetime

from django.db.models import Count, Exists, Max, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from units.calendar import same_day_last_year
from units.models import OFFICE_ROLES, Role, UnitKind, today

from .annual import activities_by_month
from .models import (
    Activity,
    AssessmentStatus,
    SelfAssessment,
    school_year_label,
    school_year_of,
    school_year_range,
)
from .selectors import INACTIVE_DAYS, activity_stats, centre_list, inactive_centres, last_activity_dates

# The office home's headline figures from this app: indicator key (centers/providers.py), icon, tint.
HEADLINES = [
    ("centers.activities", "fa-people-roof", "tint-amber"),
    ("centers.participants", "fa-users", "tint-blue"),
]
# The audit actions of the records they count: a write among them refreshes the kept figures.
HEADLINE_SOURCES = ("centre.",)


def headline_chart(office, start, end) -> str:
    """Beside the office's headline figures: the activities by month, the annual report's chart."""
    _table, chart = activities_by_month(office, start, end)
    return chart


# This school year's headline numbers of a centre, each against the same months of last year.
YEAR_FIGURES = [
    ("activities", _("Hoạt động"), "fa-people-roof", "tint-amber"),
    ("classes", _("Lớp học"), "fa-chalkboard-user", "tint-blue"),
    ("topics", _("Chuyên đề"), "fa-lightbulb", "tint-violet"),
    ("participants", _("Lượt người tham gia"), "fa-users", "tint-teal"),
]


def year_figures(centre, year: int) -> list[dict]:
    """Two queries: the school year so far and the same months of the year before (DOMAIN.md §2)."""
    start, end = school_year_range(year)
    end = min(end, today())
    now = activity_stats([centre.pk], start, end).get(centre.pk, {})
    before = activity_stats([centre.pk], same_day_last_year(start), same_day_last_year(end)).get(centre.pk, {})
    figures = []
    for key, label, icon, tint in YEAR_FIGURES:
        value, earlier = now.get(key) or 0, before.get(key) or 0
        change = round(100 * (value - earlier) / earlier, 1) if earlier else None
        figures.append(
            {"label": label, "value": value, "before": earlier, "change": change, "icon": icon, "tint": tint}
        )
    return figures


def panels(request, *, role, unit):
    if unit is None:
        return []
    year = school_year_of(today())
    if role in (Role.CENTRE_DIRECTOR, Role.CENTRE_STAFF) and unit.kind == UnitKind.CENTRE:
        last = last_activity_dates([unit.pk]).get(unit.pk)
        return [
            {
                "template": "centers/_home_centre_panel.html",
                "col": "col-12",
                "centre": unit,
                "figures": year_figures(unit, year),
                "year_label": school_year_label(year),
                "last_activity": last,
                "inactive": last is None or (today() - last).days > INACTIVE_DAYS,
                "inactive_days": INACTIVE_DAYS,
                "assessment": SelfAssessment.objects.filter(centre=unit, school_year=year - 1).first(),
            }
        ]
    if role in OFFICE_ROLES or request.user.is_superuser:
        # Two queries: the home page has a budget (tests/test_home.py) shared by every module.
        centres = centre_list(request.user)
        cutoff = today() - datetime.timedelta(days=INACTIVE_DAYS)
        recent = Activity.objects.filter(centre=OuterRef("pk"), start_date__gte=cutoff, start_date__lte=today())
        submitted = SelfAssessment.objects.filter(centre=OuterRef("pk"), status=AssessmentStatus.SUBMITTED)
        # The link opens the latest school year holding a self-assessment the office has to score.
        latest_waiting = submitted.order_by("-school_year").values("school_year")[:1]
        counts = centres.aggregate(
            total=Count("id"),
            silent=Count("id", filter=~Q(Exists(recent))),
            waiting=Count("id", filter=Q(Exists(submitted))),
            waiting_year=Max(Subquery(latest_waiting)),
        )
        return [
            {
                "template": "centers/_home_office_panel.html",
                "centre_count": counts["total"],
                "silent": list(inactive_centres(centres)[:5]),
                "silent_count": counts["silent"],
                "inactive_days": INACTIVE_DAYS,
                "waiting": counts["waiting"],
                "waiting_year": counts["waiting_year"],
            }
        ]
    return []
