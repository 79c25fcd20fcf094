"""The export layer as a user meets it: the official PDF reads like a Nghị định 30/2020 document,
the XLSX keeps numbers as numbers and cannot run formulas, dates are written as on paper."""

import datetime
import io
import subprocess
from decimal import Decimal

import openpyxl
import pytest
from django.template.loader import render_to_string
from pypdf import PdfReader

from documents import (
    Cell,
    Column,
    HeaderCell,
    OfficialDocument,
    Row,
    Series,
    Signer,
    Table,
    bar_chart_svg,
    document_symbol,
    grouped_bar_chart_svg,
    line_chart_svg,
    pdf_response,
    render_official_pdf,
    stacked_bar_chart_svg,
    table_to_xlsx,
    vn_document_date,
    vn_number,
    xlsx_response,
)
from documents.pdf import local_fetcher, local_path_for_url


def learners_table(rows=3, **extra) -> Table:
    return Table(
        title="Biểu 1. Học viên các lớp xóa mù chữ",
        subtitle="Năm học 2024-2025",
        unit_note="Đơn vị tính: người",
        columns=[
            Column("Đơn vị", width=30),
            Column("Tổng số", "int"),
            Column("Nữ", "int"),
            Column("Tỉ lệ nữ", "percent"),
        ],
        header_rows=[
            [HeaderCell("Đơn vị", rowspan=2), HeaderCell("Học viên", colspan=3)],
            [HeaderCell("Tổng số"), HeaderCell("Nữ"), HeaderCell("Tỉ lệ nữ")],
        ],
        rows=[Row.section("I. Xã Đống Đa")]
        + [Row([f"Thôn {i}", 1000 + i, 500, Decimal("48.6")]) for i in range(rows)]
        + [Row.total(["Cộng", 12345, 6001, 48.6])],
        notes=["Tỉ lệ nữ tính trên tổng số học viên."],
        **extra,
    )


def report_document(**overrides) -> OfficialDocument:
    fields = {
        "parent_agency": "UBND huyện Thử Nghiệm",
        "agency": "Phòng Giáo dục và Đào tạo",
        "agency_code": "PGDĐT",
        "type_code": "BC",
        "number": "12",
        "place": "Hạ Long",
        "date": datetime.date(2020, 10, 5),
        "title": "Báo cáo",
        "excerpt": "Tổng kết công tác giáo dục thường xuyên năm học 2019-2020",
        "recipients": ["Sở GD&ĐT (để b/c);", "UBND huyện (để b/c);"],
        "archive": "VT, GDTX.",
        "signer": Signer(authority="KT. TRƯỞNG PHÒNG", position="PHÓ TRƯỞNG PHÒNG", name="Trần Văn Ký"),
    }
    return OfficialDocument(**{**fields, **overrides})


# Dates and numbers as written on official paper -------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2020, 10, 5), "Hạ Long, ngày 05 tháng 10 năm 2020"),
        (datetime.date(2024, 11, 15), "Hạ Long, ngày 15 tháng 11 năm 2024"),
        (datetime.date(2025, 2, 3), "Hạ Long, ngày 03 tháng 02 năm 2025"),
        (datetime.date(2025, 1, 20), "Hạ Long, ngày 20 tháng 01 năm 2025"),
        (datetime.date(2025, 3, 9), "Hạ Long, ngày 09 tháng 3 năm 2025"),
    ],
)
def test_document_dates_pad_days_below_10_and_months_1_and_2(day, expected):
    assert vn_document_date("Hạ Long", day) == expected


def test_a_date_left_for_the_signing_day_keeps_only_the_year():
    text = vn_document_date("Hạ Long", datetime.date(2025, 5, 20), blank_day=True)

    assert text.startswith("Hạ Long, ngày") and text.endswith("năm 2025")
    assert "ngày 20" not in text and "tháng 5" not in text


def test_document_symbols_for_a_report_and_a_letter():
    assert document_symbol("12", "BC", "PGDĐT") == "12/BC-PGDĐT"
    # Numbers below 10 take a leading zero (Nghị định 30/2020, Phụ lục I).
    assert document_symbol(7, "", "PGDĐT", drafting_code="GDTX") == "07/PGDĐT-GDTX"
    assert document_symbol(None, "QĐ", "UBND").endswith("/QĐ-UBND")


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1234.5, None, "1.234,5"),
        (1234567, None, "1.234.567"),
        (Decimal("85.25"), 1, "85,3"),
        (-0.04, 1, "0,0"),
        (0, None, "0"),
    ],
)
def test_numbers_are_written_the_vietnamese_way(value, decimals, expected):
    assert vn_number(value, decimals) == expected


# XLSX -----------------------------------------------------------------------------------------


