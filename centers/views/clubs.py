"""Clubs of a centre: list, add, edit (closing a club keeps it in the history)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from units.forms import apply_errors

from .. import access, selectors, services
from ..forms import ClubEditForm, ClubForm
from .common import PAGE_SIZE, _centre_context, _form_page


def clubs(request, pk):
    centre = access.get_centre_for_user(request.user, pk)
    page = Paginator(selectors.clubs_of(centre).order_by("closed_on", "name"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request, "centers/clubs.html", _centre_context(request, centre, page_obj=page, clubs=page.object_list)
    )


def club_add(request, pk):
    centre = access.get_centre_for_user(request.user, pk, need="log")
    form = ClubForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            club = services.club_create(actor=request.user, centre=centre, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã thêm câu lạc bộ %(name)s.") % {"name": club.name})
            return redirect("centers:clubs", centre.pk)
    return _form_page(
        request, centre, form, title=_("Thêm câu lạc bộ"), back=reverse("centers:clubs", args=[centre.pk])
    )


def club_edit(request, pk):
    club = access.get_club_for_user(request.user, pk, write=True)
    form = ClubEditForm(request.POST or None, instance=club)
    if request.method == "POST" and form.is_valid():
        try:
            services.club_update(actor=request.user, club=club, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã lưu câu lạc bộ %(name)s.") % {"name": form.cleaned_data["name"]})
            return redirect("centers:clubs", club.centre_id)
    return _form_page(
        request,
        club.centre,
        form,
        title=_("Sửa câu lạc bộ"),
        back=reverse("centers:clubs", args=[club.centre_id]),
    )
