"""Who may enter, check and recognise which title where.

Scope (what a user sees) is decided by units.selectors; these rules say what a user may *do* on a
unit they see. Who checks and who enters the recognition of each title is an office setting
(TitleSetting), because practice differs between provinces: the Hội Khuyến học usually checks
families, clans and hamlets (Quyết định 448/QĐ-KHVN), the office checks learning units (Thông tư
22/2020, 24/2023) and commune communities (Thông tư 44/2014, 25/2023).
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from units import duties
from units.models import Role, Unit, UnitKind
from units.selectors import active_memberships

from .models import Checker, Title, TitleSetting

# Targets are not defaults here: they are dated data with their source (learning_society.targets).
# A rule's target is the office's own setting (0: none, the programme's target applies).
DEFAULTS: dict[str, tuple[str, str, int, int]] = {
    Title.FAMILY: (Checker.ASSOCIATION, Checker.COMMUNE, 0, 0),
    Title.CLAN: (Checker.ASSOCIATION, Checker.COMMUNE, 0, 0),
    Title.HAMLET_COMMUNITY: (Checker.ASSOCIATION, Checker.COMMUNE, 0, 0),
    Title.LEARNING_UNIT: (Checker.OFFICE, Checker.OFFICE, 0, 0),
    Title.COMMUNE_COMMUNITY: (Checker.OFFICE, Checker.OFFICE, 0, 0),
    Title.CITIZEN: (Checker.ASSOCIATION, Checker.COMMUNE, 0, 0),
}


@dataclass(frozen=True)
class Rule:
    title: str
    checker: str
    recogniser: str
    target: int  # the office's own target, 0 when it follows the programme (learning_society.targets)
    target_difficult: int
    office_name: str = ""  # the office whose setting this is ("" for the built-in defaults)

    @property
    def checker_label(self) -> str:
        return Checker(self.checker).label

    @property
    def recogniser_label(self) -> str:
        return Checker(self.recogniser).label


def rules_for(unit: Unit) -> dict[str, Rule]:
    """The rules in force for a unit: the nearest ancestor's settings over the defaults (one query)."""
    ancestors = [int(p) for p in unit.path.strip("/").split("/") if p]
    settings = {}
    depth = {pk: i for i, pk in enumerate(ancestors)}
    for setting in TitleSetting.objects.filter(office_id__in=ancestors).select_related("office"):
        current = settings.get(setting.title)
        if current is None or depth[setting.office_id] > depth[current.office_id]:
            settings[setting.title] = setting
    rules = {}
    for title, (checker, recogniser, target, target_difficult) in DEFAULTS.items():
        s = settings.get(title)
        rules[title] = (
            Rule(title, s.checker, s.recogniser, s.target_percent, s.target_percent_difficult, s.office.full_name)
            if s
            else Rule(title, checker, recogniser, target, target_difficult)
        )
    return rules


def _scope_root(membership) -> Unit:
    if membership.role == Role.ASSOCIATION_OFFICER and membership.unit.parent_id:
        return membership.unit.parent
    return membership.unit


def _covering(user, unit: Unit):
    return [m for m in active_memberships(user) if unit.path.startswith(_scope_root(m).path)]


def can_enter(user, area: Unit) -> bool:
    """Registration and self-assessment: officers and the association for their area; a principal or
    centre director for the learning unit that is their own school or centre."""
    if user.is_superuser:
        return True
    for m in _covering(user, area):
        if m.role in (Role.OFFICE_OFFICER, Role.ASSOCIATION_OFFICER):
            return True
        if m.role in (Role.PRINCIPAL, Role.CENTRE_DIRECTOR) and m.unit.pk == area.pk:
            return True
    return False


def _may_act_as(user, area: Unit, who: str) -> bool:
    if user.is_superuser:
        return True
    for m in _covering(user, area):
        # An office-level officer supervises everything below; a commune's officer acts for the commune.
        if m.role == Role.OFFICE_OFFICER and (who != Checker.OFFICE or m.unit.kind == UnitKind.OFFICE):
            return True
        if m.role == Role.ASSOCIATION_OFFICER and who == Checker.ASSOCIATION:
            return True
    return False


def can_check(user, area: Unit, rule: Rule) -> bool:
    return _may_act_as(user, area, rule.checker)


def can_recognise(user, area: Unit, rule: Rule) -> bool:
    return _may_act_as(user, area, rule.recogniser)


def can_configure(user, office: Unit) -> bool:
    if user.is_superuser:
        return True
    return any(m.role == Role.OFFICE_OFFICER and office.path.startswith(m.unit.path) for m in active_memberships(user))


# --- separation of duties (issue 12, item 5) ---------------------------------------------------
#
# The self-assessment is entered by an officer, the association or the learning unit itself; the
# check and the recognition are the reviewers' steps. Whoever last entered a self-assessment or
# handed it over for checking (Assessment.assessed_by), and whoever holds a role on the unit being
# assessed (a principal on their school, a director on their centre: the learning-unit title),
# neither checks, returns nor recognises it. Two cases stay allowed, on purpose:
# - the checker typing paper results and confirming them in the same step ("Lưu và xác nhận đã
#   kiểm tra"): the family assessed itself on paper and nobody handed anything over in the portal;
# - the checker recording the recognition decision: the decision is signed by the authority named
#   on it (the commune chairman, the head of the office), the user only enters it.


def duty_refusal(user, assessment, *, action: str, subject=None) -> str | None:
    """Why `user` may not check, return or recognise this assessment (None: not saved yet), or None
    when they may (units.duties)."""
    subject = subject or assessment.subject
    return duties.review_refusal(
        user,
        units=[subject.area_id, subject.unit_id],
        done_by=[assessment.assessed_by_id] if assessment is not None else [],
        own=_(
            "Bạn không thể %(action)s đánh giá của “%(name)s” do chính bạn nhập hoặc gửi kiểm tra: "
            "việc %(action)s phải do một người khác thực hiện."
        ),
        member=_(
            "Bạn không thể %(action)s đánh giá của “%(name)s” vì bạn đang là %(role)s của %(unit)s: "
            "việc %(action)s phải do một người khác thực hiện."
        ),
        params={"action": action, "name": subject.name},
    )


def duty_conflict(refused: list[tuple[str, str]], *, action: str) -> duties.DutyConflict:
    """`refused`: (subject name, reason) pairs. One reason for one, a summary naming them for several."""
    if len(refused) == 1:
        return duties.DutyConflict(refused[0][1])
    names = sorted(name for name, _reason in refused)
    return duties.DutyConflict(
        _(
            "Bạn không thể %(action)s %(n)s đánh giá (%(names)s) vì bạn đã nhập hoặc gửi kiểm tra chúng, hoặc "
            "đang giữ vai trò ở đơn vị được đánh giá: việc %(action)s phải do một người khác thực hiện."
        )
        % {"action": action, "n": len(names), "names": ", ".join(names[:5]) + ("…" if len(names) > 5 else "")}
    )
