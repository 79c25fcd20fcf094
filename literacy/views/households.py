"""Households and people of a round, possible duplicates and relapses."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from units.concurrency import StaleEdit, answer_stale
from units.forms import apply_errors
from units.text import as_id

from .. import access, selectors, services
from ..forms import (
    HouseholdForm,
    PersonForm,
)
from ..models import SurveyRound
from .common import _page


def household_list(request, pk):
    survey_round = access.get_round_for_user(request.user, pk)
    query = request.GET.get("q", "").strip()
    hamlet = None
    if hamlet_id := as_id(request.GET.get("thon")):
        # Only a hamlet of this round the user may read (their scope, or assigned to their school or
        # centre): any other id is 404, never another office's hamlet name (pen test, issue 12).
        hamlet = get_object_or_404(selectors.readable_hamlets(request.user, survey_round), pk=hamlet_id)
    households = selectors.household_list(request.user, survey_round, hamlet=hamlet, query=query)
    page = _page(request, households)
    return render(
        request,
        "literacy/household_list.html",
        {
            "round": survey_round,
            "page_obj": page,
            "households": selectors.with_member_counts(page.object_list),
            "query": query,
            "hamlet": hamlet,
            "can_enter": selectors.editable_hamlets(request.user, survey_round).exists(),
        },
    )


def household_create(request, pk):
    survey_round = access.get_round_for_user(request.user, pk)
    hamlets = selectors.editable_hamlets(request.user, survey_round)
    if survey_round.status != SurveyRound.Status.OPEN or not hamlets.exists():
        raise PermissionDenied
    form = HouseholdForm(request.POST or None, hamlets=hamlets)
    if request.method == "POST" and form.is_valid():
        data = form.model_data()
        hamlet = data.pop("hamlet")
        try:
            household = services.household_create(actor=request.user, survey_round=survey_round, hamlet=hamlet, **data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã thêm hộ %(h)s. Hãy nhập các nhân khẩu.") % {"h": household})
            return redirect("literacy:household_detail", pk=household.pk)
    return render(request, "literacy/household_form.html", {"form": form, "round": survey_round})


def household_detail(request, pk):
    household = access.get_household_for_user(request.user, pk)
    return render(
        request,
        "literacy/household_detail.html",
        {
            "household": household,
            "members": selectors.members_of(household),
            "can_edit": selectors.can_edit_household(request.user, household),
        },
    )


def household_edit(request, pk):
    household = access.get_household_for_user(request.user, pk, write=True)
    hamlets = selectors.hamlets_for_household(request.user, household)
    form = HouseholdForm(request.POST or None, instance=household, hamlets=hamlets)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.household_update(
                actor=request.user, household=household, expected_version=form.page_version(), **form.model_data()
            )
        except StaleEdit as exc:
            status = answer_stale(request, form, exc)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu thông tin hộ."))
            return redirect("literacy:household_detail", pk=household.pk)
    return render(
        request,
        "literacy/household_form.html",
        {"form": form, "round": household.round, "household": household},
        status=status,
    )


def person_create(request, pk):
    household = access.get_household_for_user(request.user, pk, write=True)
    form = PersonForm(request.POST or None, initial={"ethnicity": "01"})
    if request.method == "POST" and form.is_valid():
        try:
            services.person_create(actor=request.user, household=household, **form.model_data())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã thêm nhân khẩu."))
            if "another" in request.POST:
                return redirect("literacy:person_create", pk=household.pk)
            return redirect("literacy:household_detail", pk=household.pk)
    return render(request, "literacy/person_form.html", {"form": form, "household": household})


def person_edit(request, pk):
    person = access.get_person_for_user(request.user, pk, write=True)
    form = PersonForm(request.POST or None, instance=person)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(
                actor=request.user, person=person, expected_version=form.page_version(), **form.model_data()
            )
        except StaleEdit as exc:
            status = answer_stale(request, form, exc)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu nhân khẩu."))
            return redirect("literacy:household_detail", pk=person.household_id)
    return render(
        request,
        "literacy/person_form.html",
        {
            "form": form,
            "household": person.household,
            "person": person,
            "previous_level": selectors.previous_level(person),
        },
        status=status,
    )


def duplicates(request, pk):
    survey_round = access.get_round_for_user(request.user, pk)
    page = _page(request, selectors.duplicate_groups(request.user, survey_round), 20)
    groups = list(page.object_list)
    members = selectors.duplicate_members(request.user, survey_round, groups)
    for group in groups:
        group["persons"] = members.get((group["commune_id"], group["name_folded"], group["birth_year"]), [])
    return render(request, "literacy/duplicates.html", {"round": survey_round, "page_obj": page, "groups": groups})


@require_POST
def duplicate_resolve(request, pk):
    person = access.get_person_for_user(request.user, pk, write=True)
    round_pk = person.round_id
    try:
        services.duplicate_resolve(actor=request.user, person=person, action=request.POST.get("action", ""))
        messages.success(request, _("Đã xử lý bản ghi nghi trùng."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("literacy:duplicates", pk=round_pk)


def relapses(request, pk):
    survey_round = access.get_round_for_user(request.user, pk)
    page = _page(request, selectors.relapses(request.user, survey_round))
    return render(
        request, "literacy/relapses.html", {"round": survey_round, "page_obj": page, "persons": page.object_list}
    )
