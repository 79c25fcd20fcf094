"""The shared cache (Django's database cache, settings CACHES) and the per-office versions of the
office home's kept panels (units/panel_cache.py).

The cache table is created here, exactly as `manage.py createcachetable` creates it (the command's
own create_table, which skips an existing table), so `make run`, a fresh PostgreSQL and the test
databases have it with no extra step. Reversing drops it."""

import io

from django.db import migrations, models

# Also named in gdtx_portal/settings/base.py (CACHES); a migration must not import settings-dependent code.
CACHE_TABLE = "gdtx_cache"


def create_cache_table(apps, schema_editor):
    from django.core.management.commands.createcachetable import Command

    command = Command(stdout=io.StringIO())
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, CACHE_TABLE, dry_run=False)


def drop_cache_table(apps, schema_editor):
    connection = schema_editor.connection
    if CACHE_TABLE in connection.introspection.table_names():
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE {connection.ops.quote_name(CACHE_TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("units", "0009_milestone_settings")]

    operations = [
        migrations.RunPython(create_cache_table, drop_cache_table),
        migrations.CreateModel(
            name="PanelGeneration",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("scope", models.PositiveBigIntegerField()),
                ("area", models.CharField(max_length=60)),
                ("last_entry", models.BigIntegerField(default=0)),
            ],
            options={
                "constraints": [models.UniqueConstraint(fields=("scope", "area"), name="panel_generation_scope_area")],
            },
        ),
    ]
