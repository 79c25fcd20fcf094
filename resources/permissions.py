"""Who may do what with resources and good models. Seeing is in selectors.py; acting is here:

- curate (publish, hide, mark featured; publish or return a good model): an office officer of the
  library's office, or of an office above it;
- propose a resource: anyone who works in a unit (every role but the read-only viewer); an office
  officer's own resource is published at once (they are the curator);
- write a good model (draft, photos, propose): the people of its unit (not viewers) while it is a
  draft, and the office's officers at any time.
"""

from units.models import Role, Unit, UnitKind
from units.selectors import active_memberships

from .models import ModelStatus, ResourceStatus

WRITER_ROLES = set(Role) - {Role.VIEWER}


def curator_offices(user) -> list[Unit]:
    """The offices whose libraries the user curates (an officer sitting on the office itself)."""
    return [
        m.unit for m in active_memberships(user) if m.role == Role.OFFICE_OFFICER and m.unit.kind == UnitKind.OFFICE
    ]


def can_curate(user, office: Unit) -> bool:
    if user.is_superuser:
        return True
    return any(office.path.startswith(o.path) for o in curator_offices(user))


def writer_units(user) -> list[Unit]:
    """The units the user writes for (their own, by membership), for the proposal forms."""
    found = {}
    for m in active_memberships(user):
        if m.role in WRITER_ROLES:
            found.setdefault(m.unit.pk, m.unit)
    return list(found.values())


def can_write_for(user, unit: Unit) -> bool:
    if user.is_superuser:
        return True
    return any(
        m.role in WRITER_ROLES
        and (m.unit_id == unit.pk or (m.role == Role.OFFICE_OFFICER and unit.path.startswith(m.unit.path)))
        for m in active_memberships(user)
    )


def can_edit_model(user, good_model) -> bool:
    if can_curate(user, good_model.office):
        return True
    return good_model.status == ModelStatus.DRAFT and can_write_for(user, good_model.unit)


def can_edit_resource(user, resource) -> bool:
    if can_curate(user, resource.office):
        return True
    return resource.status == ResourceStatus.PROPOSED and can_write_for(user, resource.unit)
