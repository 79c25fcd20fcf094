"""Blocks of the office's annual GDTX report (báo cáo tổng kết năm học, DOMAIN.md §6).

A block is a named table (and an optional chart) computed live from the modules with SQL
aggregates. Two sources feed the registry:

- each app may ship `<app>/annual.py` with `blocks()` returning `AnnualBlock`s, found through the
  one plugin loader (units/plugins.py), so the engine never names a domain app nor its indicator
  keys: a domain app's tables of provider figures are `provider_block(...)`s listing its own keys;
- the reporting periods' roll-up (how many units were expected, submitted, approved), built here.

Blocks are serialised to plain JSON (`table_to_data`) both for the live preview and for the
frozen snapshot, so the page, the PDF and the XLSX of a frozen version read the very same numbers.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents import Cell, Column, HeaderCell, Row, Table, percent_of, truncate_percent
from reports.models import ReportingPeriod, Submission
from reports.providers import get_provider
from units import calendar
from units.calendar import school_year_dates, school_year_of  # noqa: F401 (school_year_dates: re-exported)
from units.models import Unit, UnitKind
from units.panel_cache import REPORT_ENGINE, figures_versions, kept_value
from units.plugins import plugins
from units.text import name_order

logger = logging.getLogger(__name__)

# The parts of the report, in the order DOMAIN.md §6 lists them.
SECTIONS = [
    ("situation", gettext_lazy("Đặc điểm tình hình")),
    ("direction", gettext_lazy("Công tác chỉ đạo, quản lý")),
    ("literacy", gettext_lazy("Công tác xóa mù chữ và giáo dục tiếp tục sau khi biết chữ")),
    ("centres", gettext_lazy("Hoạt động của trung tâm học tập cộng đồng")),
    ("learning_society", gettext_lazy("Xây dựng xã hội học tập")),
    ("staff", gettext_lazy("Bồi dưỡng đội ngũ")),
    ("funding", gettext_lazy("Kinh phí và cơ sở vật chất")),
    ("communication", gettext_lazy("Công tác tuyên truyền")),
    ("assessment", gettext_lazy("Đánh giá chung, nhiệm vụ năm học tới và đề xuất")),
]
SECTION_KEYS = [key for key, _label in SECTIONS]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


@dataclass(frozen=True)
class AnnualBlock:
    """`build(office, start, end)` returns a `Table`, or `(Table, chart_svg)`. `providers`: the
    indicator keys it reads, checked at start-up (annual/checks.py) so a renamed key is an error,
    not a column that silently disappears."""

    key: str
    section: str
    title: str
    build: Callable
    providers: tuple[str, ...] = ()
    # What the page says, and where it sends the officer, when the table has no row yet (issue 17:
    # "0/0 đợt" told nobody that nothing feeds the table, nor where to start).
    empty_text: str = ""
    empty_url: str = ""  # a URL name without arguments, e.g. "inspections:inspection_add"
    empty_link: str = ""
    # Reads the report engine's records (periods, submissions). Such blocks are kept apart from the
    # others on a draft (kept_blocks): a school saving its report recomputes them alone. A block of
    # an app that reads reports.models must say so here, or its draft table would wait for the next
    # change in the app's own records.
    reads_reports: bool = False


def current_school_year(day: datetime.date | None = None) -> int:
    """The school year of `day`, or of today's local date (units.calendar)."""
    return school_year_of(day) if day else calendar.current_school_year()


# Serialisation: the snapshot is JSON that no later edit in a module can change ----------------------


