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
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, ProtectedError, Q
from django.utils.translation import gettext as _

from units import audit
from units.clean_input import strip_json_nul

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
    """The national default in force for a kind in a year (no office copy); see `rubric_in_force`."""
    return rubric_in_force(subject_kind, None, year)


# --- ownership (issue 12) ----------------------------------------------------------------------
# A rubric without an owner is a national default (the shipped files, Công văn 2553): read-only in
# the portal. An office makes its own copy, edits, imports and exports it; its units use the copy of
# their nearest ancestor that covers the year, else the national default. Only an office officer
# (role office_officer) of the owning office changes a copy — not a commune-level officer, not a
# leader or viewer, not another office. Every change is audited on the owning office's unit.

# Labels of the kinds of subject a rubric scores (learning-society titles and the TTHTCĐ).
CENTRE_KIND = "centre"


def _chain(unit) -> list[int]:
    """The unit's id and its ancestors' ids, root first ("/1/7/42/")."""
    if unit is None:
        return []
    return [int(p) for p in unit.path.strip("/").split("/") if p]


def rubric_in_force(kind: str, unit, year: int) -> Rubric | None:
    """The rubric a unit uses for a kind of subject in a year: among the active rubrics covering the
    year, the copy of the nearest owning ancestor (the unit itself first), else the national default;
    within one owner the newest. `unit=None` reads only the national defaults."""
    chain = _chain(unit)
    depth = {pk: i for i, pk in enumerate(chain)}
    candidates = list(
        Rubric.objects.filter(subject_kind=kind, is_active=True, year_from__lte=year)
        .filter(Q(year_to__isnull=True) | Q(year_to__gte=year))
        .filter(Q(owner__isnull=True) | Q(owner_id__in=chain))
        .values_list("pk", "owner_id", "year_from")
    )
    if not candidates:
        return None
    best = max(candidates, key=lambda c: (depth.get(c[1], -1) if c[1] else -1, c[2], c[0]))
    return rubric_queryset().get(pk=best[0])


def rubric_offices(user) -> list:
    """The offices whose rubrics the user may change: units of kind office where the user is an
    office officer. A commune-level officer owns no rubric (their commune uses its office's copy)."""
    from units.models import Role, UnitKind
    from units.selectors import active_memberships

    offices = {
        m.unit.pk: m.unit
        for m in active_memberships(user)
        if m.role == Role.OFFICE_OFFICER and m.unit.kind == UnitKind.OFFICE
    }
    return sorted(offices.values(), key=lambda u: (u.path.count("/"), u.pk))


def can_change_rubric(user, rubric: Rubric) -> bool:
    if rubric.owner_id is None or not rubric.is_active:
        return False
    if getattr(user, "is_superuser", False):
        return True
    return any(office.pk == rubric.owner_id for office in rubric_offices(user))


def rubrics_visible_to(user, kinds=None):
    """National defaults, copies of the offices above the user's units (the ones they use), and
    copies of offices below (a province sees its districts'); never another office's."""
    from units.selectors import scope_roots, units_visible_to

    rows = Rubric.objects.all()
    if kinds is not None:
        rows = rows.filter(subject_kind__in=list(kinds))
    if getattr(user, "is_superuser", False):
        return rows
    above = {pk for root in scope_roots(user) for pk in _chain(root)}
    return rows.filter(Q(owner__isnull=True) | Q(owner_id__in=above) | Q(owner__in=units_visible_to(user)))


def rubric_in_use(rubric: Rubric) -> bool:
    """Whether any record (a title assessment, a centre self-assessment…) points at the rubric; the
    apps that score hold the foreign keys, so they are found through the model's relations."""
    for relation in Rubric._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and relation.one_to_many) or relation.related_model in (Rubric, RubricGroup):
            continue
        if relation.related_model._base_manager.filter(**{relation.field.name: rubric}).exists():
            return True
    return False


# --- validating and loading rubric data --------------------------------------------------------

MAX_NESTING = 20  # a rubric file is 5 levels deep; anything far deeper is not a rubric
MAX_NUMBER_DIGITS = 30
BAND_LABEL_MAX = 40  # learning_society.Assessment.band, centers.SelfAssessment.self_rating
POINTS_LIMIT = Decimal("9999.99")  # DecimalField(max_digits=6, decimal_places=2): criteria and totals


