"""The body of an official document as data: paragraphs, headings, tables, charts, annexes.

One list of blocks feeds the HTML/PDF (documents/_blocks.html, the default body of
documents/official.html) and the Word export (documents.docx), so the two carry the same content.

    doc.blocks = [
        Heading("I. ĐẶC ĐIỂM TÌNH HÌNH"),
        Paragraph("Năm học 2025-2026, ..."),
        TableBlock(table),                      # a documents.Table: total rows marked Row.total()
        ChartBlock(svg, caption="Biểu đồ 1"),   # inline SVG from documents.charts
    ]
    doc.annexes = [Annex("Phụ lục", "Danh sách gia đình được công nhận", [TableBlock(table)])]
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .tables import Table


@dataclass
class Paragraph:
    text: str
    bold: bool = False
    italic: bool = False
    align: str = "justify"  # justify | center | left | right
    indent: bool = True  # first-line indent of body text
    landscape: bool = False  # Word: on the landscape pages of the wide table it belongs with (see Heading)


@dataclass
class Heading:
    text: str
    level: int = 1  # 1: "I. ...", 2: "1. ...", 3: "a) ..."
    # Word: on the landscape pages with the wide table it introduces, so the part is one orientation
    # (a template turns the page around such a part itself, e.g. annual/document.html)
    landscape: bool = False


@dataclass
class TableBlock:
    table: Table
    landscape: bool = False  # a wide table goes on landscape pages as a whole section


@dataclass
class ChartBlock:
    svg: str
    caption: str = ""
    landscape: bool = False  # Word: its caption stays on the landscape pages of its table


@dataclass
class PageBreak:
    pass


@dataclass
class Annex:
    """A phụ lục after the signer block: its own heading, its pages numbered apart."""

    label: str  # "Phụ lục", "Phụ lục I"
    title: str
    blocks: list = field(default_factory=list)
    note: str = ""  # "(Kèm theo Quyết định số .../QĐ-... ngày ...)"
    landscape: bool = False

    @property
    def kind(self) -> str:
        return "annex"


def block_kind(block) -> str:
    return {
        Paragraph: "paragraph",
        Heading: "heading",
        TableBlock: "table",
        ChartBlock: "chart",
        PageBreak: "pagebreak",
        Annex: "annex",
    }[type(block)]
