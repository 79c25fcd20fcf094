"""Planning a school year: the learning-needs survey of the people, and the year plan that
draws on it and on last year's activity figures."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from units.forms import apply_errors
from units.models import today

from .. import access, selectors, services
from ..forms import NeedForm, PlanForm
from ..models import YearPlan, school_year_label, school_year_of, school_year_range
from .common import PAGE_SIZE, _centre_context, _form_page, _year, _years_around


def needs(request, pk):
    centre = access.get_centre_for_user(request.user, pk)
    year = _year(request)
    page = Paginator(selectors.needs_of(centre, year), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "centers/needs.html",
        _centre_context(
            request,
            centre,
            year=year,
            year_label=school_year_label(year),
            next_year_label=school_year_label(year + 1),
            years=_years_around(year),
            page_obj=page,
            needs=page.object_list,
            by_field=selectors.needs_by_field(centre, year),
        ),
    )


def need_add(request, pk):
    centre = access.get_centre_for_user(request.user, pk, need="log")
    form = NeedForm(request.POST or None, initial={"surveyed_on": today()})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["school_year"] = school_year_of(data["surveyed_on"])
        try:
            services.need_create(actor=request.user, centre=centre, **data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã ghi nhu cầu học tập."))
            if "again" in request.POST:
                return redirect("centers:need_add", centre.pk)
            return redirect(f"{reverse('centers:needs', args=[centre.pk])}?nam={data['school_year']}")
    return _form_page(
        request,
        centre,
        form,
        title=_("Ghi kết quả khảo sát nhu cầu học tập"),
        help=_(
            "Mỗi dòng là một nội dung người dân muốn học, theo lĩnh vực và đối tượng; "
            "kết quả được dùng khi lập kế hoạch năm sau."
        ),
        back=reverse("centers:needs", args=[centre.pk]),
        again=True,
    )


@require_POST
def need_delete(request, pk):
    need = access.get_need_for_user(request.user, pk, write=True)
    services.need_delete(actor=request.user, need=need)
    messages.success(request, _("Đã xóa dòng khảo sát."))
    return redirect(f"{reverse('centers:needs', args=[need.centre_id])}?nam={need.school_year}")


def plan(request, pk):
    centre = access.get_centre_for_user(request.user, pk)
    year = _year(request)
    start, end = school_year_range(year - 1)
    return render(
        request,
        "centers/plan.html",
        _centre_context(
            request,
            centre,
            year=year,
            year_label=school_year_label(year),
            years=_years_around(year + 1),
            plan=selectors.plan_of(centre, year),
            needs=selectors.needs_by_field(centre, year - 1),
            previous_year_label=school_year_label(year - 1),
            previous=selectors.activity_stats([centre.pk], start, end).get(centre.pk, {}),
        ),
    )


def plan_edit(request, pk):
    centre = access.get_centre_for_user(request.user, pk, need="manage")
    year = _year(request)
    instance = selectors.plan_of(centre, year) or YearPlan(centre=centre, school_year=year)
    form = PlanForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_save(actor=request.user, centre=centre, school_year=year, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã lưu kế hoạch năm học %(y)s.") % {"y": school_year_label(year)})
            return redirect(f"{reverse('centers:plan', args=[centre.pk])}?nam={year}")
    return _form_page(
        request,
        centre,
        form,
        title=_("Kế hoạch năm học %(y)s") % {"y": school_year_label(year)},
        back=f"{reverse('centers:plan', args=[centre.pk])}?nam={year}",
    )
