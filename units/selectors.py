"""Reads scoped to the user: the only place that decides which units and people a user sees.

Office roles (officer, leader, viewer) reach the whole subtree of their unit; a principal or
school staff only their school; a centre director or staff only their centre; an association
officer the commune (or office) their branch belongs to.
"""

import datetime

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from .models import (
    OFFICE_ROLES,
    ROLE_PRIORITY,
    Membership,
    Role,
    Unit,
    UnitKind,
    UnitParentChange,
    User,
    today,
)
from .text import fold

_CACHE_ATTR = "_gdtx_active_memberships"


def active_memberships(user) -> list[Membership]:
    """The user's memberships valid today, units joined; cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = list(
            Membership.objects.active_on().filter(user=user).select_related("unit", "unit__parent").order_by("id")
        )
        cached = [m for m in cached if m.unit.is_active]
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_memberships(user) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def primary_role(user) -> str | None:
    roles = {m.role for m in active_memberships(user)}
    for role in ROLE_PRIORITY:
        if role in roles:
            return role
    return None


def _scope_root(membership: Membership) -> Unit:
    if membership.role == Role.ASSOCIATION_OFFICER and membership.unit.parent_id:
        return membership.unit.parent
    return membership.unit


def scope_roots(user) -> list[Unit]:
    roots = {_scope_root(m).pk: _scope_root(m) for m in active_memberships(user)}
    return list(roots.values())


def _paths_q(paths: list[str]) -> Q:
    q = Q(pk__in=[])
    for path in sorted(set(paths)):
        q |= Q(path__startswith=path)
    return q


def units_visible_to(user) -> QuerySet[Unit]:
    """Every unit the user may see, open or closed (closed units keep their history)."""
    if not getattr(user, "is_authenticated", False):
        return Unit.objects.none()
    if user.is_superuser:
        return Unit.objects.all()
    return Unit.objects.filter(_paths_q([root.path for root in scope_roots(user)]))


def manage_roots(user) -> list[Unit]:
    """Units whose subtree the user manages (officers only: the tree, people and roles)."""
    return [m.unit for m in active_memberships(user) if m.role == Role.OFFICE_OFFICER]


def units_editable_by(user) -> QuerySet[Unit]:
    if not getattr(user, "is_authenticated", False):
        return Unit.objects.none()
    if user.is_superuser:
        return Unit.objects.all()
    return Unit.objects.filter(_paths_q([u.path for u in manage_roots(user)]))


def can_manage_unit(user, unit: Unit) -> bool:
    if user.is_superuser:
        return True
    return any(unit.path.startswith(root.path) for root in manage_roots(user))


def is_office_user(user) -> bool:
    return user.is_superuser or any(m.role in OFFICE_ROLES for m in active_memberships(user))


def unit_search(queryset: QuerySet[Unit], query: str) -> QuerySet[Unit]:
    """Accent-insensitive: "dong da" finds "Đống Đa"; every word must match."""
    for word in fold(query).split():
        queryset = queryset.filter(search_text__contains=word)
    return queryset


def unit_list(
    user,
    *,
    query: str = "",
    kind: str = "",
    on: datetime.date | None = None,
    include_closed: bool = False,
) -> QuerySet[Unit]:
    units = units_visible_to(user).select_related("parent")
    if query:
        units = unit_search(units, query)
    if kind:
        units = units.filter(kind=kind)
    if on is not None:
        units = units.active_on(on)
    elif not include_closed:
        units = units.active_on()
    return units.order_by("path")


def unit_children_on(unit: Unit, day: datetime.date) -> list[Unit]:
    """The children `unit` had on `day`: today's children, minus those moved in after `day`,
    plus those moved out after `day`. Two queries whatever the size of the tree."""
    later_moves = list(
        UnitParentChange.objects.filter(effective_date__gt=day)
        .filter(Q(old_parent=unit) | Q(new_parent=unit))
        .order_by("effective_date", "id")
    )
    first_move = {}
    for move in later_moves:
        first_move.setdefault(move.unit_id, move)
    moved_in = {uid for uid, m in first_move.items() if m.old_parent_id != unit.pk}
    moved_out = {uid for uid, m in first_move.items() if m.old_parent_id == unit.pk}
    children = (
        Unit.objects.active_on(day)
        .filter(Q(parent=unit) | Q(pk__in=moved_out))
        .exclude(pk__in=moved_in)
        .annotate(child_count=Count("children"))
        .order_by("kind", "name")
    )
    return list(children)


def unit_kind_counts(units: QuerySet[Unit]) -> dict[str, int]:
    rows = units.order_by().values("kind").annotate(n=Count("id"))
    return {row["kind"]: row["n"] for row in rows}


def people_visible_to(user) -> QuerySet[User]:
    """People holding (or having held) a role on a unit the user may see."""
    if user.is_superuser:
        return User.objects.all()
    units = units_visible_to(user)
    return User.objects.filter(Exists(Membership.objects.filter(user=OuterRef("pk"), unit__in=units)))


def person_list(user, *, query: str = "", role: str = "") -> QuerySet[User]:
    people = people_visible_to(user)
    for word in fold(query).split():
        people = people.filter(search_text__contains=word)
    if role:
        people = people.filter(Exists(Membership.objects.active_on().filter(user=OuterRef("pk"), role=role)))
    return people.order_by("full_name", "username")


def memberships_of(person: User) -> QuerySet[Membership]:
    return person.memberships.select_related("unit", "unit__parent").order_by("-valid_to", "-valid_from")


def can_manage_person(user, person: User) -> bool:
    """Officers manage a person only when every current role of that person lies in their subtree,
    so an officer of a commune cannot reset the password of a district officer."""
    if user.is_superuser:
        return True
    if person.is_superuser or person.pk == user.pk:
        return False
    roots = manage_roots(user)
    if not roots:
        return False
    units = [m.unit for m in Membership.objects.active_on().filter(user=person).select_related("unit")]
    if not units:
        units = [m.unit for m in person.memberships.select_related("unit")]
    return bool(units) and all(any(u.path.startswith(r.path) for r in roots) for u in units)


def communes_of(root: Unit, *, on: datetime.date | None = None) -> QuerySet[Unit]:
    return Unit.objects.subtree_of(root).filter(kind=UnitKind.COMMUNE).active_on(on or today())
