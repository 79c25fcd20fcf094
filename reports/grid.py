"""The report grid as one row source: a form's sections and rows × columns as a `documents.Table`.

The same Table is the entry grid, the read-only grid of a locked report, the office roll-up, the
form designer's layout (all through reports/_grid.html), the XLSX and the official PDF
(through the documents app). Its cells are `GridCell`s: a `documents.Cell` with what the pages
need besides the value (the cell's key, type, whether it may be typed, where a prefilled value came
from, the roll-up's drill-down link). Every row starts with three cells — code, label, unit — then
one cell per column of the form; a row that adds up its section is marked as a total here, once
(`FormRow.is_total`), so no view has to guess it from the label."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from documents import Cell, Column, Row, Table
from documents.tables import DECIMAL, INT, NORMAL, SECTION, TOTAL

from .formspec import FormSpec
from .models import CellType
from .providers import get_provider

LEAD_COLUMNS = 3  # Mã, Chỉ tiêu, ĐVT come before the form's own columns


@dataclass
class GridCell(Cell):
    """One cell of a report grid.

    On paper a whole number prints as an integer and a prefilled value carries where it came from
    as its tooltip; the pages read the other fields. The drill-down link is `link`, not `href`:
    it belongs to the page, the PDF prints the figure alone."""

    value: object = None  # Decimal / int for numbers (numbers stay numbers in XLSX), str otherwise
    key: str = ""  # "R01.TS"; empty for the code, label and unit cells and for section headings
    cell_id: int | None = None
    type: str = ""
    editable: bool = False
    required: bool = False
    computed: bool = False
    source: str = ""  # provider source of a pre-filled value
    choices: list = field(default_factory=list)
    link: str = ""  # drill-down URL in roll-ups
    form_cell: object = None  # the form designer: the FormCell itself (None where the form has none)
    note: str = ""  # the form designer: the label of the provider the cell names
    figure: object = None  # a pre-filled cell whose provider now answers otherwise (services.ProviderFigure)
    column_label: str = ""  # the column's name, for the input's label (people never read "R01.TS")

    def __post_init__(self):
        if self.kind is None and isinstance(self.value, Decimal):
            self.kind = INT if self.value == self.value.to_integral_value() else DECIMAL
        if self.source and not self.title:
            self.title = _("Lấy từ: %(s)s") % {"s": self.source}


@dataclass
class GridRow(Row):
    """A section heading (one cell across the table) or an indicator row (code, label, unit, values)."""

    cells: list = field(default_factory=list)
    code: str = ""
    label: str = ""
    unit_label: str = ""
    pk: int | None = None  # the FormSection or FormRow shown
    empty: bool = False  # a section with no rows yet

    @property
    def kind(self) -> str:
        return "section" if self.style == SECTION else "data"

    @property
    def values(self) -> list[GridCell]:
        """The cells of the form's own columns (none for a section heading)."""
        return [] if self.style == SECTION else self.cells[LEAD_COLUMNS:]


def grid_columns(spec: FormSpec) -> list[Column]:
    columns = [Column(_("Mã"), width=8), Column(_("Chỉ tiêu"), width=44), Column(_("ĐVT"), width=10)]
    return columns + [Column(column.label, DECIMAL, width=14) for column in spec.columns]


def form_table(spec: FormSpec, *, title: str, subtitle: str, cell_for) -> Table:
    """The form as on paper; `cell_for(FormCell)` gives each existing cell's GridCell."""
    columns = grid_columns(spec)
    rows = []
    for section in spec.sections:
        form_rows = spec.rows_by_section.get(section.pk, [])
        rows.append(
            GridRow(
                [GridCell(f"{section.code}. {section.title}", colspan=len(columns))],
                style=SECTION,
                code=section.code,
                label=section.title,
                pk=section.pk,
                empty=not form_rows,
            )
        )
        for form_row in form_rows:
            cells = []
            for column in spec.columns:
                cell = spec.cells.get(f"{form_row.code}.{column.code}")
                grid_cell = cell_for(cell) if cell is not None else GridCell(type=CellType.NONE)
                grid_cell.column_label = column.label
                if form_row.unit_label.strip() == "%" and isinstance(grid_cell.value, Decimal | int):
                    # a rate prints with its one decimal, "100,0" (DOMAIN.md §6), in a grid of counts
                    grid_cell.kind, grid_cell.decimals = DECIMAL, 1
                cells.append(grid_cell)
            lead = [GridCell(form_row.code), GridCell(form_row.label), GridCell(form_row.unit_label)]
            rows.append(
                GridRow(
                    lead + cells,
                    style=TOTAL if form_row.is_total else NORMAL,
                    code=form_row.code,
                    label=form_row.label,
                    unit_label=form_row.unit_label,
                    pk=form_row.pk,
                )
            )
    return Table(title=title, subtitle=subtitle, columns=columns, rows=rows)


def form_layout_table(spec: FormSpec) -> Table:
    """The form designer's view of a form: each cell's type, formula and provider. The provider's
    label says whether it is registered (a domain app not installed yet leaves the cell to be typed)."""

    def cell_for(cell) -> GridCell:
        note = ""
        if cell.provider:
            provider = get_provider(cell.provider)
            note = provider.label if provider else _("chưa có nguồn này, đơn vị tự nhập")
        return GridCell(key=cell.key, cell_id=cell.pk, type=cell.type, form_cell=cell, note=note)

    return form_table(spec, title=spec.form.title, subtitle="", cell_for=cell_for)
