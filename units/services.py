"""Writes to the unit tree, people and roles. Each is atomic, takes `actor`, validates and leaves
an audit row (units.audit)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Length, Substr
from django.utils.translation import gettext as _

from . import audit, duties, national, status
from .models import (
    ALLOWED_PARENT_KINDS,
    LEVEL_LABELS,
    ROLE_UNIT_KINDS,
    Membership,
    Role,
    Unit,
    UnitKind,
    UnitParentChange,
    User,
)
from .selectors import forget_memberships
from .text import nfc

UNIT_FIELDS = [
    "code",
    "name",
    "kind",
    "level_label",
    "school_level",
    "especially_difficult",
    "official_code",
    "province_code",
    "moet_code",
    "parent",
    "valid_from",
    "valid_to",
    "address",
    "phone",
    "email",
    "notes",
]


def _check_parent(kind: str, parent: Unit | None, *, unit: Unit | None = None) -> None:
    allowed = ALLOWED_PARENT_KINDS[kind]
    parent_kind = parent.kind if parent else None
    if parent_kind not in allowed:
        label = UnitKind(kind).label
        if parent is None:
            raise ValidationError({"parent": _("%(kind)s phải thuộc một đơn vị cấp trên.") % {"kind": label}})
        raise ValidationError(
            {"parent": _("%(kind)s không thể trực thuộc %(parent)s.") % {"kind": label, "parent": parent.full_name}}
        )
    if unit is not None and parent is not None and unit.pk and parent.path.startswith(unit.path):
        raise ValidationError({"parent": _("Không thể chuyển một đơn vị vào chính nó hoặc đơn vị cấp dưới của nó.")})


def _check_school_level(kind: str, school_level: str) -> None:
    if kind == UnitKind.SCHOOL and not school_level:
        raise ValidationError({"school_level": _("Hãy chọn cấp học của trường (Mầm non, Tiểu học, THCS).")})


def _set_path(unit: Unit) -> None:
    prefix = unit.parent.path if unit.parent_id else "/"
    unit.path = f"{prefix}{unit.pk}/"
    unit.depth = unit.path.count("/") - 2
    Unit.objects.filter(pk=unit.pk).update(path=unit.path, depth=unit.depth)


@transaction.atomic
def unit_create(
    *, actor, predecessors: list[Unit] | None = None, is_demo: bool = False, status_source: str = "", **fields
) -> Unit:
    for key in ("name", "level_label", "address", "notes"):
        if key in fields and isinstance(fields[key], str):
            fields[key] = nfc(fields[key])
    unit = Unit(is_demo=is_demo, **fields)
    if unit.kind != UnitKind.SCHOOL:
        unit.school_level = ""
    if unit.kind not in LEVEL_LABELS:
        # "Thôn" typed for a hamlet must not stay on a school added from the commune page (issue 17).
        unit.level_label = ""
    if unit.kind != UnitKind.COMMUNE:
        unit.especially_difficult = False
    _check_parent(unit.kind, unit.parent)
    _check_school_level(unit.kind, unit.school_level)
    national.clean_unit_codes(unit)
    if unit.parent and unit.parent.valid_to and unit.valid_from > unit.parent.valid_to:
        raise ValidationError({"parent": _("Đơn vị cấp trên đã giải thể trước ngày hiệu lực của đơn vị mới.")})
    unit.full_clean(exclude=["path"])
    unit.save()
    _set_path(unit)
    if unit.especially_difficult:
        status.open_period(unit, unit.valid_from, status_source)
    if predecessors:
        unit.predecessors.set(predecessors)
    audit.record(actor=actor, action="unit.create", obj=unit, unit=unit, changes=audit.diff(unit, UNIT_FIELDS, {}))
    return unit


@transaction.atomic
def unit_update(
    *, actor, unit: Unit, status_from: datetime.date | None = None, status_source: str = "", **fields
) -> Unit:
    """Edit a unit's attributes. Moving it under another parent goes through unit_move, which
    keeps the dated history; here the parent may not change. A change of the especially difficult
    flag takes effect from `status_from` (today by default) and keeps the dated history (units.status)."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    before = audit.snapshot(unit, UNIT_FIELDS)
    was_difficult = unit.especially_difficult
    fields.pop("parent", None)
    for key, value in fields.items():
        if key in ("name", "level_label", "address", "notes") and isinstance(value, str):
            value = nfc(value)
        setattr(unit, key, value)
    if unit.kind != UnitKind.SCHOOL:
        unit.school_level = ""
    if unit.kind not in LEVEL_LABELS:
        # "Thôn" typed for a hamlet must not stay on a school added from the commune page (issue 17).
        unit.level_label = ""
    if unit.kind != UnitKind.COMMUNE:
        unit.especially_difficult = False
    _check_parent(unit.kind, unit.parent, unit=unit)
    _check_school_level(unit.kind, unit.school_level)
    national.clean_unit_codes(unit)
    unit.full_clean(exclude=["path"])
    if unit.especially_difficult != was_difficult:
        status.set_especially_difficult(
            actor=actor, unit=unit, value=unit.especially_difficult, effective=status_from, source=nfc(status_source)
        )
    unit.save()
    changes = audit.diff(unit, UNIT_FIELDS, before)
    if changes:
        audit.record(actor=actor, action="unit.update", obj=unit, unit=unit, changes=changes)
    return unit


