"""Province scale: every page of the journeys at demo size and with a province on the register.

    .venv/bin/python bench/scale.py [--communes 120] [--people 2000000] [--families 400000]
                                    [--repeat 20] [--tiny] [--fresh] [--measure-only]

PostgreSQL only (127.0.0.1:5432, user postgres; override with BENCH_PG=postgres://...), database
gdtx_bench_scale. Steps, each timed and printed:

1. Demo size: gdtx_bench_scale is created from the template gdtx_bench_scale_demo (migrated and
   seeded with `seed_demo` by the first run, or by --fresh; later runs clone it in seconds and
   `migrate` it), then `rebuild_counts`, VACUUM ANALYZE, and every page is measured in-process with
   bench/pages.py's functions (production settings, the test client, one warm-up request, then
   --repeat timed requests: p95 server time and query count).
2. Province: the demo office grows to --communes communes (each with 8 hamlets, 12 schools and a
   community learning centre: ≥1,300 schools and centres at 120), --people people split over the
   office's two survey rounds (the same people in both, as a round carries households over; about
   four to a household), --families learning families with registrations and assessments for two
   years, recognised by one decision per commune and year, a year of centre activities (four a
   month per new centre) and every report period's submissions for the new schools and centres (their
   figures copied from a demo submission of the same kind). Rows are generated in Python and
   written by COPY (bench.database.insert_rows → units.bulk_copy, psycopg2 copy_expert of the
   text stream); the figures of the copied submissions by one INSERT … SELECT. These writes go past
   the services, so afterwards: VACUUM ANALYZE, `manage.py rebuild_counts` (every app's kept counts
   from the raw rows), ANALYZE, and the shared cache is cleared (a bulk load leaves no audit entry
   for the panels' versions to see).
3. Every page again at province size; the table gives demo p95, province p95, their ratio and the
   query counts (a page whose count differs is flagged: its cost follows the data, not the page).

Measured 2026-12-02 on the 2-core machine shared with other work, --communes 120 --people 2000000
--families 400000: see docs/deployment.md ("Sizing") for the figures and the build time.

--tiny: a small province (16 communes, 4,000 people, 800 families, 3 repeats) for the CI smoke
test; --measure-only re-measures an existing province (the demo figures from the last run's
/tmp/gdtx_bench_scale_demo.json); --fresh re-seeds the demo template.
"""

import argparse
import datetime
import json
import os
import random
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import pages  # noqa: E402

