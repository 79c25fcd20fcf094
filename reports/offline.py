"""A report filled offline (issue 16): the form of one submission as an Excel workbook laid out like
the grid, and the same workbook read back into the values the grid's save takes.

The workbook, sheet "Báo cáo": the title, then the grid (reports/grid.py: code, label, unit, one
column per form column; section headings across). Sheet protection WITHOUT a password locks the
labels and computed cells: it keeps a careless click from breaking the layout, it is no security
(the upload checks everything again). Typed cells are unlocked, with Excel data validation: numbers
(whole or decimal, not negative), a drop-down for Có/Không and for a choice cell (its list on the
hidden sheet "_lua_chon"), at most 2.000 characters of text. A computed cell holds the form's formula
translated to Excel (`Formula.to_excel`), so totals and rates update as the school types; a formula
Excel cannot hold (over Excel's length) keeps the portal's value, locked, with a note. The hidden
sheet "_ma_o" maps every cell to its row and column codes and address (and each cell has a defined
name O_<row>_<column>); "_thong_tin" names the form, version, period, unit and save number.

Reading back never trusts the file's own map: the addresses come from the form again, the file's
identity must be this submission's (another form, period or unit is refused with a message naming
it) and its values go, as the strings a person would type, to `services.submission_save` — the
grid's own validation, all or nothing."""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation

from documents.xlsx import is_formula_like, printable
from units.spreadsheets import SpreadsheetRefused, guard

from .formspec import FormSpec
from .grid import LEAD_COLUMNS
from .models import CellType, Submission
from .selectors import submission_table
from .services.values import MAX_NUMBER

SHEET = "Báo cáo"
MAP_SHEET = "_ma_o"
INFO_SHEET = "_thong_tin"
CHOICE_SHEET = "_lua_chon"
FORMAT = "gdtx-bao-cao-offline"
FIRST_ROW = 6  # rows 1–4: title, unit and period, how to fill; row 5: the column headings; then the grid
MAX_BYTES = 5 * 1024 * 1024  # a form of a few hundred cells is tens of KB
MAX_FORMULA = 8000  # Excel refuses formulas over 8.192 characters

_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_TYPED_FILL = PatternFill("solid", fgColor="FFFFFF")
_COMPUTED_FILL = PatternFill("solid", fgColor="DDEBF7")
_NONE_FILL = PatternFill("solid", fgColor="D9D9D9")
_SECTION_FILL = PatternFill("solid", fgColor="F2F2F2")


class OfflineRefused(Exception):
    """The whole file is refused (not a workbook, too big, another form...); str() is Vietnamese."""


@dataclass
class Layout:
    """Where each cell of the form sits in the workbook: key → "D7"."""

    addresses: dict[str, str] = field(default_factory=dict)


def layout(spec: FormSpec) -> Layout:
    """The addresses of the form's cells, from the form alone (the download and the upload agree)."""
    result = Layout()
    row_number = FIRST_ROW - 1
    for section in spec.sections:
        row_number += 1  # the section heading
        for form_row in spec.rows_by_section.get(section.pk, []):
            row_number += 1
            for index, column in enumerate(spec.columns):
                key = f"{form_row.code}.{column.code}"
                if key in spec.cells:
                    result.addresses[key] = f"{get_column_letter(LEAD_COLUMNS + 1 + index)}{row_number}"
    return result


def _excel_ref(spec: FormSpec, addresses: dict[str, str]):
    def ref(key: str) -> str:
        address = addresses[key]
        if spec.cells[key].type == CellType.YES_NO:
            return f'IF({address}="Có",1,0)'  # stored as 1 / 0 by the portal
        return f"N({address})"  # blank or text counts as 0, as in reports/formulas.py

    return ref


def _name(key: str) -> str:
    return "O_" + re.sub(r"[^A-Za-z0-9]", "_", key.replace(".", "__"))