def _check_nothing_starts_after(unit: Unit, valid_to: datetime.date) -> None:
    """Closing ends every open unit and role below; one that starts after the closing day cannot
    end before it begins (the database would refuse), so the officer is told which one it is."""
    late_unit = (
        Unit.objects.subtree_of(unit)
        .exclude(pk=unit.pk)
        .filter(valid_to__isnull=True, valid_from__gt=valid_to)
        .order_by("valid_from", "path")
        .first()
    )
    if late_unit is not None:
        raise ValidationError(
            {
                "valid_to": _("%(unit)s chỉ bắt đầu hoạt động từ %(date)s, sau ngày ngừng hoạt động đã chọn.")
                % {"unit": late_unit.full_name, "date": late_unit.valid_from.strftime("%d/%m/%Y")}
            }
        )
    late_role = (
        Membership.objects.filter(unit__path__startswith=unit.path, valid_to__isnull=True, valid_from__gt=valid_to)
        .select_related("user", "unit")
        .order_by("valid_from", "pk")  # the earliest, and of those the first given: the same one each time
        .first()
    )
    if late_role is not None:
        raise ValidationError(
            {
                "valid_to": _("%(person)s giữ vai trò tại %(unit)s từ %(date)s, sau ngày ngừng hoạt động đã chọn.")
                % {
                    "person": late_role.user,
                    "unit": late_role.unit.full_name,
                    "date": late_role.valid_from.strftime("%d/%m/%Y"),
                }
            }
        )


@transaction.atomic
def unit_close(*, actor, unit: Unit, valid_to: datetime.date, reason: str = "") -> Unit:
    """Giải thể / ngừng hoạt động: the unit stays with its history; open children close with it."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if valid_to < unit.valid_from:
        raise ValidationError({"valid_to": _("Ngày ngừng hoạt động không thể trước ngày hiệu lực của đơn vị.")})
    _check_nothing_starts_after(unit, valid_to)
    before = audit.snapshot(unit, ["valid_to"])
    unit.valid_to = valid_to
    unit.save(update_fields=["valid_to", "search_text", "updated_at"])
    descendants = Unit.objects.subtree_of(unit).exclude(pk=unit.pk).filter(valid_to__isnull=True)
    closed_children = list(descendants.values_list("pk", flat=True))
    descendants.update(valid_to=valid_to)
    Membership.objects.filter(unit__path__startswith=unit.path, valid_to__isnull=True).update(valid_to=valid_to)
    changes = audit.diff(unit, ["valid_to"], before)
    changes["reason"] = ["", reason]
    if closed_children:
        changes["closed_children"] = ["", len(closed_children)]
    audit.record(actor=actor, action="unit.close", obj=unit, unit=unit, changes=changes)
    return unit


@transaction.atomic
def unit_move(*, actor, unit: Unit, new_parent: Unit | None, effective_date: datetime.date) -> Unit:
    """Chuyển đơn vị sang đơn vị cấp trên khác from `effective_date`; the old parent is kept in
    UnitParentChange so that the tree of earlier dates can be rebuilt."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if new_parent is not None and new_parent.pk == unit.parent_id:
        return unit
    _check_parent(unit.kind, new_parent, unit=unit)
    if new_parent is not None and not new_parent.is_active_on(effective_date):
        raise ValidationError({"new_parent": _("Đơn vị cấp trên mới không hoạt động vào ngày chuyển.")})
    old_parent = unit.parent
    old_path = unit.path
    unit.parent = new_parent
    unit.save(update_fields=["parent", "search_text", "updated_at"])
    _set_path(unit)
    # Re-root every descendant's path in one statement.
    Unit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk).update(
        path=Concat(Value(unit.path), Substr("path", Length(Value(old_path)) + 1)),
        depth=F("depth") - old_path.count("/") + unit.path.count("/"),
    )
    UnitParentChange.objects.create(
        unit=unit, old_parent=old_parent, new_parent=new_parent, effective_date=effective_date
    )
    audit.record(
        actor=actor,
        action="unit.move",
        obj=unit,
        unit=unit,
        changes={"parent": [str(old_parent) if old_parent else "", str(new_parent) if new_parent else ""]},
    )
    return unit


