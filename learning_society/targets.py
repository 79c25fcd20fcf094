"""National targets of the learning society, as dated data: one set per programme, each with its source.

DOMAIN.md §4: Quyết định 281/QĐ-TTg of 20/02/2014 (targets for 2020: 70% of families, 50% of clans, 60%
of communities, 50% of units; 60/40/50% in difficult areas) for the years 2014–2020, and Quyết định
387/QĐ-TTg of 25/03/2022 (Chương trình "Đẩy mạnh phong trào học tập suốt đời trong gia đình, dòng họ,
cộng đồng, đơn vị giai đoạn 2021 - 2030"; for 2025: 70% of families,
65% of clans, 65% of hamlet communities, 80% of units in the commune) for the years 2021–2030. Only
these numbers are used. A title with no sourced number (the commune learning community; a difficult
area under QĐ 387 where no lower figure is given falls back to the programme's general figure) has no
default: it is "chưa đặt" (cần xác minh) until the office sets it (TitleSetting.target_percent; 0 means
"follow the programme"). An office's setting wins over the programme and is shown as the office's.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from units import legal

from .models import Title

GENERAL, DIFFICULT = "general", "difficult"

# Keys of units.legal.TEXTS: the texts themselves (number, date, issuer) live in the registry.
QD_281 = "qd281_2014"
QD_387 = "qd387_2022"
UNVERIFIED = legal.UNVERIFIED


@dataclass(frozen=True)
class Target:
    title: str
    percent: int
    source: str  # a units.legal.TEXTS key
    article: str
    valid_from_year: int
    valid_to_year: int
    level: str = GENERAL  # GENERAL, or DIFFICULT for especially difficult communes

    @property
    def citation(self) -> str:
        """ "Quyết định số 281/QĐ-TTg ngày 20/02/2014 của Thủ tướng Chính phủ, mục tiêu đến năm 2020"."""
        return legal.cite(self.source, self.article, full=True)


_A281 = "mục tiêu đến năm 2020"
_A281D = "mục tiêu đến năm 2020, vùng đặc biệt khó khăn"
_A387 = "mục tiêu đến năm 2025"

TARGETS: tuple[Target, ...] = (
    Target(Title.FAMILY, 70, QD_281, _A281, 2014, 2020),
    Target(Title.CLAN, 50, QD_281, _A281, 2014, 2020),
    Target(Title.HAMLET_COMMUNITY, 60, QD_281, _A281, 2014, 2020),
    Target(Title.LEARNING_UNIT, 50, QD_281, _A281, 2014, 2020),
    Target(Title.FAMILY, 60, QD_281, _A281D, 2014, 2020, DIFFICULT),
    Target(Title.CLAN, 40, QD_281, _A281D, 2014, 2020, DIFFICULT),
    Target(Title.HAMLET_COMMUNITY, 50, QD_281, _A281D, 2014, 2020, DIFFICULT),
    Target(Title.FAMILY, 70, QD_387, _A387, 2021, 2030),
    Target(Title.CLAN, 65, QD_387, _A387, 2021, 2030),
    Target(Title.HAMLET_COMMUNITY, 65, QD_387, _A387, 2021, 2030),
    Target(Title.LEARNING_UNIT, 80, QD_387, _A387 + " (đơn vị trên địa bàn xã)", 2021, 2030),
)


@dataclass(frozen=True)
class TargetInForce:
    percent: int | None
    citation: str
    overridden_by: str | None = None

    @property
    def text(self) -> str:
        """ "70%", or "chưa đặt" when there is no target."""
        return f"{self.percent}%" if self.percent is not None else _("chưa đặt")


def national_target(title: str, year: int, difficult: bool = False) -> Target | None:
    """The programme's target for `title` in `year`: the difficult-area figure when one is given, else
    the general one; None when no source gives a number."""
    found = [t for t in TARGETS if t.title == title and t.valid_from_year <= year <= t.valid_to_year]
    if difficult:
        for t in found:
            if t.level == DIFFICULT:
                return t
    return next((t for t in found if t.level == GENERAL), None)


def target_in_force(title: str, year: int, *, difficult: bool, rule=None) -> TargetInForce:
    """The office's setting (rule from permissions.rules_for) over the dated national target."""
    if rule is not None and rule.office_name:
        own = rule.target_difficult if difficult and rule.target_difficult else rule.target
        if own:
            return TargetInForce(own, _("Chỉ tiêu do %(office)s đặt") % {"office": rule.office_name}, rule.office_name)
    national = national_target(title, year, difficult)
    if national is None:
        return TargetInForce(None, UNVERIFIED)
    return TargetInForce(national.percent, national.citation)


def target_for(title: str, year: int, unit) -> tuple[int | None, str, str | None]:
    """(percent or None, citation, name of the office whose setting overrides the programme or None)."""
    from .permissions import rules_for

    t = target_in_force(title, year, difficult=bool(unit.especially_difficult), rule=rules_for(unit).get(title))
    return t.percent, t.citation, t.overridden_by
