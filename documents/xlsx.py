"""Tables → an .xlsx workbook laid out like the screen: title, merged two-row headers, numbers as
numbers with a number format, bold totals, widths, notes.

Written in openpyxl's write-only mode, which streams rows: 100,000 rows take seconds and little
memory (shared SETUP-NOTES: ~7–10 s per 100k × 12 with lxml). Text that a spreadsheet would read
as a formula (= + - @, tab, CR) is stored as a string with Excel's quote prefix, so opening or
editing the cell never runs it (OWASP "CSV/formula injection")."""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Iterable
from copy import copy
from decimal import Decimal
from fractions import Fraction

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange

from .numbers import truncate_percent
from .tables import DATE, DECIMAL, INT, PERCENT, PORTRAIT_MAX_COLUMNS, SECTION, SUBTOTAL, TEXT, TOTAL, Table

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FONT_NAME = "Times New Roman"  # what offices print with; Liberation Serif has the same metrics
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

_thin = Side(style="thin", color="000000")
_BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
_FONT = Font(name=FONT_NAME, size=12)
_BOLD = Font(name=FONT_NAME, size=12, bold=True)
_TITLE = Font(name=FONT_NAME, size=14, bold=True)
_ITALIC = Font(name=FONT_NAME, size=12, italic=True)
_NOTE = Font(name=FONT_NAME, size=11, italic=True)
_SHADE = PatternFill("solid", fgColor="F2F2F2")
_HEADER_FILL = PatternFill("solid", fgColor="E8EEF7")
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
_RIGHT = Alignment(horizontal="right", vertical="center")


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_START)


