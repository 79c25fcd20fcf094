"""A submission and a roll-up download as XLSX (numbers as numbers) and as the official PDF."""

import io

from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from reports import services

from .helpers import fill_and_submit, open_period, submission_of


def _sheet_values(content: bytes) -> list:
    sheet = load_workbook(io.BytesIO(content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _period(world):
    period = open_period(world)
    sub = fill_and_submit(submission_of(period, world.school), world.principal, {"R01.TS": "1234", "R01.NU": "567"})
    services.submission_approve(actor=world.officer, submission=sub)
    return period, sub


def test_the_submission_xlsx_has_the_layout_and_numbers_of_the_screen(world, login):
    _period_obj, sub = _period(world)
    response = login(world.principal).get(reverse("reports:submission_document", args=[sub.pk]) + "?xlsx=1")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = _sheet_values(response.content)
    r01 = next(r for r in rows if r and r[0] == "R01")
    assert r01[1] == "Lớp pháp luật" and r01[3] == 1234 and r01[4] == 567
    assert any(r and r[0] == "R03" and r[3] == 1234 for r in rows)  # the computed total


def test_the_submission_pdf_is_an_official_report_with_the_figures(world, login):
    _period_obj, sub = _period(world)
    client = login(world.principal)
    preview = client.get(reverse("reports:submission_document", args=[sub.pk]))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in preview.content.decode()
    response = client.get(reverse("reports:submission_document", args=[sub.pk]) + "?pdf=1")
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "1.234" in text


def test_the_rollup_exports_keep_the_filters(world, login):
    period, _sub = _period(world)
    client = login(world.officer)
    rows = _sheet_values(
        client.get(reverse("reports:rollup_document", args=[period.pk]) + "?scope=approved&xlsx=1").content
    )
    assert next(r for r in rows if r and r[0] == "R01")[3] == 1234
    html = client.get(reverse("reports:rollup", args=[period.pk]) + "?scope=approved").content.decode()
    assert reverse("reports:rollup_document", args=[period.pk]) + "?scope=approved" in html
    text = _pdf_text(client.get(reverse("reports:rollup_document", args=[period.pk]) + "?scope=approved&pdf=1").content)
    assert "Độc lập - Tự do - Hạnh phúc" in text and "1.234" in text and "đã duyệt" in text
