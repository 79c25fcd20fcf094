"""Reads scoped to the user: the only place that decides which units and people a user sees.

Office roles (officer, leader, viewer) reach the whole subtree of their unit; a principal or
school staff only their school; a centre director or staff only their centre; an association
officer the commune (or office) their branch belongs to.
"""

import datetime

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Window, prefetch_related_objects
from django.utils import timezone

from .models import (
    OFFICE_ROLES,
    ROLE_PRIORITY,
    AuditEntry,
    Membership,
    Role,
    Unit,
    UnitKind,
    UnitParentChange,
    User,
    today,
)
from .text import fold, name_order, vn_sort_key

_CACHE_ATTR = "_gdtx_active_memberships"


def kind_then_name(unit: Unit) -> tuple:
    """Siblings in the unit tree: by kind, then in Vietnamese alphabetical order."""
    return unit.kind, vn_sort_key(unit.name)


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
    return sorted(children, key=kind_then_name)


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


# Pages of the unit-tree and people management UI -----------------------------------------------


def tree_roots(user, day: datetime.date, *, include_closed: bool = False, prefetch: bool = True) -> list[Unit]:
    """Where the tree page starts: the units the user's office roles hang from (all roots for a
    superuser), as they stood on `day`."""
    if user.is_superuser:
        roots = Unit.objects.filter(parent__isnull=True, valid_from__lte=day)
        if not include_closed:
            roots = roots.active_on(day)
    else:
        ids = [m.unit_id for m in active_memberships(user) if m.role in OFFICE_ROLES]
        roots = Unit.objects.filter(pk__in=ids)
    roots = list(roots.annotate(child_count=Count("children")).order_by("path"))
    # An officer of an office who also holds a role on one of its communes sees that commune once.
    roots = [r for r in roots if not any(o.pk != r.pk and r.path.startswith(o.path) for o in roots)]
    if prefetch:
        prefetch_related_objects(roots, "predecessors", "successors")
    return roots


def tree_children(unit: Unit, day: datetime.date, *, include_closed: bool = False, prefetch: bool = True) -> list[Unit]:
    """The children of `unit` as they stood on `day` (unit_children_on), optionally with the
    children that had closed by then; merge predecessors and successors prefetched. Four queries
    whatever the size of the tree."""
    children = unit_children_on(unit, day)
    if include_closed:
        closed = (
            Unit.objects.filter(parent=unit, valid_from__lte=day, valid_to__lt=day)
            .annotate(child_count=Count("children"))
            .order_by("kind", "name")
        )
        children = sorted([*children, *closed], key=kind_then_name)
    if prefetch:
        prefetch_related_objects(children, "predecessors", "successors")
    return children


TREE_PAGE = 50  # children shown at once under a node; "Xem thêm" loads the next ones (issue 20)


def tree_page(children: list[Unit], page: int = 1, *, prefetch: bool = True) -> tuple[list[Unit], dict | None]:
    """One page of a node's children in the tree (TREE_PAGE of them, merge links prefetched for those
    only) and what the "Xem thêm" button needs: {"page": next page, "remaining": n}, or None."""
    start = (max(page, 1) - 1) * TREE_PAGE
    shown = children[start : start + TREE_PAGE]
    if prefetch:
        prefetch_related_objects(shown, "predecessors", "successors")
    remaining = len(children) - start - len(shown)
    return shown, ({"page": max(page, 1) + 1, "remaining": remaining} if remaining > 0 else None)


def tree_branches(
    user, day: datetime.date, *, include_closed: bool = False
) -> list[tuple[Unit, list[Unit], dict | None]]:
    """The tree page opens at the top: each root with the first page of its children on `day`
    (deeper levels and further pages load by htmx), merge links of all of them prefetched together
    (two queries for the whole page rather than two per list)."""
    roots = tree_roots(user, day, include_closed=include_closed, prefetch=False)
    branches = [
        (root, *tree_page(tree_children(root, day, include_closed=include_closed, prefetch=False), prefetch=False))
        for root in roots
    ]
    shown = [*roots, *(u for _root, kids, _more in branches for u in kids)]
    prefetch_related_objects(shown, "predecessors", "successors")
    return branches


