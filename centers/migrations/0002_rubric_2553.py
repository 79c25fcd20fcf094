"""Loads the sample Công văn 2553/BGDĐT-GDTX rubric so every database can start self-assessments."""

from django.db import migrations


def load_rubric(apps, schema_editor):
    from centers import rubric_2553

    rubric_2553.load(
        apps.get_model("reports", "Rubric"),
        apps.get_model("reports", "RubricGroup"),
        apps.get_model("reports", "RubricCriterion"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("centers", "0001_centres"),
        ("reports", "0001_jobs_and_rubrics"),
    ]

    operations = [migrations.RunPython(load_rubric, migrations.RunPython.noop)]
