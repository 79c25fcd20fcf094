"""Read an uploaded onboarding workbook into rows, after units.spreadsheets.guard has measured it.

A file that cannot be read, or lacks a sheet's required columns, raises FileRefused with a
Vietnamese message; nothing else about the rows is judged here (units.onboarding.plan does)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .. import spreadsheets
from ..text import fold
from .columns import MAX_ROWS, PEOPLE_SHEET, UNITS_SHEET, Column, cell_text, is_example, people_columns, unit_columns


class FileRefused(Exception):
    """str() is the Vietnamese reason shown on the upload form."""


@dataclass
class Sheet:
    name: str
    rows: list[tuple[int, dict]] = field(default_factory=list)  # (Excel row number, {key: text})


@dataclass
class Workbook:
    units: Sheet
    people: Sheet


def _find_sheet(book, wanted: str):
    for sheet in book.worksheets:
        if fold(sheet.title) == fold(wanted):
            return sheet
    return None


def _read_sheet(sheet, columns: list[Column]) -> Sheet:
    result = Sheet(name=sheet.title)
    by_header = {fold(c.header): c for c in columns}
    positions: dict[int, Column] = {}
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None) or ()
    for index, value in enumerate(header):
        column = by_header.get(fold(cell_text(value)))
        if column is not None and column not in positions.values():
            positions[index] = column
    missing = [c.header for c in columns if c.required == str(_("Có")) and c not in positions.values()]
    if missing:
        raise FileRefused(
            _("Trang %(sheet)s thiếu cột: %(columns)s. Hãy dùng tệp mẫu.")
            % {"sheet": sheet.title, "columns": ", ".join(missing)}
        )
    for number, values in enumerate(rows, start=2):
        row = {c.key: "" for c in columns}
        for index, column in positions.items():
            if index < len(values):
                row[column.key] = cell_text(values[index], key=column.key)[:300]
        if not any(value for key, value in row.items() if key != "mark") or is_example(row):
            continue
        if len(result.rows) >= MAX_ROWS:
            raise FileRefused(
                _("Trang %(sheet)s có hơn %(n)s dòng; hãy chia thành nhiều tệp.")
                % {"sheet": sheet.title, "n": MAX_ROWS}
            )
        result.rows.append((number, row))
    return result


def read_workbook(data: bytes) -> Workbook:
    try:
        spreadsheets.guard(data)
    except spreadsheets.SpreadsheetRefused as refused:
        raise FileRefused(str(refused)) from refused
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a file that is not a workbook
        raise FileRefused(_("Không đọc được tệp: hãy tải lên tệp Excel (.xlsx) theo mẫu.")) from exc
    try:
        units_sheet, people_sheet = _find_sheet(book, UNITS_SHEET), _find_sheet(book, PEOPLE_SHEET)
        if units_sheet is None and people_sheet is None:
            raise FileRefused(
                _("Tệp không có trang “%(units)s” hay “%(people)s” của mẫu nhập.")
                % {"units": UNITS_SHEET, "people": PEOPLE_SHEET}
            )
        for sheet in (units_sheet, people_sheet):
            if sheet is not None:
                spreadsheets.check_extent(sheet.max_row or 0, sheet.max_column or 0, sheet.title)
        return Workbook(
            units=_read_sheet(units_sheet, unit_columns()) if units_sheet else Sheet(UNITS_SHEET),
            people=_read_sheet(people_sheet, people_columns()) if people_sheet else Sheet(PEOPLE_SHEET),
        )
    except spreadsheets.SpreadsheetRefused as refused:
        raise FileRefused(str(refused)) from refused
    except FileRefused:
        raise
    except Exception as exc:  # a damaged part inside a zip that opened
        raise FileRefused(_("Không đọc được tệp: hãy tải lên tệp Excel (.xlsx) theo mẫu.")) from exc
    finally:
        book.close()
