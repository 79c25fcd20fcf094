"""Survey rounds (đợt điều tra) and who surveys which hamlet."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jobs.responses import export_or_job
from units.forms import apply_errors
from units.selectors import is_office_user

from .. import access, selectors, services
from ..forms import (
    AssignmentForm,
    RoundForm,
)
from ..models import SurveyRound
from ..survey_form import DIRECT_HOUSEHOLDS, survey_form_for
from ..survey_form import KIND as SURVEY_FORM_KIND
from .common import _page


def round_create(request):
    offices = selectors.offices_managed_by(request.user)
    if not offices.exists():
        raise PermissionDenied
    form = RoundForm(request.POST or None, offices=offices, initial={"office": offices.first()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            survey_round = services.round_create(
                actor=request.user,
                office=data["office"],
                year=data["year"],
                number=data["number"],
                reference_date=data["reference_date"],
                carry_over=data["carry_over"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã mở %(r)s.") % {"r": survey_round})
            return redirect("literacy:round_detail", pk=survey_round.pk)
    return render(request, "literacy/round_form.html", {"form": form})


def round_detail(request, pk):
    survey_round = access.get_round_for_user(request.user, pk)
    page = _page(request, selectors.round_hamlet_counts(request.user, survey_round))
    can_manage = selectors.can_manage_round(request.user, survey_round)
    assignments = _page(request, selectors.assignments_for(request.user, survey_round), 200)
    return render(
        request,
        "literacy/round_detail.html",
        {
            "round": survey_round,
            "page_obj": page,
            "hamlets": page.object_list,
            "assignments": assignments.object_list,
            "sees_all_assignments": can_manage or is_office_user(request.user),
            "can_manage": can_manage,
            "assignment_form": AssignmentForm(survey_round=survey_round) if can_manage else None,
            "can_enter": selectors.editable_hamlets(request.user, survey_round).exists(),
        },
    )


@require_POST
def round_status(request, pk):
    survey_round = access.get_round_for_user(request.user, pk, write=True)
    status = request.POST.get("status")
    if status not in SurveyRound.Status.values:
        messages.error(request, _("Trạng thái không hợp lệ."))
    else:
        services.round_set_status(actor=request.user, survey_round=survey_round, status=status)
        messages.success(request, _("Đã cập nhật trạng thái đợt điều tra."))
    return redirect("literacy:round_detail", pk=survey_round.pk)


@require_POST
def assignment_add(request, pk):
    survey_round = access.get_round_for_user(request.user, pk, write=True)
    form = AssignmentForm(request.POST, survey_round=survey_round)
    if form.is_valid():
        try:
            services.assignment_set(actor=request.user, survey_round=survey_round, **form.cleaned_data)
            messages.success(request, _("Đã phân công điều tra."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("Hãy chọn thôn và đơn vị điều tra."))
    return redirect("literacy:round_detail", pk=survey_round.pk)


@require_POST
def assignment_delete(request, pk):
    assignment = access.get_assignment_for_user(request.user, pk, write=True)
    round_pk = assignment.round_id
    services.assignment_delete(actor=request.user, assignment=assignment)
    messages.success(request, _("Đã bỏ phân công."))
    return redirect("literacy:round_detail", pk=round_pk)


def survey_form(request, pk, hamlet):
    """Phiếu điều tra of one hamlet as a PDF (literacy.survey_form); a big hamlet through a job."""
    survey_round = access.get_round_for_user(request.user, pk)
    place = get_object_or_404(selectors.readable_hamlets(request.user, survey_round), pk=hamlet)
    form = survey_form_for(survey_round, place)
    return export_or_job(
        request,
        kind=SURVEY_FORM_KIND,
        title=_("Phiếu điều tra hộ gia đình — %(h)s — năm %(y)d") % {"h": place.full_name, "y": survey_round.year},
        params={"survey_round": survey_round.pk, "hamlet": place.pk},
        estimated_rows=form.households.count(),
        unit=place,
        threshold=DIRECT_HOUSEHOLDS,
    )
