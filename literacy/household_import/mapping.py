"""Column mapping (ghép cột): a household file in another layout turned into the template's columns
before the usual checks (rows.check), so a mapped file is validated exactly like the template.

A mapping is data (stored on the upload and in an office's MappingProfile, exported as JSON):

    {"header_row": 1,                       # the file's row (1–10) holding the column headers
     "columns": [{"header": "Họ tên", "target": "full_name",
                  "values": {"1": "Nam"},    # optional: a cell's value (folded) → what the template expects
                  "blank": "",               # optional: what a blank cell means
                  "optional": false}]}       # optional: the column may be absent from a file

A target is a template column (columns.COLUMNS) or a derived one (DERIVED): a tick column, a
graduation year, the class a pupil is in. Graduation years and classes become "lớp đã hoàn thành"
by literacy.rules (grade_from_graduation, grade_from_current_class); the literacy level then
follows from rules.literacy_level (Nghị định 20/2014, Điều 19)."""

import difflib

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import rules
from ..models import MIN_BIRTH_YEAR
from .columns import COLUMN_BY_KEY, COLUMNS, HEADER_LOOKUP, OPTIONAL_PERSON_KEYS, header_key
from .reader import NO, YES, FileProblem, _key, cell_text, is_blank

IGNORE = "ignore"
# Derived targets: key → (label, the template column it feeds).
DERIVED = {
    "female_tick": (gettext_lazy("Nữ (đánh dấu là nữ, để trống là nam)"), "sex"),
    "current_class": (gettext_lazy("Lớp đang học (đã hoàn thành lớp liền trước)"), "grade"),
    "graduation_primary": (gettext_lazy("Năm tốt nghiệp tiểu học (đã hoàn thành lớp 5)"), "grade"),
    "graduation_lower_secondary": (gettext_lazy("Năm tốt nghiệp THCS (đã hoàn thành lớp 9)"), "grade"),
    "graduation_upper_secondary": (gettext_lazy("Năm tốt nghiệp THPT (đã hoàn thành lớp 12)"), "grade"),
    "stage1_tick": (gettext_lazy("Đã công nhận biết chữ / hoàn thành GĐ1 (đánh dấu)"), "stage"),
    "stage2_tick": (gettext_lazy("Hoàn thành GĐ2 (đánh dấu)"), "stage"),
    "illiterate_tick": (gettext_lazy("Mù chữ (đánh dấu; người đã học từ lớp 3 là tái mù)"), "found_illiterate"),
    "relapse_tick": (gettext_lazy("Tái mù chữ (đánh dấu)"), "found_illiterate"),
    "moved_in_tick": (gettext_lazy("Chuyển đến (đánh dấu)"), "status"),
    "moved_out_tick": (gettext_lazy("Chuyển đi (đánh dấu)"), "status"),
    "deceased_tick": (gettext_lazy("Chết (đánh dấu)"), "status"),
    "learning_tick": (gettext_lazy("Đang học XMC (đánh dấu; sổ chưa có trường này nên bỏ qua)"), ""),
    IGNORE: (gettext_lazy("Bỏ qua cột này"), ""),
}
GRADUATION = {
    "graduation_primary": "primary",
    "graduation_lower_secondary": "lower_secondary",
    "graduation_upper_secondary": "upper_secondary",
}
STATUS_OF_TICK = {"deceased_tick": "Đã chết", "moved_out_tick": "Đã chuyển đi", "moved_in_tick": "Mới chuyển đến"}
REPEATABLE = {IGNORE, "learning_tick"}
# Every row must name these (columns.MUST_FILL), directly or (sex) through a tick column.
NEEDED = {"household_code": (), "hamlet": (), "head_name": (), "full_name": (), "birth": (), "sex": ("female_tick",)}
MAX_HEADER_ROW = 10
MAX_ENTRIES = 200
MAX_VALUES = 200


