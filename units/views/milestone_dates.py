"""The office's own dates for the yearly milestones that no legal text fixes (issue 14): the dates
with a source are shown with their citation and cannot be changed."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ..access import get_unit_for_user
from ..milestones import CALENDAR, milestone_dates_save, office_dates
from ..models import UnitKind


def _parse(text: str) -> tuple[int, int] | None:
    parts = (text or "").replace("-", "/").replace(".", "/").strip().split("/")
    if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
        return None
    return int(parts[1]), int(parts[0])  # (month, day) from "dd/mm"


def milestone_dates(request, pk):
    office = get_unit_for_user(request.user, pk, write=True)
    if office.kind not in (UnitKind.OFFICE, UnitKind.COMMUNE):
        raise Http404
    dates = office_dates(office)
    errors = []
    if request.method == "POST":
        values = {}
        for milestone in CALENDAR:
            if not milestone.key or milestone.has_source:
                continue
            typed = request.POST.get(f"date-{milestone.key}", "")
            parsed = _parse(typed)
            if parsed is None:
                errors.append(_("Mốc “%(t)s”: ghi ngày dạng dd/mm, ví dụ 20/05.") % {"t": milestone.title})
                continue
            values[milestone.key] = (*parsed, request.POST.get(f"on-{milestone.key}") == "on")
        if not errors:
            try:
                changed = milestone_dates_save(actor=request.user, office=office, values=values)
            except ValidationError as error:
                errors = error.messages
            else:
                messages.success(request, _("Đã lưu %(n)d mốc thời gian.") % {"n": changed})
                return redirect("units:milestones", office.pk)
    rows = []
    for milestone in CALENDAR:
        setting = dates.get(milestone.key)
        typed = request.POST.get(f"date-{milestone.key}") if request.method == "POST" else None
        rows.append(
            {
                "milestone": milestone,
                "editable": bool(milestone.key) and not milestone.has_source,
                "date": typed
                or (
                    f"{setting.day:02d}/{setting.month:02d}"
                    if setting
                    else f"{milestone.day:02d}/{milestone.month:02d}"
                ),
                "enabled": setting.enabled if setting else True,
            }
        )
    return render(
        request,
        "units/milestone_dates.html",
        {"unit": office, "rows": rows, "errors": errors},
        status=400 if errors else 200,
    )