@transaction.atomic
def units_merge(
    *,
    actor,
    sources: list[Unit],
    effective_date: datetime.date,
    code: str,
    name: str,
    level_label: str,
    parent: Unit | None,
    especially_difficult: bool = False,
    is_demo: bool = False,
) -> Unit:
    """Sáp nhập: several communes become one from `effective_date`. The new commune names the old
    ones as predecessors, their hamlets, schools and centres move under it, and the old communes
    close the day before, keeping everything they held in past years."""
    if len(sources) < 2:
        raise ValidationError({"sources": _("Chọn ít nhất hai đơn vị để sáp nhập.")})
    kinds = {u.kind for u in sources}
    if len(kinds) != 1:
        raise ValidationError({"sources": _("Chỉ sáp nhập các đơn vị cùng loại.")})
    for source in sources:
        if not source.is_active_on(effective_date - datetime.timedelta(days=1)):
            raise ValidationError(
                {"sources": _("%(unit)s không còn hoạt động trước ngày sáp nhập.") % {"unit": source.full_name}}
            )
    merged = unit_create(
        actor=actor,
        code=code,
        name=name,
        kind=sources[0].kind,
        level_label=level_label,
        parent=parent,
        especially_difficult=especially_difficult,
        valid_from=effective_date,
        predecessors=sources,
        is_demo=is_demo,
    )
    for source in sources:
        for child in Unit.objects.filter(parent=source).active_on(effective_date):
            unit_move(actor=actor, unit=child, new_parent=merged, effective_date=effective_date)
        # Roles on the old commune end with it; new roles are given on the merged one.
        unit_close(
            actor=actor,
            unit=source,
            valid_to=effective_date - datetime.timedelta(days=1),
            reason=_("Sáp nhập vào %(unit)s") % {"unit": merged.full_name},
        )
    return merged


# People and roles -----------------------------------------------------------------------------

PERSON_FIELDS = ["username", "full_name", "email", "phone", "position", "is_active"]


def _check_role(role: str, unit: Unit) -> None:
    if unit.kind not in ROLE_UNIT_KINDS[role]:
        kinds = ", ".join(str(UnitKind(k).label) for k in sorted(ROLE_UNIT_KINDS[role]))
        raise ValidationError(
            {"role": _("Vai trò %(role)s chỉ được giao trên: %(kinds)s.") % {"role": Role(role).label, "kinds": kinds}}
        )
    if not unit.is_active:
        raise ValidationError({"unit": _("Không thể giao vai trò trên đơn vị đã ngừng hoạt động.")})