def _sheet(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]


def _find(ws, value):
    return next(c for row in ws.iter_rows() for c in row if c.value == value)


def test_xlsx_keeps_numbers_as_numbers_with_vietnamese_display_formats():
    ws = _sheet(table_to_xlsx(learners_table()))

    total = _find(ws, 12345)
    assert total.data_type == "n" and total.number_format == "#,##0"
    rate = ws.cell(row=total.row, column=total.column + 2)
    assert rate.value == pytest.approx(0.486) and rate.number_format == "0.0%"


def test_xlsx_merges_the_two_header_rows_like_the_screen():
    ws = _sheet(table_to_xlsx(learners_table()))

    header = _find(ws, "Học viên")
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert f"B{header.row}:D{header.row}" in merged  # "Học viên" over three columns
    assert f"A{header.row}:A{header.row + 1}" in merged  # "Đơn vị" over two rows
    assert "A1:D1" in merged  # the title across the table


def test_xlsx_totals_and_sections_are_bold_and_widths_are_set():
    ws = _sheet(table_to_xlsx(learners_table()))

    assert _find(ws, "Cộng").font.b
    assert _find(ws, "I. Xã Đống Đa").font.b
    assert not _find(ws, "Thôn 0").font.b
    assert ws.column_dimensions["A"].width == 30
    assert _find(ws, "Thôn 0").font.name == "Times New Roman"


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x","y")', "+1+2", "-3+4", "@SUM(A1)", "\t=1", "\r=1"])
def test_formula_like_text_is_stored_as_text_that_cannot_run(text):
    table = Table(title="Danh sách", columns=[Column("Họ tên"), Column("Số", "int")], rows=[Row([text, 1])])

    ws = _sheet(table_to_xlsx(table))
    cell = ws.cell(row=_find(ws, 1).row, column=1)

    assert cell.data_type == "s"
    assert cell.quotePrefix is True


def test_xlsx_puts_each_table_on_its_own_named_sheet_or_all_on_one():
    first, second = learners_table(), learners_table()
    second.title = "Biểu 2: Lớp/khóa [học]*"

    book = openpyxl.load_workbook(io.BytesIO(table_to_xlsx([first, second])))
    assert book.sheetnames == ["Biểu 1. Học viên các lớp xóa mù", "Biểu 2  Lớp khóa  học"]

    one = openpyxl.load_workbook(io.BytesIO(table_to_xlsx([first, second], title="Tổng hợp", sheet_per_table=False)))
    assert one.sheetnames == ["Tổng hợp"]
    assert sum(1 for row in one.worksheets[0].iter_rows() for c in row if c.value == "Cộng") == 2


def test_a_large_table_streams_to_xlsx():
    table = Table(title="Danh sách", columns=[Column("Họ tên"), Column("Năm sinh", "int")])
    table.rows = (Row([f"Người {i}", 1950 + i % 60]) for i in range(20_000))  # a generator, never a list

    ws = _sheet(table_to_xlsx(table))

    assert ws.max_row == 20_000 + 2  # title + header
    assert ws.cell(row=ws.max_row, column=2).value == 1950 + 19_999 % 60


def test_numbered_rows_skip_sections_and_totals():
    ws = _sheet(table_to_xlsx(learners_table(rows=2, number_rows=True)))

    first = _find(ws, "Thôn 0")
    assert ws.cell(row=first.row, column=1).value == 1
    assert ws.cell(row=first.row + 1, column=1).value == 2
    assert ws.cell(row=_find(ws, "Cộng").row, column=1).value in (None, "")


def test_a_header_that_does_not_fill_the_table_is_refused():
    with pytest.raises(ValueError, match="covers 3 columns"):
        Table(
            title="Sai",
            columns=[Column("A"), Column("B", "int"), Column("C", "int"), Column("D", "int")],
            header_rows=[[HeaderCell("A"), HeaderCell("B", colspan=2)]],
        )


def test_downloads_carry_the_vietnamese_file_name_rfc_5987():
    response = xlsx_response(b"x", "Tổng hợp năm học")
    assert response["Content-Disposition"].startswith("attachment;")
    assert (
        "filename*=utf-8''T%E1%BB%95ng%20h%E1%BB%A3p%20n%C4%83m%20h%E1%BB%8Dc.xlsx" in response["Content-Disposition"]
    )
    assert pdf_response(b"%PDF", "Báo cáo.pdf")["Content-Type"] == "application/pdf"


# The HTML table ---------------------------------------------------------------------------------