def targets() -> list[tuple[str, str]]:
    """The choices of a column's select: the template's columns, then the derived ones."""
    return [(c.key, c.header) for c in COLUMNS] + [(key, str(label)) for key, (label, _feeds) in DERIVED.items()]


TARGET_KEYS = frozenset([c.key for c in COLUMNS] + list(DERIVED))

# Header words of files seen in communes (the national survey form first) beyond the template's names.
SUGGEST = {
    header_key(name): target
    for name, target in [
        ("Nữ", "female_tick"),
        ("Giới tính nữ", "female_tick"),
        ("Lớp đang học", "current_class"),
        ("Đang học lớp", "current_class"),
        ("Năm tốt nghiệp", "graduation_lower_secondary"),
        ("Năm tốt nghiệp THCS", "graduation_lower_secondary"),
        ("Năm tốt nghiệp tiểu học", "graduation_primary"),
        ("Năm tốt nghiệp TH", "graduation_primary"),
        ("Năm tốt nghiệp THPT", "graduation_upper_secondary"),
        ("Đã công nhận biết chữ", "stage1_tick"),
        ("Công nhận biết chữ", "stage1_tick"),
        ("Mù chữ", "illiterate_tick"),
        ("Tái mù", "relapse_tick"),
        ("Tái mù chữ", "relapse_tick"),
        ("Đang học XMC", "learning_tick"),
        ("Chuyển đến", "moved_in_tick"),
        ("Chuyển đi", "moved_out_tick"),
        ("Chết", "deceased_tick"),
        ("Đã chết", "deceased_tick"),
        ("Địa chỉ", "house_number"),
        ("Bỏ học", IGNORE),
        ("STT", IGNORE),
        ("Số thứ tự", IGNORE),
    ]
}
_KNOWN = {**HEADER_LOOKUP, **SUGGEST}


def suggest_target(header) -> str:
    """The target a header most likely means (accents, case, spacing ignored), or IGNORE."""
    key = header_key(header)
    if not key:
        return IGNORE
    if key in _KNOWN:
        return _KNOWN[key]
    close = difflib.get_close_matches(key, list(_KNOWN), n=1, cutoff=0.8)
    return _KNOWN[close[0]] if close else IGNORE


def find_header_row(rows: list[list]) -> int:
    """The row (1-based, among the first ten) whose cells are most often known headers."""
    best, best_row = 0, 1
    for index, row in enumerate(rows[:MAX_HEADER_ROW]):
        known = sum(1 for value in row if isinstance(value, str) and header_key(value) in _KNOWN)
        if known > best:
            best, best_row = known, index + 1
    return best_row


def suggest(rows: list[list], header_row: int | None = None) -> dict:
    """A mapping suggested for a file: each header's likely target, each target used once."""
    header_row = header_row or find_header_row(rows)
    headers = rows[header_row - 1] if len(rows) >= header_row else []
    used, columns = set(), []
    for value in headers:
        text = cell_text(value)
        if not text:
            continue
        target = suggest_target(text)
        if target in used and target not in REPEATABLE:
            target = IGNORE
        used.add(target)
        columns.append({"header": text, "target": target})
    return {"header_row": header_row, "columns": columns}


# Validation of a mapping (from the page, a stored profile or an imported JSON file) -------------


def validate(data) -> dict:
    """A clean copy of `data`, or ValidationError with a Vietnamese message."""
    if not isinstance(data, dict) or not isinstance(data.get("columns"), list):
        raise ValidationError(_("Mẫu ghép cột không đúng định dạng (cần “header_row” và danh sách “columns”)."))
    header_row = data.get("header_row", 1)
    if isinstance(header_row, bool) or not isinstance(header_row, int) or not 1 <= header_row <= MAX_HEADER_ROW:
        raise ValidationError(_("Dòng tiêu đề phải là số từ 1 đến %(n)d.") % {"n": MAX_HEADER_ROW})
    if len(data["columns"]) > MAX_ENTRIES:
        raise ValidationError(_("Mẫu ghép cột có quá %(n)d cột.") % {"n": MAX_ENTRIES})
    columns, used = [], set()
    for number, entry in enumerate(data["columns"], start=1):
        columns.append(_clean_entry(entry, number, used))
    missing = [
        str(COLUMN_BY_KEY[key].header) for key, alternatives in NEEDED.items() if not ({key, *alternatives} & used)
    ]
    if missing:
        raise ValidationError(_("Chưa chọn cột nào cho: %(cols)s.") % {"cols": ", ".join(missing)})
    return {"header_row": header_row, "columns": columns}


