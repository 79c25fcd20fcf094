"""Funding: receipts and spending of a centre by school year."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from units.forms import apply_errors
from units.models import today

from .. import access, funding_rule, selectors, services
from ..forms import FundingForm
from ..models import school_year_label, school_year_of, school_year_range
from .common import PAGE_SIZE, _centre_context, _form_page, _year, _years_around


def funding(request, pk):
    centre = access.get_centre_for_user(request.user, pk)
    year = _year(request)
    start, end = school_year_range(year)
    page = Paginator(selectors.funding_of(centre, year), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "centers/funding.html",
        _centre_context(
            request,
            centre,
            year=year,
            year_label=school_year_label(year),
            years=_years_around(year),
            page_obj=page,
            entries=page.object_list,
            summary=selectors.funding_summary([centre.pk], start, end),
            budget_warning=funding_rule.state_budget_warning(centre, start, end),
        ),
    )


def funding_add(request, pk):
    centre = access.get_centre_for_user(request.user, pk, need="log")
    form = FundingForm(request.POST or None, initial={"date": today(), "kind": request.GET.get("loai", "receipt")})
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.funding_create(actor=request.user, centre=centre, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã ghi khoản %(kind)s.") % {"kind": entry.get_kind_display().lower()})
            return redirect(f"{reverse('centers:funding', args=[centre.pk])}?nam={school_year_of(entry.date)}")
    return _form_page(
        request, centre, form, title=_("Ghi khoản thu, chi"), back=reverse("centers:funding", args=[centre.pk])
    )


@require_POST
def funding_delete(request, pk):
    entry = access.get_funding_for_user(request.user, pk, write=True)
    services.funding_delete(actor=request.user, entry=entry)
    messages.success(request, _("Đã xóa khoản thu, chi."))
    return redirect(f"{reverse('centers:funding', args=[entry.centre_id])}?nam={school_year_of(entry.date)}")
