"""State only: the foreign keys to the rubric models follow them to the rubrics app (issue 13). The
columns and their constraints already point at the same tables (reports_rubric*); nothing changes in the database."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("centers", "0003_self_assessment_version"),
        ("rubrics", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="assessmentscore",
                    name="criterion",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to="rubrics.rubriccriterion"
                    ),
                ),
                migrations.AlterField(
                    model_name="evidence",
                    name="criterion",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="rubrics.rubriccriterion",
                        verbose_name="tiêu chí",
                    ),
                ),
                migrations.AlterField(
                    model_name="selfassessment",
                    name="rubric",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="rubrics.rubric",
                        verbose_name="bộ tiêu chí",
                    ),
                ),
            ],
        ),
    ]
