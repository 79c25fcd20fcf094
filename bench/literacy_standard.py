"""Bench: the portal's commune literacy standard for every commune vs one hand-written SQL aggregate.

    .venv/bin/python bench/literacy_standard.py --persons 500000 [--communes 20] [--repeat 5]

Builds its own database (SQLite file in /tmp unless DATABASE_URL is set: use a throw-away
database), fills one survey round with `--persons` people, then times
  portal   = literacy.attainment.office_standard(office, year)   (settings, round, communes, and one
             read of the standard's sums the portal keeps of its cells, a few rows per commune)
  baseline = the same conditional counts written by hand as one scan of the people: SELECT … GROUP BY
             commune_id with COUNT(*) FILTER (WHERE …), what the portal's Count(filter=Q) compiles to
             (the fairest baseline; SUM(CASE …) is slower and flattered the portal)
  cube     = when the portal keeps counts (literacy/counts.py), the same SELECT as SUM(n) FILTER over
             the kept-counts table, rebuilt after the raw load
and prints portal ÷ baseline (target ≤ 1.3), portal ÷ cube and the portal's peak Python memory.
Every figure timed is cross-checked: the portal's against the scan's, the cube's against the scan's.
The raw inserts fill every column the model has (bench.database.insert_rows: the ones the bench does
not give get their defaults), on PostgreSQL by COPY, followed by VACUUM ANALYZE.
"""

import argparse
import os
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gdtx_portal.settings.test")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/bench_literacy_standard.sqlite3")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

YEAR = 2026


def setup_database(persons: int, communes: int):
    from bench.database import analyze, fresh_database, insert_rows

    fresh_database()
    from literacy import services
    from literacy.models import Household, Person, SurveyRound
    from units.models import UnitKind
    from units.services import unit_create

    office = unit_create(actor=None, code="BENCH", name="Phòng bench", kind=UnitKind.OFFICE, parent=None)
    commune_units, hamlets = [], []
    for c in range(communes):
        commune = unit_create(
            actor=None,
            code=f"BX{c}",
            name=f"Xã {c}",
            kind=UnitKind.COMMUNE,
            parent=office,
            especially_difficult=c % 5 == 0,
        )
        commune_units.append(commune)
        hamlets.append(unit_create(actor=None, code=f"BT{c}", name=f"Thôn {c}", kind=UnitKind.HAMLET, parent=commune))
    survey_round = services.round_create(
        actor=None, office=office, year=YEAR, number=1, reference_date=__import__("datetime").date(YEAR, 9, 30)
    )
    rng = random.Random(1)
    per_household = 4
    n_households = persons // per_household
    insert_rows(
        Household,
        ["round_id", "commune_id", "hamlet_id", "code", "head_name"],
        (
            (survey_round.pk, commune_units[h % communes].pk, hamlets[h % communes].pk, f"H{h}", "Chủ hộ")
            for h in range(n_households)
        ),
    )
    ids = list(Household.objects.filter(round=survey_round).order_by("id").values_list("id", "commune_id"))
    statuses = ["present"] * 18 + ["moved", "deceased"]

    def people():
        for i in range(persons):
            household_id, commune_id = ids[i % len(ids)]
            level = rng.choices([0, 1, 2], weights=[8, 7, 85])[0]
            disability = rng.random() < 0.01
            yield (
                survey_round.pk,
                household_id,
                commune_id,
                "Người",
                "nguoi",
                rng.randint(1940, 2025),
                rng.choice([0, 0, 0, 101, 930, 1001, 1231]),
                rng.choice("MF"),
                "01",  # Kinh (units.ethnicity)
                rng.random() < 0.1,
                {0: 0, 1: 3, 2: 9}[level],
                level,
                disability,
                disability and rng.random() < 0.5,
                rng.choice(statuses),
            )

    insert_rows(
        Person,
        [
            "round_id",
            "household_id",
            "commune_id",
            "full_name",
            "name_folded",
            "birth_year",
            "birth_mmdd",
            "sex",
            "ethnicity",
            "ethnic_minority",
            "grade",
            "literacy_level",
            "disability",
            "exempt",
            "status",
        ],
        people(),
    )
    refresh_kept_counts()
    analyze()
    return office, survey_round, SurveyRound


CONDITIONS = (
    "TRUE",
    "exempt",
    "literacy_level >= 1",
    "literacy_level >= 2",
    "literacy_level >= 1 AND NOT exempt",
    "literacy_level >= 2 AND NOT exempt",
)
GROUP_SQL = ("TRUE", "sex = 'F'", "ethnic_minority")


