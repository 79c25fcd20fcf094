"""Who may do what with reports. Scope itself (which units a user sees) comes from units.selectors."""

from django.utils.translation import gettext as _

from units import duties
from units.models import Role
from units.selectors import active_memberships, can_manage_unit, is_office_user

from .models import ReportForm, ReportingPeriod, Submission, ValueChange

# Roles held on the reporting unit itself that may fill in and submit its reports: the same roles
# that keep their holder from reviewing that unit's reports (units.duties, issue 12.5).
FILL_ROLES = set(duties.SUBMITTING_ROLES)
# Office roles that approve and return reports of their subtree (the leader signs, the officer reviews).
REVIEW_ROLES = {Role.OFFICE_OFFICER, Role.OFFICE_LEADER}


def fill_unit_ids(user) -> set[int]:
    return {m.unit_id for m in active_memberships(user) if m.role in FILL_ROLES}


def can_fill(user, submission: Submission) -> bool:
    return user.is_superuser or submission.unit_id in fill_unit_ids(user)


def submit_refusal(user, submission: Submission) -> str | None:
    """Why `user` may not send this report (staff prepare, the head sends: units.duties), or None."""
    return duties.submit_refusal(user, submission.unit)


def can_submit(user, submission: Submission) -> bool:
    return can_fill(user, submission) and submit_refusal(user, submission) is None


def can_review_unit(user, unit) -> bool:
    if user.is_superuser:
        return True
    return any(m.role in REVIEW_ROLES and unit.path.startswith(m.unit.path) for m in active_memberships(user))


def can_review(user, submission: Submission) -> bool:
    return can_review_unit(user, submission.unit)


def submission_preparers(submissions) -> dict[int, set[int]]:
    """The people who typed values into each submission (one query), for the separation of duties."""
    people: dict[int, set[int]] = {s.pk: set() for s in submissions}
    rows = (
        ValueChange.objects.filter(submission__in=list(people), changed_by__isnull=False)
        .values_list("submission_id", "changed_by_id")
        .distinct()
    )
    for submission_id, user_id in rows:
        people[submission_id].add(user_id)
    return people


def review_refusal(user, submission: Submission, *, action: str = "", preparers=None) -> str | None:
    """Why `user` may not approve, return or unlock this submission, or None (units.duties): they
    submitted it or typed its values, or they hold a role on the reporting unit (a principal who is
    also an office officer does not review their own school)."""
    if preparers is None:
        preparers = submission_preparers([submission])[submission.pk]
    return duties.review_refusal(
        user,
        units=[submission.unit_id],
        done_by=[submission.submitted_by_id, *preparers],
        own=_(
            "Bạn không thể %(action)s báo cáo do chính bạn nộp hoặc nhập số liệu: "
            "việc %(action)s phải do một cán bộ khác thực hiện."
        ),
        member=_(
            "Bạn không thể %(action)s báo cáo của %(unit)s vì bạn đang là %(role)s của đơn vị này: "
            "việc %(action)s phải do một cán bộ khác thực hiện."
        ),
        params={"action": action or _("duyệt")},
    )


def check_review(user, submission: Submission, *, action: str) -> None:
    """Raise units.duties.DutyConflict when `review_refusal` gives a reason (the services call this)."""
    reason = review_refusal(user, submission, action=action)
    if reason:
        raise duties.DutyConflict(reason)


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
