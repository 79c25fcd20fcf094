"""The report grid is one row source (a documents.Table) and one template: the entry page, a locked
report, the roll-up and the form designer draw it alike, the XLSX and the PDF print the same rows."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from documents import Table
from reports import services
from reports.selectors import submission_table

from .helpers import fill_and_submit, open_period, small_form_data, submission_of


def _form_with_a_grand_total(world):
    """The test form plus a last row labelled "Tổng cộng" (the word some forms use for "Cộng")."""
    data = small_form_data()
    data["sections"][1]["rows"].append({"code": "R08", "label": "Tổng cộng", "cells": {"TS": {"type": "integer"}}})
    form = services.form_create_from_dict(actor=world.officer, owner=world.office, data=data)
    services.form_publish(actor=world.officer, form=form)
    return form


def _bold_labels(content: bytes) -> set:
    sheet = load_workbook(io.BytesIO(content)).active
    return {cell.value for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str) and cell.font.b}


def test_total_rows_are_marked_in_the_row_source_and_print_bold_whatever_their_word(world, login):
    period = open_period(world, form=_form_with_a_grand_total(world))
    sub = fill_and_submit(submission_of(period, world.school), world.principal, {"R01.TS": "12", "R08.TS": "12"})
    table = submission_table(sub)
    assert isinstance(table, Table)  # the page's table is the export's table, no conversion between
    styles = {row.code: row.style for row in table.rows}
    assert styles["R03"] == "total" and styles["R08"] == "total"  # "Cộng" and "Tổng cộng"
    assert styles["R01"] == "" and styles["I"] == "section"

    for url in (
        reverse("reports:submission_document", args=[sub.pk]) + "?xlsx=1",
        reverse("reports:rollup_document", args=[period.pk]) + "?xlsx=1",
    ):
        bold = _bold_labels(login(world.officer).get(url).content)
        assert {"Cộng", "Tổng cộng"} <= bold
        assert "Lớp pháp luật" not in bold


def test_the_home_page_and_the_exports_agree_on_which_rows_are_totals(world):
    form = _form_with_a_grand_total(world)
    rows = {row.code: row for row in form.rows.all()}
    assert rows["R03"].is_total and rows["R08"].is_total
    assert not rows["R01"].is_total and not rows["R04"].is_total


def test_every_page_draws_the_report_grid_with_the_one_template(world, login):
    period = open_period(world)
    sub = submission_of(period, world.school)
    entry = login(world.principal).get(reverse("reports:submission", args=[sub.pk]))
    fill_and_submit(sub, world.principal, {"R01.TS": "1234"})
    locked = login(world.principal).get(reverse("reports:submission", args=[sub.pk]))
    officer = login(world.officer)
    rollup = officer.get(reverse("reports:rollup", args=[period.pk]))
    designer = officer.get(reverse("reports:form_detail", args=[period.form.pk]))
    for response, filler in (
        (entry, "reports/_grid_entry.html"),
        (locked, "reports/_grid_values.html"),
        (rollup, "reports/_grid_values.html"),
        (designer, "reports/_grid_design.html"),
    ):
        names = [t.name for t in response.templates]
        assert "reports/_grid.html" in names and filler in names
        assert response.content.decode().count("report-grid") == 1
    assert 'name="v:R01.TS"' in entry.content.decode()
    assert "1.234" in locked.content.decode() and 'name="v:R01.TS"' not in locked.content.decode()
    cell = period.form.cells.get(row__code="R01", column__code="TS")
    assert reverse("reports:rollup_cell", args=[period.pk, cell.pk]) in rollup.content.decode()
    assert "= SUMCOL(TS)" in designer.content.decode()
