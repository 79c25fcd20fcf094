"""Home page panel (gdtx_portal/home/panels.py) and the commune's page panel (units' detail page,
`unit_page.py`): the commune's steering committees — decision, head, members serving today. Two
queries."""

from units.models import OFFICE_ROLES, UnitKind

from . import permissions
from .selectors import commune_committees


def commune_panel(request, commune) -> dict:
    return {
        "template": "committees/_panel.html",
        "col": "col-lg-6",
        "commune": commune,
        "committees": commune_committees(commune),
        "can_add": permissions.can_manage(request.user, commune),
    }


def panels(request, *, role, unit):
    if unit is None or unit.kind != UnitKind.COMMUNE or role not in OFFICE_ROLES:
        return []
    return [commune_panel(request, unit)]
