"""Import of households and people from the portal's Excel template (mẫu nhập hộ gia đình).

Headers are matched regardless of case, accents, spacing and order (units.text.fold); dates come as
dd/mm/yyyy text, Excel dates or a bare year; text may be NFC or NFD. A check (dry run) reports what
would change and every bad row; the import itself is all-or-nothing in one transaction. The web page
and `manage.py import_households` share this module.
"""

import datetime
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import python_calamine
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from units import audit, spreadsheets
from units.models import Unit, UnitKind
from units.spreadsheets import SpreadsheetRefused
from units.text import fold, nfc

from . import rules
from .models import MIN_BIRTH_YEAR, Household, Person, PersonStatus, Residence, Sex, SurveyRound
from .text import fold_fast

# A commune holds a few tens of thousands of people; a bigger file is a mistake (a whole province,
# a sheet with formatting dragged to the bottom) and would hold the database for too long.
MAX_ROWS = 150_000
BATCH = 2000
MAX_STORED_ERRORS = 5000


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool
    aliases: tuple[str, ...] = ()
    help: str = ""


COLUMNS = [
    Column(
        "household_code",
        "Mã hộ",
        True,
        ("mã hộ gia đình", "số phiếu"),
        gettext_lazy("Mã do xã đặt, duy nhất trong xã."),
    ),
    Column(
        "hamlet",
        "Thôn/Tổ dân phố",
        True,
        ("thôn", "tổ dân phố", "thôn, tổ dân phố", "thôn/tdp"),
        gettext_lazy("Tên hoặc mã thôn, tổ dân phố của xã."),
    ),
    Column("house_number", "Số nhà", False, (), gettext_lazy("Có thể để trống.")),
    Column("head_name", "Chủ hộ", True, ("họ tên chủ hộ", "họ và tên chủ hộ"), gettext_lazy("Họ và tên chủ hộ.")),
    Column("full_name", "Họ và tên", True, ("họ tên",), gettext_lazy("Họ và tên nhân khẩu.")),
    Column(
        "birth",
        "Ngày sinh",
        True,
        ("năm sinh", "ngày sinh hoặc năm sinh", "ngày/tháng/năm sinh", "ngày tháng năm sinh"),
        gettext_lazy("dd/mm/yyyy, ô ngày của Excel, hoặc chỉ năm sinh (ví dụ 1985)."),
    ),
    Column("sex", "Giới tính", True, ("nam/nữ",), gettext_lazy("Nam hoặc Nữ.")),
    Column("ethnicity", "Dân tộc", True, (), gettext_lazy("Kinh hoặc tên dân tộc; để trống là Kinh.")),
    Column("relation", "Quan hệ với chủ hộ", False, ("quan hệ",), gettext_lazy("Ví dụ: Chủ hộ, Vợ, Con.")),
    Column(
        "grade",
        "Lớp đã hoàn thành",
        True,
        ("trình độ văn hóa", "lớp"),
        gettext_lazy("Số từ 0 đến 12 (có thể ghi 9/12)."),
    ),
    Column("stage", "Hoàn thành XMC", True, ("xmc", "hoàn thành xóa mù chữ"), gettext_lazy("GĐ1, GĐ2 hoặc để trống.")),
    Column("disability", "Khuyết tật", True, (), gettext_lazy("x hoặc Có nếu khuyết tật; để trống nếu không.")),
    Column(
        "exempt",
        "Miễn",
        True,
        ("miễn học", "được miễn"),
        gettext_lazy("x nếu khuyết tật không có khả năng học (Nghị định 20/2014/NĐ-CP, Điều 20)."),
    ),
    Column(
        "residence",
        "Cư trú",
        False,
        ("thường trú/tạm trú",),
        gettext_lazy("Thường trú hoặc Tạm trú; để trống là Thường trú."),
    ),
    Column(
        "status",
        "Tình trạng",
        False,
        (),
        gettext_lazy("Để trống, Mới chuyển đến, Mới sinh, Đã chuyển đi hoặc Đã chết."),
    ),
]
COLUMN_BY_KEY = {c.key: c for c in COLUMNS}
_PUNCT = re.compile(r"[^a-z0-9]")
_PAREN = re.compile(r"\(.*?\)")


def header_key(text) -> str:
    return _PUNCT.sub("", fold(_PAREN.sub("", str(text or ""))))


