"""Who may enter, check and recognise which title where.

Scope (what a user sees) is decided by units.selectors; these rules say what a user may *do* on a
unit they see. Who checks and who enters the recognition of each title is an office setting
(TitleSetting), because practice differs between provinces: the Hội Khuyến học usually checks
families, clans and hamlets (Quyết định 448/QĐ-KHVN), the office checks learning units (Thông tư
22/2020, 24/2023) and commune communities (Thông tư 44/2014, 25/2023).
"""

from dataclasses import dataclass

from units.models import Role, Unit, UnitKind
from units.selectors import active_memberships

from .models import Checker, Title, TitleSetting

# Quyết định 281/QĐ-TTg (2014): 70% families, 50% clans, 60% communities, 50% units; in difficult areas
# 60 / 40 / 50%. Commune communities follow the community target; citizens have no national target.
DEFAULTS: dict[str, tuple[str, str, int, int]] = {
    Title.FAMILY: (Checker.ASSOCIATION, Checker.COMMUNE, 70, 60),
    Title.CLAN: (Checker.ASSOCIATION, Checker.COMMUNE, 50, 40),
    Title.HAMLET_COMMUNITY: (Checker.ASSOCIATION, Checker.COMMUNE, 60, 50),
    Title.LEARNING_UNIT: (Checker.OFFICE, Checker.OFFICE, 50, 50),
    Title.COMMUNE_COMMUNITY: (Checker.OFFICE, Checker.OFFICE, 60, 50),
    Title.CITIZEN: (Checker.ASSOCIATION, Checker.COMMUNE, 0, 0),
}


@dataclass(frozen=True)
class Rule:
    title: str
    checker: str
    recogniser: str
    target: int
    target_difficult: int

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
    for setting in TitleSetting.objects.filter(office_id__in=ancestors):
        current = settings.get(setting.title)
        if current is None or depth[setting.office_id] > depth[current.office_id]:
            settings[setting.title] = setting
    rules = {}
    for title, (checker, recogniser, target, target_difficult) in DEFAULTS.items():
        s = settings.get(title)
        rules[title] = (
            Rule(title, s.checker, s.recogniser, s.target_percent, s.target_percent_difficult)
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
