"""The office roll-up against hand-computed numbers, its filters and its drill-down."""

from decimal import Decimal

import pytest

from reports import services
from reports.formspec import load_form_spec
from reports.models import FormCell
from reports.selectors import board, rollup_drilldown, rollup_table
from tests.factories import make_unit, make_user
from units.models import Role, UnitKind

from .helpers import fill_and_submit, open_period, save, submission_of


def _figures(table) -> dict:
    return {c.key: c.value for row in table.rows for c in row.cells if c.key}


@pytest.fixture
def period(world):
    """SCH1 (commune Đống Đa) approved, TT1 (Đống Đa) submitted, SCH2 (Nậm Pồ) submitted, a third
    school only saved a draft (never counted)."""
    world.draft_school = make_unit(UnitKind.SCHOOL, parent=world.commune, name="Trường MN Hoa Sen", code="SCH3")
    world.draft_principal = make_user(Role.PRINCIPAL, world.draft_school)
    period = open_period(world)
    sch1 = fill_and_submit(
        submission_of(period, world.school), world.principal, {"R01.TS": "100", "R01.NU": "40", "R05.TS": "1,5"}
    )
    services.submission_approve(actor=world.officer, submission=sch1)
    fill_and_submit(
        submission_of(period, world.centre),
        world.director,
        {"R01.TS": "50", "R01.NU": "35", "R02.TS": "10", "R02.NU": "5"},
    )
    fill_and_submit(submission_of(period, world.other_school), world.other_principal, {"R01.TS": "30", "R01.NU": "10"})
    save(submission_of(period, world.draft_school), world.draft_principal, {"R01.TS": "999"})
    return period


def test_the_office_sees_the_sum_of_submitted_reports(period):
    table, count = rollup_table(period)
    figures = _figures(table)
    assert count == 3
    assert figures["R01.TS"] == 180  # 100 + 50 + 30; the draft's 999 is not counted
    assert figures["R01.NU"] == 85
    assert figures["R02.TS"] == 10
    assert figures["R03.TS"] == 190  # the total row recomputed from the sums
    assert figures["R04.TS"] == Decimal("47.4")  # 90 / 190 * 100, not a sum of the units' rates
    assert figures["R05.TS"] == Decimal("1.5")


def test_approved_only_counts_the_approved_report(period):
    figures = _figures(rollup_table(period, approved_only=True)[0])
    assert figures["R01.TS"] == 100 and figures["R02.TS"] is None


def test_filters_by_commune_and_unit_kind(world, period):
    assert _figures(rollup_table(period, commune=world.commune)[0])["R01.TS"] == 150
    assert _figures(rollup_table(period, commune=world.difficult_commune)[0])["R01.TS"] == 30
    assert _figures(rollup_table(period, kind=UnitKind.CENTRE)[0])["R01.TS"] == 50
    assert _figures(rollup_table(period, kind=UnitKind.SCHOOL)[0])["R01.TS"] == 130


def test_drill_down_lists_the_units_behind_a_figure(world, period):
    cell = FormCell.objects.get(form=period.form, row__code="R01", column__code="TS")
    rows = {s.unit.code: s.value for s in rollup_drilldown(period, cell)}
    assert rows == {"SCH1": 100, "TT1": 50, "SCH2": 30}
    assert sum(rows.values()) == _figures(rollup_table(period)[0])["R01.TS"]


def test_the_board_counts_expected_submitted_on_time_returned_missing(world, period):
    services.submission_return(actor=world.officer, submission=submission_of(period, world.other_school), reason="Sai")
    summary = board(period)
    total = summary["total"]
    assert (total.expected, total.submitted, total.on_time, total.late, total.returned, total.missing) == (
        4,
        2,
        2,
        0,
        1,
        2,
    )
    by_commune = {c.label: (c.expected, c.submitted) for c in summary["communes"]}
    assert by_commune == {"Xã Đống Đa": (3, 2), "Xã Nậm Pồ": (1, 0)}
    by_kind = {k.key: k.missing for k in summary["kinds"]}
    assert by_kind == {UnitKind.SCHOOL: 2, UnitKind.CENTRE: 0}


def test_the_rollup_and_the_grid_share_the_form_layout(period):
    spec = load_form_spec(period.form)
    table, _count = rollup_table(period, spec=spec)
    assert [c.label for c in table.columns] == ["Mã", "Chỉ tiêu", "ĐVT", "Tổng số", "Nữ"]
    assert [r.code for r in table.rows] == ["I", "R01", "R02", "R03", "R04", "II", "R05", "R06", "R07"]
    assert [c.value for c in table.rows[1].cells] == ["R01", "Lớp pháp luật", "", 180, 85]
