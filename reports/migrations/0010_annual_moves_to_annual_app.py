"""State only: the annual report and guidance models move to the annual app (issue 13). The table keeps its name, no row moves."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0009_rubrics_move_to_rubrics_app"),
        # annual 0001 takes over the same tables (Meta.db_table) before reports lets go of them.
        ("annual", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                # Dependent models first: their foreign keys point at Guidance and AnnualReport.
                migrations.DeleteModel(name="YearPlan"),
                migrations.DeleteModel(name="GuidanceTask"),
                migrations.DeleteModel(name="Guidance"),
                migrations.DeleteModel(name="AnnualReport"),
            ],
            database_operations=[],
        ),
    ]
