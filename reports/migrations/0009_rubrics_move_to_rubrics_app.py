"""State only: the rubric models move to the rubrics app (issue 13). The table keeps its name, no row moves."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("reports", "0008_job_moves_to_jobs_app")]

    operations = []
