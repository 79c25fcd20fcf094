# Kept counts of the literacy register (issue 20, literacy.counts): the cells the standard sums and
# the possible duplicates still to resolve, filled here from the people already on the register.
import django.db.models.deletion
from django.db import migrations, models

# The rule of literacy.counts.refresh as it stands in this migration (a migration does not import
# code that may change after it): the people the standard counts, birth years outside the bands of
# Nghị định 20/2014 (15–60, by either age method) counted at one year just outside them.
FILL = [
    "INSERT INTO literacy_literacycount (round_id, commune_id, birth_year, born_after_30_9, sex, ethnic_minority,"
    " exempt, literacy_level, status, n)"
    " SELECT p.round_id, p.commune_id,"
    " CASE WHEN p.birth_year > r.year - 15 THEN r.year - 14 WHEN p.birth_year < r.year - 61 THEN r.year - 62"
    " ELSE p.birth_year END,"
    " CASE WHEN (p.birth_year > r.year - 15 OR p.birth_year < r.year - 61) THEN %s ELSE (p.birth_mmdd > 930) END,"
    " p.sex, p.ethnic_minority, p.exempt, p.literacy_level, p.status, COUNT(*)"
    " FROM literacy_person p INNER JOIN literacy_surveyround r ON r.id = p.round_id"
    " WHERE p.status IN ('present', 'arrived', 'born')"
    " GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9",
    "INSERT INTO literacy_duplicategroup (round_id, commune_id, name_folded, birth_year, n)"
    " SELECT round_id, commune_id, name_folded, birth_year, COUNT(*) FROM literacy_person"
    " WHERE duplicate_cleared = %s GROUP BY round_id, commune_id, name_folded, birth_year HAVING COUNT(*) > 1",
]


def fill(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(FILL[0], [False])
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
