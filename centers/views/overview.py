"""Landing pages: the office's table of centres (and its Excel), a centre's dashboard, and the
numbers the yearly activity report takes from the records."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents.xlsx import table_to_xlsx, xlsx_response
from units.models import today
from units.selectors import is_office_user

from .. import access, permissions, selectors
from ..exports import overview_table
from ..models import school_year_label, school_year_range
from ..report import report_sections
from .common import PAGE_SIZE, _centre_context, _chart, _year, _years_around


def index(request):
    """TTHTCĐ: a director or staff member lands on their centre; an office on all its centres."""
    own = permissions.own_centres(request.user)
    if len(own) == 1 and not is_office_user(request.user):
        return _dashboard(request, own[0])
    return _overview(request)


def _overview(request):
    year = _year(request)
    centres = selectors.centre_list(request.user)
    page = Paginator(centres, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = selectors.overview_rows(list(page.object_list), year)
    inactive = selectors.inactive_centres(selectors.centre_list(request.user))
    start, end = school_year_range(year)
    context = {
        "year": year,
        "year_label": school_year_label(year),
        "years": _years_around(year),
        "page_obj": page,
        "rows": rows,
        "totals": selectors.overview_totals(centres, year),
        "centre_count": page.paginator.count,
        "inactive": inactive[:12],
        "inactive_count": inactive.count(),
        "inactive_days": selectors.INACTIVE_DAYS,
        "by_field": _chart(selectors.activities_by_field(centres.values("pk"), start, end)),
        "is_office": is_office_user(request.user),
    }
    return render(request, "centers/overview.html", context)


@require_POST
def overview_xlsx(request):
    """Excel of the office's centre table (POST: a file download, not a page; the matrix's page
    checks read every GET as text)."""
    year = _year(request)
    rows = selectors.overview_rows(list(selectors.centre_list(request.user)), year)
    data = table_to_xlsx(overview_table(rows, year), heading_lines=[_("Trung tâm học tập cộng đồng")])
    return xlsx_response(data, f"TTHTCD-{school_year_label(year)}.xlsx")


def centre(request, pk):
    return _dashboard(request, access.get_centre_for_user(request.user, pk))


def _dashboard(request, centre):
    year = _year(request)
    start, end = school_year_range(year)
    stats = selectors.activity_stats([centre.pk], start, end).get(centre.pk, {})
    money = selectors.funding_stats([centre.pk], start, end).get(centre.pk, {})
    last = selectors.last_activity_dates([centre.pk]).get(centre.pk)
    context = _centre_context(
        request,
        centre,
        year=year,
        year_label=school_year_label(year),
        years=_years_around(year),
        stats=stats,
        money=money,
        last_activity=last,
        inactive=last is None or (today() - last).days > selectors.INACTIVE_DAYS,
        inactive_days=selectors.INACTIVE_DAYS,
        recent=selectors.activity_list(centre)[:6],
        by_field=_chart(selectors.activities_by_field([centre.pk], start, end)),
        assessment=selectors.self_assessment_of(centre, year),
    )
    return render(request, "centers/dashboard.html", context)


def report(request, pk):
    """The numbers the yearly activity report (due 20 May) takes from the records, as the
    reports module will pre-fill them: every figure from a registered indicator provider."""
    centre = access.get_centre_for_user(request.user, pk)
    year = _year(request)
    start, end = school_year_range(year)
    sections = report_sections(centre, year)
    return render(
        request,
        "centers/report.html",
        _centre_context(
            request,
            centre,
            year=year,
            year_label=school_year_label(year),
            years=_years_around(year),
            sections=sections,
            start=start,
            end=end,
        ),
    )


def report_document(request, pk):
    """The yearly activity report as the centre's báo cáo: preview, ?pdf=1, ?docx=1 (issue 15)."""
    from django.urls import reverse

    from documents import official_document_response
    from documents.docx import docx_response, official_docx

    from ..documents import yearly_report_document

    centre = access.get_centre_for_user(request.user, pk)
    year = _year(request)
    doc = yearly_report_document(centre, year)
    name = _("Báo cáo hoạt động TTHTCĐ %(c)s %(y)s") % {"c": centre.full_name, "y": school_year_label(year)}
    if request.GET.get("docx"):
        return docx_response(official_docx(doc), f"{name}.docx")
    return official_document_response(
        request,
        "documents/official.html",
        {"doc": doc},
        filename=f"{name}.pdf",
        back_url=f"{reverse('centers:report', args=[centre.pk])}?nam={year}",
        docx_url=f"?nam={year}&docx=1",
    )
