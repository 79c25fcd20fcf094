"""Giao quyền gửi báo cáo: the head of a school or centre names the staff member who may send the
unit's official report in their place (issue 17). The rule itself lives in units.duties."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import duties, services
from ..access import get_unit_for_user
from ..models import Membership
from ..text import as_id


def _staff(unit):
    return list(
        Membership.objects.active_on()
        .filter(unit=unit, role__in=duties.STAFF_ROLES)
        .select_related("user")
        .order_by("user__full_name", "id")
    )


def submit_delegation(request, pk):
    """GET: the unit's staff and who may send its report. POST: give or take back that right."""
    user = request.user
    unit = get_unit_for_user(user, pk)
    if not (user.is_superuser or duties.heads_unit(user, unit)):
        raise PermissionDenied(_("Chỉ Hiệu trưởng hoặc Giám đốc của đơn vị giao được quyền gửi báo cáo."))
    staff = _staff(unit)
    if request.method == "POST":
        chosen = next((m for m in staff if m.pk == as_id(request.POST.get("membership"))), None)
        if chosen is None:
            raise Http404
        delegated = request.POST.get("delegated") == "1"
        try:
            services.membership_set_submit_delegation(actor=user, membership=chosen, delegated=delegated)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            text = (
                _("Đã giao cho %(name)s quyền gửi báo cáo của %(unit)s.")
                if delegated
                else _("Đã thu hồi quyền gửi báo cáo của %(name)s; %(head)s sẽ gửi báo cáo của %(unit)s.")
            )
            params = {"name": chosen.user.get_full_name(), "unit": unit.full_name, "head": duties.head_title(unit)}
            messages.success(request, text % params)
        return redirect("units:submit_delegation", unit.pk)
    context = {"unit": unit, "staff": staff, "head": duties.head_title(unit)}
    return render(request, "units/submit_delegation.html", context)
