"""Helpers the inspection views share: the school year from ?nam= and its picker, the form page,
sending a stored file."""

from django.shortcuts import render

from units.calendar import current_school_year
from units.calendar import school_year_label as school_year_label
from units.text import as_year
from units.uploads import file_response as file_response

PAGE_SIZE = 25


def year_of(request) -> int:
    return as_year(request.GET.get("nam")) or current_school_year()


def form_page(request, form, **extra):
    return render(request, "inspections/form.html", {"form": form, **extra})
