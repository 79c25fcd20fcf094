"""The check of an official document (documents/check.py, Nghị định 30/2020 Phụ lục I) passes a
correct report and names each rule a deliberately broken one breaks, in Vietnamese."""

import datetime
import io

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from documents import Column, OfficialDocument, Row, Signer, Table, render_pdf
from documents.check import check_official_pdf

BODY = "Thực hiện kế hoạch năm học, Phòng Giáo dục và Đào tạo báo cáo kết quả công tác giáo dục thường xuyên như sau."


def good_document(**changes) -> OfficialDocument:
    fields = {
        "parent_agency": "UBND huyện Thử Nghiệm",
        "agency": "Phòng Giáo dục và Đào tạo",
        "agency_code": "PGDĐT",
        "type_code": "BC",
        "number": "05",
        "place": "Hạ Long",
        "date": datetime.date(2025, 2, 5),
        "title": "Báo cáo",
        "excerpt": "Tổng kết công tác giáo dục thường xuyên năm học 2024-2025",
        "recipients": ["Sở GD&ĐT (để b/c);", "UBND huyện Thử Nghiệm (để b/c);"],
        "archive": "VT, GDTX.",
        "signer": Signer(authority="KT. TRƯỞNG PHÒNG", position="PHÓ TRƯỞNG PHÒNG", name="Trần Văn An"),
    }
    fields.update(changes)
    return OfficialDocument(**fields)


def table(rows=40) -> Table:
    return Table(
        title="Biểu 1. Học viên các lớp xóa mù chữ",
        columns=[Column("Đơn vị", width=30), Column("Tổng số", "int"), Column("Nữ", "int")],
        rows=[Row([f"Thôn {i}", 100 + i, 50]) for i in range(rows)] + [Row.total(["Cộng", 4780, 2000])],
    )


def html_of(doc=None, *, rows=40, paragraphs=3) -> str:
    return render_to_string(
        "documents/example_report.html",
        {"doc": doc or good_document(), "intro": BODY, "tables": [table(rows)], "paragraphs": [BODY] * paragraphs},
    )


@pytest.fixture(scope="module")
def good_html(django_db_blocker):
    with django_db_blocker.unblock():
        return html_of()


def with_style(html: str, css: str) -> str:
    return html.replace("</head>", f"<style>{css}</style></head>")


def problems(html: str, **options) -> list[str]:
    return check_official_pdf(render_pdf(html), **{"kind": "bao_cao", **options})


def one_problem_about(found: list[str], words: str) -> str:
    matching = [p for p in found if words in p]
    assert matching, f"no problem mentions {words!r}: {found}"
    return matching[0]


def test_a_correct_report_of_several_pages_passes(good_html):
    assert problems(good_html) == []


def test_a_page_that_is_not_a4_is_named(good_html):
    found = problems(with_style(good_html, "@page { size: A5; margin: 10mm 10mm 10mm 30mm; }"))
    one_problem_about(found, "không phải khổ A4")


def test_the_national_name_must_be_bold(good_html):
    found = problems(with_style(good_html, ".national { font-weight: normal; }"))
    assert one_problem_about(found, "Quốc hiệu phải in đậm")


def test_the_motto_must_be_there_and_bold(good_html):
    found = problems(with_style(good_html, ".motto { font-weight: normal; }"))
    one_problem_about(found, "Tiêu ngữ phải in đậm")
    found = problems(good_html.replace("Độc lập - Tự do - Hạnh phúc", "Độc lập"))
    one_problem_about(found, "Thiếu Tiêu ngữ")


def test_a_missing_parent_agency_is_named(django_db_blocker):
    with django_db_blocker.unblock():
        found = problems(html_of(good_document(parent_agency=""), rows=3))
    assert found == ["Thiếu tên cơ quan chủ quản (ví dụ “UBND HUYỆN …”) trên tên cơ quan ban hành."]


