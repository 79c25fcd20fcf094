"""Bench: importing a household workbook through the portal vs reading it with python-calamine and
bulk-inserting the same rows, and vs django-import-export (the peer a Django team would reach for).

    .venv/bin/python bench/import_households.py --rows 100000 [--peer-rows 20000] [--mapped]

Builds its own database (SQLite file in /tmp unless DATABASE_URL is set: use a throw-away database
whose name contains "bench"). Prints
  portal   = literacy.household_import.check (dry run: every rule, the diff with the register) + apply
             (one transaction; on PostgreSQL the new rows go through COPY)
  baseline = calamine read + the plain conversion of the same rows + PostgreSQL COPY (psycopg2
             copy_expert; SQLite: executemany), no validation at all
  peer     = django-import-export ModelResource.import_data on the same file (openpyxl via tablib),
             with its documented fast settings (use_bulk, force_init_instance, skip_diff, a foreign
             key widget that does not query per row), measured on --peer-rows rows, scaled per row.
             It validates nothing: the bench says so beside its time.
and the ratios portal ÷ baseline (target ≤ 2 on PostgreSQL at 100,000 rows) and peer ÷ portal. The
portal's and the baseline's rows are compared, every checked column of every person.
With --mapped the portal reads the same people laid out as the national survey form through the
built-in column mapping (issue 16: the importer keeps its speed with a mapped file); the baseline
still reads the template's layout.
django-import-export is not a dependency of the portal: install it in the venv for this bench only.
"""

import argparse
import datetime
import io
import os
import random
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gdtx_portal.settings.test")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/bench_import_households.sqlite3")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

YEAR = 2026
HAMLETS = 20


def make_units():
    from units.models import UnitKind
    from units.services import unit_create

    office = unit_create(actor=None, code="BENCH", name="Phòng bench", kind=UnitKind.OFFICE, parent=None)
    commune = unit_create(actor=None, code="BX1", name="Bench", kind=UnitKind.COMMUNE, parent=office)
    hamlets = [
        unit_create(
            actor=None, code=f"BT{i}", name=f"Thôn {i}", kind=UnitKind.HAMLET, parent=commune, level_label="Thôn"
        )
        for i in range(HAMLETS)
    ]
    return office, commune, hamlets