def test_the_html_table_shows_the_same_layout_and_vietnamese_numbers():
    table = learners_table()
    table.rows[1].cells[1] = Cell(1000, href="/bao-cao/chi-tiet/1/", title="Từ sổ đăng ký lớp")

    html = render_to_string("documents/_table.html", {"table": table})

    assert 'colspan="3"' in html and 'rowspan="2"' in html
    assert "12.345" in html and "48,6%" in html
    assert 'href="/bao-cao/chi-tiet/1/"' in html and 'title="Từ sổ đăng ký lớp"' in html
    assert 'class="row-total"' in html and 'class="row-section"' in html


def test_on_a_page_each_figure_is_labelled_with_its_column_headers_for_a_phone_card_but_never_on_paper():
    table = learners_table(rows=1, number_rows=True)

    page = render_to_string("documents/_table.html", {"table": table, "cards": True})
    paper = render_to_string("documents/_table.html", {"table": table})

    # The row's name heads its card, each figure carries "Học viên – Nữ" (both header rows), the "TT"
    # number is left out, a heading row is a heading.
    assert 'class=" card-title">Thôn 0</td>' in page
    assert 'class="num card-number">1</td>' in page
    assert 'class="num" data-label="Học viên – Nữ">500</td>' in page
    assert 'data-label="Học viên – Tỉ lệ nữ">48,6%</td>' in page
    assert 'class=" card-title">I. Xã Đống Đa</td>' in page
    assert "data-label" not in paper and "card-" not in paper


def test_an_empty_table_says_so():
    table = Table(title="Trống", columns=[Column("Đơn vị"), Column("Số", "int")])

    assert "Không có số liệu." in render_to_string("documents/_table.html", {"table": table})


# The official PDF -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def official_pdf(django_db_blocker):
    with django_db_blocker.unblock():
        return render_official_pdf(
            "documents/example_report.html",
            {
                "doc": report_document(),
                "intro": "Thực hiện kế hoạch năm học, Phòng GD&ĐT báo cáo kết quả như sau.",
                "tables": [learners_table(rows=60)],
                "chart": bar_chart_svg(["Đống Đa", "Nậm Pồ"], [120, 45], title="Học viên theo xã"),
                "paragraphs": ["Phương hướng nhiệm vụ năm học tới."],
            },
        )


