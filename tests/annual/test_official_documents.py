"""The annual report and the year's guidance leave the office as official documents through the one
document layer (issue 15): the office's identity in the header, symbol and signer; the annual
report's own fields keep what the officer wrote; the guidance is a công văn; both also as Word."""

import io

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from annual import guidance as svc
from annual.models import AnnualReport
from annual.services import annual_report_create, annual_report_update

pytestmark = pytest.mark.django_db


def _pdf_pages(content: bytes) -> list:
    return PdfReader(io.BytesIO(content)).pages


def _text(pages) -> str:
    return "\n".join(page.extract_text() for page in pages)


def _docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def _docx_sections(content: bytes) -> list[dict]:
    """Word's sections in order: their orientation, paragraph texts and number of tables."""
    document = Document(io.BytesIO(content))
    orientations = [section.page_width > section.page_height for section in document.sections]
    sections, current = [], {"texts": [], "tables": 0}
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "tbl":
            current["tables"] += 1
        elif tag == "p":
            text = "".join(t.text or "" for t in element.iter() if t.tag.endswith("}t")).strip()
            if text:
                current["texts"].append(text)
            if any(child.tag.endswith("}sectPr") for child in element.iter()):
                sections.append(current)
                current = {"texts": [], "tables": 0}
    sections.append(current)
    for section, landscape in zip(sections, orientations, strict=True):
        section["landscape"] = landscape
    return sections


def _report(world) -> AnnualReport:
    return annual_report_create(actor=world.officer, office=world.office, school_year=2025)


def test_a_new_annual_report_prints_the_offices_identity(world, login):
    report = _report(world)
    text = _text(_pdf_pages(login(world.officer).get(reverse("annual:document", args=[report.pk]) + "?pdf=1").content))
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    # the parent agency, always printed, first on the left (after the draft's mark)
    assert next(line for line in lines if line != "DỰ THẢO").startswith("UBND HUYỆN THỬ NGHIỆM")
    assert "/BC-PGDĐT" in text and "Thử Nghiệm, ngày" in text
    assert "KT. TRƯỞNG PHÒNG" in text and "PHÓ TRƯỞNG PHÒNG" in text and "Lê Văn Phó" in text
    assert "- Sở GD&ĐT tỉnh Thử Nghiệm (để b/c);" in text and "- Lưu: VT, GDTX." in text
    assert "UBND huyện (để b/c)" not in text and "Lãnh đạo Phòng" not in text


def test_the_composer_offers_the_identity_and_the_report_keeps_what_the_officer_wrote(world, login):
    report = _report(world)
    client = login(world.officer)
    html = client.get(reverse("annual:detail", args=[report.pk])).content.decode()
    assert "Lê Văn Phó" in html and "Sở GD&amp;ĐT tỉnh Thử Nghiệm (để b/c);" in html
    annual_report_update(
        actor=world.officer,
        report=report,
        narrative={},
        number="7",
        place="Hạ Long",
        document_date=None,
        recipients="Sở GD&ĐT tỉnh Quảng Ninh (để b/c);",
        signer_authority="",
        signer_position="TRƯỞNG PHÒNG",
        signer_name="Nguyễn Thị Ký",
    )
    text = _text(_pdf_pages(client.get(reverse("annual:document", args=[report.pk]) + "?pdf=1").content))
    assert "07/BC-PGDĐT" in text and "Hạ Long, ngày" in text and "Nguyễn Thị Ký" in text
    assert "Quảng Ninh (để b/c)" in text and "Lê Văn Phó" not in text


def test_a_report_created_with_the_old_hard_coded_defaults_follows_the_identity(world, login):
    report = _report(world)
    AnnualReport.objects.filter(pk=report.pk).update(
        recipients="Sở GD&ĐT (để b/c);\nUBND huyện (để b/c);\nLãnh đạo Phòng;",
        signer_authority="KT. TRƯỞNG PHÒNG",
        signer_position="PHÓ TRƯỞNG PHÒNG",
    )
    text = _text(_pdf_pages(login(world.officer).get(reverse("annual:document", args=[report.pk]) + "?pdf=1").content))
    assert "Lê Văn Phó" in text and "UBND huyện (để b/c)" not in text


def test_the_screen_hint_stays_on_the_screen(world, login, modules):
    report = _report(world)
    client = login(world.officer)
    assert "Bấm vào số để xem đơn vị" in client.get(reverse("annual:detail", args=[report.pk])).content.decode()
    text = _text(_pdf_pages(client.get(reverse("annual:document", args=[report.pk]) + "?pdf=1").content))
    assert "bấm vào" not in text.lower()


