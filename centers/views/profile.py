"""A centre's profile and its people (board, staff, reporters): edit the profile, add a person,
record the day someone left (history is kept)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from units.forms import apply_errors
from units.models import today

from .. import access, selectors, services
from ..forms import PersonEndForm, PersonForm, ProfileForm
from ..models import BOARD_ROLES, CentreProfile, PersonRole
from .common import _centre_context, _form_page


def profile(request, pk):
    centre = access.get_centre_for_user(request.user, pk)
    order = {role: i for i, role in enumerate(PersonRole.values)}
    people = sorted(selectors.people_of(centre), key=lambda p: (order[p.role], p.full_name))
    current = [p for p in people if p.is_current]
    context = _centre_context(
        request,
        centre,
        profile=selectors.profile_of(centre),
        board=[p for p in current if p.role in BOARD_ROLES],
        staff=[p for p in current if p.role not in BOARD_ROLES],
        former=[p for p in people if not p.is_current],
    )
    return render(request, "centers/profile.html", context)


def profile_edit(request, pk):
    centre = access.get_centre_for_user(request.user, pk, need="manage")
    instance = selectors.profile_of(centre) or CentreProfile(centre=centre)
    form = ProfileForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_update(actor=request.user, centre=centre, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã lưu hồ sơ trung tâm."))
            return redirect("centers:profile", centre.pk)
    return _form_page(
        request,
        centre,
        form,
        title=_("Sửa hồ sơ trung tâm"),
        back=reverse("centers:profile", args=[centre.pk]),
    )


def person_add(request, pk):
    centre = access.get_centre_for_user(request.user, pk, need="manage")
    form = PersonForm(request.POST or None, initial={"since": today(), "role": request.GET.get("vai_tro", "")})
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_add(actor=request.user, centre=centre, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã thêm %(name)s.") % {"name": person})
            return redirect("centers:profile", centre.pk)
    return _form_page(
        request,
        centre,
        form,
        title=_("Thêm cán bộ, giáo viên, báo cáo viên"),
        help=_(
            "Khi thay người (ví dụ giám đốc mới), hãy ghi ngày thôi cho người cũ rồi thêm người mới: "
            "lịch sử được giữ lại."
        ),
        back=reverse("centers:profile", args=[centre.pk]),
    )


def person_end(request, pk):
    person = access.get_person_for_user(request.user, pk, write=True)
    form = PersonEndForm(request.POST or None, initial={"until": today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.person_end(
                actor=request.user, person=person, until=form.cleaned_data["until"], reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã ghi ngày thôi của %(name)s.") % {"name": person.full_name})
            return redirect("centers:profile", person.centre_id)
    return _form_page(
        request,
        person.centre,
        form,
        title=_("Ghi ngày thôi: %(name)s") % {"name": person},
        back=reverse("centers:profile", args=[person.centre_id]),
    )
