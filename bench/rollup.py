"""Bench: the office roll-up as the portal computes it vs one hand-written SQL SUM ... GROUP BY.

    .venv/bin/python bench/rollup.py [--units 300] [--repeat 15]

Builds its own database (SQLite file in /tmp unless DATABASE_URL is set: use a throw-away database
whose name contains "bench"): an office with 10 communes and 300 reporting schools, a 200-cell form
(10 sections × 10 rows × 2 columns; each section ends with a computed total row) and 3 periods in
which every school has submitted every typed value (~162,000 stored values).

Prints, per period, the median time of
  portal   = reports.selectors.rollup_table(period) on a fresh request each time (the period read
             afresh, the per-process cache of form specs emptied, as a worker's first roll-up of the
             form finds it): loads the form, sums every numeric cell over the office's subtree in SQL,
             recomputes totals and rates, builds the page's row source
  baseline = one hand-written SELECT cell_id, SUM(number) ... GROUP BY cell_id with the same filters
and the ratio portal ÷ baseline (target ≤ 1.2). Every cell of every timed roll-up is checked against
the sums of the baseline run beside it (the typed cells and the computed totals).
"""

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gdtx_portal.settings.test")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/bench_rollup.sqlite3")

SECTIONS, ROWS_PER_SECTION, COLUMNS, PERIODS, COMMUNES = 10, 10, 2, 3, 10


def build(units: int):
    from django.db import transaction

    from reports import services
    from reports.models import DataValue, FormCell, ReportingPeriod, Submission
    from units.models import UnitKind
    from units.services import unit_create

    office = unit_create(actor=None, code="BENCH", name="Phòng bench", kind=UnitKind.OFFICE, parent=None)
    communes = [
        unit_create(actor=None, code=f"BX{i}", name=f"Xã {i}", kind=UnitKind.COMMUNE, parent=office, level_label="Xã")
        for i in range(COMMUNES)
    ]
    schools = [
        unit_create(
            actor=None,
            code=f"BS{i}",
            name=f"Trường {i}",
            kind=UnitKind.SCHOOL,
            parent=communes[i % COMMUNES],
            school_level="TH",
        )
        for i in range(units)
    ]
    columns = [{"code": f"C{c}", "label": f"Cột {c}"} for c in range(COLUMNS)]
    sections = []
    for s in range(SECTIONS):
        rows = [
            {
                "code": f"S{s}R{r}",
                "label": f"Chỉ tiêu {s}.{r}",
                "cells": {c["code"]: {"type": "integer"} for c in columns},
            }
            for r in range(ROWS_PER_SECTION - 1)
        ]
        rows.append(
            {
                "code": f"S{s}T",
                "label": "Cộng",
                "cells": {c["code"]: {"type": "computed", "formula": f"SUMCOL({c['code']})"} for c in columns},
            }
        )
        sections.append({"code": f"P{s}", "title": f"Phần {s}", "rows": rows})
    data = {
        "format": services.EXPORT_FORMAT,
        "format_version": 1,
        "code": "BENCH",
        "title": "Biểu bench",
        "columns": columns,
        "sections": sections,
        "rules": [],
    }
    form = services.form_create_from_dict(actor=None, owner=office, data=data)
    services.form_publish(actor=None, form=form)
    typed = list(FormCell.objects.filter(form=form, type="integer"))
    assert FormCell.objects.filter(form=form).count() == SECTIONS * ROWS_PER_SECTION * COLUMNS
    periods = []
    with transaction.atomic():
        for p in range(PERIODS):
            day = datetime.date(2023 + p, 5, 20)
            period = ReportingPeriod.objects.create(
                form=form,
                owner=office,
                label=f"Năm học {2022 + p}-{2023 + p}",
                start_date=day,
                end_date=day,
                open_date=day,
                due_date=day,
                lock_date=day,
                expected_kinds=["school"],
            )
            subs = Submission.objects.bulk_create(
                [Submission(period=period, unit=u, status=Submission.Status.SUBMITTED, version=1) for u in schools]
            )
            values = [
                DataValue(submission=sub, cell=cell, number=(i * 7 + cell.pk * 3 + p) % 500)
                for i, sub in enumerate(subs)
                for cell in typed
            ]
            DataValue.objects.bulk_create(values, batch_size=5000)
            periods.append(period)
    return office, periods


BASELINE_SQL = """
SELECT dv.cell_id, SUM(dv.number)
FROM reports_datavalue dv
JOIN reports_submission s ON s.id = dv.submission_id
JOIN units_unit u ON u.id = s.unit_id
WHERE s.period_id = %s AND u.path LIKE %s AND s.status IN ('submitted', 'approved') AND dv.number IS NOT NULL
GROUP BY dv.cell_id
"""