def _conditional_counts(table: str, count: str, survey_round_id: int, commune_ids: list[int], status: bool):
    """One SELECT … GROUP BY commune_id of every band × group × count, each an aggregate with a
    FILTER (WHERE …) clause: what the portal's Count("id", filter=Q(…)) compiles to on both databases.
    `count` is COUNT(*) over people or SUM(n) over a kept-counts table."""
    from django.db import connection

    parts = [count]
    params: list = []
    for age_to in (25, 35, 60):
        for group in GROUP_SQL:
            for extra in CONDITIONS:
                parts.append(f"{count} FILTER (WHERE birth_year BETWEEN %s AND %s AND {group} AND {extra})")
                params += [YEAR - age_to, YEAR - 15]
    placeholders = ", ".join(["%s"] * len(commune_ids))
    where = f"round_id = %s AND commune_id IN ({placeholders})"
    if status:
        where += " AND status IN ('present', 'arrived', 'born')"
    sql = f"SELECT commune_id, {', '.join(parts)} FROM {table} WHERE {where} GROUP BY commune_id"
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, survey_round_id, *commune_ids])
        return [tuple(v or 0 for v in row) for row in cursor.fetchall()]


def hand_written_sql(survey_round_id: int, commune_ids: list[int]) -> list:
    """The scan baseline: the same numbers counted by hand from the people, one statement."""
    from literacy.models import Person

    return _conditional_counts(Person._meta.db_table, "COUNT(*)", survey_round_id, commune_ids, status=True)


CUBE_KEYS = {"n", "round_id", "commune_id", "birth_year", "sex", "exempt", "literacy_level"}


def kept_counts_model():
    """The literacy kept-counts table if the portal has one (literacy/counts.py, issue 20): a model of
    the literacy app with a count `n` keyed by round, commune and birth year. None before it exists."""
    from django.apps import apps
    from django.db import connection

    tables = set(connection.introspection.table_names())
    for model in apps.get_app_config("literacy").get_models():
        names = {f.attname for f in model._meta.concrete_fields}
        if model._meta.db_table in tables and names >= CUBE_KEYS:
            return model
    return None


def cube_sql(survey_round_id: int, commune_ids: list[int]):
    """The same numbers by hand from the kept counts: SUM(n) FILTER over the cube's cells."""
    model = kept_counts_model()
    has_status = "status" in {f.attname for f in model._meta.concrete_fields}
    return _conditional_counts(model._meta.db_table, "SUM(n)", survey_round_id, commune_ids, status=has_status)


def refresh_kept_counts() -> None:
    """The bench writes people with raw inserts, past the services that keep the counts: rebuild them
    (when the portal keeps counts) as `manage.py rebuild_counts` would."""
    try:
        from literacy import counts
    except ImportError:
        return
    if not hasattr(counts, "rebuild") or kept_counts_model() is None:
        return
    started = time.perf_counter()
    counts.rebuild()
    print(f"kept counts rebuilt from the people in {time.perf_counter() - started:.1f} s")


# The hand-written SELECT's columns after COUNT(*), in its order: band × group × count.
SQL_COLUMNS = [
    (age_to, group, name)
    for age_to in (25, 35, 60)
    for group in ("all", "female", "minority")
    for name in ("population", "exempt", "literate1", "literate2", "literate1_ne", "literate2_ne")
]


def check_every_figure(result, sql_rows: list, *, quiet: bool = False) -> None:
    """Every figure of every commune, the portal's against the hand-written SQL: the head count, the
    54 counts (3 age bands × 3 groups × 6 counts) and each level's population, exempt and literate."""
    from literacy import rules

    rows = {row[0]: row for row in sql_rows}
    bands = {band.age_to: band for band in rules.BANDS}
    conf_exempt_leave = result.settings.exempt_leave_denominator
    wrong, compared = [], 0
    for commune in result.communes:
        row = rows.get(commune.commune.pk)
        expected = {"total_people": row[1] if row else 0}
        for (age_to, group, name), value in zip(SQL_COLUMNS, row[2:] if row else [0] * len(SQL_COLUMNS), strict=True):
            expected[f"{age_to}/{group}/{name}"] = value or 0
        shown = {"total_people": commune.total_people}
        for age_to, group, name in SQL_COLUMNS:
            shown[f"{age_to}/{group}/{name}"] = getattr(commune.band(bands[age_to], group), name)
        for level in (1, 2):
            result_level = commune.level1 if level == 1 else commune.level2
            band = rules.band_for(level, commune.especially_difficult)
            suffix = "_ne" if conf_exempt_leave else ""
            for name, sql_name in (
                ("population", "population"),
                ("exempt", "exempt"),
                ("literate", f"literate{level}{suffix}"),
            ):
                expected[f"level{level}/{name}"] = expected[f"{band.age_to}/all/{sql_name}"]
                shown[f"level{level}/{name}"] = getattr(result_level, name)
        compared += len(expected)
        wrong += [
            (commune.commune.name, key, shown[key], value) for key, value in expected.items() if shown[key] != value
        ]
    assert set(rows) <= {c.commune.pk for c in result.communes}, (
        "the SQL counts people in communes the portal leaves out"
    )
    assert compared == len(result.communes) * (1 + len(SQL_COLUMNS) + 6), compared
    assert not wrong, f"portal and SQL disagree on {len(wrong)} figures, e.g. {wrong[:5]}"
    if not quiet:
        print(f"cross-check: {compared:,} figures of {len(result.communes)} communes agree with the hand-written SQL")


