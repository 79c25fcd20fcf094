"""Home page panels (gdtx_portal/home/panels.py) of the guidance tasks (issue 18): the office's
tasks past their deadline with units not done ("Cần xử lý"), and a school's or centre's open tasks,
overdue first. A fixed number of queries."""

from units.models import OFFICE_ROLES, Role, UnitKind

from .tasks import overdue_for_office, tasks_for_unit

UNIT_ROLES = (Role.PRINCIPAL, Role.SCHOOL_STAFF, Role.CENTRE_DIRECTOR, Role.CENTRE_STAFF)
SHOWN = 6


def panels(request, *, role, unit):
    if unit is None:
        return []
    if role in OFFICE_ROLES and unit.kind == UnitKind.OFFICE:
        late = overdue_for_office(unit)
        if not late:
            return []
        return [{"template": "annual/_home_tasks.html", "col": "col-lg-6", "late": late[:SHOWN], "office": True}]
    if role in UNIT_ROLES:
        open_tasks = sorted(tasks_for_unit(unit), key=lambda x: not x["late"])
        if not open_tasks:
            return []
        return [{"template": "annual/_home_tasks.html", "col": "col-lg-6", "open": open_tasks[:SHOWN]}]
    return []
