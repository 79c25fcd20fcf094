"""Word export of an official document (issue 15): the same header, body, footer and annexes as
the PDF, in a file that Word opens and an office can finish and sign."""

import io

import docx

from documents import Column, OfficialDocument, Row, Signer, Table
from documents.blocks import Annex, ChartBlock, Heading, Paragraph, TableBlock
from documents.docx import docx_response, official_docx


def _table() -> Table:
    return Table(
        title="Biểu 1. Học viên",
        columns=[Column("Đơn vị"), Column("Tổng số", "int"), Column("Tỉ lệ", "percent")],
        rows=[Row(["Xã Đống Đa", 1250, 69.95]), Row.total(["Cộng", 1250, 69.95])],
    )


def _doc(**extra) -> OfficialDocument:
    values = {
        "parent_agency": "UBND huyện Thử Nghiệm",
        "agency": "Phòng Giáo dục và Đào tạo",
        "agency_code": "PGDĐT",
        "type_code": "QĐ",
        "number": 5,
        "place": "Thử Nghiệm",
        "title": "Quyết định",
        "excerpt": "Về việc công nhận gia đình học tập năm 2026",
        "authority_heading": "Trưởng phòng Giáo dục và Đào tạo",
        "bases": ["Căn cứ Thông tư số 25/2023/TT-BGDĐT ngày 28 tháng 12 năm 2023 của Bộ GD&ĐT;"],
        "recipients": ["Như Điều 3;"],
        "archive": "VT, GDTX.",
        "signer": Signer(authority="KT. TRƯỞNG PHÒNG", position="PHÓ TRƯỞNG PHÒNG", name="Lê Văn Phó"),
        "blocks": [
            Heading("QUYẾT ĐỊNH:"),
            Paragraph("Điều 1. Công nhận các gia đình có tên trong danh sách kèm theo."),
            TableBlock(_table()),
            ChartBlock("<svg></svg>", caption="Biểu đồ 1. Học viên theo xã"),
        ],
        "annexes": [
            Annex(
                "Phụ lục",
                "Danh sách gia đình học tập",
                [TableBlock(_table())],
                note="(Kèm theo Quyết định số 05/QĐ-PGDĐT)",
            )
        ],
    }
    values.update(extra)
    return OfficialDocument(**values)


def _text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.append(cell.text)
    return "\n".join(parts)


def test_the_word_file_carries_the_whole_document():
    document = docx.Document(io.BytesIO(official_docx(_doc())))
    text = _text(document)
    for expected in (
        "UBND HUYỆN THỬ NGHIỆM",
        "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 05/QĐ-PGDĐT",
        "QUYẾT ĐỊNH",
        "Về việc công nhận gia đình học tập năm 2026",
        "TRƯỞNG PHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
        "Căn cứ Thông tư số 25/2023/TT-BGDĐT",
        "Điều 1. Công nhận",
        "1.250",
        "69,9%",
        "Nơi nhận:",
        "- Lưu: VT, GDTX.",
        "KT. TRƯỞNG PHÒNG",
        "Lê Văn Phó",
        "DANH SÁCH GIA ĐÌNH HỌC TẬP",
        "Biểu đồ 1. Học viên theo xã",
    ):
        assert expected in text, expected


def test_word_pages_are_a4_with_the_binding_margin_and_the_annex_is_numbered_apart():
    document = docx.Document(io.BytesIO(official_docx(_doc())))
    body, annex = document.sections[0], document.sections[-1]
    assert round(body.page_width.mm) == 210 and round(body.page_height.mm) == 297
    assert round(body.left_margin.mm) == 30 and round(body.right_margin.mm) == 15
    assert body.different_first_page_header_footer
    assert annex._sectPr.xpath("./w:pgNumType/@w:start") == ["1"]


def test_a_landscape_table_gets_its_own_landscape_section():
    doc = _doc(blocks=[TableBlock(_table(), landscape=True)], annexes=[])
    document = docx.Document(io.BytesIO(official_docx(doc)))
    widths = [round(s.page_width.mm) for s in document.sections]
    assert widths == [210, 297, 210]
    assert all(round(s.left_margin.mm) == 30 for s in document.sections)


def test_a_letter_prints_vv_and_the_addressee():
    doc = _doc(
        type_code="",
        drafting_code="GDTX",
        number=12,
        excerpt="Hướng dẫn nhiệm vụ GDTX",
        addressee="Các trường",
        annexes=[],
    )
    text = _text(docx.Document(io.BytesIO(official_docx(doc))))
    assert "Số: 12/PGDĐT-GDTX" in text
    assert "V/v Hướng dẫn nhiệm vụ GDTX" in text
    assert "Kính gửi: Các trường" in text


def test_the_download_names_the_file_in_vietnamese():
    response = docx_response(b"x", "Quyết định công nhận")
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert "Quy%E1%BA%BFt" in response["Content-Disposition"]
    assert response["Content-Disposition"].endswith(".docx")
