"""Writing many new rows at once through PostgreSQL's COPY (the bulk path of an import).

`copy_instances(objs)` writes unsaved model instances as `bulk_create` would (each field's pre_save and
database value, defaults included), in the caller's transaction, but as one COPY stream instead of
INSERT statements: a fraction of the time on PostgreSQL. It returns nothing (no primary keys): the
caller reads back what it needs. SQLite has no COPY: callers keep `bulk_create` there
(`copy_supported()` tells which). `copy_rows` is the lower step for rows already in database form.
"""

import io
import json
from collections.abc import Iterable, Sequence

from django.db import connections, models, router

CHUNK = 20_000
_ESCAPE = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_AUTO = ("AutoField", "BigAutoField", "SmallAutoField")


def copy_supported(using: str = "default") -> bool:
    return connections[using].vendor == "postgresql"


def _text(value) -> str:
    """One value in COPY's text format (NULL as \\N; tab, newline and backslash escaped)."""
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        return value.translate(_ESCAPE)
    if isinstance(value, bytes | bytearray | memoryview):
        return "\\\\x" + bytes(value).hex()
    if hasattr(value, "adapted") and hasattr(value, "dumps"):  # psycopg2's Json adapter (JSONField)
        return value.dumps(value.adapted).translate(_ESCAPE)
    if isinstance(value, dict | list):
        return json.dumps(value).translate(_ESCAPE)
    return str(value)


def insert_fields(model) -> list[models.Field]:
    """Every concrete column a new row fills: all but an automatic primary key."""
    return [f for f in model._meta.concrete_fields if not (f.primary_key and f.get_internal_type() in _AUTO)]


def copy_rows(table: str, columns: Sequence[str], rows: Iterable[Sequence], *, using: str = "default") -> int:
    """COPY rows (sequences of database values, in `columns`' order) into `table`; returns the count."""
    connection = connections[using]
    quote = connection.ops.quote_name
    sql = f"COPY {quote(table)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
    count = 0
    buffer = io.StringIO()
    with connection.cursor() as cursor:
        raw = cursor.cursor

        def flush():
            data = buffer.getvalue()
            if not data:
                return
            with connection.wrap_database_errors:  # Django's IntegrityError etc., as for a query
                if hasattr(raw, "copy_expert"):  # psycopg2
                    raw.copy_expert(sql, io.StringIO(data))
                else:  # psycopg 3
                    with raw.copy(sql) as copy:
                        copy.write(data)
            buffer.seek(0)
            buffer.truncate()

        for row in rows:
            buffer.write("\t".join([_text(v) for v in row]))
            buffer.write("\n")
            count += 1
            if count % CHUNK == 0:
                flush()
        flush()
    return count


def copy_instances(objs: Iterable[models.Model], model=None) -> int:
    """COPY unsaved instances of one model, each field's value as bulk_create would write it."""
    objs = iter(objs)
    first = next(objs, None)
    if first is None:
        return 0
    model = model or type(first)
    using = router.db_for_write(model)
    connection = connections[using]
    fields = insert_fields(model)

    def rows():
        for obj in _chain(first, objs):
            yield [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]

    return copy_rows(model._meta.db_table, [f.column for f in fields], rows(), using=using)


def _chain(first, rest):
    yield first
    yield from rest
