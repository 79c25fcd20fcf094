"""Who may do what in a centre. Seeing a centre is decided by units.selectors (office roles see
their subtree, a director or staff member their centre); acting on it is decided here:

- log: record activities, clubs, needs and money — the director and the centre's staff;
- manage: change the profile, the board and people, the plan, the self-assessment — the director;
- rate: score and rate a submitted self-assessment — an office officer above the centre.
"""

from units.models import Role, Unit
from units.selectors import active_memberships


def _roles_on(user, centre: Unit) -> set[str]:
    return {m.role for m in active_memberships(user) if m.unit_id == centre.pk}


def can_log(user, centre: Unit) -> bool:
    return user.is_superuser or bool(_roles_on(user, centre) & {Role.CENTRE_DIRECTOR, Role.CENTRE_STAFF})


def can_manage(user, centre: Unit) -> bool:
    return user.is_superuser or Role.CENTRE_DIRECTOR in _roles_on(user, centre)


def can_rate(user, centre: Unit) -> bool:
    if user.is_superuser:
        return True
    return any(
        m.role == Role.OFFICE_OFFICER and centre.path.startswith(m.unit.path) and m.unit_id != centre.pk
        for m in active_memberships(user)
    )


def own_centres(user) -> list[Unit]:
    """The centres where the user is director or staff today (their 'home' centres)."""
    seen = {}
    for m in active_memberships(user):
        if m.role in (Role.CENTRE_DIRECTOR, Role.CENTRE_STAFF) and m.unit.kind == "centre":
            seen.setdefault(m.unit.pk, m.unit)
    return list(seen.values())
