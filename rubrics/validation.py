"""Reading and checking rubric data (an uploaded JSON file or the edit page) before it is stored.

Every limit of the tables is checked here, so PostgreSQL never refuses a row, and every problem is
listed in Vietnamese; a hostile file (huge numbers, deep nesting, NUL) is a listed problem, never a 500.
"""

import json
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from units.clean_input import strip_json_nul

from .engine import ZERO
from .models import Rubric

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


def points_value(value) -> Decimal | None:
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
        if points_value(band.get("min")) is None:
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
                points = points_value(criterion.get("max_points"))
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
