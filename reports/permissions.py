"""Who may do what with reports. Scope itself (which units a user sees) comes from units.selectors."""

from units.models import Role
from units.selectors import active_memberships, can_manage_unit, is_office_user

from .report_models import ReportForm, ReportingPeriod, Submission

# Roles held on the reporting unit itself that may fill in and submit its reports.
FILL_ROLES = {
    Role.PRINCIPAL,
    Role.SCHOOL_STAFF,
    Role.CENTRE_DIRECTOR,
    Role.CENTRE_STAFF,
    Role.ASSOCIATION_OFFICER,
}
# Office roles that approve and return reports of their subtree (the leader signs, the officer reviews).
REVIEW_ROLES = {Role.OFFICE_OFFICER, Role.OFFICE_LEADER}


def fill_unit_ids(user) -> set[int]:
    return {m.unit_id for m in active_memberships(user) if m.role in FILL_ROLES}


def can_fill(user, submission: Submission) -> bool:
    return user.is_superuser or submission.unit_id in fill_unit_ids(user)


def can_review_unit(user, unit) -> bool:
    if user.is_superuser:
        return True
    return any(m.role in REVIEW_ROLES and unit.path.startswith(m.unit.path) for m in active_memberships(user))


def can_review(user, submission: Submission) -> bool:
    return can_review_unit(user, submission.unit)


def can_manage_period(user, period: ReportingPeriod) -> bool:
    return can_manage_unit(user, period.owner)


def can_open_periods(user) -> bool:
    return user.is_superuser or any(m.role == Role.OFFICE_OFFICER for m in active_memberships(user))


def can_edit_form(user, form: ReportForm) -> bool:
    if form.owner_id is None:
        return user.is_superuser
    return can_manage_unit(user, form.owner)


def can_see_forms(user) -> bool:
    return is_office_user(user)
