"""Kept counts of the literacy register (issue 20): the one rule that turns Person rows into the
cells the standard reads, so the standard costs what it shows (communes × bands × groups), not how
many people are on the register.

Three tables, all recomputed per survey round × commune (the first two from the raw rows):

- `LiteracyCount`: how many people share every attribute the standard filters on (round, commune,
  birth year, born after 30/9, sex, ethnic minority, exempt, level, status). literacy.attainment
  sums `n` with the same filters it used to count rows with, so every band, age method and group
  comes out identical to a scan of the register.
- `DuplicateGroup`: the possible duplicates still to resolve (same folded name and birth year in
  one commune and round, not cleared), so the office home counts them without grouping the register.
- `LiteracyStandardSum`: the figures the standard reads (attainment.Counts) per age method, band
  and group, summed from the round × commune's cells right after they are written with the
  standard's own filters (attainment.cube_sums), so the office's page reads a few rows per commune
  instead of summing ~1,700 cells of each (1.6 s for a province of 120 communes).

`refresh(round_ids=…, commune_ids=…)` is the only writer: it deletes the cells of those rounds ×
communes and inserts them again from the people in one INSERT … SELECT … GROUP BY each, then their
sums from the cells (cells written through the ORM past it, as a repair by hand could, send
`cells_written`, and their sums follow too). A write to people calls it in its own transaction for
the rounds × communes it touched, whichever path it takes:
Person.objects' bulk_create, update and bulk_update send `people_written` (literacy.models.
PersonQuerySet), a person's save or delete Django's post_save / post_delete (so a cascade is covered
too); the receivers below note the touched pairs. Outside `batch()` they are refreshed at once,
inside it once when the batch ends (an import, a new round, a level refresh, a duplicate resolved:
one recomputation per commune × round, not one per statement).
A writer that bypasses the ORM (PostgreSQL COPY) calls `refresh` itself. `rebuild()` recomputes
everything (`manage.py rebuild_counts`). A commune × round holds a few thousand people, so a single
edit stays cheap at any size of the register.
"""

import contextlib
import threading
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import attainment, rules
from .models import (
    COUNTED_FIELDS,
    COUNTED_STATUSES,
    DuplicateGroup,
    LiteracyCount,
    LiteracyStandardSum,
    Person,
    SurveyRound,
    cells_written,
    field_names,
    people_written,
)

# 0x4C43 ("LC"): the namespace of the advisory locks of this module on PostgreSQL.
_LOCK_NAMESPACE = 0x4C43 << 48

_CELL_KEYS = (
    "round_id",
    "commune_id",
    "birth_year",
    "born_after_30_9",
    "sex",
    "ethnic_minority",
    "exempt",
    "literacy_level",
    "status",
)
_GROUP_KEYS = ("round_id", "commune_id", "name_folded", "birth_year")


def _ids(values: Iterable[int] | None) -> list[int] | None:
    return None if values is None else sorted({int(v) for v in values})


def _where(round_ids: list[int] | None, commune_ids: list[int] | None, prefix: str = "") -> tuple[list, list]:
    clauses, params = [], []
    for column, ids in (("round_id", round_ids), ("commune_id", commune_ids)):
        if ids is not None:
            clauses.append(f"{prefix}{column} IN ({', '.join(['%s'] * len(ids))})")
            params += ids
    return clauses, params


def _sql_where(clauses: list[str]) -> str:
    return (" WHERE " + " AND ".join(clauses)) if clauses else ""


