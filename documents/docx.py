"""Word (.docx) of an official document: the same OfficialDocument and blocks as the PDF.

Offices finish and sign their documents in Word, so the annual report, the guidance and the
recognition decisions also download as .docx. The layout follows Nghị định 30/2020/NĐ-CP,
Phụ lục I as the PDF does (documents/official.html + print.css): A4, margins top and bottom 20 mm,
left 30 mm, right 15 mm; Times New Roman (the office's Word has it; the PDF uses its metric twin
Liberation Serif); the header as a borderless two-column table (agency | Quốc hiệu, Tiêu ngữ);
number and place-date; title; body blocks; Nơi nhận | signer; page numbers centred in the top
margin from page 2; annexes in their own section, numbered from 1; a wide table on landscape
pages as a whole section.

    data = official_docx(doc)
    return docx_response(data, "Báo cáo tổng kết 2025-2026.docx")

Charts are pictures in the PDF; Word gets their caption and the table that carries the same
figures (every chart of the portal is drawn from a table the document also prints).
"""

from __future__ import annotations

import io

from django.http import HttpResponse
from django.utils.http import content_disposition_header

from .blocks import Annex, ChartBlock, Heading, PageBreak, Paragraph, TableBlock
from .official import OfficialDocument
from .tables import SECTION, SUBTOTAL, TOTAL, Table

FONT = "Times New Roman"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _imports():
    # python-docx is imported on first use, like WeasyPrint: web processes that never export skip it.
    import docx
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    return docx, WD_ORIENT, WD_SECTION, WD_TABLE_ALIGNMENT, WD_ALIGN_PARAGRAPH, OxmlElement, qn, Mm, Pt