def _plain(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return _("Đạt") if value else _("Chưa đạt")
    if value is None or isinstance(value, int | float | str):
        return value
    return str(value)


def table_to_data(table: Table) -> dict:
    rows = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            if isinstance(cell, Cell):
                cells.append(
                    {
                        "v": _plain(cell.value),
                        "href": cell.href,
                        "title": str(cell.title),
                        "colspan": cell.colspan,
                        "kind": cell.kind,
                        "bold": cell.bold,
                    }
                )
            else:
                cells.append({"v": _plain(cell)})
        rows.append({"cells": cells, "style": row.style, "level": row.level})
    return {
        "title": str(table.title),
        "subtitle": str(table.subtitle),
        "unit_note": str(table.unit_note),
        "notes": [str(n) for n in table.notes],
        "number_rows": table.number_rows,
        "columns": [
            {"label": str(c.label), "kind": c.kind, "decimals": c.decimals, "width": c.width} for c in table.columns
        ],
        "header_rows": [
            [{"text": str(h.text), "colspan": h.colspan, "rowspan": h.rowspan} for h in hr] for hr in table.header_rows
        ]
        if table.header_rows
        else None,
        "rows": rows,
    }


def table_from_data(data: dict) -> Table:
    rows = []
    for row in data["rows"]:
        cells = []
        for c in row["cells"]:
            if len(c) == 1:
                cells.append(c["v"])
            else:
                cells.append(
                    Cell(
                        c["v"],
                        href=c.get("href", ""),
                        title=c.get("title", ""),
                        colspan=c.get("colspan", 1),
                        kind=c.get("kind"),
                        bold=c.get("bold", False),
                    )
                )
        rows.append(Row(cells, style=row.get("style", ""), level=row.get("level", 0)))
    header_rows = data.get("header_rows")
    return Table(
        title=data["title"],
        subtitle=data.get("subtitle", ""),
        unit_note=data.get("unit_note", ""),
        notes=data.get("notes", []),
        number_rows=data.get("number_rows", False),
        columns=[
            Column(c["label"], c["kind"], decimals=c.get("decimals"), width=c.get("width")) for c in data["columns"]
        ],
        header_rows=[[HeaderCell(h["text"], h["colspan"], h["rowspan"]) for h in hr] for hr in header_rows]
        if header_rows
        else None,
        rows=rows,
    )


# The registry ------------------------------------------------------------------------------------


def unit_url(unit_id: int) -> str:
    try:
        return reverse("units:detail", args=[unit_id])
    except NoReverseMatch:
        return ""


def communes_of(office: Unit, day: datetime.date) -> list[Unit]:
    return sorted(Unit.objects.subtree_of(office).filter(kind=UnitKind.COMMUNE).active_on(day), key=name_order)


def provider_table(
    office, start, end, *, title: str, keys: list[str], unit_note: str = "", kind: str = "int"
) -> Table | None:
    """Rows = communes, columns = providers (each a fixed number of queries), plus a total row;
    `kind` the columns' number kind ("decimal" for money). Each number links to the commune behind
    it. A key no app registers is left out (the start-up check names it)."""
    providers = [p for p in (get_provider(k) for k in keys) if p is not None]
    if not providers:
        return None
    communes = communes_of(office, end)
    ids = [c.pk for c in communes]
    values = [p.func(Unit.objects.filter(pk__in=ids), start, end) for p in providers]
    rows = []
    totals = [0] * len(providers)
    for commune in communes:
        href = unit_url(commune.pk)  # once per commune, not per figure: 120 communes × 10 figures add up
        cells = [Cell(commune.name, href=href)]
        for i, (provider, found) in enumerate(zip(providers, values, strict=True)):
            number = found.get(commune.pk) or 0
            totals[i] += number
            cells.append(Cell(number, href=href, title=provider.source))
        rows.append(Row(cells))
    rows.append(Row.total([_("Cộng"), *totals]))
    return Table(
        title=title,
        unit_note=unit_note,
        columns=[
            Column(_("Xã, phường"), width=26),
            *[Column(p.label, kind) for p in providers],
        ],
        rows=rows,
        number_rows=True,
        # the page's "bấm vào số …" hint is the page's own (annual/_sections.html), never on paper
        notes=[_("Số liệu lấy trực tiếp từ sổ sách của các phân hệ.")],
    )


def provider_block(key, section, title, keys, *, unit_note="", kind="int") -> AnnualBlock:
    """A table of indicator figures by commune, one column per provider key (in `keys`' order)."""

    def build(office, start, end):
        return provider_table(office, start, end, title=title, keys=keys, unit_note=unit_note, kind=kind)

    return AnnualBlock(key, section, title, build, providers=tuple(keys))


def rollup_table(office, start, end) -> Table:
    """Reporting periods of the year: units expected, submitted and approved (one aggregate)."""
    periods = (
        ReportingPeriod.objects.filter(owner__path__startswith=office.path, due_date__gte=start, due_date__lte=end)
        .annotate(
            expected=Count("submissions"),
            submitted=Count(
                "submissions",
                filter=Q(submissions__status__in=[Submission.Status.SUBMITTED, Submission.Status.APPROVED]),
            ),
            approved=Count("submissions", filter=Q(submissions__status=Submission.Status.APPROVED)),
        )
        .order_by("due_date", "id")
    )
    rows = []
    for period in periods:
        href = reverse("reports:period_detail", args=[period.pk])
        # Cut, never rounded (documents.vn_percent), so 1999 of 2000 never reads 100,0%.
        rate = truncate_percent(percent_of(period.submitted, period.expected))
        rows.append(
            Row(
                [
                    Cell(period.label, href=href),
                    period.due_date,
                    Cell(period.expected, href=href),
                    Cell(period.submitted, href=href),
                    Cell(period.approved, href=href),
                    rate,
                ]
            )
        )
    return Table(
        title=_("Kết quả thực hiện chế độ báo cáo"),
        columns=[
            Column(_("Kỳ báo cáo"), width=34),
            Column(_("Hạn nộp"), "date"),
            Column(_("Số đơn vị phải nộp"), "int"),
            Column(_("Đã nộp"), "int"),
            Column(_("Đã duyệt"), "int"),
            Column(_("Tỉ lệ nộp"), "percent"),
        ],
        rows=rows,
        number_rows=True,
    )


def engine_blocks() -> list[AnnualBlock]:
    """The blocks of the report engine itself (every other block comes from an app's annual.py)."""
    return [
        AnnualBlock(
            "reports.rollup",
            "direction",
            gettext_lazy("Kết quả thực hiện chế độ báo cáo"),
            rollup_table,
            empty_text=gettext_lazy(
                "Chưa có kỳ báo cáo nào có hạn nộp trong năm học này, nên bảng này chưa có số liệu."
            ),
            empty_url="reports:period_create",
            empty_link=gettext_lazy("Mở kỳ báo cáo"),
            reads_reports=True,
        ),
    ]


def all_blocks() -> list[AnnualBlock]:
    blocks = list(engine_blocks())
    for blocks_of_app in plugins("annual", "blocks"):
        blocks.extend(blocks_of_app())
    order = {key: i for i, key in enumerate(SECTION_KEYS)}
    return sorted(blocks, key=lambda b: order.get(b.section, len(order)))


def compute_blocks(office: Unit, start: datetime.date, end: datetime.date, progress=None, *, which=None) -> list[dict]:
    """Every block's figures for the office and dates (or those `which(block)` accepts), as
    JSON-ready dicts in the report's order."""
    blocks = [block for block in all_blocks() if which is None or which(block)]
    result = []
    for done, block in enumerate(blocks, 1):
        built = block.build(office, start, end)
        if progress:
            progress(done, len(blocks))
        if built is None:
            continue
        table, chart = built if isinstance(built, tuple) else (built, "")
        result.append(
            {
                "key": block.key,
                "section": block.section,
                "title": str(block.title),
                "table": table_to_data(table),
                "chart": str(chart or ""),
                "empty_text": str(block.empty_text),
                "empty_url": block.empty_url,
                "empty_link": str(block.empty_link),
            }
        )
    return result


def kept_blocks(office: Unit, start: datetime.date, end: datetime.date) -> list[dict]:
    """`compute_blocks` of a draft, each block with its on-screen table (`screen_blocks`), kept in
    the shared cache (units.panel_cache) until the next change below the office in an area that
    feeds figures, or a new day: at province size the computation and the rendering of twelve
    tables × 120 communes take about a second, a visit to a kept draft a few milliseconds. One
    request rebuilds after a change; a change without an audit entry (the admin site, a shell, a
    bulk load) shows after at most panel_cache.TIMEOUT. Freezing a version computes afresh
    (services.annual_report_freeze), so a sent or issued report never holds a kept figure.

    Two kept parts: the modules' tables, which a change in the report engine's records (a school
    saving or sending its report, the most frequent write of a season) leaves as they are, and the
    blocks that read those records (`reads_reports`: the roll-up of the periods), which follow every
    change, the report engine's included."""
    span = f"{office.pk}:{start.isoformat()}:{end.isoformat()}"

    def part(reads_reports: bool) -> Callable[[], list[dict]]:
        which = lambda block: block.reads_reports == reads_reports  # noqa: E731
        return lambda: screen_blocks(compute_blocks(office, start, end, which=which))

    every_area, without_reports = figures_versions(office, without=REPORT_ENGINE)
    modules = kept_value(f"annual-blocks:{span}", without_reports, part(False))
    reports = kept_value(f"annual-reports:{span}", every_area, part(True))
    order = {block.key: i for i, block in enumerate(all_blocks())}
    return sorted([*modules, *reports], key=lambda block: order.get(block["key"], len(order)))


SCREEN_KEYS = ("screen", "has_rows")  # what screen_blocks adds to a block


def screen_blocks(blocks: list[dict]) -> list[dict]:
    """The blocks with their tables rendered for the screen (as cards on a phone) once, under
    "screen"; the page prints that HTML instead of rendering some 40,000 template nodes again."""
    result = []
    for block in blocks:
        table = table_from_data(block["table"])
        html = render_to_string(
            "documents/_table.html",
            {
                "table": table,
                "classes": "table table-sm table-bordered table-cards doc-cards",
                "cards": True,
                "empty_text": block.get("empty_text", ""),
            },
        )
        result.append({**block, "screen": html, "has_rows": bool(table.rows)})
    return result


@dataclass
class SectionView:
    number: str
    key: str
    title: str
    text: str
    blocks: list  # [{"table": Table, "chart": SafeString}]

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.text.split("\n") if p.strip()]


def _url_or_blank(name: str) -> str:
    try:
        return reverse(name) if name else ""
    except NoReverseMatch:  # a snapshot frozen before a page was renamed
        return ""


def sections_for(narrative: dict, blocks: list[dict]) -> list[SectionView]:
    """The report as the templates read it: each section's text, then its tables and charts. A
    block rendered for the screen (`screen_blocks`) carries its HTML instead of its `Table`."""
    by_section: dict[str, list] = {}
    for block in blocks:
        screen = "screen" in block
        by_section.setdefault(block["section"], []).append(
            {
                "key": block["key"],
                "table": None if screen else table_from_data(block["table"]),
                "screen": mark_safe(block["screen"]) if screen else "",
                "has_rows": block["has_rows"] if screen else bool(block["table"]["rows"]),
                "chart": mark_safe(block.get("chart", "")),
                "empty_text": block.get("empty_text", ""),
                "empty_url": _url_or_blank(block.get("empty_url", "")),
                "empty_link": block.get("empty_link", ""),
            }
        )
    return [
        SectionView(ROMAN[i], key, str(label), narrative.get(key, ""), by_section.get(key, []))
        for i, (key, label) in enumerate(SECTIONS)
    ]
