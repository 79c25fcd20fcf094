"""Who may do what in a centre. Seeing a centre is decided by units.selectors (office roles see
their subtree, a director or staff member their centre); acting on it is decided here:

- log: record activities, clubs, needs and money — the director and the centre's staff;
- manage: change the profile, the board and people, the plan, the self-assessment — the director;
- rate: score and rate a submitted self-assessment — an office officer above the centre, but
  never one who prepared or sent it or who holds a role on the centre (`rate_refusal`, issue 12.5).
"""

from django.utils.translation import gettext as _

from units import duties
from units.models import AuditEntry, Role, Unit
from units.selectors import active_memberships

from .models import Evidence, SelfAssessment

# The audit rows of a self-assessment that show who prepared it (started, scored, sent it).
PREPARING_ACTIONS = ("centre.assessment_start", "centre.assessment_score", "centre.assessment_submit")


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


def assessment_preparers(assessments) -> dict[int, set[int]]:
    """Who prepared each self-assessment: started, scored or sent it (audit) or attached evidence.
    Two queries whatever the number of assessments."""
    people: dict[int, set[int]] = {a.pk: set() for a in assessments}
    if not people:
        return people
    rows = (
        AuditEntry.objects.filter(
            object_type=SelfAssessment._meta.label,
            object_id__in=[str(pk) for pk in people],
            action__in=PREPARING_ACTIONS,
            actor__isnull=False,
        )
        .values_list("object_id", "actor_id")
        .distinct()
    )
    for object_id, actor_id in rows:
        people[int(object_id)].add(actor_id)
    for assessment_id, user_id in (
        Evidence.objects.filter(assessment_id__in=list(people), uploaded_by__isnull=False)
        .values_list("assessment_id", "uploaded_by_id")
        .distinct()
    ):
        people[assessment_id].add(user_id)
    return people


def rate_refusal(user, assessment: SelfAssessment, *, action: str = "", preparers=None) -> str | None:
    """Why `user` may not rate or return this self-assessment, or None (units.duties): they prepared
    or sent it, or they are the centre's director or staff."""
    if preparers is None:
        preparers = assessment_preparers([assessment])[assessment.pk]
    return duties.review_refusal(
        user,
        units=[assessment.centre_id],
        done_by=[assessment.submitted_by_id, *preparers],
        own=_(
            "Bạn không thể %(action)s bản tự đánh giá do chính bạn lập hoặc gửi: "
            "việc %(action)s phải do một cán bộ khác của Phòng thực hiện."
        ),
        member=_(
            "Bạn không thể %(action)s bản tự đánh giá của %(unit)s vì bạn đang là %(role)s của trung tâm này: "
            "việc %(action)s phải do một cán bộ khác của Phòng thực hiện."
        ),
        params={"action": action or _("chấm, xếp loại")},
    )


def check_rate(user, assessment: SelfAssessment, *, action: str) -> None:
    """Raise units.duties.DutyConflict when `rate_refusal` gives a reason (the services call this)."""
    reason = rate_refusal(user, assessment, action=action)
    if reason:
        raise duties.DutyConflict(reason)


def own_centres(user) -> list[Unit]:
    """The centres where the user is director or staff today (their 'home' centres)."""
    seen = {}
    for m in active_memberships(user):
        if m.role in (Role.CENTRE_DIRECTOR, Role.CENTRE_STAFF) and m.unit.kind == "centre":
            seen.setdefault(m.unit.pk, m.unit)
    return list(seen.values())
