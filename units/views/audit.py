"""Nhật ký thao tác: who did what, when, on which unit — for office roles, over their own scope.

Every service leaves an AuditEntry (units/audit.py); this page only reads them. An entry is shown
when its unit lies in the viewer's scope (units_visible_to), so an office never reads another
office's log. Entries without a unit are system-wide and shown to superusers only.
The page runs a fixed number of queries whatever the size of the log (tests/hardening).
"""

from django.shortcuts import render

from ..audit import action_label, change_rows
from ..forms import AuditFilterForm
from ..selectors import audit_entries_visible_to, filter_audit_entries
from .common import paginate, require_office


def audit_list(request):
    user = request.user
    require_office(user)
    scope = audit_entries_visible_to(user)
    actions = sorted(scope.order_by().values_list("action", flat=True).distinct())
    choices = sorted(((a, action_label(a)) for a in actions), key=lambda pair: pair[1])
    form = AuditFilterForm(request.GET or None, actions=choices)
    # A field with an error does not filter; the others still do, and the error is shown.
    data = {}
    if form.is_bound:
        form.is_valid()
        data = {name: value for name, value in form.cleaned_data.items() if name not in form.errors}
    entries = filter_audit_entries(scope, data).select_related("actor", "unit").order_by("-at", "-id")
    page_obj = paginate(request, entries)
    for entry in page_obj.object_list:
        entry.label = action_label(entry.action)
        entry.change_rows = change_rows(entry)
    return render(
        request,
        "units/audit_list.html",
        {"form": form, "page_obj": page_obj, "filtering": any(data.values())},
    )
