"""Home panels of the reports core (gdtx_portal.views.module_panels): for the office, what needs
attention in the reporting periods, the year's headline figures against last year, and the
activities-by-month chart; for a school or centre, what is due and what was returned.

Figures come from the indicator providers (each a fixed number of queries), so this module
imports no domain app and the page's query count does not grow with the number of units."""

import datetime

from django.db.models import Count, Q
from django.urls import reverse

from units.models import OFFICE_ROLES, Unit, today

from .annual import all_blocks, current_school_year, school_year_dates
from .annual_models import AnnualReport
from .guidance import PLAN_KINDS
from .permissions import FILL_ROLES
from .providers import get_provider
from .report_models import ReportingPeriod, Submission
from .selectors import deadline_label, inbox

INBOX_SHOWN = 6
WAITING = [Submission.Status.DRAFT, Submission.Status.RETURNED]
HEADLINES = [
    ("centers.activities", "fa-people-roof", "tint-amber"),
    ("centers.participants", "fa-users", "tint-blue"),
    ("literacy.learners", "fa-book-open-reader", "tint-red"),
]


def _provider_total(key, office, start, end):
    provider = get_provider(key)
    if provider is None:
        return None
    return provider.func(Unit.objects.filter(pk=office.pk), start, end).get(office.pk) or 0


def headline_figures(office, year: int) -> list[dict]:
    """Each figure for the school year so far and for the same months of last year (DOMAIN.md §2:
    1 Sep – 31 Aug), with its trend."""
    start, end = school_year_dates(year)
    end = min(end, today())
    last_start, last_end = start.replace(year=start.year - 1), end.replace(year=end.year - 1)
    figures = []
    for key, icon, tint in HEADLINES:
        provider = get_provider(key)
        if provider is None:
            continue
        now = _provider_total(key, office, start, end)
        before = _provider_total(key, office, last_start, last_end)
        change = None if not before else round(100 * (now - before) / before, 1)
        figures.append(
            {"label": provider.label, "value": now, "before": before, "change": change, "icon": icon, "tint": tint}
        )
    return figures


def activities_chart(office, year: int):
    """The centres' activities-by-month chart, through the annual report's block registry (the same
    chart the report prints), so reports never imports centers."""
    block = next((b for b in all_blocks() if b.key == "centers.activities_by_month"), None)
    if block is None:
        return ""
    start, end = school_year_dates(year)
    _table, chart = block.build(office, start, end)
    return chart


def _office_panels(request, office):
    day = today()
    year = current_school_year(day)
    periods = ReportingPeriod.objects.filter(owner__path__startswith=office.path)
    waiting = Q(status__in=[Submission.Status.DRAFT, Submission.Status.RETURNED])
    counts = Submission.objects.filter(period__in=periods).aggregate(
        late=Count("id", filter=waiting & Q(period__due_date__lt=day)),
        returned=Count("id", filter=Q(status=Submission.Status.RETURNED)),
        to_review=Count("id", filter=Q(status=Submission.Status.SUBMITTED)),
    )
    closing = list(
        periods.filter(due_date__gte=day, due_date__lte=day + datetime.timedelta(days=7))
        .select_related("form")
        .annotate(
            missing=Count(
                "submissions", filter=Q(submissions__status__in=[Submission.Status.DRAFT, Submission.Status.RETURNED])
            )
        )
        .order_by("due_date")[:5]
    )
    annual = AnnualReport.objects.filter(office=office, school_year=year - 1, status=AnnualReport.Status.DRAFT).first()
    return [
        {
            "template": "home/_attention_reports.html",
            "col": "col-lg-6",
            "counts": counts,
            "closing": closing,
            "annual": annual,
            "annual_year": f"{year - 1}-{year}",
        },
        {
            "template": "home/_headlines.html",
            "col": "col-lg-6",
            "figures": headline_figures(office, year),
            "year_label": f"{year}-{year + 1}",
            "chart": activities_chart(office, year),
        },
    ]


def _unit_panels(request, unit):
    rows = list(inbox(request.user)[:50])
    due = [s for s in rows if s.status in (Submission.Status.DRAFT, Submission.Status.RETURNED)]
    returned = [s for s in rows if s.status == Submission.Status.RETURNED]
    done = [s for s in rows if s.status in (Submission.Status.SUBMITTED, Submission.Status.APPROVED)]
    return [
        {
            "template": "home/_unit_reports.html",
            "col": "col-12",
            "due": [(s, *deadline_label(s)) for s in due[:INBOX_SHOWN]],
            "due_count": len(due),
            "returned_count": len(returned),
            "latest": done[:3],
            "unit": unit,
            "inbox_url": reverse("reports:inbox"),
            "plans": unit.kind in PLAN_KINDS,  # schools and centres answer the year's guidance
        }
    ]


def panels(request, *, role, unit):
    if unit is None:
        return []
    if role in OFFICE_ROLES or request.user.is_superuser:
        return _office_panels(request, unit)
    if role in FILL_ROLES:
        return _unit_panels(request, unit)
    return []