def make_workbook(rows: int) -> bytes:
    from openpyxl import Workbook

    from literacy import household_import

    rng = random.Random(7)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Nhan khau")
    sheet.append([c.header for c in household_import.COLUMNS])
    surnames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Lò"]
    given = ["Văn An", "Thị Bình", "Đức Cường", "Thị Dung", "Minh Hải", "Thu Hà", "Quang Long"]
    for i in range(rows):
        household = i // 4
        birth = (
            f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(1940, 2025)}"
            if i % 3
            else rng.randint(1940, 2025)
        )
        sheet.append(
            [
                f"H{household:06d}",
                f"Thôn {household % HAMLETS}",
                str(rng.randint(1, 300)),
                f"Chủ hộ {household}",
                f"{rng.choice(surnames)} {rng.choice(given)} {i}",
                birth,
                rng.choice(["Nam", "Nữ"]),
                "Kinh" if rng.random() < 0.9 else "Thái",
                "Con",
                rng.randint(0, 12),
                rng.choice(["", "", "GĐ1"]),
                "",
                "",
                "Thường trú",
                "",
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def make_national_workbook(rows: int) -> bytes:
    """The same kind of people in the national survey form's layout (ticks, classes, graduation)."""
    from openpyxl import Workbook

    from literacy.household_import.national import NATIONAL_COLUMNS

    headers = [header for header, _target, optional in NATIONAL_COLUMNS if not optional]
    rng = random.Random(7)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Phieu")
    sheet.append(headers)
    for i in range(rows):
        household = i // 4
        birth = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(1940, 2025)}" if i % 3 else 1980
        values = {
            "Số phiếu": f"H{household:06d}",
            "Thôn": f"Thôn {household % HAMLETS}",
            "Địa chỉ": str(rng.randint(1, 300)),
            "Chủ hộ": f"Chủ hộ {household}",
            "Họ tên": f"Người {i}",
            "Ngày sinh": birth,
            "Quan hệ": "Con",
            "Nữ": rng.choice(["x", ""]),
            "Dân tộc": "" if rng.random() < 0.9 else "Thái",
            "Lớp đang học": rng.choice(["", "", 4, 7]),
            "Năm tốt nghiệp": rng.choice(["", 2005]),
            "Mù chữ": rng.choice(["", "", "", "x"]),
        }
        sheet.append([values.get(h, "") for h in headers])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def new_round(office, number):
    from literacy import services

    return services.round_create(
        actor=None,
        office=office,
        year=YEAR + number,
        number=1,
        reference_date=datetime.date(YEAR + number, 9, 30),
        carry_over=False,
    )


def portal_import(data: bytes, survey_round, commune, mapping=None) -> tuple[int, float]:
    """The rows imported and the seconds of the check alone (the rest is apply's writing)."""
    from literacy import household_import

    started = time.perf_counter()
    plan = household_import.check(io.BytesIO(data), survey_round=survey_round, commune=commune, mapping=mapping)
    t_check = time.perf_counter() - started
    assert plan.ok, (plan.fatal, plan.errors[:3])
    household_import.apply(plan, actor=None, survey_round=survey_round, commune=commune)
    return plan.rows, t_check


def baseline_import(data: bytes, survey_round, commune, hamlets) -> int:
    """What the file costs at the least: calamine read, the plain conversion of each cell into the
    columns the portal writes (no check at all), then the rows written the fastest way the database
    has: PostgreSQL COPY (psycopg2 copy_expert) of households then people, SQLite executemany
    (bench.database.insert_rows; the columns the bench does not give get their defaults)."""
    import python_calamine
    from django.db import transaction

    from bench.database import insert_rows
    from literacy import rules
    from literacy.household_import.reader import STAGES
    from literacy.models import Household, Person
    from literacy.text import fold_fast
    from units.ethnicity import ethnic_group, is_minority

    hamlet_ids = {h.name: h.pk for h in hamlets}
    sheet = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
    rows = sheet.to_python()[1:]
    with transaction.atomic():
        households = {}
        for r in rows:
            if r[0] not in households:
                households[r[0]] = (survey_round.pk, commune.pk, hamlet_ids[r[1]], r[0], str(r[2]), r[3])
        insert_rows(
            Household,
            ["round_id", "commune_id", "hamlet_id", "code", "house_number", "head_name"],
            households.values(),
        )
        ids = dict(Household.objects.filter(round=survey_round).values_list("code", "id"))

        def people():
            for r in rows:
                birth = r[5]
                if isinstance(birth, float | int):
                    year, birth_date, mmdd = int(birth), None, 0
                else:
                    day, month, year = (int(part) for part in str(birth).split("/"))
                    birth_date, mmdd = datetime.date(year, month, day), month * 100 + day
                ethnicity = ethnic_group(r[7]) or ""
                grade, stage = int(r[9]), STAGES[fold_fast(r[10]).replace(" ", "")]
                yield (
                    survey_round.pk,
                    commune.pk,
                    ids[r[0]],
                    r[4],
                    fold_fast(r[4]),
                    birth_date,
                    year,
                    mmdd,
                    "M" if r[6] == "Nam" else "F",
                    ethnicity,
                    is_minority(ethnicity),
                    r[8],
                    grade,
                    stage,
                    rules.literacy_level(grade=grade, stage=stage),
                )

        insert_rows(
            Person,
            [
                "round_id",
                "commune_id",
                "household_id",
                "full_name",
                "name_folded",
                "birth_date",
                "birth_year",
                "birth_mmdd",
                "sex",
                "ethnicity",
                "ethnic_minority",
                "relation",
                "grade",
                "stage",
                "literacy_level",
            ],
            people(),
        )
    return len(rows)


CHECKED = (
    "household__code",
    "household__hamlet_id",
    "household__house_number",
    "household__head_name",
    "full_name",
    "name_folded",
    "birth_date",
    "birth_year",
    "birth_mmdd",
    "sex",
    "ethnicity",
    "ethnic_minority",
    "relation",
    "grade",
    "stage",
    "literacy_level",
    "exempt",
    "residence",
    "status",
)


def check_same_rows(portal_round, baseline_round) -> int:
    """The portal and the baseline wrote the same people: every checked column of every row."""
    from collections import Counter

    from literacy.models import Person

    def rows(survey_round):
        return Counter(Person.objects.filter(round=survey_round).values_list(*CHECKED))

    portal, baseline = rows(portal_round), rows(baseline_round)
    assert portal == baseline, (
        f"the portal and the baseline wrote different rows: {list((portal - baseline).items())[:2]} "
        f"vs {list((baseline - portal).items())[:2]}"
    )
    return sum(portal.values()) * len(CHECKED)


def peer_import(data: bytes, survey_round, commune, hamlets, rows: int) -> tuple[int, float]:
    """django-import-export: a ModelResource for people, households looked up by code."""
    import tablib
    from import_export import fields, resources, widgets

    from literacy.models import Household, Person
    from units.ethnicity import ethnic_group

    hamlet_ids = {h.name: h.pk for h in hamlets}
    dataset = tablib.Dataset().load(io.BytesIO(data).read(), format="xlsx")
    dataset = dataset.subset(rows=list(range(min(rows, len(dataset)))))
    # Households first (outside the peer's own import, which favours the peer).
    seen = {}
    for r in dataset:
        seen.setdefault(
            r[0],
            Household(
                round=survey_round,
                commune=commune,
                hamlet_id=hamlet_ids[r[1]],
                code=r[0],
                head_name=r[3],
            ),
        )
    Household.objects.bulk_create(seen.values(), batch_size=2000)

    by_code = {h.code: h for h in Household.objects.filter(round=survey_round)}

    class RoundHouseholdWidget(widgets.ForeignKeyWidget):
        """The docs' advice for bulk mode: a ForeignKeyWidget that does not query for each row."""

        def clean(self, value, row=None, **kwargs):
            return by_code[value]

    class PersonResource(resources.ModelResource):
        household = fields.Field(
            attribute="household", column_name="Mã hộ", widget=RoundHouseholdWidget(Household, "code")
        )
        full_name = fields.Field(attribute="full_name", column_name="Họ và tên")
        birth_year = fields.Field(attribute="birth_year", column_name="Ngày sinh")
        sex = fields.Field(attribute="sex", column_name="Giới tính")
        ethnicity = fields.Field(attribute="ethnicity", column_name="Dân tộc")
        grade = fields.Field(attribute="grade", column_name="Lớp đã hoàn thành", widget=widgets.IntegerWidget())

        class Meta:
            model = Person
            fields = ("household", "full_name", "birth_year", "sex", "ethnicity", "grade")
            import_id_fields = ()
            # The documented fast settings ("Bulk imports" → performance tuning): bulk_create in
            # batches, new instances without looking up existing ones, no diff of each row.
            use_bulk = True
            batch_size = 1000
            force_init_instance = True
            skip_diff = True
            skip_html_diff = True
            skip_unchanged = False
            clean_model_instances = False  # the default: it validates nothing

        def before_save_instance(self, instance, row, **kwargs):
            birth = row["Ngày sinh"]
            instance.birth_year = int(birth) if isinstance(birth, int | float) else int(str(birth)[-4:])
            instance.sex = "M" if instance.sex == "Nam" else "F"
            instance.ethnicity = ethnic_group(instance.ethnicity) or ""
            instance.round = survey_round
            instance.commune = commune
            instance.lineage = uuid.uuid4()
            instance.name_folded = instance.full_name

    started = time.perf_counter()
    result = PersonResource().import_data(dataset, dry_run=False, use_transactions=True, raise_errors=True)
    elapsed = time.perf_counter() - started
    assert not result.has_errors()
    return len(dataset), elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--peer-rows", type=int, default=20_000)
    parser.add_argument("--peer-only", action="store_true", help="Skip the portal and the baseline")
    parser.add_argument("--mapped", action="store_true", help="The portal reads the national form's layout")
    parser.add_argument("--smoke", action="store_true", help="A tiny run (CI): 200 rows, 100 for the peer")
    args = parser.parse_args()
    if args.smoke:
        args.rows, args.peer_rows = 200, 100

    from bench.database import analyze, fresh_database

    fresh_database()
    from django.db import connection

    office, commune, hamlets = make_units()
    analyze()
    started = time.perf_counter()
    data = make_workbook(args.rows)
    print(
        f"database: {connection.vendor}; workbook: {args.rows:,} rows, {len(data) / 1e6:.1f} MB "
        f"(written in {time.perf_counter() - started:.1f} s)"
    )

    if args.peer_only:
        t_portal = None
        run_peer(args, data, office, commune, hamlets, t_portal)
        return
    mapping = None
    portal_data = data
    if args.mapped:
        from literacy.household_import.national import NATIONAL_MAPPING

        mapping, portal_data = NATIONAL_MAPPING, make_national_workbook(args.rows)
    portal_round, baseline_round = new_round(office, 0), new_round(office, 1)
    started = time.perf_counter()
    n, t_check = portal_import(portal_data, portal_round, commune, mapping)
    t_portal = time.perf_counter() - started
    label = "portal   mapped (national)  " if args.mapped else "portal   check + import     "
    writes = "COPY" if connection.vendor == "postgresql" else "bulk_create"
    print(
        f"{label}: {t_portal:7.2f} s for {n:,} rows (check {t_check:.2f} s: read and every rule, diff; "
        f"apply {t_portal - t_check:.2f} s: one transaction, {writes})"
    )

    started = time.perf_counter()
    n = baseline_import(data, baseline_round, commune, hamlets)
    t_base = time.perf_counter() - started
    how = "COPY" if connection.vendor == "postgresql" else "executemany"
    print(f"baseline calamine + {how:11s}: {t_base:7.2f} s for {n:,} rows (no check at all)")
    if not args.mapped:
        print(f"cross-check: {check_same_rows(portal_round, baseline_round):,} values, the same in both rounds")
    target = "target ≤ 2" if connection.vendor == "postgresql" else "target ≤ 2 on PostgreSQL"
    print(f"ratio portal / baseline     : {t_portal / t_base:.2f}  ({target})")

    run_peer(args, data, office, commune, hamlets, t_portal)


def run_peer(args, data, office, commune, hamlets, t_portal):
    try:
        import import_export  # noqa: F401
    except ImportError:
        print("peer: django-import-export is not installed in this venv; not measured")
        return
    peer_rows, t_peer = peer_import(data, new_round(office, 2), commune, hamlets, args.peer_rows)
    per_row_peer = t_peer / peer_rows
    print(
        f"peer     django-import-export: {t_peer:7.2f} s for {peer_rows:,} rows "
        f"({1000 * per_row_peer:.2f} ms/row; import_data only, tablib/openpyxl load and households not counted)"
    )
    print("         with its documented fast settings (use_bulk, force_init_instance, skip_diff, a cached foreign key)")
    print(
        "         it VALIDATES NOTHING: no rule of the register, no duplicate, no hamlet, no diff with the "
        "register, no row-by-row report; a bad cell fails a whole batch of 1,000 rows or is written as it is"
    )
    if t_portal is None:
        return
    per_row_portal = t_portal / args.rows
    print(f"ratio peer / portal per row : {per_row_peer / per_row_portal:.2f}  (the portal checks every row)")


if __name__ == "__main__":
    main()