def _clean_entry(entry, number: int, used: set) -> dict:
    if not isinstance(entry, dict):
        raise ValidationError(_("Cột thứ %(n)d của mẫu ghép cột không đúng định dạng.") % {"n": number})
    header, target = entry.get("header"), entry.get("target")
    if not isinstance(header, str) or not header.strip() or len(header) > 200:
        raise ValidationError(_("Cột thứ %(n)d thiếu tên cột (tối đa 200 ký tự).") % {"n": number})
    if target not in TARGET_KEYS:
        raise ValidationError(_("Cột “%(h)s”: trường “%(t)s” không có.") % {"h": header[:60], "t": str(target)[:40]})
    if target in used and target not in REPEATABLE:
        raise ValidationError(_("Trường “%(t)s” được chọn cho hơn một cột.") % {"t": dict(targets())[target]})
    used.add(target)
    values = entry.get("values") or {}
    blank = entry.get("blank") or ""
    if (
        not isinstance(values, dict)
        or len(values) > MAX_VALUES
        or not all(
            isinstance(k, str) and isinstance(v, str) and len(k) <= 100 and len(v) <= 100 for k, v in values.items()
        )
        or not isinstance(blank, str)
        or len(blank) > 100
    ):
        raise ValidationError(_("Cột “%(h)s”: bảng đổi giá trị không hợp lệ.") % {"h": header[:60]})
    clean = {"header": header.strip(), "target": target}
    if values:
        clean["values"] = {_key(k): v.strip() for k, v in values.items()}
    if blank.strip():
        clean["blank"] = blank.strip()
    if entry.get("optional"):
        clean["optional"] = True
    return clean


# The conversion: the file's rows → the template's header and cells ---------------------------


class _Spec:
    __slots__ = ("blank", "index", "target", "values")

    def __init__(self, index: int, entry: dict):
        self.index, self.target = index, entry["target"]
        self.values, self.blank = entry.get("values") or {}, entry.get("blank")

    def value(self, row: list):
        value = row[self.index] if self.index < len(row) else None
        if is_blank(value):
            return self.blank
        if self.values:
            return self.values.get(_key(value), value)
        return value


def _tick(value) -> bool | None:
    """True / False for a tick cell, None when it is neither."""
    if is_blank(value):
        return False
    key = _key(value)
    return True if key in YES else False if key in NO else None


