"""Home page panels (gdtx_portal/home/panels.py) of the guidance tasks (issue 18): the office's
tasks past their deadline with units not done ("Cần xử lý"), and a school's or centre's open tasks,
overdue first. A fixed number of queries."""

from django.db.models import Exists, OuterRef

from units.models import OFFICE_ROLES, Role, UnitKind

from .models import AnnualReport
from .services import pending_for_leader
from .tasks import overdue_for_office, tasks_for_unit

UNIT_ROLES = (Role.PRINCIPAL, Role.SCHOOL_STAFF, Role.CENTRE_DIRECTOR, Role.CENTRE_STAFF)
SHOWN = 6


def returned_to_officer(office) -> list[AnnualReport]:
    """Versions the leader returned that no newer version has answered yet."""
    newer = AnnualReport.objects.filter(draft=OuterRef("draft"), version__gt=OuterRef("version"))
    return list(
        AnnualReport.objects.filter(office=office, status=AnnualReport.Status.RETURNED)
        .exclude(Exists(newer))
        .select_related("reviewed_by")
        .order_by("-school_year")[:SHOWN]
    )


def annual_signoff_panel(request, *, role, unit) -> list[dict]:
    """The leader's "Chờ duyệt" list of annual reports; the officer's returned ones with the reason."""
    if role == Role.OFFICE_LEADER:
        waiting = list(pending_for_leader(request.user)[:SHOWN])
        return [{"template": "annual/_home_signoff.html", "col": "col-lg-6", "pending": waiting}] if waiting else []
    if role == Role.OFFICE_OFFICER:
        returned = returned_to_officer(unit)
        return [{"template": "annual/_home_signoff.html", "col": "col-lg-6", "returned": returned}] if returned else []
    return []


def panels(request, *, role, unit):
    if unit is None:
        return []
    if role in OFFICE_ROLES and unit.kind == UnitKind.OFFICE:
        signoff = annual_signoff_panel(request, role=role, unit=unit)
        late = overdue_for_office(unit)
        if not late:
            return signoff
        return signoff + [
            {"template": "annual/_home_tasks.html", "col": "col-lg-6", "late": late[:SHOWN], "office": True}
        ]
    if role in UNIT_ROLES:
        open_tasks = sorted(tasks_for_unit(unit), key=lambda x: not x["late"])
        if not open_tasks:
            return []
        return [{"template": "annual/_home_tasks.html", "col": "col-lg-6", "open": open_tasks[:SHOWN]}]
    return []
