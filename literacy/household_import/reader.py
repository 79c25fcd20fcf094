"""Reading a household file: the first sheet (measured before it is opened), the header row, and one
cell at a time (each parser returns a value or raises ValueError with a Vietnamese message)."""

import datetime
import io
import re

import python_calamine
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from units import spreadsheets
from units.forms import date_parts
from units.spreadsheets import SpreadsheetRefused
from units.text import nfc

from ..models import MIN_BIRTH_YEAR, PersonStatus, Residence, Sex
from ..text import fold_fast
from .columns import COLUMNS, HEADER_LOOKUP, PUNCT, header_key

# A commune holds a few tens of thousands of people; a bigger file is a mistake (a whole province,
# a sheet with formatting dragged to the bottom) and would hold the database for too long.
MAX_ROWS = 150_000


class FileProblem(Exception):
    pass


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


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# The template's example row carries this in its Mã hộ cell; the importer skips that row.
EXAMPLE_MARK = "VÍ DỤ (dòng này không được nhập)"


def is_example(code) -> bool:
    if not isinstance(code, str):
        return False
    if code.isascii() and code.lstrip()[:2].lower() != "vi":
        return False  # fold_fast leaves ASCII as it is, lower case and spaces aside: no "vi du" start
    return fold_fast(code.strip()).startswith("vi du")


def find_header(rows: list[list], merged: list) -> tuple[int, dict[str, int]]:
    """The header row is the row (among the first ten) matching most template columns."""
    best_index, best = -1, {}
    for index, row in enumerate(rows[:10]):
        found: dict[str, int] = {}
        for col, value in enumerate(row):
            key = HEADER_LOOKUP.get(header_key(value)) if isinstance(value, str) else None
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

_GRADE_TEXT = re.compile(r"^(\d{1,2})(?:\s*/\s*12)?$")


_TEXT_CACHE: dict[str, str] = {}


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        if value.isascii():
            return value.strip()
        # A file repeats its texts (hamlets, relations, groups, a head's name on each of the household's
        # rows): each distinct one is put in normal form once per process.
        text = _TEXT_CACHE.get(value)
        if text is None:
            text = nfc(value)
            if len(_TEXT_CACHE) < 50_000:
                _TEXT_CACHE[value] = text
        return text
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
        text = cell_text(value)
        if not text:
            raise ValueError(_("Thiếu ngày sinh hoặc năm sinh."))
        parts = date_parts(text)  # the portal's one list of date forms (units.forms)
        if parts:
            day, month, year = parts
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
    if is_blank(value):
        return 0
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not float(value).is_integer():
            raise ValueError(_("Lớp đã hoàn thành “%(v)s” phải là số nguyên.") % {"v": value})
        grade = int(value)
    else:
        match = _GRADE_TEXT.match(cell_text(value))
        if not match:
            raise ValueError(_("Lớp đã hoàn thành “%(v)s” phải là số từ 0 đến 12.") % {"v": value})
        grade = int(match.group(1))
    if not 0 <= grade <= 12:
        raise ValueError(_("Lớp đã hoàn thành phải từ 0 đến 12 (đang ghi %(v)d).") % {"v": grade})
    return grade


STAGES = {"": 0, "gd1": 1, "giaidoan1": 1, "1": 1, "gd2": 2, "giaidoan2": 2, "2": 2, "khong": 0, "chua": 0}
SEXES = {"nam": Sex.MALE, "m": Sex.MALE, "nu": Sex.FEMALE, "f": Sex.FEMALE}
YES = {"x", "co", "1", "true", "yes", "v"}
NO = {"", "khong", "0", "false", "no", "-"}
RESIDENCES = {
    "": Residence.PERMANENT,
    "thuongtru": Residence.PERMANENT,
    "tt": Residence.PERMANENT,
    "tamtru": Residence.TEMPORARY,
}
STATUSES = {
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
    return PUNCT.sub("", fold_fast(cell_text(value)))


# Translated only when a row is wrong: gettext per row per column costs more than the parsing.
MSG_STAGE = gettext_lazy("Hoàn thành XMC “%(v)s” phải là GĐ1, GĐ2 hoặc để trống.")
MSG_SEX = gettext_lazy("Giới tính “%(v)s” phải là Nam hoặc Nữ.")
MSG_RESIDENCE = gettext_lazy("Cư trú “%(v)s” phải là Thường trú hoặc Tạm trú.")
MSG_STATUS = gettext_lazy("Tình trạng “%(v)s” không hợp lệ.")


_KEY_CACHE: dict = {}
_FLAG_CACHE: dict = {}


def flag_key(value) -> str:
    """A yes/no cell folded ("x", "Có" → "x", "co"), each distinct value once per process."""
    if value is None or value == "":
        return ""
    return _FLAG_CACHE.get(value) or _FLAG_CACHE.setdefault(value, _key(value))


def parse_choice(value, table: dict, message):
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
        raise ValueError(str(message) % {"v": cell_text(value)})
    return table[key]
