"""The literacy home page and the office's settings of how the standard is computed."""

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from units.models import UnitKind
from units.selectors import is_office_user, scope_roots, units_editable_by

from .. import access, selectors, services
from ..forms import (
    SettingsForm,
)
from .common import _home_units, _page


def index(request):
    user = request.user
    rounds = _page(request, selectors.rounds_visible_to(user).order_by("-year", "-number"), 10)
    # Both distinct: over the join with enrolments a class counts once per learner. A learner is a
    # person (lineage across rounds), once however many classes they follow (stage 1, then stage 2).
    classes = selectors.classes_visible_to(user).aggregate(
        n=Count("id", distinct=True), learners=Count("enrolments__lineage", distinct=True)
    )
    context = {
        "page_obj": rounds,
        "rounds": rounds.object_list,
        "standard_units": _home_units(user),
        "can_create_round": selectors.offices_managed_by(user).exists(),
        "can_import": bool(selectors.field_unit_ids(user)) or units_editable_by(user).exists(),
        "class_count": classes["n"],
        "learner_count": classes["learners"],
        "recent_imports": list(selectors.imports_visible_to(user).order_by("-created_at")[:5]),
        "settings_offices": [u for u in scope_roots(user) if u.kind == UnitKind.OFFICE] if is_office_user(user) else [],
    }
    return render(request, "literacy/index.html", context)


def settings_edit(request, pk):
    office = access.get_office_for_settings(request.user, pk, write=request.method == "POST")
    conf = selectors.settings_for(office)
    can_edit = selectors.can_manage_office(request.user, office)
    form = SettingsForm(request.POST or None, instance=conf)
    if request.method == "POST" and form.is_valid():
        services.settings_update(actor=request.user, office=office, **form.cleaned_data)
        messages.success(request, _("Đã lưu cách tính chuẩn xóa mù chữ."))
        return redirect("literacy:settings", pk=office.pk)
    if not can_edit:
        for field in form.fields.values():
            field.disabled = True
    return render(request, "literacy/settings.html", {"form": form, "office": office, "can_edit": can_edit})
