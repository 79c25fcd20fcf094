"""Who may do what in inspections. Seeing follows units.selectors (an inspection is seen by whoever
sees the office that made it or the unit inspected); acting is decided here:

- plan, perform, issue the biên bản, write, close and reopen recommendations, edit the contents:
  an office officer of the office (or above it);
- answer a recommendation: the head and staff of the inspected unit, for their own unit.
"""

from units.models import Role, Unit, UnitKind
from units.selectors import active_memberships

INSPECTING_KINDS = (UnitKind.OFFICE, UnitKind.COMMUNE)
ANSWER_ROLES = (Role.PRINCIPAL, Role.SCHOOL_STAFF, Role.CENTRE_DIRECTOR, Role.CENTRE_STAFF, Role.ASSOCIATION_OFFICER)


def can_inspect(user, office: Unit) -> bool:
    if user.is_superuser:
        return True
    return any(m.role == Role.OFFICE_OFFICER and office.path.startswith(m.unit.path) for m in active_memberships(user))


def inspecting_offices(user) -> list[Unit]:
    """The units the user plans inspections for (their office or commune)."""
    found = {}
    for m in active_memberships(user):
        if m.role == Role.OFFICE_OFFICER and m.unit.kind in INSPECTING_KINDS:
            found.setdefault(m.unit.pk, m.unit)
    return list(found.values())


def can_answer(user, unit: Unit) -> bool:
    return any(m.role in ANSWER_ROLES and m.unit_id == unit.pk for m in active_memberships(user))
