"""Who may log communication. Seeing is decided by units.selectors (a unit's items are seen by
whoever sees the unit); logging is decided here:

- an office officer (of the district office or of a commune) logs for any unit of their subtree;
- a school's head and staff, a centre's director and staff, an association officer log for their
  own unit.
Leaders and viewers read only.
"""

from django.db.models import Q

from units.models import Role, Unit
from units.selectors import active_memberships

UNIT_ROLES = (
    Role.PRINCIPAL,
    Role.SCHOOL_STAFF,
    Role.CENTRE_DIRECTOR,
    Role.CENTRE_STAFF,
    Role.ASSOCIATION_OFFICER,
)
MAX_CHOICES = 500


def can_log(user, unit: Unit) -> bool:
    if user.is_superuser:
        return True
    for m in active_memberships(user):
        if m.role == Role.OFFICE_OFFICER and unit.path.startswith(m.unit.path):
            return True
        if m.role in UNIT_ROLES and m.unit_id == unit.pk:
            return True
    return False


def logging_units(user) -> list[Unit]:
    """The units the user logs for, for the form: their own unit, or every open unit of an
    officer's subtree (their office or commune first, by the tree's order)."""
    found: dict[int, Unit] = {}
    q = Q(pk__in=[])
    for m in active_memberships(user):
        if m.role == Role.OFFICE_OFFICER:
            q |= Q(path__startswith=m.unit.path)
        elif m.role in UNIT_ROLES:
            found.setdefault(m.unit.pk, m.unit)
    if user.is_superuser:
        q = Q()
    if q != Q(pk__in=[]):
        for unit in Unit.objects.filter(q).active_on().order_by("path")[:MAX_CHOICES]:
            found.setdefault(unit.pk, unit)
    return list(found.values())
