"""One row source per table, rendered the same way on screen, in XLSX and in the PDF.

A module builds a `Table` from its selector's rows and hands it to
`documents/templates/documents/_table.html` (HTML and PDF), `table_to_xlsx()` (Excel). Nothing about a
table's layout is decided twice, so the three outputs cannot drift apart (STYLE.md, habit 8).

    table = Table(
        title="Biểu 1. Học viên các lớp xóa mù chữ",
        columns=[Column("Đơn vị", width=32), Column("Tổng số", "int"), Column("Nữ", "int"),
                 Column("Tỉ lệ nữ", "percent")],
        header_rows=[
            [HeaderCell("Đơn vị", rowspan=2), HeaderCell("Học viên", colspan=3)],
            [HeaderCell("Tổng số"), HeaderCell("Nữ"), HeaderCell("Tỉ lệ nữ")],
        ],
        rows=[Row(["Xã Đống Đa", 120, 61, 50.8]), Row.total(["Cộng", 120, 61, 50.8])],
        notes=["Tỉ lệ tính trên tổng số học viên."],
    )
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.utils import formats

from .numbers import vn_number, vn_percent

# Column kinds. Numbers stay numbers in XLSX; percent values are given in percent (85.3 = 85,3%).
TEXT = "text"
INT = "int"
DECIMAL = "decimal"
PERCENT = "percent"
DATE = "date"
KINDS = (TEXT, INT, DECIMAL, PERCENT, DATE)

# Row styles understood by the three renderers.
NORMAL = ""
SECTION = "section"  # a heading row inside the table (e.g. "I. Xóa mù chữ"), bold, shaded
SUBTOTAL = "subtotal"  # bold
TOTAL = "total"  # bold, shaded, top rule
MUTED = "muted"  # grey text, e.g. closed units
STYLES = (NORMAL, SECTION, SUBTOTAL, TOTAL, MUTED)

# A table with more columns than this ("TT" included) goes on landscape pages as a whole section
# (print.css `.landscape`) and prints landscape from Excel: on the 165 mm of a portrait page at
# 12 pt, an eighth column breaks its Vietnamese header and numbers across lines.
PORTRAIT_MAX_COLUMNS = 7


@dataclass
class Column:
    """One column of data: its label (used when there is no `header_rows`), kind and width.

    `width` is in characters (Excel's unit); the HTML/PDF uses the widths as proportions."""

    label: str
    kind: str = TEXT
    decimals: int | None = None  # None: ints as ints, decimals as given (percent: 1)
    width: float | None = None

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"Unknown column kind {self.kind!r}; use one of {KINDS}.")

    @property
    def is_numeric(self) -> bool:
        return self.kind in (INT, DECIMAL, PERCENT)

    @property
    def effective_width(self) -> float:
        if self.width:
            return self.width
        return 12 if self.is_numeric or self.kind == DATE else 28


@dataclass
class HeaderCell:
    text: str
    colspan: int = 1
    rowspan: int = 1


@dataclass
class Cell:
    """A value with extras: a drill-down link, a tooltip (e.g. where a number came from), a span."""

    value: Any
    href: str = ""
    title: str = ""
    colspan: int = 1
    kind: str | None = None  # overrides the column's kind for this cell
    bold: bool = False
    decimals: int | None = None  # overrides the column's decimals (a rate row in a grid of counts)


@dataclass
class Row:
    cells: list[Any]
    style: str = NORMAL
    level: int = 0  # indent of the first cell, for nested rows (commune → its schools)

    def __post_init__(self):
        if self.style not in STYLES:
            raise ValueError(f"Unknown row style {self.style!r}; use one of {STYLES}.")

    @classmethod
    def section(cls, text: str, width: int = 0) -> Row:
        """A heading row spanning the whole table (width 0: as wide as the table)."""
        return cls([Cell(text, colspan=width)], style=SECTION)

    @classmethod
    def total(cls, cells: list[Any]) -> Row:
        return cls(cells, style=TOTAL)


@dataclass
class RenderedCell:
    """What the templates and the XLSX writer read: the raw value, its kind and display text."""

    value: Any
    kind: str
    decimals: int | None
    display: str
    href: str = ""
    title: str = ""
    colspan: int = 1
    bold: bool = False
    # A row shown as a card on a phone (the page's `cards=True`): the figure's label (its column's
    # headers), or the cell's part of the card ("card-title": the row's name or a heading row;
    # "card-number": the "TT" number, left out of the card).
    label: str = ""
    card_class: str = ""

    @property
    def is_numeric(self) -> bool:
        return self.kind in (INT, DECIMAL, PERCENT) and isinstance(self.value, int | float | Decimal | Fraction)


