"""Helpers the resources views share: the form page, the units a user writes for, sending a file."""

from django.db.models import Q
from django.shortcuts import render

from units.models import Unit, UnitKind
from units.selectors import manage_roots
from units.uploads import file_response as file_response

from .. import permissions

PAGE_SIZE = 25
MODEL_UNIT_KINDS = (
    UnitKind.OFFICE,
    UnitKind.COMMUNE,
    UnitKind.HAMLET,
    UnitKind.SCHOOL,
    UnitKind.CENTRE,
    UnitKind.DISTRICT_CENTRE,
    UnitKind.ASSOCIATION,
)


def form_page(request, form, **extra):
    return render(request, "resources/form.html", {"form": form, **extra})


def own_units(user):
    """The units the user proposes a resource for (their own, by membership)."""
    units = Unit.objects.filter(pk__in=[u.pk for u in permissions.writer_units(user)])
    if not units.exists() and user.is_superuser:
        units = Unit.objects.filter(kind=UnitKind.OFFICE)
    return units.order_by("depth", "name")


def model_units(user):
    """The units the user registers a good model for: their own, and for an office officer every
    unit of their subtree (a clan or a reading club of a commune is often written up by the office)."""
    q = Q(pk__in=[u.pk for u in permissions.writer_units(user)])
    for root in manage_roots(user):
        q |= Q(path__startswith=root.path, kind__in=MODEL_UNIT_KINDS, valid_to__isnull=True)
    if user.is_superuser:
        q = Q(kind__in=MODEL_UNIT_KINDS)
    return Unit.objects.filter(q).order_by("path")
