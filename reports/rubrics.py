"""The scoring engine for rubrics (bộ tiêu chí): pure functions over `Rubric` data.

Two regimes exist in law (../shared/docs/DOMAIN.md §4) and both are data, never code:
- points: criteria carry a maximum; the total falls into a band (Thông tư 22/2020/TT-BGDĐT: Tốt 85–100,
  Khá 70–<85, Trung bình 50–<70, Không đạt < 50; Quyết định 448/QĐ-KHVN for families);
- levels: criteria are checked (with evidence where required) and give mức độ 1 or mức độ 2
  (Thông tư 24/2023 and 25/2023/TT-BGDĐT); level 2 may be sought a number of months after level 1
  and a recognition lasts a number of months.

Used by `learning_society` (titles) and `centers` (self-assessment points); it imports neither.
Criteria are anything with `pk`, `code`, `max_points`, `required_for_level` and `evidence_required`
(normally `RubricCriterion` rows), so the functions run without a database.
"""

import calendar
import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Prefetch, ProtectedError, Q
from django.utils.translation import gettext as _

from .models import Rubric, RubricCriterion, RubricGroup

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


def recognition_expires_on(recognised_on: datetime.date, validity_months: int | None) -> datetime.date | None:
    """The day a recognition stops being valid (Thông tư 24/2023, 25/2023: 36 months)."""
    if not validity_months:
        return None
    return add_months(recognised_on, validity_months)


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
    errors: dict = field(default_factory=dict)  # criterion pk → message
    complete: bool = False  # every criterion has a score


def score_points(criteria: Iterable, points: Mapping, bands: list[dict]) -> PointsResult:
    """Total and band from `points` ({criterion pk: number or text}); points above a criterion's
    maximum, negative or not numbers are errors and leave the total unset."""
    errors = {}
    total = ZERO
    complete = True
    for criterion in criteria:
        raw = points.get(criterion.pk)
        try:
            value = parse_points(raw)
        except ValueError:
            errors[criterion.pk] = _("“%(value)s” không phải là số.") % {"value": raw}
            continue
        if value is None:
            complete = False
            continue
        if value < 0:
            errors[criterion.pk] = _("Điểm không được âm.")
        elif criterion.max_points is not None and value > criterion.max_points:
            errors[criterion.pk] = _("Tiêu chí %(code)s tối đa %(max)s điểm, không thể chấm %(value)s.") % {
                "code": criterion.code,
                "max": _fmt(criterion.max_points),
                "value": _fmt(value),
            }
        else:
            total += value
    if errors:
        return PointsResult(total=None, band="", passed=False, errors=errors, complete=False)
    band = band_for(total, bands) if complete else ""
    return PointsResult(total=total, band=band, passed=complete and band_passes(band, bands), complete=complete)


def max_total(criteria: Iterable) -> Decimal:
    return sum((c.max_points or ZERO for c in criteria), ZERO)


def _fmt(number: Decimal) -> str:
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


# --- reading and loading rubrics ------------------------------------------------------------


def rubric_criteria(rubric: Rubric) -> list[RubricCriterion]:
    """Criteria in order; uses `groups` and `criteria` prefetched by `rubric_queryset`."""
    return [c for g in rubric.groups.all() for c in g.criteria.all()]


def rubric_queryset():
    return Rubric.objects.prefetch_related(
        Prefetch("groups", queryset=RubricGroup.objects.order_by("order", "id")),
        Prefetch("groups__criteria", queryset=RubricCriterion.objects.order_by("order", "id")),
    )


def rubric_for(subject_kind: str, year: int) -> Rubric | None:
    """The rubric in force for a kind of subject in a year; the newest one starting on or before it."""
    return (
        rubric_queryset()
        .filter(subject_kind=subject_kind, year_from__lte=year)
        .filter(Q(year_to__isnull=True) | Q(year_to__gte=year))
        .order_by("-year_from", "-id")
        .first()
    )


def _validate(data: dict) -> list[str]:
    errors = []
    for key in ("code", "title", "subject_kind", "regime", "year_from", "groups"):
        if not data.get(key):
            errors.append(_("Thiếu trường “%(key)s”.") % {"key": key})
    if errors:
        return errors
    if data["regime"] not in Rubric.Regime.values:
        errors.append(_("Cách đánh giá phải là “points” hoặc “levels”."))
    if data.get("year_to") and int(data["year_to"]) < int(data["year_from"]):
        errors.append(_("Năm kết thúc phải sau năm bắt đầu."))
    if data["regime"] == Rubric.Regime.POINTS and not data.get("bands"):
        errors.append(_("Bộ tiêu chí chấm điểm cần có các mức xếp loại."))
    for band in data.get("bands") or []:
        try:
            Decimal(str(band["min"]))
            band["label"]
        except (KeyError, InvalidOperation, TypeError):
            errors.append(_("Mức xếp loại phải có “label” và “min” là số."))
    for group in data["groups"]:
        if not group.get("code") or not group.get("title"):
            errors.append(_("Mỗi nhóm tiêu chí cần có mã và tên."))
        for criterion in group.get("criteria") or []:
            if not criterion.get("code") or not criterion.get("text"):
                errors.append(_("Mỗi tiêu chí cần có mã và nội dung (nhóm %(g)s).") % {"g": group.get("code")})
            elif data["regime"] == Rubric.Regime.POINTS:
                try:
                    if Decimal(str(criterion.get("max_points"))) <= 0:
                        raise InvalidOperation
                except InvalidOperation:
                    errors.append(_("Tiêu chí %(c)s cần điểm tối đa dương.") % {"c": criterion["code"]})
            elif criterion.get("required_for_level", 1) not in (1, 2):
                errors.append(_("Tiêu chí %(c)s: mức độ yêu cầu phải là 1 hoặc 2.") % {"c": criterion["code"]})
    return errors or _size_problems(data)


