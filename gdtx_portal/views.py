"""Project-level pages: the role's home page and the health check."""

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.db.models import Count, Q
from django.http import JsonResponse
from django.shortcuts import render

from units.models import AuditEntry, Membership, Role, SchoolLevel, Unit, UnitKind
from units.selectors import (
    active_memberships,
    manage_roots,
    people_visible_to,
    primary_role,
    unit_kind_counts,
    units_visible_to,
)

OFFICE_HOME_ROLES = {Role.OFFICE_OFFICER, Role.OFFICE_LEADER, Role.VIEWER}
HOME_TEMPLATES = {
    Role.PRINCIPAL: "home/school.html",
    Role.SCHOOL_STAFF: "home/school.html",
    Role.CENTRE_DIRECTOR: "home/centre.html",
    Role.CENTRE_STAFF: "home/centre.html",
    Role.ASSOCIATION_OFFICER: "home/association.html",
}


def home(request):
    """Trang chủ: one page per role; a person with several roles gets the highest one's page."""
    user = request.user
    role = primary_role(user)
    if user.is_superuser or role in OFFICE_HOME_ROLES:
        return _office_home(request, role)
    if role is None:
        return render(request, "home/no_role.html")
    membership = next(m for m in active_memberships(user) if m.role == role)
    unit = membership.unit
    colleagues = (
        Membership.objects.active_on().filter(unit=unit).select_related("user").order_by("role", "user__full_name")
    )
    context = {"role": role, "home_unit": unit, "colleagues": colleagues}
    if role == Role.ASSOCIATION_OFFICER:
        commune = unit.parent
        context["commune"] = commune
        context["commune_counts"] = unit_kind_counts(Unit.objects.subtree_of(commune).active_on()) if commune else {}
    return render(request, HOME_TEMPLATES[role], context)


def _office_home(request, role):
    user = request.user
    visible = units_visible_to(user).active_on()
    counts = unit_kind_counts(visible)
    school_levels = dict(
        visible.filter(kind=UnitKind.SCHOOL).order_by().values_list("school_level").annotate(n=Count("id"))
    )
    communes = (
        visible.filter(kind=UnitKind.COMMUNE)
        .annotate(
            hamlets=Count("children", filter=Q(children__kind=UnitKind.HAMLET, children__valid_to__isnull=True)),
            schools=Count("children", filter=Q(children__kind=UnitKind.SCHOOL, children__valid_to__isnull=True)),
            centres=Count("children", filter=Q(children__kind=UnitKind.CENTRE, children__valid_to__isnull=True)),
        )
        .prefetch_related("predecessors")
        .order_by("name")
    )
    recent = (
        AuditEntry.objects.filter(Q(unit__in=units_visible_to(user)) | Q(actor=user))
        .select_related("actor", "unit")
        .order_by("-at")[:8]
    )
    roots = [m.unit for m in active_memberships(user) if m.role in OFFICE_HOME_ROLES]
    context = {
        "role": role,
        "office": roots[0] if roots else None,
        "counts": counts,
        "school_levels": [(level.label, school_levels.get(level.value, 0)) for level in SchoolLevel],
        "communes": communes,
        "difficult_count": sum(1 for c in communes if c.especially_difficult),
        "people_count": people_visible_to(user).count(),
        "recent": recent,
        "can_manage": user.is_superuser or bool(manage_roots(user)),
    }
    return render(request, "home/office.html", context)


@login_not_required
def healthz(request):
    """For the load balancer and `make run`: answers 200 when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