def unit_search_page(
    user,
    *,
    query: str = "",
    kind: str = "",
    on: datetime.date | None = None,
    include_closed: bool = False,
) -> QuerySet[Unit]:
    """The flat result list of the tree page's search and kind filter: units that existed on `on`
    (or had closed by then, when asked), parents joined, merge links prefetched."""
    day = on or today()
    units = units_visible_to(user).select_related("parent").filter(valid_from__lte=day)
    if not include_closed:
        units = units.active_on(day)
    if query:
        units = unit_search(units, query)
    if kind:
        units = units.filter(kind=kind)
    return units.prefetch_related("predecessors", "successors").order_by("path")


def unit_ancestors(unit: Unit) -> list[Unit]:
    """The breadcrumb: every unit above `unit`, top first, in one query."""
    ids = unit.ancestor_ids()
    if not ids:
        return []
    return list(Unit.objects.filter(pk__in=ids).order_by("depth"))


def unit_memberships(unit: Unit) -> QuerySet[Membership]:
    """Who held which role on `unit`, current roles first."""
    return (
        Membership.objects.filter(unit=unit)
        .select_related("user")
        .order_by(F("valid_to").desc(nulls_first=True), "role", "user__full_name")
    )


def unit_parent_history(unit: Unit) -> QuerySet[UnitParentChange]:
    return unit.parent_changes.select_related("old_parent", "new_parent").order_by("-effective_date", "-id")


def unit_audit_entries(unit: Unit) -> QuerySet:
    from .models import AuditEntry

    return AuditEntry.objects.filter(unit=unit).select_related("actor").order_by("-at", "-id")


def person_list_page(user, *, query: str = "", role: str = "", unit: Unit | None = None) -> QuerySet[User]:
    """person_list (optionally only people who held a role on `unit`) with each person's current
    roles on units the user may see prefetched as `active_roles`."""
    people = person_list(user, query=query, role=role)
    if unit is not None:
        people = people.filter(Exists(Membership.objects.filter(user=OuterRef("pk"), unit=unit)))
    current = Membership.objects.active_on().select_related("unit").order_by("role", "unit__name")
    if not user.is_superuser:
        current = current.filter(unit__in=units_visible_to(user))
    return people.prefetch_related(Prefetch("memberships", queryset=current, to_attr="active_roles"))


def person_memberships(user, person: User) -> QuerySet[Membership]:
    """A person's roles, past and present, on the units `user` may see."""
    memberships = memberships_of(person)
    if not user.is_superuser:
        memberships = memberships.filter(unit__in=units_visible_to(user))
    return memberships.order_by(F("valid_to").desc(nulls_first=True), "-valid_from", "id")


def people_for_roles(user) -> QuerySet[User]:
    return people_visible_to(user).filter(is_active=True).order_by("full_name", "username")


def unit_parent_choices(user) -> QuerySet[Unit]:
    """Units an officer may put a new unit under, or move one under: open offices and communes
    in their subtree (ALLOWED_PARENT_KINDS never names another kind as a parent)."""
    return units_editable_by(user).active_on().filter(kind__in=[UnitKind.OFFICE, UnitKind.COMMUNE]).order_by("path")


def units_for_roles(user) -> QuerySet[Unit]:
    """Open units in the officer's subtree on which a role may be given."""
    return units_editable_by(user).active_on().exclude(kind=UnitKind.HAMLET).order_by("path")


def communes_to_merge(user) -> QuerySet[Unit]:
    return units_editable_by(user).active_on().filter(kind=UnitKind.COMMUNE).select_related("parent").order_by("name")


def merge_preview(sources: list[Unit], effective_date: datetime.date) -> dict:
    """What units_merge will do: the children that move and the roles that end."""
    moving = sorted(
        Unit.objects.filter(parent__in=sources).active_on(effective_date).select_related("parent"),
        key=lambda u: (vn_sort_key(u.parent.name), *kind_then_name(u)),
    )
    ending = list(
        Membership.objects.filter(unit__in=sources, valid_to__isnull=True)
        .select_related("user", "unit")
        .order_by("unit__name", "user__full_name")
    )
    return {"moving": moving, "ending": ending}


def close_preview(unit: Unit) -> dict:
    """What unit_close will do: open units below it and open roles in its subtree."""
    units = Unit.objects.subtree_of(unit).exclude(pk=unit.pk).filter(valid_to__isnull=True)
    roles = Membership.objects.filter(unit__path__startswith=unit.path, valid_to__isnull=True)
    return {"units": units.count(), "roles": roles.count()}


# What the home pages summarise (gdtx_portal.views): each a fixed number of queries -------------