def _pdf_text(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def test_the_official_pdf_reads_like_a_decree_30_document(official_pdf):
    text = " ".join(_pdf_text(official_pdf))

    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO" in text and "UBND HUYỆN THỬ NGHIỆM" in text
    assert "Số: 12/BC-PGDĐT" in text
    assert "Hạ Long, ngày 05 tháng 10 năm 2020" in text
    assert "BÁO CÁO" in text and "Tổng kết công tác giáo dục thường xuyên" in text
    assert "12.345" in text  # a figure of the table
    assert "Nơi nhận:" in text and "- Lưu: VT, GDTX." in text
    assert "KT. TRƯỞNG PHÒNG" in text and "Trần Văn Ký" in text


def test_the_pdf_embeds_liberation_serif_and_never_falls_back_to_dejavu(official_pdf, tmp_path):
    path = tmp_path / "doc.pdf"
    path.write_bytes(official_pdf)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout

    assert "Liberation-Serif" in fonts or "LiberationSerif" in fonts
    assert "DejaVu" not in fonts
    names = {
        str(font["/BaseFont"])
        for page in PdfReader(io.BytesIO(official_pdf)).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert names and all("Liberation" in name and "Serif" in name for name in names)


def _texts_in_top_margin(page) -> list[str]:
    """Text drawn in the top 20 mm of a page (pypdf gives positions from the bottom edge)."""
    limit = float(page.mediabox.height) - 20 / 25.4 * 72
    found = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip() and tm[5] * cm[3] + cm[5] > limit:
            found.append(text.strip())

    page.extract_text(visitor_text=visit)
    return found


def test_pages_are_numbered_from_page_2_in_the_top_margin(official_pdf):
    pages = PdfReader(io.BytesIO(official_pdf)).pages

    assert len(pages) >= 2
    assert _texts_in_top_margin(pages[0]) == []
    assert _texts_in_top_margin(pages[1]) == ["2"]


def test_the_pdf_is_a4_with_the_decree_margins(official_pdf):
    page = PdfReader(io.BytesIO(official_pdf)).pages[0]
    width_mm = float(page.mediabox.width) / 72 * 25.4
    height_mm = float(page.mediabox.height) / 72 * 25.4

    assert round(width_mm) == 210 and round(height_mm) == 297


def test_the_browser_preview_is_the_same_template_with_a_toolbar():
    html = render_to_string(
        "documents/example_report.html",
        {"doc": report_document(), "preview": True, "pdf_url": "/x.pdf", "back_url": "/", "tables": []},
    )

    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html
    assert 'href="/x.pdf"' in html and "Quay lại" in html
    assert "/static/css/print.css" in html


def test_a_letter_has_no_title_line_and_its_excerpt_under_the_number():
    doc = report_document(
        type_code="", number="45", drafting_code="GDTX", excerpt="báo cáo số liệu", addressee="Các trường"
    )

    html = render_to_string("documents/example_report.html", {"doc": doc, "tables": []})

    assert "Số: 45/PGDĐT-GDTX" in html
    assert "V/v báo cáo số liệu" in html
    assert "Kính gửi: Các trường" in html
    assert 'class="doc-title"' not in html


def test_documents_never_fetch_from_the_network():
    fetcher = local_fetcher()

    with pytest.raises(ValueError):
        fetcher("http://example.com/logo.png")
    assert local_path_for_url("http://gdtx.invalid/static/css/print.css").name == "print.css"
    assert local_path_for_url("http://gdtx.invalid/static/../../manage.py") is None
    assert local_path_for_url("http://gdtx.invalid/media/../../manage.py") is None


def test_an_unreachable_image_does_not_break_the_pdf(db):
    from documents import render_pdf

    data = render_pdf('<html><body><p>Văn bản</p><img src="https://example.com/x.png"></body></html>')

    assert "Văn bản" in _pdf_text(data)[0]


# Charts -----------------------------------------------------------------------------------------


def test_a_bar_chart_is_inline_svg_with_vietnamese_numbers_and_escaped_labels():
    svg = bar_chart_svg(["Xã <b>A</b>", "Xã B"], [1234.5, 20], title="Học viên", decimals=1, target=70)

    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    assert "1.234,5" in svg
    assert "<b>" not in svg and "&lt;b&gt;" in svg
    assert "Chỉ tiêu 70,0" in svg
    assert "http" not in svg.replace("http://www.w3.org/2000/svg", "")


def test_grouped_stacked_and_line_charts_draw_every_series():
    series = [Series("Đăng ký", [10, 20]), Series("Công nhận", [7, 15])]

    grouped = grouped_bar_chart_svg(["Xã A", "Xã B"], series, title="Gia đình học tập")
    stacked = stacked_bar_chart_svg(["Xã A", "Xã B"], series)
    line = line_chart_svg(["2023", "2024"], [Series("Tỉ lệ", [91.5, 95])], unit="%", y_max=100)

    assert grouped.count("<rect") >= 4 + 2  # 4 bars + 2 legend keys
    assert "Đăng ký" in grouped and "Công nhận" in grouped
    assert ">35<" in stacked  # the stacked total of Xã B
    assert "<polyline" in line and "95%" in line
    assert series[0].color == ""  # the caller's series are left as they were


def test_a_chart_without_data_says_so():
    assert "Chưa có số liệu" in bar_chart_svg([], [], title="Trống")
    assert "Chưa có số liệu" in bar_chart_svg(["A"], [None])


def test_the_chart_is_drawn_in_the_pdf(official_pdf):
    assert "Học viên theo xã" in " ".join(_pdf_text(official_pdf))


def test_one_view_gives_the_preview_or_the_pdf_of_the_same_document(rf, official_pdf):
    from documents import official_document_response

    context = {"doc": report_document(), "tables": [learners_table()]}
    preview = official_document_response(
        rf.get("/bc/?nam=2024"), "documents/example_report.html", context, filename="Báo cáo.pdf", back_url="/bao-cao/"
    )
    html = preview.content.decode()
    assert preview["Content-Type"].startswith("text/html")
    assert "?nam=2024&amp;pdf=1" in html and 'href="/bao-cao/"' in html

    pdf = official_document_response(
        rf.get("/bc/?nam=2024&pdf=1"), "documents/example_report.html", context, filename="Báo cáo.pdf"
    )
    assert pdf["Content-Type"] == "application/pdf"
    assert "12.345" in " ".join(_pdf_text(pdf.content))


def test_a_wide_table_prints_on_a_landscape_page_and_the_text_after_it_returns_to_portrait(db):
    from django.template import engines

    from documents import render_pdf

    template = engines["django"].from_string(
        '{% extends "documents/official.html" %}{% block body %}<p>Mở đầu.</p>'
        '<div class="page-wide">{% include "documents/_table.html" with table=t %}</div>'
        "<p>Kết luận sau bảng.</p>{% endblock %}"
    )
    pages = PdfReader(io.BytesIO(render_pdf(template.render({"doc": report_document(), "t": learners_table()})))).pages

    landscape = [float(p.mediabox.width) > float(p.mediabox.height) for p in pages]
    assert landscape == [False, True, False]
    assert "Kết luận sau bảng." in pages[2].extract_text()