@pytest.mark.parametrize(
    ("parent", "words"),
    [("UBND", "thiếu địa danh"), ("Xã Pá Lùng", "là tên địa bàn, không phải tên cơ quan")],
)
def test_a_bare_or_place_only_parent_agency_is_named(django_db_blocker, parent, words):
    with django_db_blocker.unblock():
        found = problems(html_of(good_document(parent_agency=parent), rows=3))
    one_problem_about(found, words)


def test_the_agency_must_be_upper_case_and_bold(good_html):
    found = problems(with_style(good_html, ".agency { font-weight: normal; }"))
    one_problem_about(found, "Thiếu tên cơ quan ban hành")
    found = problems(
        with_style(good_html, ".parent-agency, .agency { text-transform: none; }")
        .replace("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "Phòng Giáo dục và Đào tạo")
        .replace("UBND HUYỆN THỬ NGHIỆM", "UBND huyện Thử Nghiệm")
    )
    one_problem_about(found, "Tên cơ quan ban hành phải viết chữ in hoa")
    one_problem_about(found, "Tên cơ quan chủ quản phải viết chữ in hoa")


def test_a_number_below_ten_needs_its_leading_zero(good_html):
    found = problems(good_html.replace("Số: 05/BC-PGDĐT", "Số: 5/BC-PGDĐT"))
    assert found == ["Số văn bản dưới 10 phải có số 0 ở trước (“05”, không phải “5”)."]


def test_a_blank_number_for_the_clerk_passes(django_db_blocker):
    with django_db_blocker.unblock():
        assert problems(html_of(good_document(number=""), rows=3)) == []


def test_the_symbol_carries_the_type_code_of_the_kind(good_html):
    one_problem_about(problems(good_html, kind="quyet_dinh"), "mã loại văn bản “QĐ-”")
    one_problem_about(problems(good_html, kind="cong_van"), "Công văn không có mã loại văn bản")


@pytest.mark.parametrize(("code", "unit_code"), [("DEMO-X11-TH", ""), ("X11TH", "X11TH")])
def test_an_internal_unit_code_is_no_abbreviation(good_html, code, unit_code):
    found = problems(good_html.replace("/BC-PGDĐT", f"/BC-{code}"), unit_code=unit_code)
    one_problem_about(found, "dùng mã đơn vị nội bộ thay cho chữ viết tắt")


def test_the_place_and_date_line_needs_a_place_and_leading_zeros(django_db_blocker, good_html):
    with django_db_blocker.unblock():
        found = problems(html_of(good_document(place=""), rows=3))
    one_problem_about(found, "thiếu địa danh")
    found = problems(good_html.replace("ngày 05 tháng 02", "ngày 5 tháng 2"))
    one_problem_about(found, "Ngày dưới 10 phải có số 0")
    one_problem_about(found, "Tháng 1 và 2 phải có số 0")
    one_problem_about(problems(with_style(good_html, ".place-date { font-style: normal; }")), "phải in nghiêng")


def test_a_blank_signing_day_passes(django_db_blocker):
    with django_db_blocker.unblock():
        assert problems(html_of(good_document(blank_day=True), rows=3)) == []


def test_the_title_must_be_there_upper_case_and_bold(good_html):
    found = problems(with_style(good_html, ".doc-title .name { font-weight: normal; }"))
    one_problem_about(found, "Tên loại văn bản “BÁO CÁO” phải in đậm")
    one_problem_about(problems(good_html, kind="ke_hoach"), "Thiếu tên loại văn bản “KẾ HOẠCH”")


def test_the_signer_needs_a_position_and_a_name(django_db_blocker):
    with django_db_blocker.unblock():
        nameless = html_of(
            good_document(signer=Signer(authority="KT. TRƯỞNG PHÒNG", position="PHÓ TRƯỞNG PHÒNG")), rows=3
        )
        unsigned = html_of(good_document(signer=None), rows=3)
    assert problems(nameless) == ["Thiếu họ và tên người ký (in đậm) dưới chức vụ."]
    one_problem_about(problems(unsigned), "Thiếu chức vụ người ký")


def test_the_recipients_end_with_the_archive_line(django_db_blocker):
    with django_db_blocker.unblock():
        no_archive = html_of(good_document(archive=""), rows=3)
        no_recipients = html_of(good_document(recipients=[], archive=""), rows=3)
    assert problems(no_archive) == ["Nơi nhận phải kết thúc bằng dòng “- Lưu: VT, …”."]
    one_problem_about(problems(no_recipients), "Thiếu “Nơi nhận:”")


def test_a_letter_needs_its_subject_under_the_number_and_an_addressee(django_db_blocker):
    letter = {
        "type_code": "",
        "drafting_code": "GDTX",
        "title": "Công văn",
        "excerpt": "Hướng dẫn nhiệm vụ GDTX năm học 2025-2026",
    }
    with django_db_blocker.unblock():
        good = html_of(good_document(**letter, addressee="Hiệu trưởng các trường tiểu học"), rows=3)
        no_addressee = html_of(good_document(**letter), rows=3)
    assert problems(good, kind="cong_van") == []
    assert problems(no_addressee, kind="cong_van") == ["Công văn thiếu dòng “Kính gửi: …”."]
    one_problem_about(problems(good.replace("V/v ", ""), kind="cong_van"), "thiếu trích yếu “V/v …”")


def test_text_left_of_the_binding_margin_is_named(good_html):
    found = problems(with_style(good_html, "@page { margin-left: 20mm; }"))
    one_problem_about(found, "cách mép trái 20 mm, lề bên đóng gáy phải từ 30 mm")


LANDSCAPE_REPORT = """{% extends "documents/official.html" %}{% block body %}<p>{{ intro }}</p>
{% include "documents/_table.html" with table=table wrap_classes="landscape" %}<p>{{ intro }}</p>{% endblock body %}"""


def test_a_landscape_page_keeps_the_binding_margin(django_db_blocker):
    with django_db_blocker.unblock():
        landscape = Template(LANDSCAPE_REPORT).render(
            Context({"doc": good_document(), "intro": BODY, "table": table(60)})
        )
    assert problems(landscape) == []
    found = problems(with_style(landscape, "@page landscape { margin: 15mm 15mm 20mm 20mm; }"))
    one_problem_about(found, "(khổ ngang): chữ bắt đầu cách mép trái 2")
    one_problem_about(found, "(khổ ngang): chữ bắt đầu cách mép trên")


def test_page_numbers_from_page_two_and_never_on_page_one(good_html):
    one_problem_about(
        problems(with_style(good_html, "@page :first { @top-center { content: counter(page); } }")),
        "Trang 1 không đánh số trang",
    )
    one_problem_about(problems(with_style(good_html, "@page { @top-center { content: none; } }")), "Thiếu số trang")


def _with_annex(html: str, css_class: str) -> str:
    rows = "".join(f"<tr><td>{i}</td><td>Gia đình ông Nguyễn Văn {i}</td></tr>" for i in range(1, 70))
    title = '<div class="doc-title"><div class="name">DANH SÁCH</div></div>'
    annex = f'<div class="{css_class}">{title}<table class="doc-table">{rows}</table></div>'
    return html.replace("</body>", annex + "</body>")


def test_an_annex_is_numbered_apart(django_db_blocker):
    with django_db_blocker.unblock():
        html = html_of(rows=3, paragraphs=1)
    assert problems(_with_annex(html, "annex"), expect_annex=True) == []
    found = problems(_with_annex(html, "page-break"), expect_annex=True)
    one_problem_about(found, "Phụ lục tiếp tục số trang của văn bản")
    one_problem_about(problems(html, expect_annex=True), "Thiếu phụ lục")


def test_fonts_other_than_times_are_named(good_html):
    found = problems(with_style(good_html, ".doc-table { font-family: 'DejaVu Sans'; }"))
    one_problem_about(found, "không dùng: DejaVu")


def test_screen_only_text_and_raw_ids_never_reach_paper(good_html):
    hint = (
        "<p>Bấm vào số để xem đơn vị. Gia đình ông Tòng (X02-0125), "
        "mã 3f2b8c1e-9a4d-4c2b-8e1f-0a1b2c3d4e5f, HH-00017, 100.00%</p>"
    )
    found = problems(good_html.replace("<p>", hint + "<p>", 1))
    one_problem_about(found, "“bấm vào”")
    one_problem_about(found, "mã hộ gia đình: “(X02-0125)”")
    one_problem_about(found, "mã UUID")
    one_problem_about(found, "HH-00017")
    one_problem_about(found, "“100,00%”")


def test_the_screen_only_class_keeps_a_hint_off_paper(good_html):
    hint = '<p class="screen-only">Bấm vào số để xem đơn vị.</p>'
    assert problems(good_html.replace("<p>", hint + "<p>", 1)) == []


def test_a_file_that_is_not_a_pdf_is_named_not_a_crash():
    assert check_official_pdf(b"%PDF-1.4 not really", kind="bao_cao") == ["Không đọc được tệp PDF."]


def test_an_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError, match="Unknown document kind"):
        check_official_pdf(b"", kind="thu_moi")