def colleagues(unit: Unit, limit: int) -> tuple[list[Membership], int]:
    """The first few people of a unit and how many more there are: one query whatever the staff."""
    shown = list(
        Membership.objects.active_on()
        .filter(unit=unit)
        .select_related("user")
        .annotate(staff=Window(Count("id")))
        .order_by("role", "user__full_name")[:limit]
    )
    return shown, (shown[0].staff - len(shown)) if shown else 0


def area_overview(area: Unit, chip_kind: str, limit: int) -> tuple[dict[str, int], list[Unit]]:
    """The units open under `area` by kind, and the first few of `chip_kind` in Vietnamese order."""
    units = Unit.objects.subtree_of(area).active_on()
    # Sorted before the cut: the database's byte order would leave "Đồng Tâm" out of the first few.
    chips = sorted(units.filter(kind=chip_kind), key=name_order)[:limit]
    return unit_kind_counts(units), chips


def visible_unit_summary(user) -> tuple[dict[str, int], dict[str, int], int]:
    """Open units the user sees by kind, schools by level and the especially difficult communes:
    one grouped query."""
    counts: dict[str, int] = {}
    school_levels: dict[str, int] = {}
    difficult = 0
    rows = (
        units_visible_to(user)
        .active_on()
        .order_by()
        .values_list("kind", "school_level", "especially_difficult")
        .annotate(n=Count("id"))
    )
    for kind, level, hard, n in rows:
        counts[kind] = counts.get(kind, 0) + n
        if kind == UnitKind.SCHOOL:
            school_levels[level] = school_levels.get(level, 0) + n
        if kind == UnitKind.COMMUNE and hard:
            difficult += n
    return counts, school_levels, difficult


def communes_with_children(user, limit: int, *, day: datetime.date | None = None) -> list[Unit]:
    """The first communes the user sees (Vietnamese order) with their open hamlets, schools and
    centres counted and the communes merged into them."""
    day = day or today()
    open_children = Q(children__valid_to__isnull=True) | Q(children__valid_to__gte=day)
    communes = (
        units_visible_to(user)
        .active_on()
        .filter(kind=UnitKind.COMMUNE)
        .annotate(
            # distinct: the predecessors join would otherwise multiply the children counted.
            hamlets=Count("children", distinct=True, filter=Q(children__kind=UnitKind.HAMLET) & open_children),
            schools=Count("children", distinct=True, filter=Q(children__kind=UnitKind.SCHOOL) & open_children),
            centres=Count("children", distinct=True, filter=Q(children__kind=UnitKind.CENTRE) & open_children),
            merged_from=Count("predecessors", distinct=True),
        )
    )
    # Sorted before the cut (an office's communes, a bounded list): byte order puts "Đ" after "Y".
    return sorted(communes, key=name_order)[:limit]


def recent_audit(user, limit: int) -> QuerySet[AuditEntry]:
    """The latest entries on units the user sees, or by the user."""
    return (
        AuditEntry.objects.filter(Q(unit__in=units_visible_to(user)) | Q(actor=user))
        .select_related("actor", "unit")
        .order_by("-at", "-id")[:limit]
    )


# The audit log page ----------------------------------------------------------------------------


def audit_entries_visible_to(user) -> QuerySet[AuditEntry]:
    """The audit log the user may read: entries on units in scope (system-wide ones: superusers)."""
    entries = AuditEntry.objects.all()
    if user.is_superuser:
        return entries
    return entries.filter(unit__in=units_visible_to(user))


def _start_of_day(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def filter_audit_entries(entries: QuerySet[AuditEntry], data: dict) -> QuerySet[AuditEntry]:
    """The audit page's filters (action, person, unit, dates), each applied only when given."""
    if data.get("action"):
        entries = entries.filter(action=data["action"])
    for word in (data.get("person") or "").split():
        entries = entries.filter(Q(actor__full_name__icontains=word) | Q(actor__username__icontains=word))
    for word in fold(data.get("unit") or "").split():
        entries = entries.filter(unit__search_text__contains=word)
    if data.get("date_from"):
        entries = entries.filter(at__gte=_start_of_day(data["date_from"]))
    if data.get("date_to"):
        # The whole of the last day counts: before midnight that ends it, office time.
        entries = entries.filter(at__lt=_start_of_day(data["date_to"] + datetime.timedelta(days=1)))
    return entries