def _small_int(value) -> bool:
    try:
        return not isinstance(value, bool) and 0 <= int(value) <= 32767
    except (TypeError, ValueError, OverflowError):
        return False


def _text(value, limit: int | None) -> bool:
    return isinstance(value, str) and (limit is None or len(value) <= limit)


def _code(value, limit: int) -> bool:
    return isinstance(value, (str, int)) and not isinstance(value, bool) and len(str(value)) <= limit


def _size_problems(data: dict) -> list[str]:
    """Values the tables cannot hold (a 300-character title, year 10**30, "Infinity" points, a list
    where text belongs) are problems of the file, not a 500 when PostgreSQL refuses the row."""
    problems = []
    if not _code(data["code"], 60) or not _text(data["title"], 255) or not _text(data.get("legal_basis", ""), 255):
        problems.append(_("Mã (tối đa 60 ký tự), tên hoặc căn cứ (tối đa 255 ký tự) của bộ tiêu chí không hợp lệ."))
    for key in ("year_from", "year_to", "level2_wait_months", "validity_months"):
        if data.get(key) is not None and (key != "year_to" or data.get(key)) and not _small_int(data[key]):
            problems.append(_("Trường “%(key)s” phải là số nguyên từ 0 đến 32767.") % {"key": key})
    for group in data["groups"]:
        if not isinstance(group, dict):
            continue
        if not _code(group["code"], 20) or not _text(group["title"], 255):
            problems.append(_("Nhóm tiêu chí cần mã tối đa 20 ký tự và tên tối đa 255 ký tự."))
        for criterion in group.get("criteria") or []:
            if not isinstance(criterion, dict):
                continue
            if not _code(criterion["code"], 20) or not _text(criterion["text"], None):
                problems.append(_("Tiêu chí cần mã tối đa 20 ký tự và nội dung là chữ."))
            points = criterion.get("max_points")
            if points is not None:
                try:
                    ok = Decimal(str(points)).is_finite() and abs(Decimal(str(points))) < 10000
                except InvalidOperation:
                    ok = False
                if not ok:
                    problems.append(
                        _("Điểm tối đa của tiêu chí %(c)s phải là số nhỏ hơn 10.000.") % {"c": criterion["code"]}
                    )
    return problems


@transaction.atomic
def rubric_load(data: dict) -> Rubric:
    """Creates or replaces a rubric from plain data (the shipped JSON files or an officer's upload).
    Replacing keeps the code; groups and criteria are rewritten. Raises ValueError with the list of
    Vietnamese problems when the data is not a valid rubric."""
    errors = _validate(data)
    if errors:
        raise ValueError(errors)
    fields = {
        "title": data["title"],
        "subject_kind": data["subject_kind"],
        "regime": data["regime"],
        "year_from": int(data["year_from"]),
        "year_to": int(data["year_to"]) if data.get("year_to") else None,
        "legal_basis": data.get("legal_basis", ""),
        "bands": [{**b, "min": str(b["min"])} for b in data.get("bands") or []],
        "level2_wait_months": data.get("level2_wait_months"),
        "validity_months": data.get("validity_months"),
    }
    any_sample = False
    rubric, _created = Rubric.objects.update_or_create(code=data["code"], defaults=fields)
    # Update in place by code: assessments already scored keep pointing at their criteria.
    kept_groups, kept_criteria = [], []
    for g_index, group_data in enumerate(data["groups"], start=1):
        group, _new = RubricGroup.objects.update_or_create(
            rubric=rubric, code=str(group_data["code"]), defaults={"order": g_index, "title": group_data["title"]}
        )
        kept_groups.append(group.pk)
        for c_index, c in enumerate(group_data.get("criteria") or [], start=1):
            any_sample = any_sample or bool(c.get("is_sample"))
            criterion, _new = RubricCriterion.objects.update_or_create(
                group=group,
                code=str(c["code"]),
                defaults={
                    "order": c_index,
                    "text": c["text"],
                    "max_points": Decimal(str(c["max_points"])) if c.get("max_points") is not None else None,
                    "required_for_level": (c.get("required_for_level") or 1)
                    if data["regime"] == Rubric.Regime.LEVELS
                    else None,
                    "evidence_required": bool(c.get("evidence_required")),
                    "is_sample": bool(c.get("is_sample")),
                },
            )
            kept_criteria.append(criterion.pk)
    try:
        RubricCriterion.objects.filter(group__rubric=rubric).exclude(pk__in=kept_criteria).delete()
        rubric.groups.exclude(pk__in=kept_groups).delete()
    except ProtectedError as exc:
        raise ValueError(
            [_("Không thể bỏ tiêu chí đã được dùng để chấm; hãy tạo bộ tiêu chí mới cho năm sau.")]
        ) from exc
    if rubric.is_sample != any_sample:
        rubric.is_sample = any_sample
        rubric.save(update_fields=["is_sample"])
    return rubric
