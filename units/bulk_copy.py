"""Writing many new rows at once through PostgreSQL's COPY (the bulk path of an import).

`copy_values(model, rows)` writes new rows given as {attname: value} as `bulk_create` would (each
field's database value; defaults and auto_now for the columns left out), in the caller's
transaction, but as one COPY stream instead of INSERT statements and without a model instance per
row: a fraction of the time on PostgreSQL. It returns the count, not primary keys: the
caller reads back what it needs. SQLite has no COPY: callers keep `bulk_create` there
(`copy_supported()` tells which). `copy_rows` is the lower step for rows already in database form.
"""

import io
import json
from collections.abc import Iterable, Sequence

from django.db import connections, models, router
from django.utils import timezone

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


# Field types whose database value is the Python value itself (COPY's text form is then `_text`):
# for them the per-value `get_db_prep_save` chain of bulk_create is skipped. Every other type goes
# through the field's own conversion.
_INTEGER = {
    "IntegerField",
    "SmallIntegerField",
    "BigIntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "PositiveBigIntegerField",
}
_AS_IS = {"CharField", "TextField", "SlugField", "EmailField", "BooleanField", "DateField"}


def _converter(field, connection):
    """A function value -> database value, the same as `field.get_db_prep_save` for that type."""
    kind = field.get_internal_type()
    if field.is_relation:
        kind = field.target_field.get_internal_type()
        if kind in _AUTO or kind in _INTEGER:
            return _as_int
        return lambda value: field.get_db_prep_save(value, connection)
    if kind in _INTEGER:
        return _as_int
    if kind in _AS_IS:
        return _as_is
    return lambda value: field.get_db_prep_save(value, connection)


def _as_is(value):
    return value


def _as_int(value):
    if value is None or type(value) is int:
        return value
    return int(value)


def _fallback(field):
    """What bulk_create writes into a column the caller left out: now for auto_now(_add), else
    the field's default (a callable default called per row)."""
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        now = timezone.now() if field.get_internal_type() == "DateTimeField" else timezone.localdate()
        return lambda: now
    return field.get_default


def copy_values(model, rows: Iterable[dict], *, using: str | None = None) -> int:
    """COPY new rows given as {attname: value} (values as the model field holds them), without
    building a model instance per row: a column a row leaves out gets what bulk_create would give it
    (auto_now(_add): now; else the field's default, called per row). Returns the count."""
    using = using or router.db_for_write(model)
    connection = connections[using]
    fields = insert_fields(model)
    plan = [(f.attname, _converter(f, connection), _fallback(f)) for f in fields]

    def prepared():
        for row in rows:
            out = []
            for attname, convert, fallback in plan:
                value = row[attname] if attname in row else fallback()
                out.append(convert(value))
            yield out

    return copy_rows(model._meta.db_table, [f.column for f in fields], prepared(), using=using)
