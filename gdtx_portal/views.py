"""Project-level pages: the role's home page and the health check.

Each home page is a handful of scoped queries whose number does not depend on how many units or
people there are (tests/test_home.py checks it at two sizes). The panels come from
gdtx_portal/home/ (the reporting panels, the headline figures, and each app's `home.py` found by the
plugin loader), so this file never imports a domain app.
"""

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render

from units.milestones import upcoming_milestones
from units.models import Role, SchoolLevel, Unit, UnitKind, today
from units.selectors import (
    active_memberships,
    area_overview,
    colleagues,
    communes_with_children,
    manage_roots,
    people_visible_to,
    primary_role,
    recent_audit,
    visible_unit_summary,
)
from units.setup import managing_unit_exists

from .home.audit import readable_audit
from .home.panels import module_panels

OFFICE_HOME_ROLES = {Role.OFFICE_OFFICER, Role.OFFICE_LEADER, Role.VIEWER}
HOME_TEMPLATES = {
    Role.PRINCIPAL: "home/school.html",
    Role.SCHOOL_STAFF: "home/school.html",
    Role.CENTRE_DIRECTOR: "home/centre.html",
    Role.CENTRE_STAFF: "home/centre.html",
    Role.ASSOCIATION_OFFICER: "home/association.html",
}
# A home page is a summary: long lists end with a link to the full, paginated page.
COMMUNES_SHOWN = 15
COLLEAGUES_SHOWN = 8
HAMLETS_SHOWN = 12
RECENT_SHOWN = 6


def home(request):
    """Trang chủ: one page per role; a person with several roles gets the highest one's page."""
    user = request.user
    if user.is_superuser and not managing_unit_exists():
        return redirect("setup_office")  # a clean database: set up the office first (issue 16)
    role = primary_role(user)
    if user.is_superuser or role in OFFICE_HOME_ROLES:
        return _office_home(request, role)
    if role is None:
        return render(request, "home/no_role.html")
    unit = next(m.unit for m in active_memberships(user) if m.role == role)
    context = {
        "role": role,
        "home_unit": unit,
        "milestones": upcoming_milestones(role, today(), unit=unit),
        "panels": module_panels(request, role=role, unit=unit),
        **_colleagues(unit),
    }
    if role == Role.ASSOCIATION_OFFICER:
        context.update(_commune_overview(unit.parent if unit.parent_id else unit))
    return render(request, HOME_TEMPLATES[role], context)


def _colleagues(unit: Unit) -> dict:
    shown, more = colleagues(unit, COLLEAGUES_SHOWN)
    return {"colleagues": shown, "colleagues_more": more}


def _commune_overview(area: Unit) -> dict:
    """Where an association branch works: a commune branch sees its commune's hamlets (where
    learning families and communities are assessed, DOMAIN.md §4); a district branch sees the
    communes."""
    chip_kind = UnitKind.HAMLET if area.kind == UnitKind.COMMUNE else UnitKind.COMMUNE
    counts, chips = area_overview(area, chip_kind, HAMLETS_SHOWN)
    return {
        "commune": area,
        "area_is_commune": area.kind == UnitKind.COMMUNE,
        "commune_counts": counts,
        "hamlets": chips,
        "hamlets_more": counts.get(chip_kind, 0) - len(chips),
    }


def _office_home(request, role):
    user = request.user
    counts, school_levels, difficult = visible_unit_summary(user)
    day = today()
    communes = communes_with_children(user, COMMUNES_SHOWN, day=day)
    recent = readable_audit(recent_audit(user, RECENT_SHOWN))
    office_memberships = [m for m in active_memberships(user) if m.role in OFFICE_HOME_ROLES]
    office = office_memberships[0].unit if office_memberships else None
    context = {
        "role": role,
        "office": office,
        "counts": counts,
        "school_levels": [(level.value, level.label, school_levels.get(level.value, 0)) for level in SchoolLevel],
        "communes": communes,
        "communes_more": counts.get(UnitKind.COMMUNE, 0) - len(communes),
        "difficult_count": difficult,
        "people_count": people_visible_to(user).count(),
        "recent": recent,
        "can_manage": user.is_superuser or bool(manage_roots(user)),
        "milestones": upcoming_milestones(role, day, unit=office),
        "panels": module_panels(request, role=role, unit=office),
    }
    return render(request, "home/office.html", context)


@login_not_required
def healthz(request):
    """For the load balancer and `make run`: answers 200 when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