def _int_token(text: str) -> int:
    if len(text.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise ValueError(_("Tệp có số quá dài (%(n)s chữ số).") % {"n": len(text.lstrip("-"))})
    return int(text)


def _float_token(text: str) -> Decimal:
    if len(text) > MAX_NUMBER_DIGITS + 10:
        raise ValueError(_("Tệp có số quá dài (%(n)s ký tự).") % {"n": len(text)})
    return Decimal(text)


def _too_deep(raw: str) -> bool:
    depth = 0
    in_string = escaped = False
    for char in raw:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > MAX_NESTING:
                return True
        elif char in "]}":
            depth -= 1
    return False


def parse_rubric_file(raw: bytes):
    """The JSON of an uploaded rubric; ValueError with the list of Vietnamese problems otherwise.
    A number of thousands of digits (int() refuses over 4300 in Python 3.11) or lists nested
    100,000 deep (json recurses until RecursionError) are problems of the file, never a 500."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError([_("Tệp không phải JSON hợp lệ (mã hóa UTF-8).")]) from exc
    text = strip_json_nul(text)  # PostgreSQL stores no NUL in text or jsonb (units.clean_input)
    if _too_deep(text):
        raise ValueError([_("Tệp lồng quá nhiều cấp (quá %(n)s cấp), không phải bộ tiêu chí.") % {"n": MAX_NESTING}])
    try:
        return json.loads(text, parse_int=_int_token, parse_float=_float_token)
    except RecursionError as exc:
        raise ValueError([_("Tệp lồng quá nhiều cấp, không phải bộ tiêu chí.")]) from exc
    except json.JSONDecodeError as exc:
        raise ValueError([_("Tệp không phải JSON hợp lệ (dòng %(line)s).") % {"line": exc.lineno}]) from exc
    except (ValueError, ArithmeticError) as exc:
        message = str(exc) if str(exc).startswith("Tệp") else _("Tệp có giá trị không đọc được.")
        raise ValueError([message]) from exc


def _small_int(value) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, str, Decimal)):
        return False
    text = str(value).strip()
    if not text.isdecimal() or len(text) > 5:
        return False
    return 0 <= int(text) <= 32767


def _text(value, limit: int | None, *, required: bool = True) -> bool:
    if not isinstance(value, str) or (required and not value.strip()):
        return False
    return limit is None or len(value) <= limit


def _code(value, limit: int) -> bool:
    return (
        isinstance(value, (str, int))
        and not isinstance(value, bool)
        and bool(str(value).strip())
        and len(str(value)) <= limit
    )


def _points(value) -> Decimal | None:
    """A criterion's maximum or a band's minimum as Decimal (0 to 9999.99, two decimals), else None."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        return None
    text = str(value).strip().replace(",", ".")
    if not text or len(text) > MAX_NUMBER_DIGITS:
        return None
    try:
        number = Decimal(text)
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite() or number < 0 or number > POINTS_LIMIT or number != number.quantize(Decimal("0.01")):
        return None
    return number


def validate_rubric_data(data) -> list[str]:
    """Every problem of rubric data (an upload or the edit page), in Vietnamese; [] when it can be
    stored as it is. Checks every limit of the tables, so PostgreSQL never refuses a row."""
    if not isinstance(data, dict):
        return [_("Tệp không đúng cấu trúc bộ tiêu chí (cần một đối tượng JSON).")]
    problems = []
    for key in ("code", "subject_kind", "regime", "groups"):
        if data.get(key) in (None, "", [], {}):
            problems.append(_("Thiếu trường “%(key)s”.") % {"key": key})
    if problems:
        return problems
    if not _code(data["code"], 60):
        problems.append(_("Mã bộ tiêu chí phải có từ 1 đến 60 ký tự."))
    if data.get("year_from") in (None, ""):
        problems.append(_("Cần năm bắt đầu áp dụng."))
    if not _text(data.get("title"), 255):
        problems.append(_("Tên bộ tiêu chí phải có từ 1 đến 255 ký tự."))
    if not _text(data.get("legal_basis") or "", 255, required=False):
        problems.append(_("Căn cứ tối đa 255 ký tự."))
    if not _text(data["subject_kind"], 40):
        problems.append(_("Đối tượng đánh giá không hợp lệ."))
    regime = data["regime"]
    if regime not in Rubric.Regime.values:
        problems.append(_("Cách đánh giá phải là “points” (chấm điểm) hoặc “levels” (mức độ)."))
    for key, label in (
        ("year_from", _("Năm bắt đầu")),
        ("year_to", _("Năm kết thúc")),
        ("level2_wait_months", _("Số tháng chờ trước mức độ 2")),
        ("validity_months", _("Thời hạn công nhận")),
    ):
        if data.get(key) not in (None, "") and not _small_int(data[key]):
            problems.append(_("%(label)s phải là số nguyên từ 0 đến 32767.") % {"label": label})
    if (
        _small_int(data.get("year_from"))
        and data.get("year_to") not in (None, "")
        and _small_int(data["year_to"])
        and int(str(data["year_to"])) < int(str(data["year_from"]))
    ):
        problems.append(_("Năm kết thúc phải sau năm bắt đầu."))
    bands = data.get("bands") or []
    if not isinstance(bands, list):
        problems.append(_("Các mức xếp loại phải là một danh sách."))
        bands = []
    if regime == Rubric.Regime.POINTS and not bands:
        problems.append(_("Bộ tiêu chí chấm điểm cần có các mức xếp loại."))
    labels = set()
    for band in bands:
        if not isinstance(band, dict):
            problems.append(_("Mỗi mức xếp loại cần có tên (“label”) và điểm tối thiểu (“min”)."))
            continue
        label = band.get("label")
        if not _text(label, BAND_LABEL_MAX):
            problems.append(
                _("Tên mức xếp loại “%(label)s” phải có từ 1 đến %(max)s ký tự.")
                % {"label": str(label)[:60], "max": BAND_LABEL_MAX}
            )
        elif label.strip() in labels:
            problems.append(_("Mức xếp loại “%(label)s” bị lặp.") % {"label": label})
        else:
            labels.add(label.strip())
        if _points(band.get("min")) is None:
            problems.append(
                _("Điểm tối thiểu của mức “%(label)s” phải là số từ 0 đến 9.999,99 (tối đa 2 chữ số thập phân).")
                % {"label": str(label)[:60]}
            )
        if "pass" in band and not isinstance(band["pass"], bool):
            problems.append(_("Trường “pass” của mức xếp loại phải là true hoặc false."))
    groups = data["groups"]
    if not isinstance(groups, list):
        return [*problems, _("Các nhóm tiêu chí phải là một danh sách.")]
    group_codes, total = set(), ZERO
    for group in groups:
        if not isinstance(group, dict):
            problems.append(_("Mỗi nhóm tiêu chí phải có mã, tên và danh sách tiêu chí."))
            continue
        g_code = group.get("code")
        if not _code(g_code, 20) or not _text(group.get("title"), 255):
            problems.append(_("Mỗi nhóm tiêu chí cần mã (tối đa 20 ký tự) và tên (tối đa 255 ký tự)."))
        elif str(g_code).strip() in group_codes:
            problems.append(_("Mã nhóm “%(g)s” bị lặp.") % {"g": g_code})
        else:
            group_codes.add(str(g_code).strip())
        criteria = group.get("criteria") or []
        if not isinstance(criteria, list):
            problems.append(_("Tiêu chí của nhóm %(g)s phải là một danh sách.") % {"g": str(g_code)[:20]})
            continue
        codes = set()
        for criterion in criteria:
            if not isinstance(criterion, dict):
                problems.append(_("Mỗi tiêu chí cần có mã và nội dung (nhóm %(g)s).") % {"g": str(g_code)[:20]})
                continue
            c_code = criterion.get("code")
            name = str(c_code)[:20]
            if not _code(c_code, 20) or not _text(criterion.get("text"), None):
                problems.append(
                    _("Mỗi tiêu chí cần mã (tối đa 20 ký tự) và nội dung (nhóm %(g)s).") % {"g": str(g_code)[:20]}
                )
            elif str(c_code).strip() in codes:
                problems.append(_("Mã tiêu chí “%(c)s” bị lặp trong nhóm %(g)s.") % {"c": name, "g": str(g_code)[:20]})
            else:
                codes.add(str(c_code).strip())
            for flag in ("evidence_required", "is_sample"):
                if flag in criterion and not isinstance(criterion[flag], bool):
                    problems.append(_("Tiêu chí %(c)s: “%(f)s” phải là true hoặc false.") % {"c": name, "f": flag})
            if regime == Rubric.Regime.POINTS:
                points = _points(criterion.get("max_points"))
                if points is None or points <= 0:
                    problems.append(
                        _("Tiêu chí %(c)s cần điểm tối đa là số dương đến 9.999,99 (tối đa 2 chữ số thập phân).")
                        % {"c": name}
                    )
                else:
                    total += points
            elif criterion.get("required_for_level", 1) not in (1, 2, "1", "2"):
                problems.append(_("Tiêu chí %(c)s: mức độ yêu cầu phải là 1 hoặc 2.") % {"c": name})
    if total > POINTS_LIMIT:
        problems.append(_("Tổng điểm tối đa của các tiêu chí không được quá 9.999,99."))
    return problems


def _store(rubric: Rubric, data: dict) -> Rubric:
    """Writes the header, groups and criteria of `data` (already validated) into `rubric`."""
    rubric.title = data["title"].strip()
    rubric.regime = data["regime"]
    rubric.year_from = int(str(data["year_from"]))
    rubric.year_to = int(str(data["year_to"])) if data.get("year_to") not in (None, "") else None
    rubric.legal_basis = (data.get("legal_basis") or "").strip()
    rubric.bands = [
        {**{k: v for k, v in b.items() if k == "pass"}, "label": b["label"].strip(), "min": str(_points(b["min"]))}
        for b in data.get("bands") or []
    ]
    for key in ("level2_wait_months", "validity_months"):
        setattr(rubric, key, int(str(data[key])) if data.get(key) not in (None, "") else None)
    rubric.save()
    any_sample = False
    # Update in place by code: an unused rubric keeps its rows (a used one is never rewritten).
    kept_groups, kept_criteria = [], []
    for g_index, group_data in enumerate(data["groups"], start=1):
        group, _new = RubricGroup.objects.update_or_create(
            rubric=rubric,
            code=str(group_data["code"]).strip(),
            defaults={"order": g_index, "title": group_data["title"].strip()},
        )
        kept_groups.append(group.pk)
        for c_index, c in enumerate(group_data.get("criteria") or [], start=1):
            any_sample = any_sample or bool(c.get("is_sample"))
            criterion, _new = RubricCriterion.objects.update_or_create(
                group=group,
                code=str(c["code"]).strip(),
                defaults={
                    "order": c_index,
                    "text": c["text"].strip(),
                    "max_points": _points(c.get("max_points")) if rubric.regime == Rubric.Regime.POINTS else None,
                    "required_for_level": int(str(c.get("required_for_level") or 1))
                    if rubric.regime == Rubric.Regime.LEVELS
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


@transaction.atomic
def rubric_load(data: dict, *, owner=None, replace: bool = True) -> Rubric:
    """Creates or replaces the rubric of `owner` (None: a national default) with the code of `data`.
    Raises ValueError with the list of Vietnamese problems when the data is not a valid rubric or
    would change the kind of subject or the regime of an existing rubric. A rubric already used to
    score is not rewritten: it is retired and the data becomes its next version. `replace=False`
    leaves an existing rubric as it is (loading the shipped files)."""
    problems = validate_rubric_data(data)
    if problems:
        raise ValueError(problems)
    code = str(data["code"]).strip()
    current = Rubric.objects.select_for_update().filter(owner=owner, code=code, is_active=True).first()
    # The national default of that code (or the rubric it was copied from) fixes the kind and regime:
    # an upload can never turn the TTHTCĐ rubric into a family rubric.
    reference = current or Rubric.objects.filter(owner__isnull=True, code=code, is_active=True).first()
    if reference is not None:
        if reference.subject_kind != data["subject_kind"]:
            raise ValueError(
                [
                    _(
                        "Mã “%(code)s” là bộ tiêu chí cho đối tượng “%(kind)s”; không thể đổi thành “%(new)s”. "
                        "Hãy dùng mã khác cho bộ tiêu chí mới."
                    )
                    % {"code": code, "kind": reference.subject_kind, "new": data["subject_kind"]}
                ]
            )
        if reference.regime != data["regime"]:
            raise ValueError(
                [
                    _("Mã “%(code)s” đang đánh giá theo cách “%(regime)s”; không thể đổi cách đánh giá.")
                    % {"code": code, "regime": reference.get_regime_display()}
                ]
            )
    if current is not None and (not replace or _normalized(data) == rubric_data(current)):
        return current
    if current is None:
        rubric = Rubric(owner=owner, code=code, subject_kind=data["subject_kind"], based_on=reference)
    elif rubric_in_use(current):
        current.is_active = False
        current.save(update_fields=["is_active"])
        rubric = Rubric(
            owner=owner,
            code=code,
            subject_kind=current.subject_kind,
            based_on=current.based_on,
            version=current.version + 1,
        )
    else:
        rubric = current
    try:
        with transaction.atomic():
            return _store(rubric, data)
    except IntegrityError as exc:  # two saves of the same copy at once: the other one won
        raise ValueError(
            [_("Bộ tiêu chí “%(code)s” vừa được người khác lưu; hãy tải lại trang.") % {"code": code}]
        ) from exc


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _normalized(data: dict) -> dict:
    """Valid data in the shape `rubric_data` gives back after storing it (to skip a no-op save)."""
    points = data["regime"] == Rubric.Regime.POINTS

    def optional(key):
        return int(str(data[key])) if data.get(key) not in (None, "") else None

    return {
        "code": str(data["code"]).strip(),
        "title": data["title"].strip(),
        "subject_kind": data["subject_kind"],
        "regime": data["regime"],
        "year_from": int(str(data["year_from"])),
        "year_to": optional("year_to"),
        "legal_basis": (data.get("legal_basis") or "").strip(),
        "bands": [
            {**{k: v for k, v in b.items() if k == "pass"}, "label": b["label"].strip(), "min": str(_points(b["min"]))}
            for b in data.get("bands") or []
        ],
        "level2_wait_months": optional("level2_wait_months"),
        "validity_months": optional("validity_months"),
        "groups": [
            {
                "code": str(g["code"]).strip(),
                "title": g["title"].strip(),
                "criteria": [
                    {
                        "code": str(c["code"]).strip(),
                        "text": c["text"].strip(),
                        "evidence_required": bool(c.get("evidence_required")),
                        "is_sample": bool(c.get("is_sample")),
                        **(
                            {"max_points": _number(_points(c.get("max_points")))}
                            if points
                            else {"required_for_level": int(str(c.get("required_for_level") or 1))}
                        ),
                    }
                    for c in g.get("criteria") or []
                ],
            }
            for g in data["groups"]
        ],
    }


def rubric_data(rubric: Rubric) -> dict:
    """The rubric as plain data: the shape of the shipped files, of an upload and of the export."""
    data = {
        "code": rubric.code,
        "title": rubric.title,
        "subject_kind": rubric.subject_kind,
        "regime": rubric.regime,
        "year_from": rubric.year_from,
        "year_to": rubric.year_to,
        "legal_basis": rubric.legal_basis,
        "bands": [dict(b) for b in rubric.bands or []],
        "level2_wait_months": rubric.level2_wait_months,
        "validity_months": rubric.validity_months,
        "groups": [],
    }
    for group in rubric.groups.order_by("order", "id"):
        criteria = []
        for c in group.criteria.order_by("order", "id"):
            row = {"code": c.code, "text": c.text, "evidence_required": c.evidence_required, "is_sample": c.is_sample}
            if rubric.regime == Rubric.Regime.POINTS:
                row["max_points"] = _number(c.max_points) if c.max_points is not None else None
            else:
                row["required_for_level"] = c.required_for_level or 1
            criteria.append(row)
        data["groups"].append({"code": group.code, "title": group.title, "criteria": criteria})
    return data


# --- the office's changes (services: check the actor, audit on the owning office) ---------------


def _refuse_unless_owner(actor, rubric: Rubric) -> None:
    if not can_change_rubric(actor, rubric):
        raise PermissionDenied(_("Chỉ chuyên viên của đơn vị sở hữu mới được sửa bộ tiêu chí này."))


def _as_problems(exc: ValueError) -> ValidationError:
    problems = exc.args[0] if exc.args and isinstance(exc.args[0], list) else [_("Dữ liệu bộ tiêu chí không hợp lệ.")]
    return ValidationError(problems)


def _may_own(actor, office) -> None:
    if office is None or not (
        getattr(actor, "is_superuser", False) or any(o.pk == office.pk for o in rubric_offices(actor))
    ):
        raise PermissionDenied(_("Chỉ chuyên viên phòng/sở mới có bộ tiêu chí riêng của đơn vị."))


@transaction.atomic
def rubric_copy(*, actor, rubric: Rubric, office) -> Rubric:
    """“Tạo bản của đơn vị”: the office's own copy of a rubric it sees (a national default or a
    province's copy); the office's units use it from then on."""
    _may_own(actor, office)
    if Rubric.objects.filter(owner=office, code=rubric.code, is_active=True).exists():
        raise ValidationError(_("Đơn vị đã có bản riêng của bộ tiêu chí “%(code)s”.") % {"code": rubric.code})
    data = rubric_data(rubric_queryset().get(pk=rubric.pk))
    copy = Rubric(owner=office, code=rubric.code, subject_kind=rubric.subject_kind, based_on=rubric)
    try:
        with transaction.atomic():
            copy = _store(copy, data)
    except IntegrityError as exc:  # the same office made its copy at the same moment
        raise ValidationError(_("Đơn vị đã có bản riêng của bộ tiêu chí “%(code)s”.") % {"code": rubric.code}) from exc
    except ValueError as exc:
        raise _as_problems(exc) from exc
    audit.record(
        actor=actor,
        action="rubric.copy",
        obj=copy,
        unit=office,
        changes={"code": [None, copy.code], "based_on": [None, str(rubric.pk)]},
    )
    return copy


def _changes(before: dict, after: Rubric) -> dict:
    after_data = rubric_data(after)
    changes = {
        key: [before.get(key), after_data[key]]
        for key in ("title", "year_from", "year_to", "bands", "legal_basis", "level2_wait_months", "validity_months")
        if before.get(key) != after_data[key]
    }
    if before["groups"] != after_data["groups"]:
        # The criteria themselves are in the rubric; the log says how many and that they changed.
        changes["criteria"] = [_criteria_count(before), _criteria_count(after_data)]
    return changes


def _criteria_count(data: dict) -> str:
    return _("%(n)s tiêu chí") % {"n": sum(len(g["criteria"]) for g in data["groups"])}


@transaction.atomic
def rubric_save(*, actor, rubric: Rubric, data: dict, action: str = "rubric.edit") -> Rubric:
    """Saves the office's copy from the edit page; code and kind are the copy's own."""
    _refuse_unless_owner(actor, rubric)
    data = {**data, "code": rubric.code, "subject_kind": rubric.subject_kind}
    before = rubric_data(rubric_queryset().get(pk=rubric.pk))
    try:
        saved = rubric_load(data, owner=rubric.owner)
    except ValueError as exc:
        raise _as_problems(exc) from exc
    changes = _changes(before, saved)
    if saved.pk != rubric.pk:
        changes["version"] = [rubric.version, saved.version]
    if changes:
        audit.record(actor=actor, action=action, obj=saved, unit=saved.owner, changes=changes)
    return saved


@transaction.atomic
def rubric_import(*, actor, office, data, kinds) -> Rubric:
    """An upload: creates or updates the office's own copy with the file's code — never a national
    default, never another office's rubric, never another kind of subject."""
    _may_own(actor, office)
    problems = validate_rubric_data(data)
    if not problems and data["subject_kind"] not in kinds:
        problems = [_("Đối tượng “%(k)s” không đánh giá được ở trang này.") % {"k": str(data["subject_kind"])[:40]}]
    if problems:
        raise ValidationError(problems)
    code = str(data["code"]).strip()
    current = Rubric.objects.filter(owner=office, code=code, is_active=True).first()
    if current is not None:
        if current.subject_kind != data["subject_kind"] or current.regime != data["regime"]:
            raise ValidationError(
                _(
                    "Mã “%(code)s” là bộ tiêu chí cho đối tượng “%(kind)s” (%(regime)s); không thể đổi đối tượng "
                    "hay cách đánh giá. Hãy dùng mã khác cho bộ tiêu chí mới."
                )
                % {"code": code, "kind": current.subject_kind, "regime": current.get_regime_display()}
            )
        return rubric_save(actor=actor, rubric=current, data=data, action="rubric.import")
    try:
        rubric = rubric_load(data, owner=office)
    except ValueError as exc:
        raise _as_problems(exc) from exc
    audit.record(actor=actor, action="rubric.import", obj=rubric, unit=office, changes={"code": [None, code]})
    return rubric


@transaction.atomic
def rubric_remove(*, actor, rubric: Rubric) -> bool:
    """Removes the office's copy; its units go back to the rubric above. A copy already used to score
    is kept for those assessments and only stops being used (True when deleted)."""
    _refuse_unless_owner(actor, rubric)
    used = rubric_in_use(rubric)
    if used:
        rubric.is_active = False
        rubric.save(update_fields=["is_active"])
    audit.record(actor=actor, action="rubric.deactivate" if used else "rubric.delete", obj=rubric, unit=rubric.owner)
    if not used:
        rubric.delete()
    return not used
