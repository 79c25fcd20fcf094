"""142 of 203 families recognised is 69,95%: below the 70% target (Quyết định 387/QĐ-TTg, 281/QĐ-TTg),
so it is not met and prints "69,9%" on the page, the PDF and the XLSX (DOMAIN.md §4)."""

import datetime
import io
import re

import openpyxl
import pytest
from django.urls import reverse
from pypdf import PdfReader

from documents import table_to_xlsx
from learning_society.annual import recognitions_block
from learning_society.counts import refresh
from learning_society.models import Assessment, Subject, Title
from learning_society.selectors import statistics

from .conftest import YEAR


def _families(world, shipped, recognised: int, total: int):
    rubric = next(r for r in shipped.values() if r.subject_kind == Title.FAMILY and r.year_from <= YEAR)
    subjects = Subject.objects.bulk_create(
        [Subject(area=world.hamlet, title=Title.FAMILY, name=f"Hộ gia đình số {i:04d}") for i in range(total)]
    )
    Assessment.objects.bulk_create(
        [
            Assessment(
                subject=s,
                year=YEAR,
                rubric=rubric,
                status=Assessment.Status.RECOGNISED,
                band="Tốt",
                passed=True,
                recognised_on=datetime.date(YEAR, 12, 15),
            )
            for s in subjects[:recognised]
        ]
    )
    refresh(area_ids=[world.hamlet.pk])  # rows written around the services: the kept counts follow them


@pytest.fixture
def below(world, shipped):
    _families(world, shipped, 142, 203)


def _pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_142_of_203_families_do_not_meet_70_percent(world, below):
    _areas, total = statistics(world.office, YEAR)
    family = total.titles[Title.FAMILY]
    assert (family.recognised, family.total, family.target) == (142, 203, 70)
    assert family.meets_target is False
    assert family.share_text == "69,9%"


def test_the_statistics_page_prints_69_9_in_red_and_never_70_0(world, below, login):
    page = login(world.officer).get(reverse("learning_society:stats") + f"?nam={YEAR}").content.decode()
    assert '<div class="small text-danger">69,9% / 70%' in page
    assert "69,95" not in page and "70.0%" not in page


def test_the_statistics_pdf_prints_69_9(world, below, login):
    text = _pdf_text(login(world.officer).get(reverse("learning_society:stats_pdf") + f"?nam={YEAR}"))
    # The row of the table: total, registered, assessed, recognised, rate, target.
    assert re.search(r"Gia đình học tập\s+203\s+0\s+142\s+142\s+69,9%\s+70\b", text), text
    assert "142/203 (69,9%)" in text  # the commune's row


def test_the_annual_block_prints_69_9_on_the_page_and_in_the_xlsx(world, below):
    # the school year whose report counts the recognitions of YEAR (units.calendar.recognition_year)
    table, _chart = recognitions_block(world.office, datetime.date(YEAR, 9, 1), datetime.date(YEAR + 1, 8, 31))
    family = next(cells for _row, cells in table.rendered_rows() if any(c.value == "Gia đình học tập" for c in cells))
    assert [c.display for c in family if c.kind == "percent"] == ["69,9%"]
    ws = openpyxl.load_workbook(io.BytesIO(table_to_xlsx(table))).worksheets[0]
    rate = next(c for row in ws.iter_rows() for c in row if c.number_format == "0.0%" and c.value is not None)
    assert rate.value == pytest.approx(0.699, abs=1e-12)  # "0.0%" shows 69.9%, not 70.0%


def test_exactly_70_percent_meets_the_target_and_prints_70_0(world, shipped, login):
    _families(world, shipped, 70, 100)
    _areas, total = statistics(world.office, YEAR)
    assert total.titles[Title.FAMILY].meets_target is True
    page = login(world.officer).get(reverse("learning_society:stats") + f"?nam={YEAR}").content.decode()
    assert '<div class="small text-success">70,0% / 70%' in page