def test_a_draft_is_not_sendable(django_db_blocker):
    with django_db_blocker.unblock():
        draft = html_of(good_document(draft=True), rows=3)
    assert problems(draft) == ["Văn bản còn ghi “DỰ THẢO”: chưa phải bản để ký, gửi đi."]


def _pdf_with_a_font_left_out() -> bytes:
    """One page written in Helvetica without its font file, as a PDF made by another tool may be."""
    writer = PdfWriter()
    page = writer.add_blank_page(595.28, 841.89)
    helvetica = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): helvetica})}
    )
    content = DecodedStreamObject()
    content.set_data(b"BT /F1 12 Tf 100 700 Td (Hello) Tj ET")
    page.replace_contents(content)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_a_font_that_is_not_embedded_is_named():
    found = check_official_pdf(_pdf_with_a_font_left_out(), kind="bao_cao")
    one_problem_about(found, "Phông chữ không được nhúng vào tệp: Helvetica")
    one_problem_about(found, "không dùng: Helvetica")


def test_a_recipient_named_only_ubnd_is_named(django_db_blocker):
    with django_db_blocker.unblock():
        html = html_of(good_document(recipients=["Sở GD&ĐT (để b/c);", "UBND (để b/c);"]), rows=3)
    assert problems(html) == ["Nơi nhận “UBND” thiếu cấp và địa danh (ví dụ “UBND huyện …”)."]


