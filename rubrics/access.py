"""Who may see and change rubrics (issue 12). A rubric without an owner is a national default,
read-only in the portal; only an office officer (role office_officer) on a unit of kind office owns
and changes rubrics, and only the copies of that very office. Views go through the two helpers at
the bottom: 404 for a rubric the user may not see, 403 for a change they may not make."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from units.models import Role, Unit, UnitKind
from units.selectors import active_memberships, scope_roots, units_visible_to

from . import registry
from .models import Rubric
from .selectors import unit_chain


def rubric_offices(user) -> list:
    """The offices whose rubrics the user may change: units of kind office where the user is an
    office officer. A commune-level officer owns no rubric (their commune uses its office's copy)."""
    offices = {
        m.unit.pk: m.unit
        for m in active_memberships(user)
        if m.role == Role.OFFICE_OFFICER and m.unit.kind == UnitKind.OFFICE
    }
    return sorted(offices.values(), key=lambda u: (u.path.count("/"), u.pk))


def can_change_rubric(user, rubric: Rubric) -> bool:
    if rubric.owner_id is None or not rubric.is_active:
        return False
    if getattr(user, "is_superuser", False):
        return True
    return any(office.pk == rubric.owner_id for office in rubric_offices(user))


def rubrics_visible_to(user, kinds=None):
    """National defaults, copies of the offices above the user's units (the ones they use), and
    copies of offices below (a province sees its districts'); never another office's."""
    rows = Rubric.objects.all()
    if kinds is not None:
        rows = rows.filter(subject_kind__in=list(kinds))
    if getattr(user, "is_superuser", False):
        return rows
    above = {pk for root in scope_roots(user) for pk in unit_chain(root)}
    return rows.filter(Q(owner__isnull=True) | Q(owner_id__in=above) | Q(owner__in=units_visible_to(user)))


def get_rubric_for_user(user, pk, *, write: bool = False) -> Rubric:
    """A rubric of a registered kind the user sees (national defaults, their offices' copies); 404
    for another office's copy, 403 for a change by anyone but an officer of the owning office."""
    rubric = get_object_or_404(rubrics_visible_to(user, registry.kinds()).select_related("owner"), pk=pk)
    if write and not can_change_rubric(user, rubric):
        raise PermissionDenied
    return rubric


def get_rubric_office(user, pk=None) -> Unit:
    """The office whose own copy an officer makes or imports: one of the offices where they are an
    office officer (the one named by `pk` when they have several); 403 for anyone else."""
    offices = rubric_offices(user)
    chosen = next((o for o in offices if o.pk == pk), offices[0] if offices else None)
    if chosen is None:
        raise PermissionDenied
    return chosen
