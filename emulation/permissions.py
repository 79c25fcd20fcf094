"""Who may do what in emulation. Seeing follows units.selectors (a movement is seen by whoever sees
the office that launched it, and by the units below it); acting is decided here:

- launch a movement, edit its criteria, move it on, score, propose awards, issue the decision: an
  office officer of the office (or above it);
- register a unit and send its report: the head of the unit (principal, centre director);
- read the ranking: whoever sees the office itself (its officers, leaders and viewers);
- prepare the report (texts, self-scores, evidence): the head and the staff of the unit.
"""

from units.models import Role, Unit, UnitKind
from units.selectors import active_memberships, units_visible_to

MANAGING_KINDS = (UnitKind.OFFICE, UnitKind.COMMUNE)
HEAD_ROLES = (Role.PRINCIPAL, Role.CENTRE_DIRECTOR, Role.ASSOCIATION_OFFICER)
STAFF_ROLES = (Role.SCHOOL_STAFF, Role.CENTRE_STAFF)


def can_manage(user, office: Unit) -> bool:
    if user.is_superuser:
        return True
    return any(m.role == Role.OFFICE_OFFICER and office.path.startswith(m.unit.path) for m in active_memberships(user))


def sees_office(user, office: Unit) -> bool:
    """The office's own people (and those above it) read every registration and the ranking."""
    return units_visible_to(user).filter(pk=office.pk).exists()


def managing_offices(user) -> list[Unit]:
    """The units the user launches movements for (their office or commune)."""
    found = {}
    for m in active_memberships(user):
        if m.role == Role.OFFICE_OFFICER and m.unit.kind in MANAGING_KINDS:
            found.setdefault(m.unit.pk, m.unit)
    return list(found.values())


def can_register(user, unit: Unit) -> bool:
    return any(m.role in HEAD_ROLES and m.unit_id == unit.pk for m in active_memberships(user))


def can_prepare(user, unit: Unit) -> bool:
    return any(m.role in HEAD_ROLES + STAFF_ROLES and m.unit_id == unit.pk for m in active_memberships(user))


def registering_units(user, movement) -> list[Unit]:
    """The user's own units that may register for `movement`: below its office, of a kind it takes,
    where they are the head."""
    found = {}
    for m in active_memberships(user):
        if (
            m.role in HEAD_ROLES
            and m.unit.kind in movement.unit_kinds
            and m.unit.path.startswith(movement.office.path)
            and m.unit_id != movement.office_id
        ):
            found.setdefault(m.unit.pk, m.unit)
    return list(found.values())
