"""Data only: recognitions already signed were given "signing date + the rubric's months" as their end;
Thông tư 25/2023/TT-BGDĐT keeps a recognition for the 3 years following the year of recognition, so
`expires_on` becomes 31 December of the recognition year + those years (15/06/2024 → 31/12/2027), the
same rule as learning_society.rules.recognition_valid_through (copied here: a migration must not
change when the code does). Reversing leaves the corrected dates (the old ones were wrong)."""

import datetime

from django.db import migrations


def _valid_through(recognised_on, validity_months):
    if recognised_on is None or not validity_months:
        return None
    return datetime.date(recognised_on.year + -(-validity_months // 12), 12, 31)


def recompute(apps, schema_editor):
    Assessment = apps.get_model("learning_society", "Assessment")
    changed = []
    rows = Assessment.objects.filter(recognised_on__isnull=False, expires_on__isnull=False).select_related("rubric")
    for a in rows.iterator(chunk_size=500):
        new = _valid_through(a.recognised_on, a.rubric.validity_months)
        if new is not None and new != a.expires_on:
            a.expires_on = new
            changed.append(a)
    Assessment.objects.bulk_update(changed, ["expires_on"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("learning_society", "0004_rubric_moves_to_rubrics_app"),
    ]

    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
