"""The legal rules of DOMAIN.md §3 as plain functions and constants, cited where they come from."""

from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from units.legal import LegalParameter, cite, no_source_text

from .models import Stage

# Nghị định 20/2014/NĐ-CP (in force from 15/05/2014), the parameters below are its numbers, each with
# its article and the years it applies to (units.legal): Điều 20–21, a commune meets a level when ≥ 90%
# of its band is literate; Điều 20.2, 21.2: a district meets a level when ≥ 90% of its communes do;
# Điều 20.3 / 21.3: a province meets level 1 when ≥ 90% of its units do, level 2 only when 100% do.
# Since July 2025 a province counts its communes directly (cần xác minh: the rule is per managing level).
ND20 = "nd20_2014"
IN_FORCE_FROM = 2014


def is_province_office(office) -> bool:
    """A provincial managing office (Sở GD&ĐT): an office whose level name says "Sở"."""
    from units.text import fold

    return getattr(office, "kind", "") == "office" and fold(office.level_label or "").startswith("so ")


def office_threshold(level: int, *, province: bool) -> int:
    """The share of its units a managing office needs for a level (Điều 20.2–20.3, 21.2–21.3)."""
    return PROVINCE_THRESHOLD_PERCENT[level] if province else OFFICE_THRESHOLD_PERCENT


@dataclass(frozen=True)
class Band:
    age_from: int
    age_to: int

    @property
    def key(self) -> str:
        return f"{self.age_from}_{self.age_to}"

    @property
    def label(self) -> str:
        return f"{self.age_from}–{self.age_to}"


B15_25 = Band(15, 25)
B15_35 = Band(15, 35)
B15_60 = Band(15, 60)
BANDS = [B15_25, B15_35, B15_60]

PARAMETERS = (
    LegalParameter("commune_threshold", 90, "%", ND20, "Điều 20, khoản 1; Điều 21, khoản 1", IN_FORCE_FROM),
    LegalParameter("office_threshold", 90, "%", ND20, "Điều 20, khoản 2; Điều 21, khoản 2", IN_FORCE_FROM),
    LegalParameter("province_threshold_1", 90, "%", ND20, "Điều 20, khoản 3", IN_FORCE_FROM),
    LegalParameter("province_threshold_2", 100, "%", ND20, "Điều 21, khoản 3", IN_FORCE_FROM),
    # Điều 20 (level 1) and Điều 21 (level 2), khoản 1: ordinary and especially difficult communes.
    LegalParameter("band_1", B15_35, "tuổi", ND20, "Điều 20, khoản 1", IN_FORCE_FROM),
    LegalParameter("band_1_difficult", B15_25, "tuổi", ND20, "Điều 20, khoản 1", IN_FORCE_FROM),
    LegalParameter("band_2", B15_60, "tuổi", ND20, "Điều 21, khoản 1", IN_FORCE_FROM),
    LegalParameter("band_2_difficult", B15_35, "tuổi", ND20, "Điều 21, khoản 1", IN_FORCE_FROM),
    # The people literacy work is for: 15–60 not yet literate (the article number was not read: named).
    LegalParameter("target_group", B15_60, "tuổi", ND20, "đối tượng xóa mù chữ", IN_FORCE_FROM),
)
_BY_KEY = {p.key: p for p in PARAMETERS}

THRESHOLD_PERCENT = _BY_KEY["commune_threshold"].value
OFFICE_THRESHOLD_PERCENT = _BY_KEY["office_threshold"].value
PROVINCE_THRESHOLD_PERCENT = {1: _BY_KEY["province_threshold_1"].value, 2: _BY_KEY["province_threshold_2"].value}
TARGET_GROUP = _BY_KEY["target_group"].value
OFFICE_RULE_BASIS = cite(ND20, "Điều 20.2–20.3, 21.2–21.3")
LEVEL_BANDS = {
    False: {1: _BY_KEY["band_1"].value, 2: _BY_KEY["band_2"].value},
    True: {1: _BY_KEY["band_1_difficult"].value, 2: _BY_KEY["band_2_difficult"].value},
}


def standard_basis(year: int | None = None, article: str = "Điều 20–21") -> str:
    """The citation of the commune standard for statistics year `year`, or "chưa có căn cứ cho năm …
    (cần xác minh)" for a year before Nghị định 20/2014 applied (its numbers are not applied there
    without saying so)."""
    if year is not None and not all(p.applies(year) for p in PARAMETERS):
        return no_source_text(year)
    return cite(ND20, article)


def band_for(level: int, especially_difficult: bool) -> Band:
    return LEVEL_BANDS[bool(especially_difficult)][level]


