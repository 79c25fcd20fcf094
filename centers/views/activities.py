"""Activities of a centre: the filtered list, record one (again and again), view, edit, delete."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from units.forms import apply_errors

from .. import access, selectors, services
from ..forms import ActivityForm
from ..models import ActivityKind, Field, school_year_label
from .common import PAGE_SIZE, _centre_context, _year, _years_around


def activities(request, pk):
    centre = access.get_centre_for_user(request.user, pk)
    year = _year(request)
    kind = request.GET.get("loai", "")
    field = request.GET.get("linh_vuc", "")
    kind = kind if kind in ActivityKind.values else ""
    field = field if field in Field.values else ""
    page = Paginator(selectors.activity_list(centre, year=year, kind=kind, field=field), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "centers/activities.html",
        _centre_context(
            request,
            centre,
            year=year,
            year_label=school_year_label(year),
            years=_years_around(year),
            kind=kind,
            field=field,
            kinds=ActivityKind.choices,
            fields=Field.choices,
            page_obj=page,
            activities=page.object_list,
        ),
    )


def _activity_form_page(request, centre, form, *, title, back, kept=None):
    return render(
        request,
        "centers/activity_form.html",
        _centre_context(
            request,
            centre,
            form=form,
            title=title,
            back=back,
            lecturers=selectors.lecturer_names(centre),
            places=selectors.place_names(centre),
            kept=kept,
        ),
    )


def activity_add(request, pk):
    centre = access.get_centre_for_user(request.user, pk, need="log")
    form = ActivityForm(request.POST or None, centre=centre, initial=selectors.entry_defaults(request.user, centre))
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.activity_create(actor=request.user, centre=centre, **form.service_fields())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Đã ghi “%(title)s” — %(n)d người tham gia.") % {"title": activity.title, "n": activity.participants},
            )
            if "again" in request.POST:
                return redirect("centers:activity_add", centre.pk)
            return redirect("centers:centre", centre.pk)
    kept = None
    if not form.is_bound and form.initial.get("field"):  # what the new entry keeps from the last one, said on the form
        kept = {"kind": ActivityKind(form.initial["kind"]).label, "field": Field(form.initial["field"]).label}
    return _activity_form_page(
        request, centre, form, title=_("Ghi hoạt động"), back=reverse("centers:centre", args=[centre.pk]), kept=kept
    )


def activity_detail(request, pk):
    activity = access.get_activity_for_user(request.user, pk)
    return render(
        request,
        "centers/activity_detail.html",
        _centre_context(
            request,
            activity.centre,
            activity=activity,
            learners=activity.learners.all(),
            resources=activity.resources.order_by("title", "id"),
        ),
    )


def activity_edit(request, pk):
    activity = access.get_activity_for_user(request.user, pk, write=True)
    form = ActivityForm(request.POST or None, instance=activity, centre=activity.centre)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_update(actor=request.user, activity=activity, **form.service_fields())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("centers:activity_detail", activity.pk)
    return _activity_form_page(
        request,
        activity.centre,
        form,
        title=_("Sửa hoạt động"),
        back=reverse("centers:activity_detail", args=[activity.pk]),
    )


@require_POST
def activity_delete(request, pk):
    activity = access.get_activity_for_user(request.user, pk, write=True)
    centre_id = activity.centre_id
    services.activity_delete(actor=request.user, activity=activity)
    messages.success(request, _("Đã xóa hoạt động."))
    return redirect("centers:activities", centre_id)
