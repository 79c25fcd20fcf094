"""Helpers every centre view shares: the school year from ?nam=, the year picker, the centre
page context and the one-column entry page (`_form_page`)."""

from django.shortcuts import render

from units.models import today
from units.text import as_year

from .. import permissions
from ..models import school_year_label, school_year_of

PAGE_SIZE = 25


def _year(request) -> int:
    return as_year(request.GET.get("nam")) or school_year_of(today())


def _years_around(year: int) -> list[tuple[int, str]]:
    current = school_year_of(today())
    years = sorted({*range(current - 3, current + 1), year}, reverse=True)
    return [(y, school_year_label(y)) for y in years]


def _centre_context(request, centre, **extra) -> dict:
    user = request.user
    return {
        "centre": centre,
        "can_log": permissions.can_log(user, centre),
        "can_manage": permissions.can_manage(user, centre),
        "can_rate": permissions.can_rate(user, centre),
        **extra,
    }


def _form_page(request, centre, form, **extra):
    """The one-column entry page (centers/form.html) every create/edit view of a centre shares."""
    return render(request, "centers/form.html", _centre_context(request, centre, form=form, **extra))


def _chart(rows: list[dict]) -> list[dict]:
    """Bars for the inline SVG chart: widths as percentages of the largest value."""
    top = max((r["activities"] for r in rows), default=0) or 1
    return [{**r, "pct": round(100 * r["activities"] / top, 1)} for r in rows]