@transaction.atomic
def person_create(
    *,
    actor,
    username: str,
    full_name: str,
    password: str,
    unit: Unit,
    role: str,
    email: str = "",
    phone: str = "",
    position: str = "",
    is_demo: bool = False,
    valid_from: datetime.date | None = None,
) -> User:
    """A new person always comes with a first role: people without a role are visible to nobody."""
    _check_role(role, unit)
    person = User(
        username=username.strip(),
        full_name=nfc(full_name),
        email=email,
        phone=phone,
        position=nfc(position),
        is_demo=is_demo,
    )
    person.set_password(password)
    person.full_clean()
    person.save()
    membership_create(actor=actor, user=person, unit=unit, role=role, valid_from=valid_from)
    audit.record(
        actor=actor, action="person.create", obj=person, unit=unit, changes=audit.diff(person, PERSON_FIELDS, {})
    )
    return person


@transaction.atomic
def person_update(*, actor, person: User, **fields) -> User:
    person = User.objects.select_for_update().get(pk=person.pk)
    before = audit.snapshot(person, PERSON_FIELDS)
    for key, value in fields.items():
        if key in ("full_name", "position") and isinstance(value, str):
            value = nfc(value)
        setattr(person, key, value)
    person.full_clean()
    person.save()
    changes = audit.diff(person, PERSON_FIELDS, before)
    if changes:
        audit.record(actor=actor, action="person.update", obj=person, changes=changes)
    return person


@transaction.atomic
def person_set_password(*, actor, person: User, password: str) -> User:
    """An officer resets someone's password: the person picks their own at the next login
    (units.first_login), so the officer never knows a password in use. Setting one's own is not
    a reset."""
    person.set_password(password)
    person.must_change_password = getattr(actor, "pk", None) != person.pk
    person.save(update_fields=["password", "must_change_password"])
    audit.record(actor=actor, action="person.set_password", obj=person)
    return person


@transaction.atomic
def membership_create(
    *, actor, user: User, unit: Unit, role: str, valid_from: datetime.date | None = None
) -> Membership:
    _check_role(role, unit)
    membership = Membership(user=user, unit=unit, role=role)
    if valid_from:
        membership.valid_from = valid_from
    duplicate = Membership.objects.active_on(membership.valid_from).filter(user=user, unit=unit, role=role)
    if duplicate.exists():
        raise ValidationError({"role": _("Người này đã giữ vai trò này trên đơn vị này.")})
    membership.full_clean()
    membership.save()
    forget_memberships(user)
    audit.record(
        actor=actor,
        action="membership.create",
        obj=membership,
        unit=unit,
        changes={"role": ["", membership.get_role_display()], "user": ["", str(user)]},
    )
    return membership


@transaction.atomic
def membership_end(*, actor, membership: Membership, valid_to: datetime.date) -> Membership:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if valid_to < membership.valid_from:
        raise ValidationError({"valid_to": _("Ngày kết thúc không thể trước ngày bắt đầu của vai trò.")})
    before = audit.snapshot(membership, ["valid_to"])
    membership.valid_to = valid_to
    membership.save(update_fields=["valid_to"])
    forget_memberships(membership.user)
    audit.record(
        actor=actor,
        action="membership.end",
        obj=membership,
        unit=membership.unit,
        changes=audit.diff(membership, ["valid_to"], before),
    )
    return membership


@transaction.atomic
def membership_set_submit_delegation(*, actor, membership: Membership, delegated: bool) -> Membership:
    """Giao / thu hồi quyền gửi báo cáo: the head of a school or centre names a staff member of that
    unit who may send its official report (units.duties.submit_refusal reads the flag)."""
    membership = Membership.objects.select_for_update().select_related("unit", "user").get(pk=membership.pk)
    if not (getattr(actor, "is_superuser", False) or duties.heads_unit(actor, membership.unit)):
        raise ValidationError(_("Chỉ người đứng đầu đơn vị giao được quyền gửi báo cáo."))
    if membership.role not in duties.STAFF_ROLES or not membership.is_active:
        raise ValidationError(_("Chỉ giao được quyền gửi báo cáo cho cán bộ đang làm việc tại đơn vị."))
    if membership.submit_delegated == delegated:
        return membership
    membership.submit_delegated = delegated
    membership.save(update_fields=["submit_delegated"])
    forget_memberships(membership.user)
    audit.record(
        actor=actor,
        action="membership.submit_delegation",
        obj=membership,
        unit=membership.unit,
        changes={"submit_delegated": [not delegated, delegated], "user": ["", str(membership.user)]},
    )
    return membership
