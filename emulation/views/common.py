"""Helpers the emulation views share: the school year from ?nam= and its picker, the form page,
sending a stored file, the office the user acts for."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from units.calendar import current_school_year
from units.calendar import school_year_label as school_year_label
from units.models import Unit, UnitKind
from units.text import as_year
from units.uploads import file_response as file_response

from .. import permissions

PAGE_SIZE = 25


def year_of(request) -> int:
    return as_year(request.GET.get("nam")) or current_school_year()


def form_page(request, form, **extra):
    return render(request, "emulation/form.html", {"form": form, **extra})


def office_of(user) -> Unit:
    offices = permissions.managing_offices(user)
    if not offices and user.is_superuser:
        offices = list(Unit.objects.filter(kind=UnitKind.OFFICE).order_by("path")[:1])
    if not offices:
        raise PermissionDenied
    return offices[0]