def expected_cells(period, sums: dict) -> dict:
    """Every cell of the form, by hand: a typed cell is the SQL sum (0 when no school typed it), a
    section's total row the sum of the SQL sums of its section's typed cells in the same column."""
    from reports.models import FormCell

    cells = list(FormCell.objects.filter(form=period.form).select_related("row", "column"))
    typed = {(c.row.section_id, c.column.code): [] for c in cells}
    for cell in cells:
        if cell.type != "computed":
            typed[(cell.row.section_id, cell.column.code)].append(sums.get(cell.pk, 0))
    return {
        cell.pk: sum(typed[(cell.row.section_id, cell.column.code)])
        if cell.type == "computed"
        else sums.get(cell.pk, 0)
        for cell in cells
    }


def check_every_cell(table, expected: dict) -> None:
    """The portal's roll-up shows every one of the form's cells with the hand-computed value."""
    shown = {cell.cell_id: cell.value for row in table.rows for cell in row.cells if cell.cell_id is not None}
    assert len(expected) == SECTIONS * ROWS_PER_SECTION * COLUMNS, len(expected)
    assert shown.keys() == expected.keys(), "the roll-up does not show every cell of the form"
    wrong = {pk: (shown[pk], value) for pk, value in expected.items() if shown[pk] != value}
    assert not wrong, f"the portal and the hand-written SQL disagree on {len(wrong)} cells: {list(wrong.items())[:5]}"


def fresh_request(period_id: int):
    """What a real first request starts from: the period read afresh (as the view's
    get_period_for_user reads it, with its form and owner) and no form spec kept from an earlier
    call (reports.formspec keeps published forms' specs per process: emptied)."""
    from reports import formspec
    from reports.models import ReportingPeriod

    formspec._PUBLISHED_CACHE.clear()
    return ReportingPeriod.objects.select_related("form", "owner").get(pk=period_id)


def timed_pair(portal, baseline, period_id: int, repeat: int, check) -> tuple[float, float, int]:
    """Median times of the portal and the baseline run alternately (both see the same machine load),
    the portal each time on a fresh request; every timed result is checked. Returns the medians and
    the portal's query count per call."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = ([], [])
    queries = 0
    for i in range(repeat + 1):  # the first pair warms the database's caches and is not counted
        period = fresh_request(period_id)
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            result = portal(period)
            portal_t = time.perf_counter() - started
        queries = len(captured)
        started = time.perf_counter()
        sums = baseline(period_id)
        base_t = time.perf_counter() - started
        check(result, sums)
        if i:
            times[0].append(portal_t)
            times[1].append(base_t)
    return statistics.median(times[0]), statistics.median(times[1]), queries


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--units", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=25)
    parser.add_argument("--smoke", action="store_true", help="A tiny run (CI): 6 units, 2 repeats")
    args = parser.parse_args()
    if args.smoke:
        args.units, args.repeat = 6, 2
    from bench.database import analyze, fresh_database

    fresh_database()
    from django.db import connection

    from reports.models import DataValue
    from reports.selectors import rollup_table

    started = time.perf_counter()
    office, periods = build(args.units)
    analyze()
    print(
        f"Built {args.units} units × {SECTIONS * ROWS_PER_SECTION * COLUMNS}-cell form × {PERIODS} periods "
        f"({DataValue.objects.count():,} values) in {time.perf_counter() - started:.1f} s on {connection.vendor}."
    )

    def baseline(period_id):
        with connection.cursor() as cursor:
            cursor.execute(BASELINE_SQL, [period_id, office.path + "%"])
            return dict(cursor.fetchall())

    def check(result, sums):
        table, _count = result
        check_every_cell(table, expected_cells(period, sums))

    ratios = []
    for period in periods:
        portal_t, base_t, queries = timed_pair(rollup_table, baseline, period.pk, args.repeat, check)
        ratios.append(portal_t / base_t)
        print(
            f"{period.label}: portal {portal_t * 1000:.1f} ms ({queries} queries, fresh request), "
            f"baseline {base_t * 1000:.1f} ms, ratio {portal_t / base_t:.2f}; "
            f"all {SECTIONS * ROWS_PER_SECTION * COLUMNS} cells checked on each of {args.repeat + 1} runs"
        )
    print(
        f"Roll-up ratio portal ÷ hand-written SQL (median of periods): {statistics.median(ratios):.2f} (target ≤ 1.2)"
    )


if __name__ == "__main__":
    main()