_HEADER_LOOKUP: dict[str, str] = {}
for _c in COLUMNS:
    for _name in (_c.header, *_c.aliases):
        _HEADER_LOOKUP[header_key(_name)] = _c.key


@dataclass
class RowError:
    row: int
    column: str
    message: str


@dataclass
class ParsedRow:
    row: int
    household_code: str
    hamlet_id: int
    house_number: str
    head_name: str
    residence: str
    person: dict


@dataclass
class ImportPlan:
    rows: int = 0
    fatal: str = ""
    errors: list[RowError] = field(default_factory=list)
    parsed: list[ParsedRow] = field(default_factory=list)
    summary: dict = field(default_factory=dict)
    # Filled by the diff: what apply() will write.
    new_households: list[dict] = field(default_factory=list)
    changed_households: list[tuple[int, dict]] = field(default_factory=list)
    new_persons: list[tuple[str, dict]] = field(default_factory=list)
    changed_persons: list[tuple[int, dict]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.fatal and not self.errors

    def error_rows(self) -> list[list]:
        return [[e.row, e.column, e.message] for e in self.errors]


class FileProblem(Exception):
    pass


# Reading -------------------------------------------------------------------------------------


def read_sheet(source) -> tuple[list[list], list]:
    """Rows of the first sheet and its merged ranges. `source` is a path or a file-like object.

    units.spreadsheets.guard() measures the file first: calamine allocates the whole rectangle up to
    the furthest cell, so a 2 KB file with cells A1 and XFD150000 would take about 78 GB."""
    try:
        if hasattr(source, "read"):
            data = source.read()
            spreadsheets.guard(data)
            workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        else:
            spreadsheets.guard(str(source))
            workbook = python_calamine.CalamineWorkbook.from_path(str(source))
        sheet = workbook.get_sheet_by_index(0)
        if sheet.end:  # (last row, last column) from 0: the rectangle to_python() fills from A1
            # an .xls is not a zip the guard could measure: its sheet is checked before becoming Python rows
            spreadsheets.check_extent(sheet.end[0] + 1, sheet.end[1] + 1, sheet.name)
    except SpreadsheetRefused as refused:
        raise FileProblem(str(refused)) from refused
    except Exception as exc:  # calamine raises its own error types for every broken file
        raise FileProblem(
            _("Không đọc được tệp: tệp không phải là bảng tính Excel hợp lệ (.xlsx, .xls, .ods) hoặc đã bị hỏng.")
        ) from exc
    if sheet.height > MAX_ROWS + 20:
        raise FileProblem(
            _(
                "Tệp có khoảng %(n)s dòng, vượt quá giới hạn %(max)s dòng của một lần nhập. "
                "Hãy tách tệp theo thôn, tổ dân phố rồi nhập từng tệp."
            )
            % {"n": f"{sheet.height:,}".replace(",", "."), "max": f"{MAX_ROWS:,}".replace(",", ".")}
        )
    try:
        rows = sheet.to_python(skip_empty_area=False)
        merged = sheet.merged_cell_ranges or []
    except Exception as exc:
        raise FileProblem(_("Không đọc được nội dung trang tính đầu tiên của tệp.")) from exc
    return rows, merged


def _is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def find_header(rows: list[list], merged: list) -> tuple[int, dict[str, int]]:
    """The header row is the row (among the first ten) matching most template columns."""
    best_index, best = -1, {}
    for index, row in enumerate(rows[:10]):
        found: dict[str, int] = {}
        for col, value in enumerate(row):
            key = _HEADER_LOOKUP.get(header_key(value)) if isinstance(value, str) else None
            if key and key not in found:
                found[key] = col
        if len(found) > len(best):
            best_index, best = index, found
    missing = [c.header for c in COLUMNS if c.required and c.key not in best]
    if missing:
        message = _("Tệp thiếu cột: %(cols)s. Hãy dùng mẫu tải từ trang nhập (nút “Tải mẫu”).") % {
            "cols": ", ".join(missing)
        }
        header_rows = range(0, (best_index if best_index >= 0 else 0) + 2)
        if any(start[0] in header_rows for start, _end in merged):
            message += " " + _(
                "Dòng tiêu đề có ô gộp (merge cells): hãy bỏ gộp ô để mỗi cột có một tiêu đề riêng trên cùng một dòng."
            )
        raise FileProblem(message)
    return best_index, best


# Cell parsers: each returns a value or raises ValueError with a Vietnamese message ------------

_DATE_TEXT = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_GRADE_TEXT = re.compile(r"^(\d{1,2})(?:\s*/\s*12)?$")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        if value.isascii():
            return value.strip()
        return nfc(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return nfc(str(value))


def parse_birth(value, today: datetime.date) -> tuple[int, datetime.date | None]:
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        year, birth_date = value.year, value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        if not float(value).is_integer():
            raise ValueError(_("Ngày sinh “%(v)s” không hợp lệ.") % {"v": value})
        year, birth_date = int(value), None
    else:
        text = _text(value)
        if not text:
            raise ValueError(_("Thiếu ngày sinh hoặc năm sinh."))
        match = _DATE_TEXT.match(text)
        if match:
            day, month, year = (int(x) for x in match.groups())
            try:
                birth_date = datetime.date(year, month, day)
            except ValueError:
                raise ValueError(_("Ngày sinh “%(v)s” không có thật (dd/mm/yyyy).") % {"v": text}) from None
        elif text.isdecimal() and len(text) == 4:
            year, birth_date = int(text), None
        else:
            raise ValueError(_("Ngày sinh “%(v)s” không đúng dạng dd/mm/yyyy hoặc năm sinh.") % {"v": text})
    if year < MIN_BIRTH_YEAR:
        raise ValueError(_("Năm sinh %(y)d trước năm %(min)d.") % {"y": year, "min": MIN_BIRTH_YEAR})
    if year > today.year or (birth_date and birth_date > today):
        raise ValueError(
            _("Ngày sinh %(v)s ở tương lai.") % {"v": birth_date.strftime("%d/%m/%Y") if birth_date else year}
        )
    return year, birth_date


def parse_grade(value) -> int:
    if _is_blank(value):
        return 0
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not float(value).is_integer():
            raise ValueError(_("Lớp đã hoàn thành “%(v)s” phải là số nguyên.") % {"v": value})
        grade = int(value)
    else:
        match = _GRADE_TEXT.match(_text(value))
        if not match:
            raise ValueError(_("Lớp đã hoàn thành “%(v)s” phải là số từ 0 đến 12.") % {"v": value})
        grade = int(match.group(1))
    if not 0 <= grade <= 12:
        raise ValueError(_("Lớp đã hoàn thành phải từ 0 đến 12 (đang ghi %(v)d).") % {"v": grade})
    return grade


_STAGES = {"": 0, "gd1": 1, "giaidoan1": 1, "1": 1, "gd2": 2, "giaidoan2": 2, "2": 2, "khong": 0, "chua": 0}
_SEXES = {"nam": Sex.MALE, "m": Sex.MALE, "nu": Sex.FEMALE, "f": Sex.FEMALE}
_YES = {"x", "co", "1", "true", "yes", "v"}
_NO = {"", "khong", "0", "false", "no", "-"}
_RESIDENCES = {
    "": Residence.PERMANENT,
    "thuongtru": Residence.PERMANENT,
    "tt": Residence.PERMANENT,
    "tamtru": Residence.TEMPORARY,
}
_STATUSES = {
    "": PersonStatus.PRESENT,
    "dangsinhsong": PersonStatus.PRESENT,
    "cotaidiaphuong": PersonStatus.PRESENT,
    "moichuyenden": PersonStatus.NEWLY_ARRIVED,
    "chuyenden": PersonStatus.NEWLY_ARRIVED,
    "moisinh": PersonStatus.NEWLY_BORN,
    "dachuyendi": PersonStatus.MOVED_AWAY,
    "chuyendi": PersonStatus.MOVED_AWAY,
    "dachet": PersonStatus.DECEASED,
    "chet": PersonStatus.DECEASED,
    "damat": PersonStatus.DECEASED,
    "datutran": PersonStatus.DECEASED,
}


def _key(value) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    return _PUNCT.sub("", fold_fast(_text(value)))


# Translated only when a row is wrong: gettext per row per column costs more than the parsing.
MSG_STAGE = gettext_lazy("Hoàn thành XMC “%(v)s” phải là GĐ1, GĐ2 hoặc để trống.")
MSG_SEX = gettext_lazy("Giới tính “%(v)s” phải là Nam hoặc Nữ.")
MSG_RESIDENCE = gettext_lazy("Cư trú “%(v)s” phải là Thường trú hoặc Tạm trú.")
MSG_STATUS = gettext_lazy("Tình trạng “%(v)s” không hợp lệ.")


_KEY_CACHE: dict = {}
_FLAG_CACHE: dict = {}


def _choice(value, table: dict, message):
    # Few distinct values per column ("Nam", "Nữ", "x"...): fold each one once per process.
    try:
        key = _KEY_CACHE[value]
    except KeyError:
        key = "" if value is None or value == "" else _key(value)
        if len(_KEY_CACHE) < 10_000:
            _KEY_CACHE[value] = key
    except TypeError:  # an unhashable cell value
        key = _key(value)
    if key not in table:
        raise ValueError(str(message) % {"v": _text(value)})
    return table[key]


# The check -----------------------------------------------------------------------------------


def check(
    source,
    *,
    survey_round: SurveyRound,
    commune: Unit,
    allowed_hamlet_ids: set[int] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportPlan:
    """Read and validate every row, then compare with the register: nothing is written."""
    plan = ImportPlan()
    try:
        rows, merged = read_sheet(source)
        header_index, columns = find_header(rows, merged)
    except FileProblem as problem:
        plan.fatal = str(problem)
        return plan
    today = timezone.localdate()
    hamlets = Unit.objects.filter(parent=commune, kind=UnitKind.HAMLET).only("id", "code", "name", "level_label")
    hamlet_lookup: dict[str, int] = {}
    for hamlet in hamlets:
        for name in (hamlet.name, hamlet.full_name, hamlet.code):
            hamlet_lookup.setdefault(_PUNCT.sub("", fold(name)), hamlet.pk)
    col = columns
    data_rows = rows[header_index + 1 :]
    total = len(data_rows)
    errors = plan.errors
    seen_people: dict[tuple, int] = {}
    households: dict[str, tuple[int, int, str]] = {}  # code → (row, hamlet_id, head)
    header_of = {key: COLUMN_BY_KEY[key].header for key in COLUMN_BY_KEY}
    width = max(col.values()) + 1

    def cell(row, key):
        index = col.get(key)
        return row[index] if index is not None and index < len(row) else None

    for offset, row in enumerate(data_rows):
        if progress and offset % BATCH == 0:
            progress(offset, total)
        if len(row) < width:
            row = list(row) + [None] * (width - len(row))
        if all(_is_blank(v) for v in row):
            continue
        number = header_index + offset + 2  # the row number Excel shows
        plan.rows += 1
        row_ok = True

        def bad(key, message, number=number):
            nonlocal row_ok
            row_ok = False
            if len(errors) < MAX_STORED_ERRORS:
                errors.append(RowError(number, header_of[key], message))
            else:
                errors.append(RowError(number, "", ""))

        code = _text(cell(row, "household_code"))
        if not code:
            bad("household_code", _("Thiếu mã hộ."))
        elif len(code) > 30:
            bad("household_code", _("Mã hộ dài quá 30 ký tự."))
        full_name = _text(cell(row, "full_name"))
        if not full_name:
            bad("full_name", _("Thiếu họ và tên."))
        elif len(full_name) > 150:
            bad("full_name", _("Họ và tên dài quá 150 ký tự."))
        head = _text(cell(row, "head_name"))
        hamlet_text = _text(cell(row, "hamlet"))
        hamlet_id = hamlet_lookup.get(_PUNCT.sub("", fold_fast(hamlet_text)))
        if not hamlet_text:
            bad("hamlet", _("Thiếu thôn, tổ dân phố."))
        elif hamlet_id is None:
            bad(
                "hamlet",
                _("Không có thôn, tổ dân phố “%(v)s” trong %(c)s.") % {"v": hamlet_text, "c": commune.full_name},
            )
        elif allowed_hamlet_ids is not None and hamlet_id not in allowed_hamlet_ids:
            bad("hamlet", _("Thôn “%(v)s” không được phân công cho đơn vị của bạn.") % {"v": hamlet_text})
        birth_year, birth_date = None, None
        try:
            birth_year, birth_date = parse_birth(cell(row, "birth"), today)
        except ValueError as exc:
            bad("birth", str(exc))
        try:
            grade = parse_grade(cell(row, "grade"))
        except ValueError as exc:
            grade = 0
            bad("grade", str(exc))
        try:
            stage = _choice(cell(row, "stage"), _STAGES, MSG_STAGE)
        except ValueError as exc:
            stage = 0
            bad("stage", str(exc))
        if _is_blank(cell(row, "sex")):
            sex = ""
            bad("sex", _("Thiếu giới tính (Nam hoặc Nữ)."))
        else:
            try:
                sex = _choice(cell(row, "sex"), _SEXES, MSG_SEX)
            except ValueError as exc:
                sex = ""
                bad("sex", str(exc))
        flags = {}
        for key in ("disability", "exempt"):
            raw = cell(row, key)
            value = "" if raw is None or raw == "" else _FLAG_CACHE.get(raw) or _FLAG_CACHE.setdefault(raw, _key(raw))
            if value in _YES:
                flags[key] = True
            elif value in _NO:
                flags[key] = False
            else:
                flags[key] = False
                bad(key, _("“%(v)s” không hợp lệ: ghi x (có) hoặc để trống.") % {"v": _text(cell(row, key))})
        if flags.get("exempt") and not flags.get("disability"):
            bad("exempt", _("Chỉ người khuyết tật mới được miễn (Nghị định 20/2014/NĐ-CP, Điều 20)."))
        try:
            residence = _choice(cell(row, "residence"), _RESIDENCES, MSG_RESIDENCE)
        except ValueError as exc:
            residence = Residence.PERMANENT
            bad("residence", str(exc))
        try:
            status = _choice(cell(row, "status"), _STATUSES, MSG_STATUS)
        except ValueError as exc:
            status = PersonStatus.PRESENT
            bad("status", str(exc))
        ethnicity = _text(cell(row, "ethnicity")) or "Kinh"
        if len(ethnicity) > 40:
            bad("ethnicity", _("Dân tộc dài quá 40 ký tự."))
        relation = _text(cell(row, "relation"))[:40]
        if not row_ok:
            continue
        if code in households:
            first_row, first_hamlet, first_head = households[code]
            if first_hamlet != hamlet_id:
                bad("hamlet", _("Mã hộ %(c)s đã ghi ở thôn khác tại dòng %(r)d.") % {"c": code, "r": first_row})
                continue
            if head and first_head and fold_fast(head) != fold_fast(first_head):
                bad("head_name", _("Mã hộ %(c)s có chủ hộ khác với dòng %(r)d.") % {"c": code, "r": first_row})
                continue
            head = head or first_head
        else:
            if not head:
                bad("head_name", _("Thiếu chủ hộ."))
                continue
            households[code] = (number, hamlet_id, head)
        folded = fold_fast(full_name)
        person_key = (code, folded, birth_year)
        if person_key in seen_people:
            bad("full_name", _("Trùng với dòng %(r)d (cùng hộ, họ tên và năm sinh).") % {"r": seen_people[person_key]})
            continue
        seen_people[person_key] = number
        house_number = _text(cell(row, "house_number"))[:60]
        plan.parsed.append(
            ParsedRow(
                row=number,
                household_code=code,
                hamlet_id=hamlet_id,
                house_number=house_number,
                head_name=households[code][2],
                residence=residence,
                person={
                    "full_name": full_name,
                    "name_folded": folded[:150],
                    "birth_date": birth_date,
                    "birth_year": birth_year,
                    "birth_mmdd": birth_date.month * 100 + birth_date.day if birth_date else 0,
                    "sex": sex,
                    "ethnicity": ethnicity,
                    "ethnic_minority": _PUNCT.sub("", fold_fast(ethnicity)) != "kinh",
                    "relation": relation,
                    "grade": grade,
                    "stage": stage,
                    "literacy_level": rules.literacy_level(grade=grade, stage=stage),
                    "disability": flags["disability"],
                    "exempt": flags["exempt"],
                    "residence": residence,
                    "status": status,
                },
            )
        )
    if progress:
        progress(total, total)
    if plan.rows == 0:
        plan.fatal = _("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.")
        return plan
    if not errors:
        _diff(plan, survey_round, commune)
    plan.summary["rows"] = plan.rows
    plan.summary["errors"] = len(errors)
    return plan


HOUSEHOLD_COMPARE = ("hamlet_id", "house_number", "head_name", "residence")
PERSON_COMPARE = (
    "full_name",
    "birth_date",
    "birth_year",
    "sex",
    "ethnicity",
    "relation",
    "grade",
    "stage",
    "disability",
    "exempt",
    "residence",
    "status",
)


def _diff(plan: ImportPlan, survey_round: SurveyRound, commune: Unit) -> None:
    """Compare the rows with what the round holds for the commune (two queries)."""
    existing_households = {
        row[0]: row[1:]
        for row in Household.objects.filter(round=survey_round, commune=commune).values_list(
            "code", "id", *HOUSEHOLD_COMPARE
        )
    }
    existing_persons = {}
    for row in Person.objects.filter(round=survey_round, commune=commune).values_list(
        "household__code", "name_folded", "birth_year", "id", *PERSON_COMPARE
    ):
        existing_persons[(row[0], row[1], row[2])] = (row[3], row[4:])
    seen_households = set()
    matched = 0
    unchanged = 0
    for parsed in plan.parsed:
        code = parsed.household_code
        if code not in seen_households:
            seen_households.add(code)
            values = {
                "hamlet_id": parsed.hamlet_id,
                "house_number": parsed.house_number,
                "head_name": parsed.head_name,
                "residence": parsed.residence,
            }
            if code in existing_households:
                old = existing_households[code]
                if tuple(values[k] for k in HOUSEHOLD_COMPARE) != tuple(old[1:]):
                    plan.changed_households.append((old[0], values))
            else:
                plan.new_households.append({"code": code, **values})
        person = parsed.person
        key = (code, person["name_folded"], person["birth_year"])
        if key in existing_persons:
            matched += 1
            pk, old = existing_persons[key]
            if tuple(person[k] for k in PERSON_COMPARE) != tuple(old):
                plan.changed_persons.append((pk, person))
            else:
                unchanged += 1
        else:
            plan.new_persons.append((code, person))
    plan.summary.update(
        {
            "households_new": len(plan.new_households),
            "households_updated": len(plan.changed_households),
            "persons_new": len(plan.new_persons),
            "persons_updated": len(plan.changed_persons),
            "persons_unchanged": unchanged,
            "persons_not_in_file": len(existing_persons) - matched,
            "literate1": sum(1 for p in plan.parsed if p.person["literacy_level"] >= 1),
        }
    )


@transaction.atomic
def apply(
    plan: ImportPlan,
    *,
    actor,
    survey_round: SurveyRound,
    commune: Unit,
    file_name: str = "",
    progress: Callable[[int, int], None] | None = None,
) -> dict:
    """Write the plan in one transaction: all rows or none."""
    if not plan.ok:
        raise ValueError("Only a plan without errors can be applied.")
    if survey_round.status != SurveyRound.Status.OPEN:
        raise ValueError("The round is closed.")
    Household.objects.bulk_create(
        [Household(round=survey_round, commune=commune, **values) for values in plan.new_households],
        batch_size=BATCH,
    )
    if plan.changed_households:
        # Bumping the version makes an edit page opened before the import refuse its save.
        updates = [Household(pk=pk, version=F("version") + 1, **values) for pk, values in plan.changed_households]
        Household.objects.bulk_update(updates, [*HOUSEHOLD_COMPARE, "version"], batch_size=BATCH)
    household_ids = dict(Household.objects.filter(round=survey_round, commune=commune).values_list("code", "id"))
    total = len(plan.new_persons) + len(plan.changed_persons)
    done = 0
    batch = []
    for code, person in plan.new_persons:
        batch.append(Person(round=survey_round, commune=commune, household_id=household_ids[code], **person))
        if len(batch) >= BATCH:
            Person.objects.bulk_create(batch)
            done += len(batch)
            batch = []
            if progress:
                progress(done, total)
    Person.objects.bulk_create(batch)
    done += len(batch)
    if plan.changed_persons:
        fields = [*PERSON_COMPARE, "name_folded", "birth_mmdd", "ethnic_minority", "literacy_level", "found_illiterate"]
        fields.append("version")
        updates = []
        for pk, person in plan.changed_persons:
            # A new survey answer replaces an earlier on-the-spot finding; the level follows the file.
            updates.append(Person(pk=pk, found_illiterate=False, version=F("version") + 1, **person))
        Person.objects.bulk_update(updates, fields, batch_size=1000)
        done += len(updates)
    if progress:
        progress(total, total)
    audit.record(
        actor=actor,
        action="literacy.import",
        obj=survey_round,
        unit=commune,
        changes={k: ["", v] for k, v in plan.summary.items()} | {"file": ["", file_name]},
    )
    return plan.summary
