"""A roll-up filtered by commune and/or unit kind names its filters in its title on the page, the
XLSX and the official PDF: it once read as the whole district's figures."""

import io
from urllib.parse import unquote

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from reports.models import FormCell

from .helpers import fill_and_submit, open_period, submission_of

FILTERED = "?commune={commune}&kind=school"


@pytest.fixture
def period(world):
    """SCH1 (Xã Đống Đa) 100 learners, TT1 (Đống Đa) 50, SCH2 (Nậm Pồ) 30; all submitted."""
    period = open_period(world)
    for unit, person, learners in (
        (world.school, world.principal, "100"),
        (world.centre, world.director, "50"),
        (world.other_school, world.other_principal, "30"),
    ):
        fill_and_submit(submission_of(period, unit), person, {"R01.TS": learners})
    return period


def _pdf_text(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages)


def _xlsx_strings(content: bytes) -> list[str]:
    sheet = load_workbook(io.BytesIO(content)).active
    return [str(v) for row in sheet.iter_rows(values_only=True) for v in row if isinstance(v, str)]


def test_the_filtered_rollup_page_is_titled_with_its_commune_and_unit_kind(world, login, period):
    client = login(world.officer)
    url = reverse("reports:rollup", args=[period.pk])
    html = client.get(url + FILTERED.format(commune=world.commune.pk)).content.decode()
    assert "Năm học 2025-2026 — Xã Đống Đa — Trường học — tổng hợp 1 báo cáo" in html
    html = client.get(url + f"?commune={world.commune.pk}").content.decode()
    assert "Năm học 2025-2026 — Xã Đống Đa — tổng hợp 2 báo cáo" in html
    html = client.get(url + "?kind=centre&scope=approved").content.decode()
    assert "Năm học 2025-2026 — Trung tâm học tập cộng đồng — tổng hợp 0 báo cáo đã duyệt" in html
    html = client.get(url).content.decode()
    assert "Năm học 2025-2026 — tổng hợp 3 báo cáo" in html  # the whole district: no filter named


def test_the_filtered_rollup_xlsx_names_its_filters(world, login, period):
    url = reverse("reports:rollup_document", args=[period.pk]) + FILTERED.format(commune=world.commune.pk)
    response = login(world.officer).get(url + "&xlsx=1")
    strings = _xlsx_strings(response.content)
    assert any("Xã Đống Đa — Trường học — tổng hợp 1 báo cáo" in s for s in strings)
    assert "Xã Đống Đa - Trường học.xlsx" in unquote(response["Content-Disposition"])


def test_the_filtered_rollup_pdf_names_its_filters(world, login, period):
    url = reverse("reports:rollup_document", args=[period.pk]) + FILTERED.format(commune=world.commune.pk)
    text = _pdf_text(login(world.officer).get(url + "&pdf=1").content)
    assert "Xã Đống Đa — Trường học — tổng hợp 1 báo cáo" in text  # the table's title
    assert "Năm học 2025-2026 — Xã Đống Đa — Trường học" in text  # the document's excerpt (V/v ...)
    assert "100" in text and "150" not in text and "180" not in text


def test_the_drill_down_of_a_filtered_rollup_names_its_filters(world, login, period):
    cell = FormCell.objects.get(form=period.form, row__code="R01", column__code="TS")
    url = reverse("reports:rollup_cell", args=[period.pk, cell.pk]) + FILTERED.format(commune=world.commune.pk)
    html = login(world.officer).get(url).content.decode()
    assert "Báo cáo đã nộp (kể cả chờ duyệt) · Xã Đống Đa · Trường học" in html


def test_the_share_of_units_that_submitted_is_cut_never_rounded_up_to_all():
    """199 of 200 units is 99%, not "100%" on the period board: a rate is cut toward zero."""
    from reports.selectors import Completeness

    assert Completeness(label="", expected=200, submitted=199).percent == 99
    assert Completeness(label="", expected=200, submitted=200).percent == 100
    assert Completeness(label="", expected=0, submitted=0).percent == 0
