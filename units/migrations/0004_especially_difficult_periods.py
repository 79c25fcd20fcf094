"""Today's especially difficult flag becomes a dated period starting at the unit's valid_from (or
2000-01-01): the status held from the unit's start as far as anyone recorded. An officer then
corrects or closes it on the unit's page (units.status)."""

import datetime

from django.db import migrations


def forwards(apps, schema_editor):
    Unit = apps.get_model("units", "Unit")
    UnitStatusPeriod = apps.get_model("units", "UnitStatusPeriod")
    has_history = UnitStatusPeriod.objects.filter(flag="especially_difficult").values("unit_id")
    flagged = Unit.objects.filter(especially_difficult=True).exclude(pk__in=has_history)
    UnitStatusPeriod.objects.bulk_create(
        [
            UnitStatusPeriod(
                unit_id=unit.pk,
                flag="especially_difficult",
                valid_from=unit.valid_from or datetime.date(2000, 1, 1),
                valid_to=unit.valid_to,
                source="Có từ trước khi ghi lịch sử",
            )
            for unit in flagged.only("pk", "valid_from", "valid_to").iterator()
        ],
        batch_size=1000,
    )


def backwards(apps, schema_editor):
    apps.get_model("units", "UnitStatusPeriod").objects.filter(source="Có từ trước khi ghi lịch sử").delete()


class Migration(migrations.Migration):
    dependencies = [("units", "0003_unit_status_period")]

    operations = [migrations.RunPython(forwards, backwards)]