def _cells_select(round_ids: list[int] | None, commune_ids: list[int] | None) -> tuple[str, list]:
    """The cells of these rounds × communes from the people, one SELECT … GROUP BY.

    Only the people the standard counts (COUNTED_STATUSES), and a birth year only as finely as the
    standard can tell apart: a person too young or too old for every band of literacy.rules by both
    age methods, counted by the round's statistics year, is counted at one year just outside them
    (and as born before 30/9). Every band filter of literacy.attainment gives the same result on
    these cells as on the people, with several times fewer cells (a different set of bands in the
    rules needs `manage.py rebuild_counts`)."""
    quote = connection.ops.quote_name
    young = min(band.age_from for band in rules.BANDS)
    old = max(band.age_to for band in rules.BANDS)
    # By the exact method (full years on 30/9) a person is at most one year younger than by birth year.
    outside = "(p.birth_year > r.year - %s OR p.birth_year < r.year - %s)"
    birth_year = (
        "CASE WHEN p.birth_year > r.year - %s THEN r.year - %s "
        "WHEN p.birth_year < r.year - %s THEN r.year - %s ELSE p.birth_year END"
    )
    born_after = f"CASE WHEN {outside} THEN %s ELSE (p.birth_mmdd > 930) END"
    keys = ["p.round_id", "p.commune_id", birth_year, born_after]
    keys += ["p.sex", "p.ethnic_minority", "p.exempt", "p.literacy_level", "p.status"]
    params: list = [young, young - 1, old + 1, old + 2, young, old + 1, False]
    clauses, where_params = _where(round_ids, commune_ids, "p.")
    clauses.append(f"p.status IN ({', '.join(['%s'] * len(COUNTED_STATUSES))})")
    sql = (
        f"SELECT {', '.join(keys)}, COUNT(*) FROM {quote(Person._meta.db_table)} p "
        f"INNER JOIN {quote(SurveyRound._meta.db_table)} r ON r.id = p.round_id{_sql_where(clauses)} "
        f"GROUP BY {', '.join(str(i) for i in range(1, len(keys) + 1))}"
    )
    return sql, [*params, *where_params, *[str(s) for s in COUNTED_STATUSES]]


