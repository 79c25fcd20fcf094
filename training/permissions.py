"""Who may do what in training. Seeing is decided by units.selectors (a unit's courses are seen by
whoever sees the unit); acting is decided here:

- organise (plan a course, add participants, record attendance): an office officer for any office,
  commune or centre of their subtree; a centre's director or staff (TTHTCĐ or the district
  GDNN-GDTX centre) for their own centre;
- open a training-needs survey: whoever may organise for the survey's unit;
- answer a survey: the head and staff of a unit below the survey's unit, for their own unit.
"""

from units.models import Role, Unit, UnitKind
from units.selectors import active_memberships

ORGANISER_KINDS = (UnitKind.OFFICE, UnitKind.COMMUNE, UnitKind.CENTRE, UnitKind.DISTRICT_CENTRE)
CENTRE_ROLES = (Role.CENTRE_DIRECTOR, Role.CENTRE_STAFF)
ANSWER_ROLES = (Role.PRINCIPAL, Role.SCHOOL_STAFF, Role.CENTRE_DIRECTOR, Role.CENTRE_STAFF, Role.ASSOCIATION_OFFICER)


def can_organise(user, unit: Unit) -> bool:
    if unit.kind not in ORGANISER_KINDS:
        return False
    if user.is_superuser:
        return True
    for m in active_memberships(user):
        if m.role == Role.OFFICE_OFFICER and unit.path.startswith(m.unit.path):
            return True
        if m.role in CENTRE_ROLES and m.unit_id == unit.pk:
            return True
    return False


def organiser_units(user) -> list[Unit]:
    """The units the user plans courses for (their own office or centre), for the course form."""
    found = {}
    for m in active_memberships(user):
        if m.unit.kind in ORGANISER_KINDS and (m.role == Role.OFFICE_OFFICER or m.role in CENTRE_ROLES):
            found.setdefault(m.unit.pk, m.unit)
    return list(found.values())


def answering_units(user, survey) -> list[Unit]:
    """The user's own units that answer `survey`: below its unit, where they are head or staff."""
    found = {}
    for m in active_memberships(user):
        if (
            m.role in ANSWER_ROLES
            and m.unit.path.startswith(survey.organiser.path)
            and m.unit_id != survey.organiser_id
        ):
            found.setdefault(m.unit.pk, m.unit)
    return list(found.values())
