"""The report grid is one row source (a documents.Table) and one template: the entry page, a locked
report, the roll-up and the form designer draw it alike, the XLSX and the PDF print the same rows."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from documents import Table
from reports import services
from reports.selectors import submission_table

from .helpers import fill_and_submit, open_period, small_form_data, submission_of


def _form_with_a_grand_total(world):
    """The test form plus a last row "Tổng cộng" marked as a total, and a "Tổng số" row that is an
    indicator of its own (issue 15: totals are marked by the form, never read from the label)."""
    data = small_form_data()
    data["sections"][1]["rows"].append(
        {"code": "R08", "label": "Tổng cộng", "total": True, "cells": {"TS": {"type": "integer"}}}
    )
    data["sections"][1]["rows"].append({"code": "R09", "label": "Tổng số", "cells": {"TS": {"type": "integer"}}})
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
    assert styles["R03"] == "total" and styles["R08"] == "total"  # "Cộng" and "Tổng cộng", both marked
    assert styles["R09"] == ""  # "Tổng số" the form did not mark
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
    assert not rows["R09"].is_total  # labelled "Tổng số", not marked: an indicator like any other


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


def test_the_form_carries_its_total_marks_through_export_new_version_and_the_designer(world, login):
    form = _form_with_a_grand_total(world)
    rows = {r["code"]: r for s in services.form_to_dict(form)["sections"] for r in s["rows"]}
    assert rows["R03"]["total"] is True and rows["R08"]["total"] is True and "total" not in rows["R09"]
    copy = services.form_new_version(actor=world.officer, form=form)
    assert set(copy.rows.filter(total=True).values_list("code", flat=True)) == {"R03", "R08"}
    section = copy.sections.first()
    login(world.officer).post(
        reverse("reports:row_add", args=[copy.pk]),
        {"row-section": section.pk, "row-code": "R10", "row-label": "Cộng phần I", "row-total": "on"},
    )
    assert copy.rows.get(code="R10").is_total


def test_a_total_mark_that_is_not_true_or_false_is_refused(world):
    data = small_form_data("BAD-TOTAL")
    data["sections"][0]["rows"][2]["total"] = "yes"
    with pytest.raises(ValidationError):
        services.form_create_from_dict(actor=world.officer, owner=world.office, data=data)


def test_the_entry_grids_inputs_are_named_by_row_and_column_not_by_cell_code(world, login):
    """Issue 17: raw identifiers ("R01.TS") are not read to people, screen readers included."""
    period = open_period(world)
    submission = submission_of(period, world.school)
    html = login(world.principal).get(reverse("reports:submission", args=[submission.pk])).content.decode()
    labels = re.findall(r'aria-label="([^"]*)"', html)
    assert any(label.endswith("— Tổng số") for label in labels)
    assert not any(re.search(r"R\d\d\.\w+$", label) for label in labels)