class _Writer:
    def __init__(self):
        (
            self.docx,
            self.WD_ORIENT,
            self.WD_SECTION,
            self.WD_TABLE_ALIGNMENT,
            self.ALIGN,
            self.OxmlElement,
            self.qn,
            self.Mm,
            self.Pt,
        ) = _imports()
        self.document = self.docx.Document()
        style = self.document.styles["Normal"]
        style.font.name = FONT
        style.font.size = self.Pt(14)
        # East Asian and complex-script fonts too, or Word substitutes for Vietnamese letters.
        fonts = style.element.rPr.rFonts if style.element.rPr is not None else None
        if fonts is not None:
            for attribute in ("w:eastAsia", "w:cs", "w:hAnsi", "w:ascii"):
                fonts.set(self.qn(attribute), FONT)
        style.paragraph_format.space_after = self.Pt(0)
        self._page(self.document.sections[0], landscape=False)
        self._page_numbers(self.document.sections[0], restart=False)

    # Page set-up -------------------------------------------------------------------------------
    def _page(self, section, *, landscape: bool) -> None:
        Mm = self.Mm
        section.orientation = self.WD_ORIENT.LANDSCAPE if landscape else self.WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
        section.top_margin, section.bottom_margin = Mm(20), Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
        section.header_distance = Mm(10)

    def _field(self, paragraph, instruction: str) -> None:
        run = paragraph.add_run()
        begin = self.OxmlElement("w:fldChar")
        begin.set(self.qn("w:fldCharType"), "begin")
        text = self.OxmlElement("w:instrText")
        text.set(self.qn("xml:space"), "preserve")
        text.text = instruction
        end = self.OxmlElement("w:fldChar")
        end.set(self.qn("w:fldCharType"), "end")
        run._r.append(begin)
        run._r.append(text)
        run._r.append(end)

    def _page_numbers(self, section, *, restart: bool) -> None:
        """Page number centred in the top margin, none on the section's first page (mục II.10)."""
        section.different_first_page_header_footer = True
        section.header.is_linked_to_previous = False
        section.first_page_header.is_linked_to_previous = False
        paragraph = section.header.paragraphs[0]
        paragraph.alignment = self.ALIGN.CENTER
        self._field(paragraph, "PAGE")
        if restart:
            sect_pr = section._sectPr
            number_type = self.OxmlElement("w:pgNumType")
            number_type.set(self.qn("w:start"), "1")
            sect_pr.append(number_type)

    def _new_section(self, *, landscape: bool, restart: bool = False):
        section = self.document.add_section(self.WD_SECTION.NEW_PAGE)
        self._page(section, landscape=landscape)
        self._page_numbers(section, restart=restart)
        return section

    # Text ---------------------------------------------------------------------------------------
    def paragraph(
        self,
        text: str = "",
        *,
        container=None,
        size: float = 14,
        bold=False,
        italic=False,
        underline=False,
        align="justify",
        indent=False,
        upper=False,
        space_after: float = 3,
    ):
        container = container or self.document
        paragraph = container.add_paragraph()
        paragraph.alignment = {
            "justify": self.ALIGN.JUSTIFY,
            "center": self.ALIGN.CENTER,
            "left": self.ALIGN.LEFT,
            "right": self.ALIGN.RIGHT,
        }[align]
        paragraph.paragraph_format.space_after = self.Pt(space_after)
        if indent:
            paragraph.paragraph_format.first_line_indent = self.Mm(10)
        run = paragraph.add_run(text.upper() if upper else text)
        run.font.name = FONT
        run.font.size = self.Pt(size)
        run.bold, run.italic, run.underline = bold, italic, underline
        return paragraph

    def _cell(self, table, row: int, col: int):
        cell = table.cell(row, col)
        cell.paragraphs[0].text = ""
        return cell

    def _borderless(self, table) -> None:
        borders = self.OxmlElement("w:tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            element = self.OxmlElement(f"w:{edge}")
            element.set(self.qn("w:val"), "nil")
            borders.append(element)
        table._tbl.tblPr.append(borders)

    def _cell_lines(self, cell, lines):
        """lines: (text, dict of paragraph options); the cell's first paragraph takes the first line."""
        first = True
        for text, options in lines:
            if first:
                paragraph = cell.paragraphs[0]
                paragraph.alignment = self.ALIGN.CENTER
                run = paragraph.add_run(text.upper() if options.get("upper") else text)
                run.font.name = FONT
                run.font.size = self.Pt(options.get("size", 13))
                run.bold = options.get("bold", False)
                run.italic = options.get("italic", False)
                run.underline = options.get("underline", False)
                first = False
            else:
                self.paragraph(
                    text,
                    container=cell,
                    align=options.get("align", "center"),
                    space_after=0,
                    **{k: v for k, v in options.items() if k in ("size", "bold", "italic", "underline", "upper")},
                )

    # Document parts ---------------------------------------------------------------------------
    def header(self, doc: OfficialDocument) -> None:
        table = self.document.add_table(rows=2, cols=2)
        self._borderless(table)
        table.autofit = False
        widths = (self.Mm(70), self.Mm(95))
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = width
        left = []
        if doc.draft:
            left.append(("DỰ THẢO", {"bold": True, "size": 12}))
        if doc.parent_agency:
            left.append((doc.parent_agency, {"upper": True, "size": 13}))
        left.append((doc.agency, {"upper": True, "bold": True, "size": 13}))
        left.append(("—————", {"size": 10}))
        self._cell_lines(self._cell(table, 0, 0), left)
        self._cell_lines(
            self._cell(table, 0, 1),
            [
                ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", {"bold": True, "size": 12}),
                ("Độc lập - Tự do - Hạnh phúc", {"bold": True, "size": 13, "underline": True}),
            ],
        )
        number_lines = [(f"Số: {doc.symbol}", {"size": 13})]
        if doc.is_letter and doc.excerpt:
            number_lines.append((f"V/v {doc.excerpt}", {"size": 12}))
        self._cell_lines(self._cell(table, 1, 0), number_lines)
        self._cell_lines(self._cell(table, 1, 1), [(doc.place_date, {"italic": True, "size": 14})])

    def title(self, doc: OfficialDocument) -> None:
        if not doc.is_letter:
            self.paragraph("", space_after=6)
            self.paragraph(doc.title, bold=True, upper=True, align="center", space_after=0)
            if doc.excerpt:
                self.paragraph(doc.excerpt, bold=True, align="center", space_after=0)
            self.paragraph("—————", align="center", size=10, space_after=6)
        if doc.authority_heading:
            self.paragraph(doc.authority_heading, bold=True, upper=True, align="center", space_after=6)
        for line in doc.bases:
            self.paragraph(line, italic=True, indent=True)
        if doc.addressee:
            self.paragraph(f"Kính gửi: {doc.addressee}", align="center", space_after=6)

    def footer(self, doc: OfficialDocument) -> None:
        self.paragraph("", space_after=6)
        table = self.document.add_table(rows=1, cols=2)
        self._borderless(table)
        left, right = table.rows[0].cells
        left.width, right.width = self.Mm(80), self.Mm(85)
        lines = doc.recipient_lines
        if lines:
            paragraph = left.paragraphs[0]
            paragraph.alignment = self.ALIGN.LEFT
            run = paragraph.add_run("Nơi nhận:")
            run.font.name, run.font.size, run.bold, run.italic = FONT, self.Pt(12), True, True
            for line in lines:
                self.paragraph(line, container=left, size=11, align="left", space_after=0)
        if doc.signer:
            signer_lines = []
            if doc.signer.authority:
                signer_lines.append((doc.signer.authority, {"bold": True, "size": 14}))
            signer_lines.append((doc.signer.position, {"bold": True, "size": 14}))
            signer_lines += [("", {}), ("", {}), ("", {}), ("", {})]
            signer_lines.append((doc.signer.name, {"bold": True, "size": 14}))
            self._cell_lines(right, signer_lines)

    def table(self, table: Table, *, container=None) -> None:
        container = container or self.document
        if table.title:
            self.paragraph(table.title, container=container, bold=True, align="center", size=13, space_after=0)
        if table.subtitle:
            self.paragraph(table.subtitle, container=container, italic=True, align="center", size=13, space_after=0)
        if table.unit_note:
            self.paragraph(table.unit_note, container=container, italic=True, align="right", size=12, space_after=0)
        header = table.header()
        header_height = len(header)
        rows = list(table.rendered_rows())
        grid = container.add_table(rows=header_height + len(rows), cols=table.width)
        grid.style = "Table Grid"
        grid.alignment = self.WD_TABLE_ALIGNMENT.CENTER
        for r, c, rowspan, colspan, text in table.header_grid():
            cell = grid.cell(r, c)
            if rowspan > 1 or colspan > 1:
                cell = cell.merge(grid.cell(r + rowspan - 1, c + colspan - 1))
            self._fill(cell, text, bold=True, align="center", size=12)
        for index, (row, cells) in enumerate(rows):
            r = header_height + index
            c = 0
            strong = row.style in (TOTAL, SUBTOTAL, SECTION)
            for rendered in cells:
                if c >= table.width:
                    break
                cell = grid.cell(r, c)
                span = min(rendered.colspan, table.width - c)
                if span > 1:
                    cell = cell.merge(grid.cell(r, c + span - 1))
                self._fill(
                    cell,
                    rendered.display,
                    bold=strong or rendered.bold,
                    align="right" if rendered.is_numeric else ("center" if row.style == SECTION else "left"),
                    size=12,
                )
                c += span
        for note in table.notes:
            self.paragraph(note, container=container, italic=True, size=12, align="left", space_after=0)
        self.paragraph("", container=container, space_after=3)

    def _fill(self, cell, text: str, *, bold: bool, align: str, size: float) -> None:
        paragraph = cell.paragraphs[0]
        paragraph.text = ""
        paragraph.alignment = {"center": self.ALIGN.CENTER, "right": self.ALIGN.RIGHT, "left": self.ALIGN.LEFT}[align]
        run = paragraph.add_run(text or "")
        run.font.name, run.font.size, run.bold = FONT, self.Pt(size), bold

    def blocks(self, blocks, *, landscape_now: bool = False) -> None:
        opened = False  # a landscape section opened here: consecutive landscape blocks share it
        for block in blocks:
            wide = getattr(block, "landscape", False) and not landscape_now
            if opened and not wide:
                self._new_section(landscape=False)
                opened = False
            if wide and not opened:
                self._new_section(landscape=True)
                opened = True
            if isinstance(block, Heading):
                self.paragraph(block.text, bold=True, align="left" if block.level > 1 else "justify", space_after=3)
            elif isinstance(block, Paragraph):
                self.paragraph(block.text, bold=block.bold, italic=block.italic, align=block.align, indent=block.indent)
            elif isinstance(block, TableBlock):
                self.table(block.table)
            elif isinstance(block, ChartBlock):
                if block.caption:
                    self.paragraph(block.caption, italic=True, align="center", size=12)
            elif isinstance(block, PageBreak):
                self.document.add_page_break()
        if opened:
            self._new_section(landscape=False)

    def annex(self, annex: Annex) -> None:
        self._new_section(landscape=annex.landscape, restart=True)
        self.paragraph(annex.label, bold=True, upper=True, align="center", space_after=0)
        self.paragraph(annex.title, bold=True, upper=True, align="center", space_after=0)
        if annex.note:
            self.paragraph(annex.note, italic=True, align="center", space_after=6)
        self.blocks(annex.blocks, landscape_now=annex.landscape)

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def official_docx(doc: OfficialDocument, *, blocks=None) -> bytes:
    """The .docx of `doc`: header, title, bases, `blocks` (default doc.blocks), footer, annexes."""
    writer = _Writer()
    writer.header(doc)
    writer.title(doc)
    writer.blocks(doc.blocks if blocks is None else blocks)
    writer.footer(doc)
    for annex in doc.annexes:
        writer.annex(annex)
    return writer.save()


def docx_response(data: bytes, filename: str) -> HttpResponse:
    """Word download; the Vietnamese name travels as RFC 5987 `filename*`."""
    if not filename.lower().endswith(".docx"):
        filename += ".docx"
    response = HttpResponse(data, content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Content-Length"] = str(len(data))
    return response
