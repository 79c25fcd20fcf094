"""People and their roles: list, create, view, edit, set a password, give and end roles.
A person may hold roles on several units; officers manage those whose roles lie in their subtree."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import services
from ..access import get_membership_for_user, get_person_for_user, get_unit_for_user
from ..forms import (
    MembershipEndForm,
    MembershipForm,
    PeopleFilterForm,
    PersonCreateForm,
    PersonEditForm,
    PersonPasswordForm,
    apply_errors,
)
from ..selectors import (
    can_manage_person,
    can_manage_unit,
    manage_roots,
    people_for_roles,
    person_list_page,
    person_memberships,
    units_for_roles,
)
from ..text import as_id
from .common import paginate, parse_pk, render_partial_or_page, require_manager, require_office


def people(request):
    user = request.user
    unit = get_unit_for_user(user, parse_pk(request.GET["unit"])) if request.GET.get("unit") else None
    require_office(user)
    form = PeopleFilterForm(request.GET or None)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    page_obj = paginate(request, person_list_page(user, query=data.get("q", ""), role=data.get("role", ""), unit=unit))
    context = {
        "form": form,
        "page_obj": page_obj,
        "unit": unit,
        "searching": bool(data.get("q") or data.get("role") or unit),
        "can_manage": user.is_superuser or bool(manage_roots(user)),
    }
    return render_partial_or_page(request, "units/_people_results.html", "units/people.html", context)


def person_create(request):
    user = request.user
    require_manager(user)
    units = units_for_roles(user)
    initial = {}
    if unit_id := as_id(request.GET.get("unit")):
        initial["unit"] = units.filter(pk=unit_id).first()
    form = PersonCreateForm(request.POST or None, units=units, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["password"] = data.pop("password1")
        data.pop("password2")
        try:
            person = services.person_create(actor=user, **data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Đã tạo tài khoản %(username)s cho %(name)s.") % {"username": person.username, "name": person},
            )
            return redirect("units:person_detail", person.pk)
    return render(request, "units/person_form.html", {"form": form, "person": None})


def person_detail(request, pk):
    user = request.user
    person = get_person_for_user(user, pk)
    require_office(user)
    memberships = list(person_memberships(user, person))
    for membership in memberships:
        membership.can_end = membership.is_active and can_manage_unit(user, membership.unit)
    context = {
        "person": person,
        "current_roles": [m for m in memberships if m.is_active],
        "past_roles": [m for m in memberships if not m.is_active],
        "can_manage": can_manage_person(user, person),
        "can_add_role": user.is_superuser or bool(manage_roots(user)),
    }
    return render(request, "units/person_detail.html", context)


def person_edit(request, pk):
    user = request.user
    person = get_person_for_user(user, pk, write=True)
    initial = {name: getattr(person, name) for name in PersonEditForm.base_fields}
    form = PersonEditForm(request.POST or None, person=person, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_update(actor=user, person=person, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã lưu thông tin của %(name)s.") % {"name": person})
            return redirect("units:person_detail", person.pk)
    return render(request, "units/person_form.html", {"form": form, "person": person})


def person_password(request, pk):
    user = request.user
    person = get_person_for_user(user, pk, write=True)
    form = PersonPasswordForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        services.person_set_password(actor=user, person=person, password=form.cleaned_data["password1"])
        messages.success(
            request,
            _("Đã đặt mật khẩu mới cho %(name)s. Hãy báo mật khẩu cho người dùng qua kênh an toàn.") % {"name": person},
        )
        return redirect("units:person_detail", person.pk)
    return render(request, "units/person_password.html", {"form": form, "person": person})


def membership_add(request, person=None, unit=None):
    """Giao vai trò, from a person's page or a unit's page (that side is then fixed): the role must
    fit the unit's kind (services._check_role) and the unit must lie in the officer's subtree."""
    user = request.user
    person = get_person_for_user(user, person) if person is not None else None
    unit = get_unit_for_user(user, unit) if unit is not None else None
    require_manager(user)
    if unit is not None and not can_manage_unit(user, unit):
        raise PermissionDenied
    form = MembershipForm(
        request.POST or None, people=people_for_roles(user), units=units_for_roles(user), person=person, unit=unit
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            membership = services.membership_create(
                actor=user,
                user=person or data["person"],
                unit=unit or data["unit"],
                role=data["role"],
                valid_from=data["valid_from"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Đã giao vai trò %(role)s tại %(unit)s cho %(name)s.")
                % {"role": membership.get_role_display(), "unit": membership.unit.full_name, "name": membership.user},
            )
            if unit is not None:
                return redirect("units:detail", unit.pk)
            return redirect("units:person_detail", membership.user_id)
    return render(request, "units/membership_form.html", {"form": form, "person": person, "unit": unit})


def membership_end(request, pk):
    """Kết thúc vai trò, after a confirmation page with the last day it holds."""
    user = request.user
    membership = get_membership_for_user(user, pk, write=True)
    form = MembershipEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_end(actor=user, membership=membership, valid_to=form.cleaned_data["valid_to"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s thôi giữ vai trò %(role)s tại %(unit)s sau ngày %(date)s.")
                % {
                    "name": membership.user,
                    "role": membership.get_role_display(),
                    "unit": membership.unit.full_name,
                    "date": form.cleaned_data["valid_to"].strftime("%d/%m/%Y"),
                },
            )
            return redirect("units:person_detail", membership.user_id)
    return render(request, "units/membership_end.html", {"membership": membership, "form": form})
