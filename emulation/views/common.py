"""Helpers the emulation views share: the school year from ?nam= and its picker, the form page,
sending a stored file, the office the user acts for."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from units.calendar import current_school_year
from units.models import Unit, UnitKind
from units.text import as_year

from .. import permissions

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
    return render(request, "emulation/form.html", {"form": form, **extra})


def office_of(user) -> Unit:
    offices = permissions.managing_offices(user)
    if not offices and user.is_superuser:
        offices = list(Unit.objects.filter(kind=UnitKind.OFFICE).order_by("path")[:1])
    if not offices:
        raise PermissionDenied
    return offices[0]


def file_response(field, name: str, content_type: str) -> HttpResponse:
    """Files are at most 10 MB (units.uploads): sent whole, inline, never sniffed by the browser."""
    try:
        with field.open("rb") as handle:
            content = handle.read()
    except (FileNotFoundError, ValueError) as error:
        raise Http404(_("Tệp không còn trên máy chủ.")) from error
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(False, name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