def build_workbook(submission: Submission, spec: FormSpec) -> bytes:
    """The .xlsx of `submission` with its current values."""
    table = submission_table(submission, spec=spec)
    places = layout(spec)
    addresses = places.addresses
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    width = LEAD_COLUMNS + len(spec.columns)
    _put(sheet["A1"], spec.form.title)
    sheet["A1"].font = Font(bold=True, size=13)
    _put(sheet["A2"], f"{submission.unit.full_name} — {submission.period.label}")
    sheet["A3"] = _(
        "Nhập vào ô trắng (số nguyên không âm; số thập phân như 12,5). Ô xanh tự tính, ô xám không nhập. "
        "Không đổi tên, thêm hay xoá dòng, cột; lưu tệp dạng .xlsx rồi tải lên trang báo cáo."
    )
    sheet["A3"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells(start_row=3, start_column=1, end_row=3, end_column=width)
    sheet.row_dimensions[3].height = 32
    for index, column in enumerate(table.columns, start=1):
        cell = sheet.cell(row=5, column=index)
        _put(cell, str(column.label))
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        cell.border = _BORDER
        sheet.column_dimensions[get_column_letter(index)].width = column.width or 14

    numbers = {CellType.INTEGER: [], CellType.DECIMAL: []}
    texts, yes_no, choice_lists = [], [], []
    ref = _excel_ref(spec, addresses)
    row_number = FIRST_ROW - 1
    for row in table.rows:
        row_number += 1
        if row.kind == "section":
            cell = sheet.cell(row=row_number, column=1)
            _put(cell, row.cells[0].value)
            cell.font = Font(bold=True)
            cell.fill = _SECTION_FILL
            sheet.merge_cells(start_row=row_number, start_column=1, end_row=row_number, end_column=width)
            continue
        for index, value in enumerate((row.code, row.label, row.unit_label), start=1):
            cell = sheet.cell(row=row_number, column=index)
            _put(cell, value)
            cell.border = _BORDER
            cell.font = Font(bold=row.style == "total")
        for index, grid_cell in enumerate(row.values):
            cell = sheet.cell(row=row_number, column=LEAD_COLUMNS + 1 + index)
            cell.border = _BORDER
            key = grid_cell.key
            if not key:
                cell.fill = _NONE_FILL
                continue
            kind = grid_cell.type
            if kind == CellType.COMPUTED:
                cell.fill = _COMPUTED_FILL
                formula = spec.formulas.get(key)
                text = formula.to_excel(ref) if formula is not None else ""
                if text and len(text) <= MAX_FORMULA:
                    cell.value = "=" + text
                else:
                    cell.value = _number(grid_cell.value)
                    cell.comment = Comment(
                        _(
                            "Ô tự tính theo công thức của cổng (%(f)s); Excel không tính lại được, "
                            "cổng tính khi tải lên."
                        )
                        % {"f": spec.cells[key].formula[:200]},
                        "GDTX",
                    )
                continue
            if kind == CellType.NONE:
                cell.fill = _NONE_FILL
                continue
            cell.protection = Protection(locked=False)
            cell.fill = _TYPED_FILL
            if kind in numbers:
                cell.value = _number(grid_cell.value)
                numbers[kind].append(cell.coordinate)
            elif kind == CellType.YES_NO:
                _put(cell, grid_cell.value or None)
                yes_no.append(cell.coordinate)
            elif kind == CellType.CHOICE:
                _put(cell, grid_cell.value or None)
                choice_lists.append((cell.coordinate, list(grid_cell.choices)))
            else:
                _put(cell, grid_cell.value or None)
                cell.number_format = "@"
                cell.alignment = Alignment(wrap_text=True)
                texts.append(cell.coordinate)
    _validations(book, sheet, numbers, texts, yes_no, choice_lists)
    _map_sheets(book, submission, spec, addresses)
    sheet.freeze_panes = f"{get_column_letter(LEAD_COLUMNS + 1)}{FIRST_ROW}"
    sheet.protection.sheet = True  # no password: see the module docstring
    sheet.protection.formatColumns = False  # widening a column stays possible
    book.security = WorkbookProtection(lockStructure=True)  # the hidden sheets stay hidden
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _put(cell, value) -> None:
    """A value into a cell; a text that Excel would run as a formula ("=…", "+…", "@…") stays text
    (documents/xlsx.py does the same for every export: formula injection)."""
    if isinstance(value, str):
        value = printable(value)
        cell.value = value
        if is_formula_like(value):
            cell.data_type = "s"
            cell.quotePrefix = True
        return
    cell.value = value


def _append(sheet, values) -> None:
    row = sheet.max_row + 1 if sheet.max_row > 1 or sheet["A1"].value is not None else 1
    for column, value in enumerate(values, start=1):
        _put(sheet.cell(row=row, column=column), value)


def _number(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _validations(book, sheet, numbers, texts, yes_no, choice_lists) -> None:
    limit = str(int(MAX_NUMBER) - 1)
    for kind, cells in numbers.items():
        if not cells:
            continue
        whole = kind == CellType.INTEGER
        check = DataValidation(
            type="whole" if whole else "decimal",
            operator="between",
            formula1="0",
            formula2=limit,
            showErrorMessage=True,
            errorTitle=_("Số liệu chưa đúng"),
            error=_("Ô này chỉ nhận số nguyên không âm.") if whole else _("Ô này chỉ nhận số không âm."),
        )
        for coordinate in cells:
            check.add(coordinate)
        sheet.add_data_validation(check)
    if yes_no:
        check = DataValidation(
            type="list", formula1='"Có,Không"', showErrorMessage=True, error=_("Hãy chọn Có hoặc Không.")
        )
        for coordinate in yes_no:
            check.add(coordinate)
        sheet.add_data_validation(check)
    if texts:
        check = DataValidation(
            type="textLength", operator="lessThanOrEqual", formula1="2000", error=_("Tối đa 2.000 ký tự.")
        )
        check.showErrorMessage = True
        for coordinate in texts:
            check.add(coordinate)
        sheet.add_data_validation(check)
    if choice_lists:
        lists = book.create_sheet(CHOICE_SHEET)
        lists.sheet_state = "hidden"
        for index, (coordinate, choices) in enumerate(choice_lists, start=1):
            letter = get_column_letter(index)
            for row, choice in enumerate(choices, start=1):
                _put(lists.cell(row=row, column=index), choice)
            check = DataValidation(
                type="list",
                formula1=f"'{CHOICE_SHEET}'!${letter}$1:${letter}${max(len(choices), 1)}",
                showErrorMessage=True,
                error=_("Hãy chọn một giá trị trong danh sách."),
            )
            check.add(coordinate)
            sheet.add_data_validation(check)
        lists.protection.sheet = True


def _map_sheets(book, submission: Submission, spec: FormSpec, addresses: dict[str, str]) -> None:
    info = book.create_sheet(INFO_SHEET)
    info.sheet_state = "hidden"
    for row in (
        ("format", FORMAT),
        ("form_id", spec.form.pk),
        ("form_code", spec.form.code),
        ("form_version", spec.form.version),
        ("form_title", spec.form.title),
        ("period_id", submission.period_id),
        ("period_label", submission.period.label),
        ("submission_id", submission.pk),
        ("unit_code", submission.unit.code),
        ("unit_name", submission.unit.full_name),
        ("version", submission.version),
    ):
        _append(info, row)
    info.protection.sheet = True
    cells = book.create_sheet(MAP_SHEET)
    cells.sheet_state = "hidden"
    _append(cells, ["key", "row_code", "column_code", "address", "type", "row_label", "column_label"])
    names = set()
    for key, address in addresses.items():
        cell = spec.cells[key]
        _append(cells, [key, cell.row.code, cell.column.code, address, cell.type, cell.row.label, cell.column.label])
        name = _name(key)
        if name not in names:
            names.add(name)
            column, row = re.match(r"([A-Z]+)(\d+)", address).groups()
            book.defined_names[name] = DefinedName(name, attr_text=f"'{SHEET}'!${column}${row}")
    cells.protection.sheet = True


# Reading back --------------------------------------------------------------------------------------


@dataclass
class Upload:
    raw_values: dict[str, str]  # key → what a person would have typed in the grid
    version: int  # the save number the file was downloaded at
    formulas: dict[str, str] = field(default_factory=dict)  # key → refusal: a formula in a typed cell


def read_workbook(data: bytes, submission: Submission, spec: FormSpec) -> Upload:
    """The values of an uploaded workbook for `submission`; OfflineRefused for a file that is not
    this submission's workbook. Nothing is validated here beyond the file itself: the values go to
    the grid's save, which validates them exactly as if they had been typed."""
    if len(data) > MAX_BYTES:
        raise OfflineRefused(
            _("Tệp lớn %(size)s MB, quá giới hạn %(max)s MB của một biểu báo cáo: hãy tải lên đúng tệp đã tải về.")
            % {"size": f"{len(data) / 1_000_000:.1f}".replace(".", ","), "max": MAX_BYTES // (1024 * 1024)}
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise OfflineRefused(_("Tệp không phải bảng tính Excel (.xlsx). Hãy lưu tệp dạng .xlsx rồi tải lên lại."))
    try:
        guard(data)
    except SpreadsheetRefused as exc:
        raise OfflineRefused(str(exc)) from None
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:
        raise OfflineRefused(_("Không đọc được tệp: tệp bị hỏng hoặc không phải bảng tính .xlsx.")) from None
    try:
        info = _info(book)
        _check_identity(info, submission, spec)
        if SHEET not in book.sheetnames:
            raise OfflineRefused(_("Tệp thiếu trang tính “%(s)s”: hãy dùng đúng tệp đã tải về.") % {"s": SHEET})
        return _values(book[SHEET], info, spec)
    finally:
        book.close()


def _info(book) -> dict[str, str]:
    if INFO_SHEET not in book.sheetnames:
        raise OfflineRefused(
            _(
                "Tệp không phải biểu báo cáo tải từ cổng (thiếu phần nhận dạng). "
                "Hãy bấm “Tải Excel để nhập” trên trang báo cáo."
            )
        )
    info = {}
    for row in book[INFO_SHEET].iter_rows(min_row=1, max_row=50, max_col=2, values_only=True):
        if row and row[0] is not None:
            info[str(row[0])] = "" if len(row) < 2 or row[1] is None else str(row[1])
    if info.get("format") != FORMAT:
        raise OfflineRefused(_("Tệp không phải biểu báo cáo tải từ cổng (phần nhận dạng không đúng)."))
    return info


def _check_identity(info: dict[str, str], submission: Submission, spec: FormSpec) -> None:
    form = spec.form
    if info.get("form_id") != str(form.pk) or info.get("form_version") != str(form.version):
        raise OfflineRefused(
            _(
                "Tệp là biểu “%(other)s” (mã %(code)s, phiên bản %(version)s), không phải biểu của báo cáo này "
                "“%(form)s” (mã %(form_code)s, phiên bản %(form_version)s). Hãy tải biểu đúng từ trang này."
            )
            % {
                "other": info.get("form_title", "")[:120],
                "code": info.get("form_code", "")[:40],
                "version": info.get("form_version", "")[:5],
                "form": form.title,
                "form_code": form.code,
                "form_version": form.version,
            }
        )
    if info.get("period_id") != str(submission.period_id):
        raise OfflineRefused(
            _("Tệp của kỳ báo cáo “%(other)s”, không phải kỳ “%(period)s” của báo cáo này.")
            % {"other": info.get("period_label", "")[:150], "period": submission.period.label}
        )
    if info.get("submission_id") != str(submission.pk):
        raise OfflineRefused(
            _("Tệp là báo cáo của “%(other)s”, không phải của “%(unit)s”.")
            % {"other": info.get("unit_name", "")[:200], "unit": submission.unit.full_name}
        )


def _values(sheet, info: dict[str, str], spec: FormSpec) -> Upload:
    by_address = {address: key for key, address in layout(spec).addresses.items() if spec.cells[key].is_typed}
    last_row = max((int(re.sub(r"[A-Z]+", "", a)) for a in by_address), default=FIRST_ROW)
    raw = dict.fromkeys(by_address.values(), "")  # a cell left blank clears the value, as in the grid
    formulas = {}
    for row in sheet.iter_rows(min_row=FIRST_ROW, max_row=last_row, max_col=LEAD_COLUMNS + len(spec.columns)):
        for cell in row:
            coordinate = getattr(cell, "coordinate", None)
            key = by_address.get(coordinate) if coordinate else None
            if key is None:
                continue
            if cell.data_type == "f":  # a typed "=…" text saved as text is a text, as in the grid
                formulas[key] = _("Ô nhập không được chứa công thức; hãy gõ số liệu.")
                continue
            raw[key] = as_typed(cell.value, spec.cells[key].type)
    try:
        version = int(info.get("version", ""))
    except ValueError:
        version = -1
    return Upload(raw_values=raw, version=version, formulas=formulas)


def as_typed(value, kind: str) -> str:
    """An Excel value as the string a person would type in the grid (Vietnamese number format)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        try:
            number = Decimal(repr(value))
        except InvalidOperation:
            return str(value)
        text = format(number, "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return text.replace(".", ",")
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


def describe_errors(spec: FormSpec, errors: dict[str, str]) -> list[str]:
    """Each refused cell as a person finds it in the workbook: row, column, Excel address, why."""
    addresses = layout(spec).addresses
    lines = []
    for key in sorted(errors, key=lambda k: _position(addresses.get(k, ""))):
        cell = spec.cells.get(key)
        if cell is None:
            lines.append(f"[{key}] {errors[key]}")
            continue
        lines.append(
            _("Dòng “%(row)s” (%(row_code)s), cột “%(column)s” (%(column_code)s), ô %(address)s: %(error)s")
            % {
                "row": cell.row.label,
                "row_code": cell.row.code,
                "column": cell.column.label,
                "column_code": cell.column.code,
                "address": addresses.get(key, "?"),
                "error": errors[key],
            }
        )
    return lines


def _position(address: str) -> tuple[int, str]:
    match = re.match(r"([A-Z]+)(\d+)", address)
    return (int(match.group(2)), match.group(1).rjust(3)) if match else (0, "")