def _lock(round_ids: list[int] | None, commune_ids: list[int] | None) -> None:
    """Two transactions refreshing the same round × commune would each delete the cells the other
    cannot see yet and both insert: on PostgreSQL the second waits for the first (an advisory lock
    per round × commune, taken in a fixed order), then reads the people as the first left them.
    SQLite writes one transaction at a time."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        if round_ids is None:
            # Everything (rebuild_counts): lock the cells' table instead.
            table = connection.ops.quote_name(LiteracyCount._meta.db_table)
            cursor.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")
            return
        if commune_ids is None:
            # Whole rounds (a new round's copy): the communes they hold, so other rounds need not wait.
            people = Person.objects.filter(round_id__in=round_ids).order_by().values_list("round_id", "commune_id")
            cells = LiteracyCount.objects.filter(round_id__in=round_ids).values_list("round_id", "commune_id")
            pairs = sorted(set(people.distinct()) | set(cells.order_by().distinct()))
        else:
            pairs = [(r, c) for r in round_ids for c in commune_ids]
        for round_id, commune_id in pairs:
            key = _LOCK_NAMESPACE ^ ((round_id & 0xFFFFFF) << 24) ^ (commune_id & 0xFFFFFF)
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


@transaction.atomic
def refresh(*, round_ids: Iterable[int] | None = None, commune_ids: Iterable[int] | None = None) -> None:
    """Recompute the kept counts of these rounds × communes (None: all) from the people."""
    round_ids, commune_ids = _ids(round_ids), _ids(commune_ids)
    if round_ids == [] or commune_ids == []:
        return
    _lock(round_ids, commune_ids)
    clauses, params = _where(round_ids, commune_ids)
    where = _sql_where(clauses)
    quote = connection.ops.quote_name
    cells = quote(LiteracyCount._meta.db_table)
    groups = quote(DuplicateGroup._meta.db_table)
    group_keys = ", ".join(_GROUP_KEYS)
    select_cells, cell_params = _cells_select(round_ids, commune_ids)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {cells}{where}", params)
        cursor.execute(f"INSERT INTO {cells} ({', '.join(_CELL_KEYS)}, n) {select_cells}", cell_params)
        cursor.execute(f"DELETE FROM {groups}{where}", params)
        cursor.execute(
            f"INSERT INTO {groups} ({group_keys}, n) SELECT {group_keys}, COUNT(*) "
            f"FROM {quote(Person._meta.db_table)}{_sql_where([*clauses, 'duplicate_cleared = %s'])} "
            f"GROUP BY {group_keys} HAVING COUNT(*) > 1",
            [*params, False],
        )
    _refresh_sums(round_ids, commune_ids)


def _refresh_sums(round_ids: list[int] | None, commune_ids: list[int] | None) -> None:
    """The standard's sums (LiteracyStandardSum) of these rounds × communes, from their cells: one
    query per round (attainment.cube_sums, the standard's own filters) and one bulk insert of a few
    rows per commune."""
    sums = LiteracyStandardSum.objects.all()
    rounds = SurveyRound.objects.order_by("pk")
    if round_ids is not None:
        sums, rounds = sums.filter(round_id__in=round_ids), rounds.filter(pk__in=round_ids)
    if commune_ids is not None:
        sums = sums.filter(commune_id__in=commune_ids)
    sums.delete()
    rows = [
        LiteracyStandardSum(
            round=survey_round,
            commune_id=commune_id,
            age_method=method,
            band=band_key,
            group=group,
            **figures,
        )
        for survey_round in rounds
        for method, communes in attainment.cube_sums(survey_round, commune_ids).items()
        for commune_id, by_band in communes.items()
        for (band_key, group), figures in by_band.items()
    ]
    LiteracyStandardSum.objects.bulk_create(rows, batch_size=2000)


def refresh_people(pairs: Iterable[tuple[int, int]]) -> None:
    """Refresh the rounds × communes of these (round id, commune id) pairs, grouped by round so a
    change in two rounds does not recompute the cross product."""
    by_round: dict[int, set[int]] = {}
    for round_id, commune_id in pairs:
        by_round.setdefault(round_id, set()).add(commune_id)
    for round_id, commune_ids in sorted(by_round.items()):
        refresh(round_ids=[round_id], commune_ids=commune_ids)


_state = threading.local()


@contextlib.contextmanager
def batch():
    """Note the rounds × communes written inside and refresh each once at the end, in the same
    transaction. Nested batches join the outermost; usable as a decorator (`@counts.batch()`)."""
    if getattr(_state, "pending", None) is not None:
        yield
        return
    with transaction.atomic():
        _state.pending = set()
        try:
            yield
            pending = _state.pending
        finally:
            _state.pending = None
        refresh_people(pending)


def touched(pairs: Iterable[tuple[int | None, int | None]]) -> None:
    """People of these (round id, commune id) were written: refresh them now, or at the batch's end."""
    pairs = {(r, c) for r, c in pairs if r is not None and c is not None}
    pending = getattr(_state, "pending", None)
    if pending is not None:
        pending |= pairs
    elif pairs:
        refresh_people(pairs)


@receiver(people_written, sender=Person)
def _people_written(sender, pairs, **kwargs) -> None:
    touched(pairs)


@receiver(cells_written, sender=LiteracyCount)
def _cells_written(sender, pairs, **kwargs) -> None:
    if pairs is None:
        _lock(None, None)
        _refresh_sums(None, None)
        return
    for round_id, commune_id in sorted(pairs):
        _lock([round_id], [commune_id])
        _refresh_sums([round_id], [commune_id])


@receiver(post_save, sender=Person)
def _person_saved(sender, instance: Person, update_fields=None, **kwargs) -> None:
    if update_fields is not None and not field_names(update_fields) & COUNTED_FIELDS:
        return
    now = (instance.round_id, instance.commune_id)
    before = getattr(instance, "_counted_in", now)
    instance._counted_in = now
    touched({now, before})


@receiver(post_delete, sender=Person)
def _person_deleted(sender, instance: Person, origin=None, **kwargs) -> None:
    # A round deleted takes its cells with it (on_delete=CASCADE): nothing to recompute, and cells
    # inserted again for it would point at a deleted round.
    model = getattr(origin, "model", type(origin))
    if model is not SurveyRound:
        touched({(instance.round_id, instance.commune_id)})


def rebuild() -> None:
    """Every kept count of the literacy register, from the raw rows (manage.py rebuild_counts)."""
    refresh()
