"""State only: the foreign keys to the rubric models follow them to the rubrics app (issue 13). The
columns and their constraints already point at the same tables (reports_rubric*); nothing changes in the database."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("learning_society", "0003_assessment_assessed_by"),
        ("rubrics", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="assessment",
                    name="rubric",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="rubrics.rubric",
                        verbose_name="bộ tiêu chí",
                    ),
                ),
                migrations.AlterField(
                    model_name="score",
                    name="criterion",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to="rubrics.rubriccriterion"
                    ),
                ),
            ],
        ),
    ]
