"""Correct Tổng thu (D06) of the TTHTCĐ yearly report in forms already stored, and the figures
already saved with it (issue 14.1).

Version 1 of the shipped form computed D06.TS as ``SUMCOL(TS)``: every typed number of column TS in
section IV, which holds Tổng chi (D07) as well as the five income rows, so D06 read 57.850.000 where
the income was 33.750.000 and the socialised-funding rate D08 read 5,6% for 9,6%. The shipped file
now sums D01–D05; `load_standard_forms` brings it to new periods as a new version, but periods
already opened (and offices' copies made from it) point at the stored cells, and published forms are
otherwise never changed. A wrong total with the office's name on it is the one reason to change one:
this rewrites the formula in place and recomputes the two stored computed values exactly as the
engine does (blanks count as 0; ROUND half up to one decimal; no rate over a zero total).

Only cells still holding the old formula are touched, so an office that already wrote its own D06
formula keeps it.
"""

import re
from decimal import ROUND_HALF_UP, Decimal

from django.db import migrations

OLD = re.compile(r"^\s*SUMCOL\s*\(\s*TS\s*\)\s*$", re.I)
INCOME_ROWS = ("D01", "D02", "D03", "D04", "D05")
NEW = "SUM([D01.TS], [D02.TS], [D03.TS], [D04.TS], [D05.TS])"
RATE = re.compile(r"^\s*ROUND\s*\(\s*\[D04\.TS\]\s*/\s*\[D06\.TS\]\s*\*\s*100\s*,\s*1\s*\)\s*$", re.I)
STORE = Decimal("0.0001")


def fix_income_total(apps, schema_editor):
    FormCell = apps.get_model("reports", "FormCell")
    DataValue = apps.get_model("reports", "DataValue")
    totals = FormCell.objects.filter(row__code="D06", column__code="TS", type="computed").select_related("row")
    for total in totals:
        if not OLD.match(total.formula or ""):
            continue
        income = {
            c.row.code: c.pk
            for c in FormCell.objects.filter(
                form_id=total.form_id,
                row__section_id=total.row.section_id,
                row__code__in=INCOME_ROWS,
                column__code="TS",
            ).select_related("row")
        }
        if set(income) != set(INCOME_ROWS):
            continue  # not the shipped layout: leave an office's own form alone
        total.formula = NEW
        total.save(update_fields=["formula"])
        rate = FormCell.objects.filter(form_id=total.form_id, row__code="D08", column__code="TS", type="computed")
        rate = rate.first()
        if rate is not None and not RATE.match(rate.formula or ""):
            rate = None
        for dv in DataValue.objects.filter(cell=total):
            numbers = {
                v.cell_id: v.number
                for v in DataValue.objects.filter(submission_id=dv.submission_id, cell_id__in=income.values())
            }
            new_total = sum((numbers.get(pk) or Decimal(0) for pk in income.values()), Decimal(0))
            dv.number = new_total.quantize(STORE)
            dv.save(update_fields=["number"])
            if rate is None:
                continue
            share = numbers.get(income["D04"]) or Decimal(0)
            value = None
            if new_total != 0:
                value = (share / new_total * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP).quantize(STORE)
            DataValue.objects.filter(submission_id=dv.submission_id, cell=rate).update(number=value)


class Migration(migrations.Migration):
    dependencies = [("reports", "0006_rubric_owner")]

    operations = [migrations.RunPython(fix_income_total, migrations.RunPython.noop)]