@dataclass
class Table:
    title: str
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    header_rows: list[list[HeaderCell]] | None = None
    subtitle: str = ""  # e.g. "Năm học 2024-2025"
    unit_note: str = ""  # e.g. "Đơn vị tính: người", printed above the right edge
    notes: list[str] = field(default_factory=list)  # footnotes under the table
    number_rows: bool = False  # prepend a "TT" column numbering the data rows (sections excluded)

    def __post_init__(self):
        self.validate_header()

    # Layout -----------------------------------------------------------------------------------
    @property
    def width(self) -> int:
        return len(self.columns) + (1 if self.number_rows else 0)

    @property
    def is_wide(self) -> bool:
        """Too wide for a portrait page: put it in a landscape section (docs/documents.md)."""
        return self.width > PORTRAIT_MAX_COLUMNS

    def header(self) -> list[list[HeaderCell]]:
        """Header rows as rendered, the "TT" column included when `number_rows`."""
        rows = self.header_rows or [[HeaderCell(c.label) for c in self.columns]]
        if not self.number_rows:
            return rows
        return [[HeaderCell("TT", rowspan=len(rows))] + rows[0], *rows[1:]]

    def all_columns(self) -> list[Column]:
        if self.number_rows:
            return [Column("TT", INT, width=5), *self.columns]
        return list(self.columns)

    def column_percents(self) -> list[str]:
        """Column widths for HTML/PDF as percentages ("12.5"), proportional to the XLSX widths."""
        widths = [c.effective_width for c in self.all_columns()]
        total = sum(widths) or 1
        return [f"{100 * w / total:.2f}" for w in widths]

    def validate_header(self) -> None:
        """Each header row must fill exactly the table's width once rowspans are counted; a wrong
        span would shift every number one column to the right in the export."""
        if not self.header_rows:
            return
        width = len(self.columns)
        occupied: dict[int, int] = {}  # column → rows still covered by a rowspan from above
        for index, header_row in enumerate(self.header_rows):
            col = 0
            for cell in header_row:
                while occupied.get(col, 0) > 0:
                    col += 1
                for c in range(col, col + cell.colspan):
                    occupied[c] = cell.rowspan
                col += cell.colspan
            while occupied.get(col, 0) > 0:
                col += 1
            if col != width:
                raise ValueError(
                    f"Header row {index + 1} of {self.title!r} covers {col} columns, the table has {width}."
                )
            occupied = {c: n - 1 for c, n in occupied.items() if n - 1 > 0}

    def header_grid(self) -> list[tuple[int, int, int, int, str]]:
        """(row, col, rowspan, colspan, text) for every header cell, zero-based: the XLSX merges."""
        placed = []
        taken: set[tuple[int, int]] = set()
        for r, header_row in enumerate(self.header()):
            c = 0
            for cell in header_row:
                while (r, c) in taken:
                    c += 1
                placed.append((r, c, cell.rowspan, cell.colspan, cell.text))
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        taken.add((r + dr, c + dc))
                c += cell.colspan
        return placed

    def column_labels(self) -> list[str]:
        """Each rendered column's headers as one line, the spanning ones above it first ("Xóa mù chữ
        mức độ 1 – Biết chữ"): what labels a figure when a row is shown as a card."""
        parts: list[list[str]] = [[] for _ in range(self.width)]
        for _row, col, _rowspan, colspan, text in self.header_grid():
            for c in range(col, min(col + colspan, self.width)):
                if str(text) and str(text) not in parts[c]:
                    parts[c].append(str(text))
        return [" – ".join(p) for p in parts]

    # Cells ------------------------------------------------------------------------------------
    def rendered_rows(self):
        """Yield (row, [RenderedCell]) lazily, so a 100,000-row export never holds all rows twice."""
        columns = self.all_columns()
        labels = self.column_labels()
        counter = 0
        for row in self.rows:
            values = list(row.cells)
            if self.number_rows:
                if row.style == SECTION:
                    values = [Cell(values[0].value if isinstance(values[0], Cell) else values[0], colspan=self.width)]
                elif row.style in (TOTAL, SUBTOTAL):
                    values = ["", *values]
                else:
                    counter += 1
                    values = [counter, *values]
            yield row, self._render_cells(values, columns, labels)

    def _render_cells(self, values: list[Any], columns: list[Column], labels: list[str]) -> list[RenderedCell]:
        rendered = []
        col = 0
        for value in values:
            column = columns[min(col, len(columns) - 1)]
            extra = value if isinstance(value, Cell) else None
            raw = extra.value if extra else value
            kind = (extra.kind if extra and extra.kind else None) or column.kind
            colspan = extra.colspan if extra else 1
            if colspan < 1:  # 0: the rest of the row
                colspan = max(1, len(columns) - col)
            if colspan > 1 and kind != TEXT and not isinstance(raw, int | float | Decimal | Fraction):
                kind = TEXT
            decimals = extra.decimals if extra and extra.decimals is not None else column.decimals
            label, card_class = self._card_part(col, colspan, labels)
            rendered.append(
                RenderedCell(
                    value=raw,
                    kind=kind,
                    decimals=decimals,
                    display=display_value(raw, kind, decimals),
                    href=extra.href if extra else "",
                    title=extra.title if extra else "",
                    colspan=colspan,
                    bold=extra.bold if extra else False,
                    label=label,
                    card_class=card_class,
                )
            )
            col += colspan
        return rendered

    def _card_part(self, col: int, colspan: int, labels: list[str]) -> tuple[str, str]:
        """(label, card class) of the cell at column `col` when its row is shown as a card."""
        name_column = 1 if self.number_rows else 0
        if col == name_column or colspan >= self.width:
            return "", "card-title"
        if self.number_rows and col == 0 and colspan == 1:
            return "", "card-number"
        return (labels[col] if colspan == 1 and col < len(labels) else ""), ""


def display_value(value: Any, kind: str, decimals: int | None = None) -> str:
    """The text a person reads in the HTML and the PDF (XLSX keeps the number and a format)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, datetime.date):
        return formats.date_format(value, "d/m/Y")
    if isinstance(value, int | float | Decimal | Fraction):
        if kind == PERCENT:
            return vn_percent(value, 1 if decimals is None else decimals)
        if kind == INT:
            return vn_number(value, 0 if decimals is None else decimals)
        return vn_number(value, decimals)
    return str(value)
