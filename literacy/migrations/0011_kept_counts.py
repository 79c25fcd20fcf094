# Kept counts of the literacy register (issue 20, literacy.counts): the cells the standard sums and
# the possible duplicates still to resolve, filled here from the people already on the register.
import django.db.models.deletion
from django.db import migrations, models

# The rule of literacy.counts.refresh as it stands in this migration (a migration does not import
# code that may change after it).
FILL = [
    "INSERT INTO literacy_literacycount (round_id, commune_id, birth_year, born_after_30_9, sex, ethnic_minority,"
    " exempt, literacy_level, status, n)"
    " SELECT round_id, commune_id, birth_year, (birth_mmdd > 930), sex, ethnic_minority, exempt, literacy_level,"
    " status, COUNT(*) FROM literacy_person"
    " GROUP BY round_id, commune_id, birth_year, (birth_mmdd > 930), sex, ethnic_minority, exempt, literacy_level,"
    " status",
    "INSERT INTO literacy_duplicategroup (round_id, commune_id, name_folded, birth_year, n)"
    " SELECT round_id, commune_id, name_folded, birth_year, COUNT(*) FROM literacy_person"
    " WHERE duplicate_cleared = %s GROUP BY round_id, commune_id, name_folded, birth_year HAVING COUNT(*) > 1",
]


def fill(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(FILL[0])
        cursor.execute(FILL[1], [False])


class Migration(migrations.Migration):
    dependencies = [("literacy", "0010_class_operations")]

    operations = [
        migrations.CreateModel(
            name="DuplicateGroup",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name_folded", models.CharField(max_length=150)),
                ("birth_year", models.PositiveSmallIntegerField()),
                ("n", models.PositiveIntegerField()),
                (
                    "commune",
                    models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="units.unit"),
                ),
                (
                    "round",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="literacy.surveyround"
                    ),
                ),
            ],
            options={
                "verbose_name": "nhóm nghi trùng",
                "verbose_name_plural": "nhóm nghi trùng",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("round", "commune", "name_folded", "birth_year"), name="literacy_duplicate_group"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="LiteracyCount",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("birth_year", models.PositiveSmallIntegerField()),
                ("born_after_30_9", models.BooleanField()),
                ("sex", models.CharField(max_length=1)),
                ("ethnic_minority", models.BooleanField()),
                ("exempt", models.BooleanField()),
                ("literacy_level", models.PositiveSmallIntegerField()),
                ("status", models.CharField(max_length=10)),
                ("n", models.PositiveIntegerField()),
                (
                    "commune",
                    models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="units.unit"),
                ),
                (
                    "round",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="literacy.surveyround"
                    ),
                ),
            ],
            options={
                "verbose_name": "số đếm sổ xóa mù chữ",
                "verbose_name_plural": "số đếm sổ xóa mù chữ",
                "constraints": [
                    models.UniqueConstraint(
                        fields=(
                            "round",
                            "commune",
                            "birth_year",
                            "born_after_30_9",
                            "sex",
                            "ethnic_minority",
                            "exempt",
                            "literacy_level",
                            "status",
                        ),
                        name="literacy_count_cell",
                    )
                ],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
