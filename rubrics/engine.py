"""The scoring engine for rubrics (bộ tiêu chí): pure functions over rubric data, no database.

Two regimes exist in law (../shared/docs/DOMAIN.md §4) and both are data, never code:
- points: criteria carry a maximum; the total falls into a band (Thông tư 22/2020/TT-BGDĐT: Tốt 85–100,
  Khá 70–<85, Trung bình 50–<70, Không đạt < 50; Quyết định 448/QĐ-KHVN for families);
- levels: criteria are checked (with evidence where required) and give mức độ 1 or mức độ 2
  (Thông tư 24/2023 and 25/2023/TT-BGDĐT); level 2 may be sought a number of months after level 1
  and a recognition is kept for a number of months, read by learning_society.rules as the whole years
  following the year of recognition.

The one scoring code of the portal: `learning_society` (titles) and `centers` (the TTHTCĐ
self-assessment, Công văn 2553) both score through `score_points` / `level_reached`; it imports neither.
Criteria are anything with `pk`, `code`, `max_points`, `required_for_level` and `evidence_required`
(normally `RubricCriterion` rows).
"""

import calendar
import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

ZERO = Decimal("0")


# --- dates ------------------------------------------------------------------------------------


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` moved by whole months; the 31st becomes the last day of a shorter month."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def level2_eligible_from(level1_recognised_on: datetime.date, wait_months: int | None) -> datetime.date:
    """First day a level-2 request is allowed (Thông tư 25/2023: 12 months after level 1)."""
    return add_months(level1_recognised_on, wait_months or 0)


def check_level2_request(
    *, level1_recognised_on: datetime.date | None, requested_on: datetime.date, wait_months: int | None
) -> str | None:
    """A Vietnamese message when a level-2 request is not allowed yet, else None."""
    if level1_recognised_on is None:
        return _("Chưa được công nhận mức độ 1 nên chưa thể đề nghị mức độ 2.")
    eligible = level2_eligible_from(level1_recognised_on, wait_months)
    if requested_on < eligible:
        return _(
            "Chỉ được đề nghị mức độ 2 sau %(months)s tháng kể từ ngày công nhận mức độ 1 (%(level1)s), "
            "tức là từ ngày %(eligible)s."
        ) % {
            "months": wait_months or 0,
            "level1": level1_recognised_on.strftime("%d/%m/%Y"),
            "eligible": eligible.strftime("%d/%m/%Y"),
        }
    return None


# --- points -----------------------------------------------------------------------------------


def parse_points(value) -> Decimal | None:
    """A typed number ("8,5" or "8.5") as Decimal; None for blank; raises ValueError when not a number."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value
    text = str(value).strip().replace(",", ".")
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not number.is_finite():
        raise ValueError(text)
    return number


def band_for(total: Decimal | None, bands: list[dict]) -> str:
    """The label of the highest band whose minimum the total reaches; bands are listed highest first."""
    if total is None:
        return ""
    for band in sorted(bands, key=lambda b: Decimal(str(b["min"])), reverse=True):
        if total >= Decimal(str(band["min"])):
            return band["label"]
    return ""


def band_passes(label: str, bands: list[dict]) -> bool:
    """Whether a band earns the title. A band may say so with "pass"; otherwise every band but the
    lowest passes (Thông tư 22/2020: Không đạt is the band below 50)."""
    if not label or not bands:
        return False
    ordered = sorted(bands, key=lambda b: Decimal(str(b["min"])), reverse=True)
    for index, band in enumerate(ordered):
        if band["label"] == label:
            if "pass" in band:
                return bool(band["pass"])
            return index < len(ordered) - 1
    return False


@dataclass
class PointsResult:
    total: Decimal | None
    band: str
    passed: bool
    errors: dict = field(default_factory=dict)  # criterion pk → message (shown beside the criterion)
    complete: bool = False  # every criterion has a score
    messages: list = field(default_factory=list)  # the same errors in criteria order, each naming its criterion


def score_points(criteria: Iterable, points: Mapping, bands: list[dict]) -> PointsResult:
    """Total and band from `points` ({criterion pk: number or text}); points above a criterion's
    maximum, negative or not numbers are errors and leave the total unset."""
    errors, messages = {}, []
    total = ZERO
    complete = True
    for criterion in criteria:
        raw = points.get(criterion.pk)
        try:
            value = parse_points(raw)
        except ValueError:
            errors[criterion.pk] = _("“%(value)s” không phải là số.") % {"value": raw}
            messages.append(_("Tiêu chí %(code)s: %(error)s") % {"code": criterion.code, "error": errors[criterion.pk]})
            continue
        if value is None:
            complete = False
            continue
        if value < 0:
            errors[criterion.pk] = _("Điểm không được âm.")
            messages.append(_("Tiêu chí %(code)s: %(error)s") % {"code": criterion.code, "error": errors[criterion.pk]})
        elif criterion.max_points is not None and value > criterion.max_points:
            errors[criterion.pk] = _("Tiêu chí %(code)s tối đa %(max)s điểm, không thể chấm %(value)s.") % {
                "code": criterion.code,
                "max": format_points(criterion.max_points),
                "value": format_points(value),
            }
            messages.append(errors[criterion.pk])
        else:
            total += value
    if errors:
        return PointsResult(total=None, band="", passed=False, errors=errors, complete=False, messages=messages)
    band = band_for(total, bands) if complete else ""
    return PointsResult(total=total, band=band, passed=complete and band_passes(band, bands), complete=complete)


def max_total(criteria: Iterable) -> Decimal:
    return sum((c.max_points or ZERO for c in criteria), ZERO)


def format_points(number: Decimal) -> str:
    """A number of points as typed in Vietnamese: "8,5", "15"."""
    text = format(number.normalize(), "f") if number == number.to_integral() else format(number, "f").rstrip("0")
    return text.replace(".", ",")


# --- levels -----------------------------------------------------------------------------------


@dataclass
class LevelResult:
    level: int  # 0 = not reached, 1 or 2
    missing: dict = field(default_factory=dict)  # level → [criterion codes still missing]


def level_reached(criteria: Iterable, checked: Iterable, evidence: Mapping | None = None) -> LevelResult:
    """The highest level whose criteria are all checked. A criterion that needs evidence counts only
    with evidence (Thông tư 24/2023, 25/2023: criteria are proven by minh chứng). Level 2 needs the
    level-1 criteria too."""
    checked = set(checked)
    evidence = evidence or {}
    missing: dict[int, list[str]] = {1: [], 2: []}
    for criterion in criteria:
        need = criterion.required_for_level or 1
        met = criterion.pk in checked and (
            not criterion.evidence_required or bool(str(evidence.get(criterion.pk) or "").strip())
        )
        if not met:
            for level in (1, 2):
                if need <= level:
                    missing[level].append(criterion.code)
    level = 2 if not missing[2] else 1 if not missing[1] else 0
    return LevelResult(level=level, missing=missing)
