# The standard's sums of the kept cells (issue 20, literacy.counts._refresh_sums), filled here from
# the cells already kept, so an upgraded database shows the standard it showed before.
import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Case, F, IntegerField, Q, Sum, Value, When

# The rules as they stand in this migration (a migration does not import code that may change after
# it): the bands of Nghị định 20/2014 (Điều 20–21), the groups and figures of literacy.attainment.
BANDS = ((15, 25), (15, 35), (15, 60))
EVERY_AGE = "*"
GROUPS = {"all": Q(), "female": Q(sex="F"), "minority": Q(ethnic_minority=True)}
MEASURES = {
    "population": Q(),
    "exempt": Q(exempt=True),
    "literate1": Q(literacy_level__gte=1),
    "literate2": Q(literacy_level__gte=2),
    "literate1_ne": Q(literacy_level__gte=1, exempt=False),
    "literate2_ne": Q(literacy_level__gte=2, exempt=False),
}
COUNTED_STATUSES = ("present", "arrived", "born")


def band_q(age_from: int, age_to: int, year: int, method: str) -> Q:
    if method == "exact":
        return Q(age__gte=age_from, age__lte=age_to)
    return Q(birth_year__gte=year - age_to, birth_year__lte=year - age_from)


def fill(apps, schema_editor):
    LiteracyCount = apps.get_model("literacy", "LiteracyCount")
    LiteracyStandardSum = apps.get_model("literacy", "LiteracyStandardSum")
    SurveyRound = apps.get_model("literacy", "SurveyRound")
    for survey_round in SurveyRound.objects.order_by("pk"):
        year = survey_round.year
        for method in ("birth_year", "exact"):
            cells = LiteracyCount.objects.filter(round=survey_round, status__in=COUNTED_STATUSES)
            if method == "exact":
                after = Case(When(born_after_30_9=True, then=Value(1)), default=Value(0), output_field=IntegerField())
                cells = cells.alias(age=Value(year) - F("birth_year") - after)
            bands = [(f"{a}_{b}", band_q(a, b, year, method)) for a, b in BANDS] + [(EVERY_AGE, Q())]
            keys = [(band, group, name) for band, _q in bands for group in GROUPS for name in MEASURES]
            annotations = {
                f"s{i}": Sum("n", filter=dict(bands)[band] & GROUPS[group] & MEASURES[name], default=0)
                for i, (band, group, name) in enumerate(keys)
            }
            rows = []
            for row in cells.values("commune_id").annotate(**annotations).order_by():
                figures = {}
                for i, (band, group, name) in enumerate(keys):
                    figures.setdefault((band, group), {})[name] = row[f"s{i}"]
                rows += [
                    LiteracyStandardSum(
                        round_id=survey_round.pk,
                        commune_id=row["commune_id"],
                        age_method=method,
                        band=band,
                        group=group,
                        **values,
                    )
                    for (band, group), values in figures.items()
                ]
            LiteracyStandardSum.objects.bulk_create(rows, batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("literacy", "0011_kept_counts"),
        ("units", "0010_shared_cache"),
    ]

    operations = [
        migrations.CreateModel(
            name="LiteracyStandardSum",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("age_method", models.CharField(max_length=10)),
                ("band", models.CharField(max_length=10)),
                ("group", models.CharField(max_length=10)),
                ("population", models.PositiveIntegerField()),
                ("exempt", models.PositiveIntegerField()),
                ("literate1", models.PositiveIntegerField()),
                ("literate2", models.PositiveIntegerField()),
                ("literate1_ne", models.PositiveIntegerField()),
                ("literate2_ne", models.PositiveIntegerField()),
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
                "verbose_name": "tổng chuẩn xóa mù chữ",
                "verbose_name_plural": "tổng chuẩn xóa mù chữ",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("round", "commune", "age_method", "band", "group"), name="literacy_standard_sum"
                    )
                ],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
