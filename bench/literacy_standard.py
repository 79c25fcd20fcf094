"""Bench: the portal's commune literacy standard for every commune vs one hand-written SQL aggregate.

    .venv/bin/python bench/literacy_standard.py --persons 500000 [--communes 20] [--repeat 5]

Builds its own database (SQLite file in /tmp unless DATABASE_URL is set: use a throw-away
database), fills one survey round with `--persons` people, then times
  portal   = literacy.attainment.office_standard(office, year)   (settings, round, communes, 1 aggregate)
  baseline = the same conditional counts written by hand as one SELECT … GROUP BY commune_id
and prints portal ÷ baseline (target ≤ 1.3) and the portal's peak Python memory at two sizes (flat).
"""

import argparse
import os
import random
import statistics
import sys
import time
import tracemalloc
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gdtx_portal.settings.test")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/bench_literacy_standard.sqlite3")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

YEAR = 2026


def setup_database(persons: int, communes: int):
    from bench.database import fresh_database

    fresh_database()
    from django.db import connection

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
    household_rows = []
    per_household = 4
    n_households = persons // per_household
    for h in range(n_households):
        c = h % communes
        household_rows.append(
            (
                survey_round.pk,
                commune_units[c].pk,
                hamlets[c].pk,
                f"H{h}",
                "",
                "Chủ hộ",
                "permanent",
                uuid.uuid4().hex,
                False,
                1,
            )
        )
    hh_table = Household._meta.db_table
    p_table = Person._meta.db_table
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {hh_table} (round_id, commune_id, hamlet_id, code, house_number, head_name, residence,"
            " lineage, is_demo, version) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            household_rows,
        )
    ids = list(Household.objects.filter(round=survey_round).order_by("id").values_list("id", "commune_id"))
    batch = []
    statuses = ["present"] * 18 + ["moved", "deceased"]
    for i in range(persons):
        household_id, commune_id = ids[i % len(ids)]
        level = rng.choices([0, 1, 2], weights=[8, 7, 85])[0]
        disability = rng.random() < 0.01
        batch.append(
            (
                survey_round.pk,
                household_id,
                commune_id,
                uuid.uuid4().hex,
                "Người",
                "nguoi",
                rng.randint(1940, 2025),
                0,
                rng.choice("MF"),
                "01",  # Kinh (units.ethnicity)
                rng.random() < 0.1,
                "",
                {0: 0, 1: 3, 2: 9}[level],
                0,
                False,
                level,
                disability,
                disability and rng.random() < 0.5,
                "permanent",
                rng.choice(statuses),
                False,
                False,
                1,
            )
        )
        if len(batch) == 20000 or i == persons - 1:
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {p_table} (round_id, household_id, commune_id, lineage, full_name, name_folded,"
                    " birth_year, birth_mmdd, sex, ethnicity, ethnic_minority, relation, grade, stage,"
                    " found_illiterate, literacy_level, disability, exempt, residence, status, duplicate_cleared,"
                    " is_demo, version) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s,"
                    " %s, %s, %s, %s, %s)",
                    batch,
                )
            batch = []
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return office, survey_round, SurveyRound


def hand_written_sql(survey_round_id: int, commune_ids: list[int]) -> list:
    """The same numbers, written by hand: conditional sums per commune in one statement."""
    from django.db import connection

    parts = ["COUNT(*)"]
    params: list = []
    for age_to in (25, 35, 60):
        band = "birth_year BETWEEN %s AND %s"
        for group in ("1=1", "sex = 'F'", "ethnic_minority"):
            base = f"{band} AND {group}"
            for extra in (
                "1=1",
                "exempt",
                "literacy_level >= 1",
                "literacy_level >= 2",
                "literacy_level >= 1 AND NOT exempt",
                "literacy_level >= 2 AND NOT exempt",
            ):
                parts.append(f"SUM(CASE WHEN {base} AND {extra} THEN 1 ELSE 0 END)")
                params += [YEAR - age_to, YEAR - 15]
    placeholders = ", ".join(["%s"] * len(commune_ids))
    sql = (
        f"SELECT commune_id, {', '.join(parts)} FROM literacy_person WHERE round_id = %s AND commune_id IN "
        f"({placeholders}) AND status IN ('present', 'arrived', 'born') GROUP BY commune_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, survey_round_id, *commune_ids])
        return cursor.fetchall()


# The hand-written SELECT's columns after COUNT(*), in its order: band × group × count.
SQL_COLUMNS = [
    (age_to, group, name)
    for age_to in (25, 35, 60)
    for group in ("all", "female", "minority")
    for name in ("population", "exempt", "literate1", "literate2", "literate1_ne", "literate2_ne")
]


def check_every_figure(result, sql_rows: list) -> None:
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
    print(f"cross-check: {compared:,} figures of {len(result.communes)} communes agree with the hand-written SQL")


def timed_pair(first, second, repeat: int) -> tuple[float, float]:
    """Medians of alternating runs, so a machine busy with other work slows both alike."""
    a, b = [], []
    for _ in range(repeat):
        for func, samples in ((first, a), (second, b)):
            start = time.perf_counter()
            func()
            samples.append(time.perf_counter() - start)
    return statistics.median(a), statistics.median(b)


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
    args = parser.parse_args()

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
    portal = lambda: attainment.office_standard(office, YEAR)  # noqa: E731
    baseline = lambda: hand_written_sql(survey_round.pk, commune_ids)  # noqa: E731
    result = portal()
    check_every_figure(result, baseline())
    portal()
    baseline()
    t_portal, t_base = timed_pair(portal, baseline, args.repeat)
    tracemalloc.start()
    portal()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"portal   office_standard : {t_portal * 1000:8.1f} ms (median of {args.repeat}, alternating)")
    print(f"baseline one SQL aggregate: {t_base * 1000:8.1f} ms")
    print(f"ratio portal / baseline   : {t_portal / t_base:.2f}  (target ≤ 1.3)")
    print(
        f"portal peak Python memory : {peak / 1024:.0f} KiB for {args.persons:,} people "
        "(rows never reach Python: one row per commune)"
    )


if __name__ == "__main__":
    main()