def test_each_section_keeps_one_orientation(world, login, modules):
    report = _report(world)
    pages = _pdf_pages(login(world.officer).get(reverse("annual:document", args=[report.pk]) + "?pdf=1").content)
    orientation = ["landscape" if p.mediabox.width > p.mediabox.height else "portrait" for p in pages]
    for page, text in zip(orientation, (p.extract_text() for p in pages), strict=True):
        # a landscape page starts with a section heading or continues a table, never holds only a few words
        assert len(text.split()) > 12, f"near-empty {page} page: {text!r}"
    headings = {}
    for index, page in enumerate(pages):
        for line in page.extract_text().splitlines():
            if line.strip().startswith(("III. ", "V. ")):
                headings[line.strip()[:4]] = orientation[index]
    # the literacy section (III, a wide table) is landscape as a whole, its heading with its table
    assert headings.get("III.") == "landscape"


def test_the_annual_report_downloads_as_word(world, login, modules):
    report = _report(world)
    client = login(world.officer)
    assert (
        reverse("annual:docx", args=[report.pk])
        in client.get(reverse("annual:detail", args=[report.pk])).content.decode()
    )
    response = client.get(reverse("annual:docx", args=[report.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    text = _docx_text(response.content)
    assert "BÁO CÁO" in text and "/BC-PGDĐT" in text and "Lê Văn Phó" in text
    assert "Tổng kết năm học 2025-2026 về giáo dục thường xuyên" in text
    assert "Đống Đa" in text  # the tables' figures come along
    # the literacy part (a wide table) is landscape as a whole in Word too, its heading with its tables,
    # and no section of Word's holds nothing but a caption or a heading
    sections = _docx_sections(response.content)
    literacy = next(s for s in sections if any(t.startswith("III. ") for t in s["texts"]))
    assert literacy["landscape"] and literacy["tables"] >= 2
    assert all(s["tables"] or len(" ".join(s["texts"]).split()) > 12 for s in sections)


def _published(world, number=""):
    g = svc.guidance_create(
        actor=world.officer,
        office=world.office,
        school_year=2025,
        title="Hướng dẫn nhiệm vụ GDTX năm học 2025-2026",
        number=number,
    )
    svc.guidance_task_add(actor=world.officer, guidance=g, area="literacy", text="Duy trì chuẩn xóa mù chữ")
    return svc.guidance_publish(actor=world.officer, guidance=g)


def test_the_guidance_is_a_cong_van_of_the_office(world, login):
    guidance = _published(world, number="5")
    client = login(world.principal)
    text = _text(_pdf_pages(client.get(reverse("annual:guidance_document", args=[guidance.pk]) + "?pdf=1").content))
    flat = " ".join(text.split())
    assert "Số: 05/PGDĐT-GDTX" in text
    assert "V/v hướng dẫn nhiệm vụ GDTX năm học 2025-2026" in flat
    assert "Kính gửi:" in text and "Hiệu trưởng các trường" in text
    assert "Duy trì chuẩn xóa mù chữ" in text
    assert "- Như trên;" in text and "- Lưu: VT, GDTX." in text
    assert "Lê Văn Phó" in text and "HƯỚNG DẪN\n" not in text


def test_the_guidance_downloads_as_word_and_hides_from_another_office(world, login):
    guidance = _published(world, number="125/PGDĐT-GDTX")
    response = login(world.officer).get(reverse("annual:guidance_docx", args=[guidance.pk]))
    text = _docx_text(response.content)
    assert "Số: 125/PGDĐT-GDTX" in text and "V/v hướng dẫn nhiệm vụ" in text and "Kính gửi" in text
    assert "Lê Văn Phó" in text
    outsider = login(world.outsider_officer)
    assert outsider.get(reverse("annual:guidance_docx", args=[guidance.pk])).status_code == 404
    assert outsider.get(reverse("annual:guidance_document", args=[guidance.pk])).status_code == 404


def test_a_units_plan_is_its_ke_hoach_answering_the_guidance(world, login):
    guidance = _published(world, number="5")
    plan = svc.plan_submit(
        actor=world.principal, guidance=guidance, unit=world.school, text="Mở 2 lớp xóa mù chữ.", attachment=None
    )
    client = login(world.principal)
    assert (
        reverse("annual:plan_document", args=[plan.pk])
        in client.get(reverse("annual:guidance_detail", args=[guidance.pk])).content.decode()
    )
    text = _text(_pdf_pages(client.get(reverse("annual:plan_document", args=[plan.pk]) + "?pdf=1").content))
    flat = " ".join(text.split())
    assert "UBND XÃ ĐỐNG ĐA" in text and "/KH-THCSĐĐ" in text and "SCH1" not in text
    assert "KẾ HOẠCH" in text and "Mở 2 lớp xóa mù chữ." in text
    assert "Căn cứ Công văn số 05/PGDĐT-GDTX" in flat
    assert "HIỆU TRƯỞNG" in text and "Phạm Thị Hiệu" in text and "- Lưu: VT." in text
    assert login(world.outsider_officer).get(reverse("annual:plan_document", args=[plan.pk])).status_code == 404