def test_a_chairman_signs_only_for_a_peoples_committee(django_db_blocker):
    office_chairman = Signer(position="CHỦ TỊCH", name="Trần Văn An")
    with django_db_blocker.unblock():
        html = html_of(good_document(signer=office_chairman), rows=3)
    assert problems(html) == [
        "Chức vụ “CHỦ TỊCH” không có ở PHÒNG GIÁO DỤC VÀ ĐÀO TẠO: người ký phải là người đứng đầu cơ quan này."
    ]


def test_a_chairmans_decision_is_not_signed_for_the_committee(django_db_blocker):
    commune = {"parent_agency": "", "agency": "Ủy ban nhân dân xã Pá Lùng", "agency_code": "UBND", "type_code": "QĐ"}
    heading = '<p class="authority">CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ PÁ LÙNG</p><p>'
    with django_db_blocker.unblock():
        chairman = html_of(
            good_document(**commune, title="Quyết định", signer=Signer(position="CHỦ TỊCH", name="Lò Văn Páo")), rows=3
        )
        mixed = html_of(
            good_document(
                **commune,
                title="Quyết định",
                signer=Signer(authority="TM. ỦY BAN NHÂN DÂN", position="CHỦ TỊCH", name="Lò Văn Páo"),
            ),
            rows=3,
        )
    style = ".authority { text-align: center; font-weight: bold; }"
    assert problems(with_style(chairman.replace("<p>", heading, 1), style), kind="quyet_dinh") == []
    assert problems(with_style(mixed.replace("<p>", heading, 1), style), kind="quyet_dinh") == [
        "Quyết định của Chủ tịch (“CHỦ TỊCH ỦY BAN NHÂN DÂN …”) không ký “TM. ỦY BAN NHÂN DÂN”."
    ]
