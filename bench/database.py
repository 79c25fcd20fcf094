"""The throw-away database every bench script starts from (one copy, used by each script's main).

SQLite: the file named by DATABASE_URL is deleted. PostgreSQL: the public schema is dropped and
created again, and only in a database whose name contains "bench", so a bench never wipes real data.
Then `migrate`, and with seed=True the demo district of `seed_demo`.
"""

import io
import os
import sys

# Set by tests/test_benches.py: the bench runs inside the test database pytest made (migrated, in a
# transaction rolled back after the test), so nothing is wiped and migrate is not run again.
IN_TEST = False


def fresh_database(*, seed: bool = False) -> None:
    import django
    from django.core.management import call_command
    from django.db import connection

    django.setup()
    if IN_TEST:
        from units.models import Unit

        if seed and not Unit.objects.filter(code="DEMO-PGD").exists():
            call_command("seed_demo", stdout=io.StringIO())
        return
    if connection.vendor == "sqlite":
        path = connection.settings_dict["NAME"]
        connection.close()
        if os.path.exists(path):
            os.remove(path)
    else:
        if "bench" not in connection.settings_dict["NAME"]:
            sys.exit("Refusing to wipe a database whose name does not contain 'bench'.")
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    call_command("migrate", verbosity=0)
    if seed:
        call_command("seed_demo", stdout=io.StringIO())


def analyze() -> None:
    """Planner statistics after a bulk load, as autovacuum keeps them on a live database: right after
    loading, PostgreSQL still believes the tables empty and picks nested loops over a million rows.
    PostgreSQL: VACUUM ANALYZE (outside a transaction); SQLite: ANALYZE."""
    from django.db import connection

    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block  # VACUUM: not in a transaction
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")


def insert_rows(model, fields: list[str], rows) -> int:
    """Insert raw rows fast: `rows` are tuples of `fields` (attnames, values as the database takes
    them); every other concrete column of the model gets its field's default (a callable default is
    called per row), so a column added to the model later cannot break a bench's raw inserts. A NOT
    NULL column with no default must be given. PostgreSQL: COPY; SQLite: executemany."""
    from django.db import connection
    from django.utils import timezone

    from units.bulk_copy import copy_rows, insert_fields

    given = {name: i for i, name in enumerate(fields)}
    columns, makers = [], []
    known = set()
    for f in insert_fields(model):
        known.add(f.attname)
        columns.append(f.column)
        if f.attname in given:
            makers.append(given[f.attname])
        elif getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            makers.append(lambda f=f: f.get_db_prep_save(timezone.now(), connection))
        elif f.has_default() and callable(f.default):
            makers.append(lambda f=f: f.get_db_prep_save(f.get_default(), connection))
        elif f.has_default() or f.null or f.empty_strings_allowed:  # a text column's default is ""
            value = f.get_db_prep_save(f.get_default(), connection)
            makers.append(lambda value=value: value)
        else:
            raise ValueError(f"{model.__name__}.{f.name} is NOT NULL with no default: the bench must give it")
    unknown = set(fields) - known
    if unknown:
        raise ValueError(f"{model.__name__} has no column for {sorted(unknown)}")

    def full_rows():
        for row in rows:
            yield [row[m] if isinstance(m, int) else m() for m in makers]

    if connection.vendor == "postgresql":
        return copy_rows(model._meta.db_table, columns, full_rows())
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    count, batch = 0, []
    with connection.cursor() as cursor:
        for row in full_rows():
            batch.append(row)
            if len(batch) == 20_000:
                cursor.executemany(sql, batch)
                count, batch = count + len(batch), []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count
