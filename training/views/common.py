"""Helpers the training views share: the school year from ?nam= and its picker, the entry page."""

from django.shortcuts import render

from units.calendar import current_school_year
from units.text import as_year

PAGE_SIZE = 25


def school_year_label(year: int) -> str:
    return f"{year}–{year + 1}"


def year_of(request) -> int:
    return as_year(request.GET.get("nam")) or current_school_year()


def years_around(year: int) -> list[tuple[int, str]]:
    current = current_school_year()
    years = sorted({*range(current - 3, current + 2), year}, reverse=True)
    return [(y, school_year_label(y)) for y in years]


def form_page(request, form, **extra):
    return render(request, "training/form.html", {"form": form, **extra})