def timed(funcs: dict, repeat: int) -> dict:
    """Median time of each function, run in turn `repeat` times, so a machine busy with other work
    slows them alike."""
    samples = {name: [] for name in funcs}
    for _ in range(repeat):
        for name, func in funcs.items():
            start = time.perf_counter()
            func()
            samples[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in samples.items()}


def reuse_database(persons: int):
    import django

    django.setup()
    from literacy.models import Person, SurveyRound
    from units.models import Unit

    office = Unit.objects.filter(code="BENCH").first()
    if office is None or Person.objects.count() != persons:
        return None
    return office, SurveyRound.objects.get(office=office), SurveyRound


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=500_000)
    parser.add_argument("--communes", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--reuse", action="store_true", help="Keep the database of a previous run of the same size")
    parser.add_argument("--smoke", action="store_true", help="A tiny run (CI): 2,000 people, 3 communes, 1 repeat")
    args = parser.parse_args()
    if args.smoke:
        args.persons, args.communes, args.repeat = 2000, 3, 1

    started = time.perf_counter()
    existing = reuse_database(args.persons) if args.reuse else None
    office, survey_round, _ = existing or setup_database(args.persons, args.communes)
    from django.db import connection

    from literacy import attainment
    from units.models import Unit

    print(
        f"database: {connection.vendor}, {args.persons:,} people in {args.communes} communes "
        f"({'reused' if existing else f'built in {time.perf_counter() - started:.1f} s'})"
    )
    commune_ids = list(Unit.objects.filter(kind="commune").values_list("pk", flat=True))
    funcs = {
        "portal": lambda: attainment.office_standard(office, YEAR),
        "scan": lambda: hand_written_sql(survey_round.pk, commune_ids),
    }
    cube = kept_counts_model()
    if cube is not None:
        funcs["cube"] = lambda: cube_sql(survey_round.pk, commune_ids)
    # Every value the bench times is checked: the portal's figures against the scan, the cube's rows
    # against the scan's, on the first run and on each timed run's results alike.
    scan_rows = sorted(funcs["scan"]())
    check_every_figure(funcs["portal"](), scan_rows)
    if cube is not None:
        assert sorted(funcs["cube"]()) == scan_rows, "the kept counts disagree with a scan of the people"
        print(f"cross-check: the kept counts ({cube._meta.db_table}) equal the scan, every commune and column")
    checked = {
        "portal": lambda: check_every_figure(funcs["portal"](), scan_rows, quiet=True),
        "scan": lambda: sorted(funcs["scan"]()) == scan_rows or sys.exit("the scan changed between runs"),
    }
    for name in funcs:
        funcs[name]()  # warm: the plans and the caches a second page view would find
    times = timed(funcs, args.repeat)
    for name in checked:  # the timed functions still give the checked figures
        checked[name]()
    tracemalloc.start()
    funcs["portal"]()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"portal   office_standard          : {times['portal'] * 1000:8.1f} ms (median of {args.repeat}, in turn)")
    print(f"baseline one scan, COUNT(*) FILTER: {times['scan'] * 1000:8.1f} ms")
    if cube is not None:
        print(f"cube     SUM(n) FILTER, kept counts: {times['cube'] * 1000:8.1f} ms")
    print(f"ratio portal / scan baseline      : {times['portal'] / times['scan']:.2f}  (target ≤ 1.3)")
    if cube is not None:
        print(f"ratio portal / cube by hand       : {times['portal'] / times['cube']:.2f}")
    print(
        f"portal peak Python memory         : {peak / 1024:.0f} KiB for {args.persons:,} people "
        "(the people never reach Python: a few kept sums per commune)"
    )


if __name__ == "__main__":
    main()
