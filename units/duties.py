"""Separation of duties (tách bạch nhiệm vụ, issue 12 item 5): nobody reviews what they prepared.

A review step (approve, return or unlock a report; rate or return a centre's self-assessment; check
or recognise a learning-society assessment) is refused to a person who did an earlier step of the
same thing, or who holds a role on the unit that prepares it (a principal or school staff on their
school, a director or staff on their centre, an association officer on their branch). An officer
who is also a school's principal may review every school but their own; the office's other officer
or its leader reviews that one.

This module is the one place the rule lives. Each app names the units and the people of the earlier
steps, and its services call `check_review` (so every caller is refused), its pages `review_refusal`
(so the buttons are hidden and the reason shown instead).
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import Role, Unit, UnitKind
from .selectors import active_memberships

# Roles held on a unit that prepare and send that unit's own papers (reports, self-assessments).
SUBMITTING_ROLES = frozenset(
    {
        Role.PRINCIPAL,
        Role.SCHOOL_STAFF,
        Role.CENTRE_DIRECTOR,
        Role.CENTRE_STAFF,
        Role.ASSOCIATION_OFFICER,
    }
)


class DutyConflict(ValidationError):
    """A review refused because the reviewer took part in what is reviewed. A ValidationError, so the
    views show it the way they show every other refusal of a service (a message, nothing changed)."""


def _pk(value) -> int | None:
    return getattr(value, "pk", value)


def submitting_membership(user, units: Iterable[Unit | int | None]):
    """The user's role today on one of `units` that prepares that unit's papers, or None."""
    ids = {pk for pk in (_pk(u) for u in units) if pk is not None}
    if not ids:
        return None
    for m in active_memberships(user):
        if m.role in SUBMITTING_ROLES and m.unit_id in ids:
            return m
    return None


def review_refusal(
    user,
    *,
    units: Iterable[Unit | int | None],
    done_by: Iterable = (),
    own: str,
    member: str,
    params: dict | None = None,
) -> str | None:
    """Why `user` may not review, or None when they may.

    `units`: the unit(s) whose papers these are; `done_by`: the people (users or ids; None is
    "unknown" and never matches) who prepared or submitted them. `own` is the message for a person
    who did an earlier step; `member` the one for a person holding a role on the unit, with
    %(role)s and %(unit)s; both are formatted with `params` too."""
    user_pk = getattr(user, "pk", None)
    if user_pk is None:
        return None  # jobs and the demo act without a person
    params = params or {}
    if any(_pk(person) == user_pk for person in done_by if person is not None):
        return own % params if params else own
    membership = submitting_membership(user, units)
    if membership is not None:
        return member % {**params, "role": membership.get_role_display(), "unit": membership.unit.full_name}
    return None


def check_review(user, **kwargs) -> None:
    """Raise DutyConflict when `review_refusal` gives a reason (services call this)."""
    reason = review_refusal(user, **kwargs)
    if reason:
        raise DutyConflict(reason)


# Who sends a unit's official report (issue 17): staff prepare, the head sends. The head of a school is
# its principal, of a centre its director; an association branch has a single role, which sends. A
# head may hand the sending to a named staff member (Membership.submit_delegated).
HEAD_ROLES = frozenset({Role.PRINCIPAL, Role.CENTRE_DIRECTOR})
STAFF_ROLES = frozenset({Role.SCHOOL_STAFF, Role.CENTRE_STAFF})
SENDING_ROLES = HEAD_ROLES | {Role.ASSOCIATION_OFFICER}


def head_title(unit: Unit) -> str:
    """Who sends for this unit by default, in words: "Hiệu trưởng" or "Giám đốc"."""
    return Role.PRINCIPAL.label if unit.kind == UnitKind.SCHOOL else _("Giám đốc")


def heads_unit(user, unit: Unit | int | None) -> bool:
    """The user is the head (principal, director) of `unit` today: they send and may delegate."""
    pk = _pk(unit)
    return any(m.role in HEAD_ROLES and m.unit_id == pk for m in active_memberships(user))


def submit_refusal(user, unit: Unit) -> str | None:
    """Why `user` may not send `unit`'s official report, or None when they may. The one place the
    rule lives: the service refuses with it, the pages show it instead of the submit button."""
    if getattr(user, "pk", None) is None or user.is_superuser:
        return None  # jobs and the demo act without a person
    mine = [m for m in active_memberships(user) if m.unit_id == unit.pk]
    if any(m.role in SENDING_ROLES or (m.role in STAFF_ROLES and m.submit_delegated) for m in mine):
        return None
    if any(m.role in STAFF_ROLES for m in mine):
        return _("%(head)s sẽ gửi báo cáo. Bạn lưu số liệu; %(head)s xem và gửi báo cáo chính thức của đơn vị.") % {
            "head": head_title(unit)
        }
    return _("Bạn không giữ vai trò nào của %(unit)s nên không gửi được báo cáo của đơn vị này.") % {
        "unit": unit.full_name
    }


def may_submit(user, unit: Unit) -> bool:
    return submit_refusal(user, unit) is None
