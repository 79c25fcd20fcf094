"""Sang năm học mới (issue 16): one action rolls an office into a new school year. Every app's
`newyear` hook (units.new_year) shows what it would create; with confirmation they all run in one
transaction, audited as "unit.new_year". Only the officers of the office itself."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from .. import new_year
from ..access import get_unit_for_user
from ..calendar import current_school_year, today
from ..models import Role, UnitKind
from ..selectors import active_memberships


def _is_officer_of(user, office) -> bool:
    return any(m.role == Role.OFFICE_OFFICER and m.unit_id == office.pk for m in active_memberships(user))


def _default_year() -> int:
    # From June the office prepares the school year that starts in September.
    return current_school_year() + (1 if 6 <= today().month <= 8 else 0)


def new_year_page(request, pk):
    office = get_unit_for_user(request.user, pk)
    if office.kind != UnitKind.OFFICE:
        raise Http404
    if not _is_officer_of(request.user, office):
        raise PermissionDenied
    default = _default_year()
    choices = [default - 1, default, default + 1]
    errors = []
    typed = request.POST.get("nam") if request.method == "POST" else request.GET.get("nam")
    to_year = default
    if typed:
        if typed.strip().isdigit() and int(typed) in choices:
            to_year = int(typed)
        else:
            errors.append(_("Năm học “%(v)s” không có trong danh sách; hãy chọn lại.") % {"v": typed[:20]})
    from_year = to_year - 1
    done = None
    if request.method == "POST" and not errors:
        if request.POST.get("confirm") != "on":
            errors.append(_("Hãy đánh dấu ô xác nhận trước khi chuyển sang năm học mới."))
        else:
            try:
                done = new_year.run(actor=request.user, office=office, from_year=from_year, to_year=to_year)
            except ValidationError as error:
                errors.extend(error.messages)
    context = {
        "unit": office,
        "from_year": from_year,
        "to_year": to_year,
        "choices": [(y, f"{y}-{y + 1}") for y in choices],
        "errors": errors,
        "done": done,
        "sections": None if done is not None else new_year.preview(office, from_year, to_year),
    }
    return render(request, "units/new_year.html", context, status=400 if errors else 200)
