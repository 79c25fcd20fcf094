"""State only: the Job model moves to the jobs app (issue 13). The table keeps its name, no row moves.

jobs 0001 has taken the model (db_table "reports_job") and literacy 0004 has pointed ImportBatch.job
at it, so reports can forget it without a foreign key left pointing at reports.Job."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0007_tthtcd_income_total"),
        ("jobs", "0001_initial"),
        ("literacy", "0004_import_batch_job_in_jobs_app"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Job")],
            database_operations=[],
        ),
    ]
