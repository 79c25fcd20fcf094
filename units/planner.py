"""Planner statistics after bulk writes (PostgreSQL).

PostgreSQL plans a query from the statistics autovacuum gathers, a minute or so after a transaction
commits. Inside one long transaction that has just written thousands of rows (the demo district's
modules, an import) the tables still look empty or as they were, and a three-table join may be
planned as nested loops over every row: the learning-society demo's recognitions took 10–17 s per
query that way, 0.01 s after an ANALYZE. `analyze(*models)` gathers the statistics of those models'
tables at once; ANALYZE runs inside the transaction and counts its own uncommitted rows. A no-op on
SQLite, whose planner does not need them for these queries.
"""

from django.db import connection


def analyze(*models) -> None:
    if connection.vendor != "postgresql" or not models:
        return
    quote = connection.ops.quote_name
    tables = ", ".join(sorted({quote(m._meta.db_table) for m in models if m._meta.managed and not m._meta.proxy}))
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")
