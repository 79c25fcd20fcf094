"""Panels for the home pages (gdtx_portal.views.module_panels): the director's "log today's
session" card and the office's "which centres are silent, which self-assessments wait". A fixed
number of queries each, whatever the number of centres or activities."""

import datetime

from django.db.models import Count, Exists, OuterRef, Q

from units.models import OFFICE_ROLES, Role, UnitKind, today

from .models import Activity, AssessmentStatus, SelfAssessment, school_year_of, school_year_range
from .selectors import INACTIVE_DAYS, activity_stats, centre_list, inactive_centres, last_activity_dates


def panels(request, *, role, unit):
    if unit is None:
        return []
    year = school_year_of(today())
    if role in (Role.CENTRE_DIRECTOR, Role.CENTRE_STAFF) and unit.kind == UnitKind.CENTRE:
        start, end = school_year_range(year)
        last = last_activity_dates([unit.pk]).get(unit.pk)
        return [
            {
                "template": "centers/_home_centre_panel.html",
                "col": "col-12",
                "centre": unit,
                "stats": activity_stats([unit.pk], start, end).get(unit.pk, {}),
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
        counts = centres.aggregate(
            total=Count("id"),
            silent=Count("id", filter=~Q(Exists(recent))),
            waiting=Count("id", filter=Q(Exists(submitted))),
        )
        return [
            {
                "template": "centers/_home_office_panel.html",
                "centre_count": counts["total"],
                "silent": list(inactive_centres(centres)[:5]),
                "silent_count": counts["silent"],
                "inactive_days": INACTIVE_DAYS,
                "waiting": counts["waiting"],
            }
        ]
    return []