DATABASE = "gdtx_bench_scale"
TEMPLATE = f"{DATABASE}_demo"
DEMO_FIGURES = Path(f"/tmp/{TEMPLATE}.json")
PY = str(ROOT / ".venv" / "bin" / "python")
HAMLETS, SCHOOLS, ACTIVITIES_A_MONTH = 8, 12, 4
SCHOOL_LEVELS = ["MN", "MN", "MN", "MN", "TH", "TH", "TH", "TH", "THCS", "THCS", "THCS", "TH"]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
SURNAMES += ["Dương", "Lý", "Lò", "Hà", "Giàng", "Thào", "Sùng", "Mai", "Cao", "Đinh"]
MIDDLE = ["Văn", "Thị", "Đức", "Ngọc", "Minh", "Thu", "Hữu", "Xuân", "Thanh", "Quốc", "Kim", "Công"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hoa", "Hùng", "Hương", "Khánh", "Lan"]
GIVEN += ["Linh", "Long", "Mai", "Nam", "Nga", "Nhung", "Phong", "Phương", "Quân", "Quỳnh", "Sơn", "Tâm"]
GIVEN += ["Thảo", "Thắng", "Thủy", "Trang", "Trung", "Tuấn", "Vân", "Việt", "Xuân", "Yến", "Pấng", "Chứ"]
MINORITIES = ["02", "03", "04", "05", "06", "07", "10", "12"]
STATUSES = ["present"] * 46 + ["moved", "deceased", "arrived", "born"]


def log(text: str) -> None:
    print(text, flush=True)


def admin_sql(sql: str) -> None:
    base = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
    subprocess.run(["psql", f"{base}/postgres", "-qXc", sql], check=True, stdout=subprocess.DEVNULL)


def database_exists(name: str) -> bool:
    base = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
    out = subprocess.run(
        ["psql", f"{base}/postgres", "-qAtXc", f"SELECT 1 FROM pg_database WHERE datname = '{name}'"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return out.strip() == "1"


def prepare_demo(fresh: bool) -> None:
    """gdtx_bench_scale as a copy of the seeded demo template (created on the first run)."""
    base = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
    env = dict(os.environ, DATABASE_URL=f"{base}/{TEMPLATE}", DJANGO_SETTINGS_MODULE="gdtx_portal.settings.local")
    if fresh or not database_exists(TEMPLATE):
        started = time.perf_counter()
        admin_sql(f"DROP DATABASE IF EXISTS {TEMPLATE}")
        admin_sql(f"CREATE DATABASE {TEMPLATE}")
        for command in (["migrate", "--no-input", "-v0"], ["seed_demo"]):
            subprocess.run(
                [PY, "-W", "ignore", "manage.py", *command], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL
            )
        log(f"demo template {TEMPLATE}: migrate + seed_demo {time.perf_counter() - started:.0f} s")
    else:  # migrations added since the template was seeded
        subprocess.run([PY, "-W", "ignore", "manage.py", "migrate", "--no-input", "-v0"], env=env, cwd=ROOT, check=True)
    admin_sql(f"DROP DATABASE IF EXISTS {DATABASE}")
    admin_sql(f"CREATE DATABASE {DATABASE} TEMPLATE {TEMPLATE}")


def timed(label: str, func, *args, **kwargs):
    started = time.perf_counter()
    result = func(*args, **kwargs)
    log(f"  {label}: {time.perf_counter() - started:.1f} s")
    return result


def settle() -> None:
    """After writes past the services: planner statistics, kept counts, an empty shared cache."""
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection

    from bench.database import analyze

    timed("VACUUM ANALYZE", analyze)
    from units.management.commands.rebuild_counts import count_keepers

    keepers = [label for label, _rebuild in count_keepers()]
    with open(os.devnull, "w") as quiet:
        timed(
            f"rebuild_counts ({', '.join(keepers) or 'no app keeps counts'})",
            call_command,
            "rebuild_counts",
            stdout=quiet,
        )
    with connection.cursor() as cursor:
        timed("ANALYZE", cursor.execute, "ANALYZE")
    cache.clear()


# The province --------------------------------------------------------------------------------------


def grow_units(office, communes: int) -> dict:
    """New communes under the office, each with hamlets, schools and a centre; returns their ids."""
    from django.db import connection

    from bench.database import insert_rows
    from units.models import Unit, UnitKind
    from units.text import fold

    existing = Unit.objects.filter(parent=office, kind=UnitKind.COMMUNE).count()
    new = max(0, communes - existing)

    def unit_rows(specs):
        for code, name, kind, label, level, parent_id, difficult in specs:
            full = f"{label} {name}" if label else name
            yield (code, name, kind, label, level, parent_id, difficult, fold(f"{code} {full}")[:300])

    fields = ["code", "name", "kind", "level_label", "school_level", "parent_id", "especially_difficult", "search_text"]
    insert_rows(
        Unit,
        fields,
        unit_rows(
            (f"SX{c:04d}", f"Bình An {c}", UnitKind.COMMUNE, "Xã", "", office.pk, c % 6 == 0) for c in range(new)
        ),
    )
    commune_ids = dict(Unit.objects.filter(code__startswith="SX").values_list("code", "pk"))
    specs = []
    for code, commune_id in commune_ids.items():
        for h in range(HAMLETS):
            specs.append((f"{code}-T{h}", f"Thôn {h + 1}", UnitKind.HAMLET, "Thôn", "", commune_id, False))
        for s in range(SCHOOLS):
            level = SCHOOL_LEVELS[s]
            name = {"MN": "Trường Mầm non", "TH": "Trường Tiểu học", "THCS": "Trường THCS"}[level]
            specs.append((f"{code}-S{s}", f"{name} {code[2:]}-{s}", UnitKind.SCHOOL, "", level, commune_id, False))
        specs.append((f"{code}-TT", f"Trung tâm HTCĐ {code[2:]}", UnitKind.CENTRE, "", "", commune_id, False))
    insert_rows(Unit, fields, unit_rows(specs))
    with connection.cursor() as cursor:  # the materialised paths, one level at a time
        while True:
            cursor.execute(
                "UPDATE units_unit u SET path = p.path || u.id || '/', depth = p.depth + 1 FROM units_unit p "
                "WHERE u.parent_id = p.id AND u.path = '' AND p.path <> ''"
            )
            if cursor.rowcount == 0:
                break
    new_units = Unit.objects.filter(code__startswith="SX")
    return {
        "communes": sorted(commune_ids.values()),
        "hamlets": list(new_units.filter(kind=UnitKind.HAMLET).order_by("pk").values_list("pk", "parent_id")),
        "centres": list(new_units.filter(kind=UnitKind.CENTRE).values_list("pk", flat=True)),
        "schools": list(new_units.filter(kind=UnitKind.SCHOOL).values_list("pk", flat=True)),
    }


def names(rng):
    """(full name, folded) pairs to draw from: surname × middle × given."""
    from units.text import fold

    pairs = []
    for s in SURNAMES:
        for m in MIDDLE:
            for g in GIVEN:
                full = f"{s} {m} {g}"
                pairs.append((full, fold(full)))
    rng.shuffle(pairs)
    return pairs


def grow_people(office, units: dict, people: int, rng) -> int:
    """`people` people split over the office's last two survey rounds: the same households and
    people (same lineage) in both, about four to a household, in the new communes' hamlets."""
    from bench.database import insert_rows
    from literacy.models import Household, Person, SurveyRound

    rounds = list(SurveyRound.objects.filter(office=office).order_by("-year", "-number")[:2])
    per_round = people // max(1, len(rounds))
    households = max(1, per_round // 4)
    hamlets = units["hamlets"]
    pool = names(rng)
    total = 0
    for survey_round in rounds:
        insert_rows(
            Household,
            ["round_id", "commune_id", "hamlet_id", "code", "head_name", "lineage"],
            (
                (
                    survey_round.pk,
                    hamlets[h % len(hamlets)][1],
                    hamlets[h % len(hamlets)][0],
                    f"SH{h}",
                    pool[h % len(pool)][0],
                    uuid.UUID(int=h + 1),
                )
                for h in range(households)
            ),
        )
        ids = list(
            Household.objects.filter(round=survey_round, code__startswith="SH")
            .order_by("pk")
            .values_list("pk", "commune_id")
        )
        year = survey_round.year
        person_rng = random.Random(7)  # the same people in both rounds

        def rows(ids=ids, year=year, survey_round=survey_round, person_rng=person_rng):
            for i in range(per_round):
                household_id, commune_id = ids[(i // 4) % len(ids)]
                full, folded = pool[(i * 7919) % len(pool)]
                level = person_rng.choices((0, 1, 2), weights=(6, 6, 88))[0]
                minority = person_rng.random() < 0.15
                disability = person_rng.random() < 0.01
                yield (
                    survey_round.pk,
                    household_id,
                    commune_id,
                    uuid.UUID(int=(1 << 64) + i),
                    full,
                    folded,
                    person_rng.randint(year - 90, year),
                    person_rng.choice((0, 101, 315, 930, 1001, 1231)),
                    person_rng.choice("MF"),
                    person_rng.choice(MINORITIES) if minority else "01",
                    minority,
                    {0: 0, 1: 3, 2: 9}[level],
                    level,
                    disability,
                    disability and person_rng.random() < 0.5,
                    person_rng.choice(STATUSES),
                )

        total += insert_rows(
            Person,
            [
                "round_id",
                "household_id",
                "commune_id",
                "lineage",
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
            rows(),
        )
    return total


def grow_families(units: dict, families: int, rng) -> int:
    """Learning families in the new hamlets, registered and assessed in two years, the passed ones
    recognised by one decision per commune and year (expiring after the 3 following years)."""
    from bench.database import insert_rows
    from learning_society import services
    from learning_society.models import Assessment, Decision, Registration, Subject, Title

    hamlets = units["hamlets"]
    pool = names(rng)
    insert_rows(
        Subject,
        ["title", "name", "area_id", "head_name", "members", "source_ref"],
        (
            (
                Title.FAMILY,
                f"Gia đình {pool[f % len(pool)][0]}",
                hamlets[f % len(hamlets)][0],
                pool[f % len(pool)][0],
                3 + f % 4,
                f"SF{f}",
            )
            for f in range(families)
        ),
    )
    subjects = list(
        Subject.objects.filter(source_ref__startswith="SF", title=Title.FAMILY).values_list("pk", "area__parent_id")
    )
    written = len(subjects)
    for year, signed_on in ((2025, datetime.date(2025, 12, 15)), (2026, datetime.date(2026, 11, 10))):
        rubric = services.rubric_or_error(Title.FAMILY, year)
        insert_rows(
            Decision,
            ["issuer_id", "issuer_name", "year", "title", "number", "signed_on", "signer_name", "signer_position"],
            (
                (c, "UBND xã", year, Title.FAMILY, f"S{year}-{c}/QĐ-UBND", signed_on, "Nguyễn Văn Ký", "Chủ tịch")
                for c in units["communes"]
            ),
        )
        decisions = dict(Decision.objects.filter(number__startswith=f"S{year}-").values_list("issuer_id", "pk"))
        written += insert_rows(
            Registration,
            ["subject_id", "year", "registered_on"],
            ((pk, year, datetime.date(year, 3, 15)) for pk, _commune in subjects),
        )
        expires = datetime.date(year + 3, 12, 31)

        def assessments(year=year, rubric=rubric, decisions=decisions, signed_on=signed_on, expires=expires):
            for pk, commune_id in subjects:
                draw = rng.random()
                if draw < 0.1:
                    continue  # registered, not assessed
                passed = draw < 0.85
                recognised = passed and (year == 2025 or commune_id % 2 == 0)
                status = Assessment.Status.RECOGNISED if recognised else Assessment.Status.CHECKED
                yield (
                    pk,
                    year,
                    rubric.pk,
                    status,
                    rng.randint(70, 100) if passed else rng.randint(30, 69),
                    passed,
                    decisions[commune_id] if recognised else None,
                    signed_on if recognised else None,
                    expires if recognised else None,
                )

        written += insert_rows(
            Assessment,
            [
                "subject_id",
                "year",
                "rubric_id",
                "status",
                "total",
                "passed",
                "decision_id",
                "recognised_on",
                "expires_on",
            ],
            assessments(),
        )
    return written


def grow_activities(units: dict, rng) -> int:
    """A school year of activities in every new centre, four a month."""
    from bench.database import insert_rows
    from centers.models import Activity

    kinds = [c for c, _label in Activity._meta.get_field("kind").choices]
    fields = [c for c, _label in Activity._meta.get_field("field").choices]
    start = datetime.date(2025, 9, 1)

    def rows():
        for centre in units["centres"]:
            for a in range(12 * ACTIVITIES_A_MONTH):
                day = start + datetime.timedelta(days=a * 365 // (12 * ACTIVITIES_A_MONTH))
                participants = rng.randint(15, 80)
                yield (
                    centre,
                    rng.choice(kinds),
                    rng.choice(fields),
                    f"Hoạt động {a + 1}",
                    day,
                    day,
                    1,
                    participants,
                    participants // 2,
                    participants // 5,
                    participants // 4,
                )

    return insert_rows(
        Activity,
        [
            "centre_id",
            "kind",
            "field",
            "title",
            "start_date",
            "end_date",
            "sessions",
            "participants",
            "women",
            "ethnic_minority",
            "elderly",
        ],
        rows(),
    )


def grow_submissions(units: dict) -> int:
    """Each report period's submissions for the new units of the kinds and levels it already has,
    as the demo submission of the same period and kind (status, dates and figures)."""
    from django.db import connection

    from bench.database import insert_rows
    from reports.models import DataValue, Submission
    from units.models import Unit

    new_units = list(
        Unit.objects.filter(pk__in=units["schools"] + units["centres"]).values_list("pk", "kind", "school_level")
    )
    templates = {}
    for sub in Submission.objects.exclude(unit__code__startswith="SX").select_related("unit").order_by("pk"):
        templates.setdefault((sub.period_id, sub.unit.kind, sub.unit.school_level), sub)
    fields = [
        "period_id",
        "unit_id",
        "status",
        "version",
        "comment",
        "submitted_at",
        "first_submitted_at",
        "reviewed_at",
    ]
    pairs = []
    for (period_id, kind, level), template in templates.items():
        for pk, unit_kind, unit_level in new_units:
            if (unit_kind, unit_level) == (kind, level):
                pairs.append(
                    (
                        (period_id, pk, template.status, template.version, "", template.submitted_at,
                         template.first_submitted_at, template.reviewed_at),
                        template.pk,
                    )
                )  # fmt: skip
    written = insert_rows(Submission, fields, (row for row, _template in pairs))
    by_key = {
        (p, u): pk
        for p, u, pk in Submission.objects.filter(unit__code__startswith="SX").values_list("period_id", "unit_id", "pk")
    }
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMP TABLE scale_copy (new_id bigint, template_id bigint)")
        from units.bulk_copy import copy_rows

        copy_rows("scale_copy", ["new_id", "template_id"], ((by_key[row[0], row[1]], t) for row, t in pairs))
        columns = [f.column for f in DataValue._meta.concrete_fields if f.column not in ("id", "submission_id")]
        table = DataValue._meta.db_table
        cursor.execute(
            f"INSERT INTO {table} (submission_id, {', '.join(columns)}) "
            f"SELECT m.new_id, {', '.join('v.' + c for c in columns)} FROM scale_copy m "
            f"JOIN {table} v ON v.submission_id = m.template_id"
        )
        written += cursor.rowcount
        cursor.execute("DROP TABLE scale_copy")
    return written


def build_province(args) -> None:
    from django.db import transaction

    from units.models import User
    from units.selectors import active_memberships

    officer = User.objects.get(username=pages.OFFICER)
    office = next(m.unit for m in active_memberships(officer))
    rng = random.Random(20)
    started = time.perf_counter()
    log(f"Province: {args.communes} communes, {args.people:,} people, {args.families:,} families (COPY)")
    with transaction.atomic():
        units = timed("units", grow_units, office, args.communes)
        log(
            f"    {len(units['communes'])} new communes, {len(units['hamlets'])} hamlets, "
            f"{len(units['schools'])} schools, {len(units['centres'])} centres"
        )
        n = timed("households and people", grow_people, office, units, args.people, rng)
        log(f"    {n:,} people")
        n = timed("families, registrations, assessments, decisions", grow_families, units, args.families, rng)
        log(f"    {n:,} rows")
        n = timed("centre activities", grow_activities, units, rng)
        log(f"    {n:,} activities")
        n = timed("report submissions and their figures", grow_submissions, units)
        log(f"    {n:,} rows")
    settle()
    log(f"  province built in {time.perf_counter() - started:.0f} s")
    from units.models import Unit, UnitKind

    below = Unit.objects.filter(path__startswith=office.path)
    communes = below.filter(kind=UnitKind.COMMUNE).count()
    schools = below.filter(kind__in=[UnitKind.SCHOOL, UnitKind.CENTRE, UnitKind.DISTRICT_CENTRE]).count()
    log(f"  office totals: {communes} communes, {schools} schools and centres")


# The table -----------------------------------------------------------------------------------------

TARGET_MS = 300


def report(demo: list[dict], province: list[dict]) -> None:
    before = {row["page"]: row for row in demo}
    log("")
    log(f"{'page':28s} {'demo p95':>9s} {'prov p95':>9s} {'ratio':>6s} {'prov CPU':>9s} {'q demo':>7s} {'q prov':>7s}")
    for row in province:
        d = before.get(row["page"])
        if d is None:
            continue
        ratio = row["p95"] / d["p95"] if d["p95"] else 0
        flags = []
        if row["queries"] != d["queries"]:
            flags.append("queries differ")
        if row["p95"] > TARGET_MS:
            flags.append(f"> {TARGET_MS} ms")
        log(
            f"{row['page']:28s} {d['p95']:9.1f} {row['p95']:9.1f} {ratio:6.2f} {row.get('cpu', 0):9.1f} "
            f"{d['queries']:7d} {row['queries']:7d}  {'; '.join(flags)}"
        )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--communes", type=int, default=120)
    parser.add_argument("--people", type=int, default=2_000_000)
    parser.add_argument("--families", type=int, default=400_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--tiny", action="store_true", help="16 communes, 4,000 people, 800 families, 3 repeats")
    parser.add_argument("--fresh", action="store_true", help="seed the demo template again")
    parser.add_argument("--measure-only", action="store_true", help="measure the province built by the last run")
    args = parser.parse_args()
    if args.tiny:
        args.communes, args.people, args.families, args.repeat = 16, 4_000, 800, 3

    started = time.perf_counter()
    if not args.measure_only:
        prepare_demo(args.fresh)
    pages.configure(DATABASE)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    pages.ensure_static()
    if args.measure_only:
        demo = json.loads(DEMO_FIGURES.read_text())
    else:
        log("Demo size:")
        settle()
        log(pages.HEADER)
        demo = pages.measure(pages.journeys(extra=True), args.repeat, out=log)
        DEMO_FIGURES.write_text(json.dumps(demo))
        build_province(args)
    log("Province size:")
    log(pages.HEADER)
    province = pages.measure(pages.journeys(extra=True), args.repeat, out=log)
    report(demo, province)
    log(f"\nTotal {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
