"""State only: the rubric models move to the rubrics app (issue 13). The table keeps its name, no row moves.

rubrics/migrations/0001 created the same models in the rubrics app's state on the same tables
(reports_rubric, reports_rubricgroup, reports_rubriccriterion), and the foreign keys of the learning
society and the centres were pointed at them (their 0004 migrations): only then can reports forget them."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0008_job_moves_to_jobs_app"),
        ("rubrics", "0001_initial"),
        ("learning_society", "0004_rubric_moves_to_rubrics_app"),
        ("centers", "0004_rubric_moves_to_rubrics_app"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="RubricCriterion"),
                migrations.DeleteModel(name="RubricGroup"),
                migrations.DeleteModel(name="Rubric"),
            ],
        ),
    ]