def literacy_level(*, grade: int, stage: int, found_illiterate: bool = False) -> int:
    """Điều 19: level 1 = stage 1 or grade 3; level 2 = stage 2 or the whole primary programme (grade 5).

    A person found unable to read at the survey is illiterate whatever the records say: that is how a
    relapse (tái mù chữ) shows up."""
    if found_illiterate:
        return 0
    if stage >= Stage.STAGE2 or grade >= 5:
        return 2
    if stage >= Stage.STAGE1 or grade >= 3:
        return 1
    return 0


def meets(literate: int, denominator: int, threshold: int = THRESHOLD_PERCENT) -> bool:
    """Exact integer comparison: 9 of 10 meets 90%; 8,999 of 10,000 (89.99%) does not."""
    return denominator > 0 and literate * 100 >= threshold * denominator


def rate(literate: int, denominator: int) -> Decimal | None:
    """Percent with two decimals, rounded down so that a commune below 90% never shows 90.00."""
    if not denominator:
        return None
    return (Decimal(literate) * 100 / Decimal(denominator)).quantize(Decimal("0.01"), rounding=ROUND_DOWN)


# The exemption (DOMAIN.md §3): people whose disability prevents learning are shown in their own
# column. No article of Nghị định 20/2014/NĐ-CP states it, so the portal cites the local rule and
# the survey guidance, never "Điều 20".
EXEMPTION_SOURCE = gettext_lazy("quy định của địa phương / hướng dẫn điều tra")
EXEMPT_NEEDS_DISABILITY = gettext_lazy(
    "Chỉ người khuyết tật mới được miễn (quy định của địa phương / hướng dẫn điều tra)."
)


def exemption_error(*, disability: bool, exempt: bool) -> str | None:
    """The one rule "only a disabled person may be exempt": the message, or None when allowed."""
    return str(EXEMPT_NEEDS_DISABILITY) if exempt and not disability else None


def check_exemption(*, disability: bool, exempt: bool) -> None:
    """Refuse (never clear) an exemption of a person who is not disabled: the services, the form and
    the household importer all go through this rule."""
    if message := exemption_error(disability=disability, exempt=exempt):
        raise ValidationError({"exempt": message})


# Số định danh cá nhân: 12 digits; the first three are the code of the province where the birth was
# registered, the fourth the century and sex (0/1: 20th century male/female, 2/3: 21st…), then
# the two last digits of the birth year and six random digits. Source: Nghị định 137/2015/NĐ-CP,
# Điều 7 and the province codes of Thông tư 59/2021/TT-BCA, Phụ lục (cần xác minh: the article
# and the annex were not read; the 63 codes are those printed on citizens' cards).
ID_NUMBER_SOURCE = f"{cite('nd137_2015', 'Điều 7')}; {cite('tt59_2021')}"
ID_PROVINCE_CODES = frozenset(
    [
        "001",
        "002",
        "004",
        "006",
        "008",
        "010",
        "011",
        "012",
        "014",
        "015",
        "017",
        "019",
        "020",
        "022",
        "024",
        "025",
        "026",
        "027",
        "030",
        "031",
        "033",
        "034",
        "035",
        "036",
        "037",
        "038",
        "040",
        "042",
        "044",
        "045",
        "046",
        "048",
        "049",
        "051",
        "052",
        "054",
        "056",
        "058",
        "060",
        "062",
        "064",
        "066",
        "067",
        "068",
        "070",
        "072",
        "074",
        "075",
        "077",
        "079",
        "080",
        "082",
        "083",
        "084",
        "086",
        "087",
        "089",
        "091",
        "092",
        "093",
        "094",
        "095",
        "096",
    ]
)


def id_number_error(value: str) -> str | None:
    """The Vietnamese message for a malformed ID number, or None (blank is allowed)."""
    value = (value or "").strip()
    if not value:
        return None
    if not (len(value) == 12 and value.isascii() and value.isdigit()):
        return str(gettext_lazy("Số định danh cá nhân phải gồm đúng 12 chữ số (đang ghi “%(v)s”).")) % {"v": value[:20]}
    if value[:3] not in ID_PROVINCE_CODES:
        return str(
            gettext_lazy("Số định danh cá nhân “%(v)s”: ba số đầu %(p)s không phải mã tỉnh nơi đăng ký khai sinh.")
        ) % {"v": value, "p": value[:3]}
    return None


# A graduation year read from the national survey form stands for the grade that level ends with
# (Luật Giáo dục 2019, Điều 29: primary 5 grades, lower secondary 4, upper secondary 3); the level
# that follows from the grade is literacy_level() above (Điều 19: the primary programme = level 2).
GRADUATION_GRADE = {"primary": 5, "lower_secondary": 9, "upper_secondary": 12}


def grade_from_graduation(level: str) -> int:
    return GRADUATION_GRADE[level]


def grade_from_current_class(current: int) -> int:
    """A pupil now in grade N has completed grade N − 1 (a form's "lớp đang học")."""
    return max(0, min(12, current - 1))
