"""The literacy tables and name lists as documents an office can send (issue 15): the office's
identity on top, national table names, landscape from page 1 when the table is wide, a signer with
a name, and people named by their head of household, never by a household code."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.literacy.fixtures import YEAR, bulk_people, make_round

pytestmark = pytest.mark.django_db


def _pdf_text(data: bytes) -> tuple[list[str], list[tuple[float, float]]]:
    reader = PdfReader(io.BytesIO(data))
    return [page.extract_text() for page in reader.pages], [
        (float(page.mediabox.width), float(page.mediabox.height)) for page in reader.pages
    ]


def test_the_office_standard_pdf_is_the_offices_report_landscape_from_page_one(world, login):
    survey_round = make_round(world.office)
    bulk_people(survey_round, world.hamlet, [{"birth_year": YEAR - 20, "grade": 5}] * 3)
    url = reverse("literacy:standard", kwargs={"pk": world.office.pk}) + f"?nam={YEAR}&xuat=pdf"
    pages, sizes = _pdf_text(login(world.leader).get(url).content)
    first = pages[0]
    assert "UBND HUYỆN THỬ NGHIỆM" in first and "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO" in first
    assert "/BC-PGDĐT" in first and "OFFA" not in first
    assert "Thử Nghiệm, ngày" in first
    assert "Biểu XMC-4. Thống kê đạt chuẩn xóa mù chữ" in first
    width, height = sizes[0]
    assert width > height  # the 13-column table starts on page 1, landscape
    last = pages[-1]
    assert "KT. TRƯỞNG PHÒNG" in last and "Lê Văn Phó" in last
    assert "Lưu: VT, GDTX." in last and "Sở GD&ĐT tỉnh Thử Nghiệm" in last


def test_the_commune_table_is_cmc1_and_the_name_list_names_the_head_of_household(world, login):
    from jobs.models import Job
    from literacy.exports import name_list_file

    survey_round = make_round(world.office)
    bulk_people(survey_round, world.hamlet, [{"full_name": "Chưa Biết", "birth_year": YEAR - 20}] * 2)
    client = login(world.officer)
    page = client.get(reverse("literacy:standard", kwargs={"pk": world.commune.pk}) + f"?nam={YEAR}").content.decode()
    assert "Biểu CMC-1. Tổng hợp chống mù chữ" in page
    job = Job(kind="literacy.name_list", title="x", owner=world.officer)
    name, data = name_list_file(job, commune=world.commune.pk, level=1, year=YEAR, fmt="pdf")
    pages, _sizes = _pdf_text(data)
    text = "\n".join(pages)
    assert "Chủ hộ" in text and "Mã hộ" not in text
    # Issued in the name of the commune's People's Committee, as the tree says.
    assert "ỦY BAN NHÂN DÂN XÃ ĐỐNG ĐA" in pages[0]
    assert "XA1" not in pages[0]
