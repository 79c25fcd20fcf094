"""What a unit sees of its people's training, and the office's year against its plan."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render

from units.calendar import school_years_around
from units.selectors import is_office_user

from .. import access, selectors
from .common import PAGE_SIZE, school_year_label, year_of


def unit(request, pk):
    unit = access.get_unit_for_user(request.user, pk)
    page = Paginator(selectors.trained_in(unit), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "training/unit.html",
        {"unit": unit, "page_obj": page, "rows": page.object_list, "counts": selectors.trained_counts(unit)},
    )


def summary(request):
    if not is_office_user(request.user):
        raise PermissionDenied
    root = selectors.summary_root(request.user)
    year = year_of(request)
    return render(
        request,
        "training/summary.html",
        {
            "root": root,
            "year": year,
            "year_label": school_year_label(year),
            "years": school_years_around(year),
            "s": selectors.year_summary(root, year) if root else None,
        },
    )