def printable(text: str) -> str:
    """Without the control characters a workbook cannot hold (a vertical tab pasted into a name
    passes the forms, and openpyxl would refuse the whole file)."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def number_format(kind: str, decimals: int | None) -> str:
    if kind == INT:
        return "#,##0" if not decimals else "#,##0." + "0" * decimals
    if kind == PERCENT:
        places = 1 if decimals is None else decimals
        return "0." + "0" * places + "%" if places else "0%"
    if kind == DECIMAL:
        places = 2 if decimals is None else decimals
        return "#,##0." + "0" * places if places else "#,##0"
    return "General"


SHEET_NAME_MAX = 31  # Excel's limit


def _cut_at_word(text: str, limit: int) -> str:
    """`text` within `limit` characters, cut before a word rather than through it ("… xóa mù", not
    "… xóa mù ch"); a single word longer than the limit is cut where it must be."""
    if len(text) <= limit:
        return text
    if text[limit] == " ":
        return text[:limit].rstrip(" -–—,.;:(")
    head = text[:limit]
    space = head.rfind(" ")
    if space < limit // 3:
        return head
    return head[:space].rstrip(" -–—,.;:(")


def sheet_title(title: str, taken: set[str]) -> str:
    """Excel allows 31 characters and none of []:*?/\\ in a sheet name, each name once. A long
    title is cut between words; a repeated one gets " (2)", " (3)" ... within the 31."""
    base = re.sub(r"[\[\]:*?/\\]", " ", printable(title)).strip() or "Bang"
    name, n = _cut_at_word(base, SHEET_NAME_MAX), 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name = _cut_at_word(base, SHEET_NAME_MAX - len(suffix)) + suffix
        n += 1
    taken.add(name.lower())
    return name


DATE_TEXT = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")


def as_date(text: str) -> datetime.date | None:
    """ "05/10/2025" → date(2025, 10, 5): a date a module wrote as text (a JSON snapshot keeps dates
    so), to be stored as a real Excel date; None when the text is not exactly one valid date."""
    match = DATE_TEXT.match(text)
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


class _Styler:
    """Makes write-only cells with cached styles.

    Setting cell.font / .border ... hashes the style objects on every cell, which made styling
    four times slower than writing; each combination is hashed once here and its style array
    copied to the next cells (the same arrays openpyxl would have computed)."""

    def __init__(self, ws):
        self.ws = ws
        self._cache: dict[tuple, StyleArray] = {}

    def cell(self, value, *, font=_FONT, alignment=_LEFT, border=None, fill=None, number_format=None, quote=False):
        if isinstance(value, str):
            value = printable(value)
            quote = quote or is_formula_like(value)  # "\x01=1+1" is a formula once the \x01 is gone
        cell = WriteOnlyCell(self.ws, value=value)
        if quote:
            # openpyxl would store "=..." as a formula; keep it a string and mark it so Excel shows it as text.
            cell.data_type = "s"
        key = (id(font), id(alignment), id(border), id(fill), number_format, quote)
        style = self._cache.get(key)
        if style is None:
            cell.font = font
            cell.alignment = alignment
            if border is not None:
                cell.border = border
            if fill is not None:
                cell.fill = fill
            if number_format:
                cell.number_format = number_format
            if quote:
                cell.quotePrefix = True
            self._cache[key] = copy(cell._style)
        else:
            cell._style = copy(style)
        return cell

    def text(self, text: str, *, font=_FONT, alignment=_LEFT, border=None, fill=None):
        return self.cell(text, font=font, alignment=alignment, border=border, fill=fill, quote=is_formula_like(text))

    def value(self, rendered, font, fill, alignment=None):
        value = rendered.value
        if rendered.is_numeric:
            if rendered.kind == PERCENT:
                # The cut rate, not the exact one: a "0.0%" format would round 69.95% up to "70.0%".
                value = truncate_percent(value, 1 if rendered.decimals is None else rendered.decimals) / 100
            if isinstance(value, Decimal | Fraction):
                value = float(value)  # Excel stores doubles; openpyxl would too
            fmt = number_format(rendered.kind, rendered.decimals)
            return self.cell(value, font=font, alignment=_RIGHT, border=_BORDER, fill=fill, number_format=fmt)
        if isinstance(value, str) and rendered.kind in (DATE, TEXT):
            value = as_date(value) or value  # "05/10/2025" typed as text sorts and filters as a date
        if isinstance(value, datetime.date):
            if isinstance(value, datetime.datetime) and value.tzinfo is not None:
                value = value.replace(tzinfo=None)  # Excel has no time zones; the value is already local
            return self.cell(value, font=font, alignment=_CENTER, border=_BORDER, fill=fill, number_format="dd/mm/yyyy")
        text = "" if value is None else rendered.display
        return self.text(text, font=font, alignment=alignment or _LEFT, border=_BORDER, fill=fill)


_INDENTS: dict[int, Alignment] = {}


def _indented(level: int) -> Alignment:
    if level not in _INDENTS:
        _INDENTS[level] = Alignment(horizontal="left", vertical="center", wrap_text=True, indent=level)
    return _INDENTS[level]


_NOTE_ALIGN = Alignment(horizontal="left", wrap_text=False)


def _write_table(ws, st: _Styler, table: Table, start_row: int) -> int:
    """Append one table to a write-only sheet starting at `start_row`; return the next free row."""
    width = table.width
    row_no = start_row

    def merge(r1, c1, r2, c2):
        if r1 != r2 or c1 != c2:
            ws.merged_cells.add(CellRange(min_row=r1, min_col=c1, max_row=r2, max_col=c2))

    ws.append([st.text(table.title, font=_TITLE, alignment=_CENTER)])
    merge(row_no, 1, row_no, width)
    row_no += 1
    if table.subtitle:
        ws.append([st.text(table.subtitle, font=_ITALIC, alignment=_CENTER)])
        merge(row_no, 1, row_no, width)
        row_no += 1
    if table.unit_note:
        ws.append([None] * (width - 1) + [st.text(table.unit_note, font=_ITALIC, alignment=_RIGHT)])
        row_no += 1

    header = table.header()
    grid: list[list] = [[None] * width for _ in header]
    for r, c, rowspan, colspan, text in table.header_grid():
        grid[r][c] = text
        merge(row_no + r, c + 1, row_no + r + rowspan - 1, c + colspan)
    for header_values in grid:
        ws.append(
            [
                st.text(text or "", font=_BOLD, alignment=_CENTER, border=_BORDER, fill=_HEADER_FILL)
                for text in header_values
            ]
        )
    row_no += len(grid)

    for row, cells in table.rendered_rows():
        bold = row.style in (SECTION, SUBTOTAL, TOTAL)
        fill = _SHADE if row.style in (SECTION, TOTAL) else None
        values = []
        col = 1
        for rendered in cells:
            font = _BOLD if (bold or rendered.bold) else _FONT
            indent = _indented(row.level) if row.level and col == 1 else None
            values.append(st.value(rendered, font, fill, indent))
            for _ in range(rendered.colspan - 1):
                values.append(st.text("", border=_BORDER, fill=fill))
            merge(row_no, col, row_no, col + rendered.colspan - 1)
            col += rendered.colspan
        while col <= width:
            values.append(st.text("", border=_BORDER, fill=fill))
            col += 1
        ws.append(values)
        row_no += 1

    for note in table.notes:
        ws.append([st.text(note, font=_NOTE, alignment=_NOTE_ALIGN)])
        row_no += 1
    return row_no


def table_to_xlsx(
    tables: Table | Iterable[Table],
    *,
    title: str = "",
    sheet_per_table: bool = True,
    heading_lines: Iterable[str] = (),
) -> bytes:
    """Write one or more tables to an .xlsx file and return its bytes.

    `sheet_per_table` puts each table on its own sheet (named after the table); otherwise they
    follow one another on a single sheet named `title`. `heading_lines` (e.g. the issuing unit and
    the period) go above the first table of each sheet."""
    tables = [tables] if isinstance(tables, Table) else list(tables)
    workbook = Workbook(write_only=True)
    workbook.properties.title = printable(title or (tables[0].title if tables else ""))
    workbook.properties.creator = "GDTX Portal"
    heading_lines = list(heading_lines)
    taken: set[str] = set()
    groups = [[t] for t in tables] if sheet_per_table else [tables]
    if not tables:
        groups = [[]]
    for group in groups:
        name = sheet_title(group[0].title if sheet_per_table and group else (title or "Bao cao"), taken)
        ws = workbook.create_sheet(name)
        st = _Styler(ws)
        # Widths must be set before the first row is streamed.
        widest = max((t.width for t in group), default=0)
        for index in range(widest):
            widths = [t.all_columns()[index].effective_width for t in group if index < t.width]
            ws.column_dimensions[get_column_letter(index + 1)].width = max(widths) if widths else 12
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.orientation = "landscape" if widest > PORTRAIT_MAX_COLUMNS else "portrait"
        ws.page_setup.paperSize = "9"  # A4
        ws.page_setup.fitToHeight = 0
        if len(group) == 1:
            # Keep the header in view while scrolling a long table.
            first = group[0]
            above = len(heading_lines) + (1 if heading_lines else 0) + 1 + bool(first.subtitle) + bool(first.unit_note)
            ws.freeze_panes = f"A{above + len(first.header()) + 1}"
        row_no = 1
        for line in heading_lines:
            ws.append([st.text(line, font=_BOLD)])
            row_no += 1
        if heading_lines:
            ws.append([])
            row_no += 1
        for index, table in enumerate(group):
            if index:
                ws.append([])
                row_no += 1
            row_no = _write_table(ws, st, table, row_no)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(data: bytes, filename: str) -> HttpResponse:
    """Download response; the Vietnamese file name travels as RFC 5987 `filename*=utf-8''...`."""
    if not filename.lower().endswith(".xlsx"):
        filename += ".xlsx"
    response = HttpResponse(data, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Content-Length"] = str(len(data))
    return response
