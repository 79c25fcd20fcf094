"""State only: the Job model moves to the jobs app (issue 13). The table keeps its name, no row moves."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("reports", "0007_tthtcd_income_total")]

    operations = []