def _as_int(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and float(value).is_integer():
        return int(value)
    text = cell_text(value)
    return int(text) if text.isdecimal() and len(text) <= 4 else None


def to_canonical(rows: list[list], mapping: dict) -> list[list]:
    """The file's rows as the template's: blank rows above, the template's header at the mapping's
    header row (so rows.check finds it and prints Excel's row numbers), then the converted rows."""
    header_row = mapping.get("header_row", 1)
    headers = rows[header_row - 1] if len(rows) >= header_row else []
    positions: dict[str, list[int]] = {}
    for index, value in enumerate(headers):
        positions.setdefault(header_key(cell_text(value)), []).append(index)
    specs, missing = [], []
    for entry in mapping["columns"]:
        found = positions.get(header_key(entry["header"]))
        if found:
            specs.append(_Spec(found.pop(0), entry))
        elif not entry.get("optional"):
            missing.append(entry["header"])
    if missing:
        raise FileProblem(
            _("Tệp thiếu cột theo mẫu ghép cột: %(cols)s (dòng tiêu đề %(r)d).")
            % {"cols": ", ".join(missing[:20]), "r": header_row}
        )
    direct = {s.target: s for s in specs if s.target in COLUMN_BY_KEY}
    derived = [s for s in specs if s.target in DERIVED and s.target not in REPEATABLE]
    feeds = {DERIVED[s.target][1] for s in derived} | {s.target for s in specs if s.target == "found_illiterate"}
    keys = [c.key for c in COLUMNS if c.key not in OPTIONAL_PERSON_KEYS or c.key in direct or c.key in feeds]
    convert = _Converter(direct, derived, keys)
    out: list[list] = [[] for _ in range(header_row - 1)]
    out.append([COLUMN_BY_KEY[key].header for key in keys])
    out.extend(convert(row) for row in rows[header_row:])
    return out


class _Converter:
    def __init__(self, direct: dict, derived: list, keys: list[str]):
        self.direct, self.keys = [(keys.index(k), s) for k, s in direct.items()], keys
        self.derived = derived
        self.index = {key: i for i, key in enumerate(keys)}
        self.learning = [s for s in derived if s.target == "learning_tick"]

    def __call__(self, row: list) -> list:
        out = [None] * len(self.keys)
        for position, spec in self.direct:
            out[position] = spec.value(row)
        if not self.derived or all(is_blank(v) for v in row):
            return out
        index = self.index
        grades = [] if out[index["grade"]] is None else [out[index["grade"]]]
        stage, status, finding = 0, None, {"illiterate_tick": False, "relapse_tick": False}
        for spec in self.derived:
            value, target = spec.value(row), spec.target
            tick = _tick(value) if target.endswith("_tick") else None
            if target.endswith("_tick") and tick is None:
                self._refuse(out, target, value)  # neither a tick nor blank: the check names the cell
            elif target == "female_tick":
                out[index["sex"]] = "Nữ" if tick else "Nam"
            elif target == "current_class" and not is_blank(value):
                number = _as_int(value)
                grades.append(value if number is None else rules.grade_from_current_class(number))
            elif target in GRADUATION and not is_blank(value):
                year = _as_int(value)
                valid = year is not None and MIN_BIRTH_YEAR <= year <= 2100
                grades.append(rules.grade_from_graduation(GRADUATION[target]) if valid else value)
            elif target in ("stage1_tick", "stage2_tick") and tick:
                stage = max(stage, 1 if target == "stage1_tick" else 2)
            elif target in STATUS_OF_TICK and tick and status is None:
                status = STATUS_OF_TICK[target]
            elif target in finding:
                finding[target] = tick
        if grades:
            numbers = [_as_int(g) if not isinstance(g, int) else g for g in grades]
            out[index["grade"]] = grades[numbers.index(None)] if None in numbers else max(numbers)
        if stage and "stage" in index and not _refused(out[index["stage"]]):
            out[index["stage"]] = stage
        if status and not _refused(out[index["status"]]):
            out[index["status"]] = status
        if "found_illiterate" in index and not _refused(out[index["found_illiterate"]]):
            # "Mù chữ" on a form is the person's state: a finding only for one the records call literate
            # (rules.literacy_level: grade 3 or a completed stage), that is a relapse (tái mù chữ).
            grade = _as_int(out[index["grade"]]) or 0
            relapse = finding["relapse_tick"] or (finding["illiterate_tick"] and (grade >= 3 or stage >= 1))
            if relapse or out[index["found_illiterate"]] is None:
                out[index["found_illiterate"]] = "x" if relapse else ""
        return out

    def _refuse(self, out: list, target: str, value) -> None:
        key = DERIVED[target][1]
        if key in self.index:
            out[self.index[key]] = _Refused(value)


class _Refused(str):
    """A tick cell that is neither a tick nor blank, passed on so the check refuses it by value."""

    __slots__ = ()


def _refused(value) -> bool:
    return isinstance(value, _Refused)
