"""A submission and a roll-up leave the office as official reports through the one document layer
(issue 15): the letterhead, symbol, signer and recipients from the unit's identity or the tree,
never the unit code nor a hard-coded "PGDĐT", "KT. TRƯỞNG PHÒNG" or "UBND (để b/c)"; a short
submission on one page; the roll-up sent upward with the units' own figures."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from reports import services
from reports.models import Submission
from reports.selectors import rollup_unit_table, split_columns

from .helpers import fill_and_submit, open_period, small_form_data, submission_of

pytestmark = pytest.mark.django_db


def _pages(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _approved_period(world):
    data = small_form_data()
    data["sections"][0]["rows"][3]["unit_label"] = "%"  # R04, the rate of women
    form = services.form_create_from_dict(actor=world.officer, owner=world.office, data=data)
    services.form_publish(actor=world.officer, form=form)
    period = open_period(world, form)
    sub = fill_and_submit(submission_of(period, world.school), world.principal, {"R01.TS": "40", "R01.NU": "30"})
    services.submission_approve(actor=world.officer, submission=sub)
    centre = fill_and_submit(submission_of(period, world.centre), world.director, {"R01.TS": "60", "R01.NU": "10"})
    services.submission_approve(actor=world.officer, submission=centre)
    return period, sub


def test_a_schools_report_carries_the_commune_committee_its_own_abbreviation_and_its_heads_name(world, login):
    _period, sub = _approved_period(world)
    # the staff member who pressed "Nộp" does not sign: the principal does
    Submission.objects.filter(pk=sub.pk).update(submitted_by=world.school_staff)
    response = login(world.principal).get(reverse("reports:submission_document", args=[sub.pk]) + "?pdf=1")
    text = "\n".join(_pages(response.content))
    lines = _lines(text)
    assert "UBND XÃ ĐỐNG ĐA" in lines[0]
    assert any("TRƯỜNG THCS ĐỐNG ĐA" in line for line in lines[:3])
    assert "/BC-THCSĐĐ" in text and "SCH1" not in text
    assert "HIỆU TRƯỞNG" in text and "Phạm Thị Hiệu" in text and "Hoàng Văn Giáo" not in text
    assert "- Phòng Giáo dục và Đào tạo huyện Thử Nghiệm (để" in text  # the line wraps before "b/c);"
    assert "- Lưu: VT." in text
    assert "Đống Đa, ngày" in text


def test_a_ten_row_submission_fits_one_page(world, login):
    data = small_form_data("TEN-ROWS")
    rows = [
        {"code": f"R{i:02d}", "label": f"Lớp chuyên đề {i}", "cells": {"TS": {"type": "integer"}}} for i in range(1, 11)
    ]
    data["sections"] = [{"code": "I", "title": "Người học", "rows": rows}]
    data["rules"] = []
    form = services.form_create_from_dict(actor=world.officer, owner=world.office, data=data)
    services.form_publish(actor=world.officer, form=form)
    period = open_period(world, form)
    sub = fill_and_submit(
        submission_of(period, world.school), world.principal, {f"R{i:02d}.TS": str(i) for i in range(1, 11)}
    )
    response = login(world.principal).get(reverse("reports:submission_document", args=[sub.pk]) + "?pdf=1")
    pages = _pages(response.content)
    assert len(pages) == 1, f"{len(pages)} pages"
    assert "Lớp chuyên đề 10" in pages[0] and "Phạm Thị Hiệu" in pages[0]


def test_the_rollup_is_issued_by_the_office_as_its_identity_says(world, login):
    period, _sub = _approved_period(world)
    world.identity.abbreviation = "PGD"
    world.identity.place_name = "Thử Nghiệm Mới"
    world.identity.save()
    world.office.address = "Số 1, tỉnh Thanh Nguyên"
    world.office.save()
    response = login(world.officer).get(reverse("reports:rollup_document", args=[period.pk]) + "?pdf=1")
    text = "\n".join(_pages(response.content))
    lines = _lines(text)
    assert lines[0].startswith("UBND HUYỆN THỬ NGHIỆM")
    assert "/BC-PGD " in text or "/BC-PGD\n" in text
    assert "PGDĐT" not in text
    assert "Thử Nghiệm Mới, ngày" in text and "Thanh Nguyên" not in text
    assert "KT. TRƯỞNG PHÒNG" in text and "PHÓ TRƯỞNG PHÒNG" in text and "Lê Văn Phó" in text
    assert "- Sở GD&ĐT tỉnh Thử Nghiệm (để b/c);" in text and "- Lưu: VT, GDTX." in text
    assert "UBND (để b/c)" not in text


def test_the_head_signs_the_rollup_when_no_deputy_signs(world, login):
    period, _sub = _approved_period(world)
    world.identity.deputy_signs = False
    world.identity.save()
    text = "\n".join(
        _pages(login(world.officer).get(reverse("reports:rollup_document", args=[period.pk]) + "?pdf=1").content)
    )
    assert "KT." not in text and "TRƯỞNG PHÒNG" in text and "Trần Thị Trưởng" in text


def test_the_rollup_sent_upward_has_the_units_own_figures_titled_with_the_filters(world, login):
    period, _sub = _approved_period(world)
    client = login(world.officer)
    url = reverse("reports:rollup_document", args=[period.pk]) + f"?commune={world.commune.pk}&xlsx=1"
    workbook = load_workbook(io.BytesIO(client.get(url).content))
    assert len(workbook.sheetnames) == 2
    rows = [list(r) for r in workbook.worksheets[1].iter_rows(values_only=True)]
    text = " ".join(str(v) for row in rows for v in row if v is not None)
    assert "Số liệu từng đơn vị" in text and "Đống Đa" in text
    school = next(r for r in rows if "Trường THCS Đống Đa" in r)
    centre = next(r for r in rows if "TTHTCĐ xã Đống Đa" in r)
    total = next(r for r in rows if "Cộng" in r)
    # columns: TT, unit, commune, R01.TS, R01.NU, R02.TS, R02.NU, R03.TS (Cộng), R03.NU, R04.TS (rate), R05.TS
    assert school[3:5] == [40, 30] and centre[3:5] == [60, 10] and total[3:5] == [100, 40]
    assert school[7] == 40 and total[7] == 100  # the form's own total row, computed per unit
    assert school[9] == 75 and total[9] == 40  # the rate of each unit, and of the sums (never summed)


def test_the_rollup_pdf_has_the_per_unit_annex_on_landscape_pages(world, login):
    period, _sub = _approved_period(world)
    response = login(world.officer).get(reverse("reports:rollup_document", args=[period.pk]) + "?pdf=1")
    reader = PdfReader(io.BytesIO(response.content))
    landscape = [p for p in reader.pages if p.mediabox.width > p.mediabox.height]
    assert landscape, "the per-unit table is on landscape pages"
    text = landscape[0].extract_text()
    assert "PHỤ LỤC" in text and "Trường THCS Đống Đa" in text and "75,0" in text
    assert "Kèm theo Báo cáo số" in text and "/BC-PGDĐT" in text
    # the office's rate in the summed table: one decimal after a comma (it printed "40")
    summed = reader.pages[0].extract_text()
    assert "40,0" in summed and "40.00" not in summed


def test_the_preview_links_the_office_to_its_identity_when_something_is_missing(world, login):
    period, _sub = _approved_period(world)
    world.identity.deputy_name = ""  # the deputy signs, but nobody is named
    world.identity.save()
    html = login(world.officer).get(reverse("reports:rollup_document", args=[period.pk])).content.decode()
    assert "họ tên người ký" in html
    assert reverse("units:identity", args=[world.office.pk]) in html
    # a reader who may not set the identity is told what is missing, without the link
    html = login(world.viewer).get(reverse("reports:rollup_document", args=[period.pk])).content.decode()
    assert "họ tên người ký" in html and reverse("units:identity", args=[world.office.pk]) not in html


def test_a_wide_per_unit_table_is_split_into_parts_that_repeat_the_unit(world):
    period, _sub = _approved_period(world)
    table = rollup_unit_table(period, commune=world.commune)
    assert "Đống Đa" in table.subtitle  # titled with the filter applied
    parts = split_columns(table, per_page=3)
    assert len(parts) == 3 and "(phần 1/3)" in parts[0].title
    for part in parts:
        assert [c.label for c in part.columns[:2]] == ["Đơn vị", "Xã, phường"]
        assert part.rows[-1].style == "total"
    # every figure is in exactly one part, in the form's order
    figures = [c.label for part in parts for c in part.columns[2:]]
    assert figures == [c.label for c in table.columns[2:]]
