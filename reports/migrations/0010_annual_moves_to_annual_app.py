"""State only: the annual report and guidance models move to the annual app (issue 13). The table keeps its name, no row moves."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("reports", "0009_rubrics_move_to_rubrics_app")]

    operations = []
