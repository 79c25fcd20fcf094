"""Kept counts of the literacy register (issue 20, literacy.counts): after any sequence of the writes
an office makes — people created and corrected, moves, deaths, class completions and their
corrections, imports, duplicates resolved, a new round — the kept cells and the standard's sums of
them equal a recomputation from the raw rows, and the standard read from them equals a scan of the
register, for both age methods."""

import datetime
import io
import random
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from literacy import attainment, counts, household_import, rules, selectors, services
from literacy.models import (
    COUNTED_STATUSES,
    EVERY_AGE,
    AgeMethod,
    DuplicateGroup,
    Household,
    LiteracyCount,
    LiteracyStandardSum,
    Person,
    PersonStatus,
    TermResult,
)
from tests.factories import World, make_unit
from tests.literacy.fixtures import YEAR, bulk_people, make_household, make_person, make_round, row, workbook_bytes
from units import ethnicity
from units.models import UnitKind
from units.text import fold

pytestmark = pytest.mark.django_db

MINORITY = next(code for code, _label in ethnicity.CHOICES if ethnicity.is_minority(code))
STATUSES = [s.value for s in PersonStatus]


# The oracles: what the kept tables and the standard must equal, computed from the raw rows here.


def kept() -> tuple[dict, dict]:
    cells = {
        tuple(row[:-1]): row[-1]
        for row in LiteracyCount.objects.values_list(
            "round_id",
            "commune_id",
            "birth_year",
            "born_after_30_9",
            "sex",
            "ethnic_minority",
            "exempt",
            "literacy_level",
            "status",
            "n",
        )
    }
    groups = {
        tuple(row[:-1]): row[-1]
        for row in DuplicateGroup.objects.values_list("round_id", "commune_id", "name_folded", "birth_year", "n")
    }
    return cells, groups


def recomputed() -> tuple[dict, dict]:
    """The cells by their definition (literacy.counts): the counted people, a birth year outside
    every band by either age method counted at one year just outside them."""
    young = min(b.age_from for b in rules.BANDS)
    old = max(b.age_to for b in rules.BANDS)
    cells, groups = Counter(), Counter()
    for p in Person.objects.select_related("round"):
        if not p.duplicate_cleared:
            groups[(p.round_id, p.commune_id, p.name_folded, p.birth_year)] += 1
        if p.status not in COUNTED_STATUSES:
            continue
        year, after = p.birth_year, p.birth_mmdd > 930
        if year > p.round.year - young:
            year, after = p.round.year - young + 1, False
        elif year < p.round.year - old - 1:
            year, after = p.round.year - old - 2, False
        key = (p.round_id, p.commune_id, year, after, p.sex)
        cells[(*key, p.ethnic_minority, p.exempt, p.literacy_level, p.status)] += 1
    return dict(cells), {key: n for key, n in groups.items() if n > 1}


FIGURES = ("population", "exempt", "literate1", "literate2", "literate1_ne", "literate2_ne")


def sums_kept() -> dict:
    keys = ("round_id", "commune_id", "age_method", "band", "group")
    rows = LiteracyStandardSum.objects.values_list(*keys, *FIGURES)
    return {tuple(row[: len(keys)]): tuple(row[len(keys) :]) for row in rows}


def sums_recomputed() -> dict:
    """The standard's sums by their definition, person by person: each counted person's age by each
    age method (statistics year − birth year, one less if born after 30/9 by the exact method) puts
    them in the bands that hold it and in every age; each group they belong to; each figure that
    is true of them. Every band and group of a round × commune with counted people has its row."""
    sums: dict[tuple, list[int]] = {}
    for p in Person.objects.filter(status__in=COUNTED_STATUSES).select_related("round"):
        for method in AgeMethod.values:
            for band in [*(b.key for b in rules.BANDS), EVERY_AGE]:
                for group in attainment.GROUPS:
                    sums.setdefault((p.round_id, p.commune_id, method, band, group), [0] * len(FIGURES))
        groups = ["all"] + ["female"] * (p.sex == "F") + ["minority"] * p.ethnic_minority
        lit1, lit2 = p.literacy_level >= 1, p.literacy_level >= 2
        figures = (1, p.exempt, lit1, lit2, lit1 and not p.exempt, lit2 and not p.exempt)
        for method in AgeMethod.values:
            age = p.round.year - p.birth_year - (method == AgeMethod.EXACT and p.birth_mmdd > 930)
            bands = [b.key for b in rules.BANDS if b.age_from <= age <= b.age_to] + [EVERY_AGE]
            for band in bands:
                for group in groups:
                    row = sums[(p.round_id, p.commune_id, method, band, group)]
                    row[:] = [total + int(f) for total, f in zip(row, figures, strict=True)]
    return {key: tuple(row) for key, row in sums.items()}


def scanned(survey_round, commune_ids, method) -> dict:
    """The standard's counts as they were computed before issue 20: a scan of the people."""
    year = survey_round.year
    qs = Person.objects.filter(round=survey_round, commune_id__in=commune_ids, status__in=COUNTED_STATUSES)
    if method == AgeMethod.EXACT:
        after = Case(When(birth_mmdd__gt=930, then=Value(1)), default=Value(0), output_field=IntegerField())
        qs = qs.alias(age=Value(year) - F("birth_year") - after)
    annotations = {"total_people": Count("id")}
    for band in rules.BANDS:
        for group, group_q in (("all", Q()), ("female", Q(sex="F")), ("minority", Q(ethnic_minority=True))):
            base = attainment._band_q(band, year, method) & group_q
            prefix = f"{band.key}__{group}__"
            annotations[prefix + "population"] = Count("id", filter=base)
            annotations[prefix + "exempt"] = Count("id", filter=base & Q(exempt=True))
            for level in (1, 2):
                annotations[f"{prefix}literate{level}"] = Count("id", filter=base & Q(literacy_level__gte=level))
                annotations[f"{prefix}literate{level}_ne"] = Count(
                    "id", filter=base & Q(literacy_level__gte=level, exempt=False)
                )
    return {row["commune_id"]: row for row in qs.values("commune_id").annotate(**annotations).order_by()}


def assert_kept_right(office, rounds, user):
    assert kept() == recomputed()
    assert sums_kept() == sums_recomputed()
    communes = [c.pk for c in office.children.filter(kind=UnitKind.COMMUNE)]
    for survey_round in rounds:
        for method in AgeMethod.values:
            expected = scanned(survey_round, communes, method)
            assert attainment.standard_aggregates(survey_round, communes, method=method) == expected
        listed = selectors.duplicate_groups(user, survey_round).count()
        assert selectors.duplicate_count(user, survey_round) == listed


# The sequence of writes.


class Office:
    def __init__(self, world, rng: random.Random):
        self.world, self.rng = world, rng
        self.rounds = [make_round(world.office)]
        self.west = make_unit(UnitKind.HAMLET, parent=world.commune, name="Tây", code="TH2")
        self.far = make_unit(UnitKind.HAMLET, parent=world.difficult_commune, name="Nà", code="TH3")
        self.literacy_class = services.class_create(
            actor=None, run_by=world.centre, name="Lớp XMC", stage="1", start_date=datetime.date(2026, 10, 1)
        )
        self.imports = 0

    @property
    def current(self):
        return self.rounds[-1]

    def households(self, **filters):
        return list(Household.objects.filter(round=self.current, **filters).order_by("pk"))

    def people(self, **filters):
        return list(Person.objects.filter(round=self.current, **filters).order_by("pk"))

    def person(self, **filters):
        people = self.people(**filters)
        return self.rng.choice(people) if people else None

    def answers(self) -> dict:
        rng = self.rng
        disability = rng.random() < 0.15
        birth_year = rng.randint(1955, 2020)
        answers = {
            "birth_year": birth_year,
            "birth_date": datetime.date(birth_year, rng.randint(1, 12), rng.randint(1, 28))
            if rng.random() < 0.6
            else None,
            "sex": rng.choice("MF"),
            "ethnicity": MINORITY if rng.random() < 0.3 else ethnicity.KINH,
            "grade": rng.choice([0, 0, 1, 3, 5, 9]),
            "stage": rng.choice([0, 0, 1, 2]),
            "disability": disability,
            "exempt": disability and rng.random() < 0.5,
        }
        return answers

    # Each step is one real write of the office.

    def create(self):
        households = self.households()
        if not households or self.rng.random() < 0.3:
            households.append(make_household(self.current, self.rng.choice([self.world.hamlet, self.west, self.far])))
        make_person(self.rng.choice(households), **self.answers())

    def edit(self):
        if person := self.person():
            changes = self.rng.sample(sorted(self.answers().items()), 3)
            fields = dict(changes)
            if "exempt" in fields or "disability" in fields:
                fields["disability"] = fields["exempt"] = False
            services.person_update(actor=None, person=person, **fields)

    def correct_birth(self):
        if person := self.person():
            day = datetime.date(person.birth_year, self.rng.choice([3, 10, 12]), 1)
            services.person_update(actor=None, person=person, birth_date=day)

    def move_away(self):
        if person := self.person(status=PersonStatus.PRESENT):
            services.person_update(actor=None, person=person, status=PersonStatus.MOVED_AWAY)

    def move_household(self):
        if households := self.households(commune=self.world.commune):
            household = self.rng.choice(households)
            hamlet = self.west if household.hamlet_id == self.world.hamlet.pk else self.world.hamlet
            services.household_update(actor=None, household=household, hamlet=hamlet)

    def die(self):
        if person := self.person(status__in=COUNTED_STATUSES):
            services.person_update(actor=None, person=person, status=PersonStatus.DECEASED)

    def relapse(self):
        if person := self.person(literacy_level__gte=1):
            services.person_update(actor=None, person=person, found_illiterate=True)

    def complete_class(self):
        enrolled = self.literacy_class.enrolments.values("lineage")
        person = self.person(commune=self.world.commune, literacy_level=0, exempt=False)
        if person is None or Person.objects.filter(pk=person.pk, lineage__in=enrolled).exists():
            return
        services.enrol(actor=None, literacy_class=self.literacy_class, persons=[person])
        enrolment = self.literacy_class.enrolments.get(lineage=person.lineage)
        for term in (1, 2, 3):
            services.result_record(actor=None, enrolment=enrolment, term=term, result="HT")

    def correct_result(self):
        passed = TermResult.objects.filter(enrolment__literacy_class=self.literacy_class, term=3)
        if result := passed.order_by("pk").first():
            again = "HT" if result.result == "CHT" else "CHT"
            services.result_record(actor=None, enrolment=result.enrolment, term=3, result=again)

    def duplicate(self):
        if original := self.person(commune=self.world.commune):
            household = self.rng.choice(self.households(commune_id=original.commune_id))
            make_person(household, name=original.full_name.upper(), birth_year=original.birth_year)

    def resolve_duplicate(self):
        groups = list(selectors.duplicate_groups(self.world.officer, self.current))
        if groups:
            group = self.rng.choice(groups)
            people = Person.objects.filter(
                round=self.current,
                commune_id=group["commune_id"],
                name_folded=group["name_folded"],
                birth_year=group["birth_year"],
                enrolments__isnull=True,
            )
            if person := people.order_by("pk").last():
                action = self.rng.choice(["distinct", "remove"])
                services.duplicate_resolve(actor=None, person=person, action=action)

    def import_file(self):
        self.imports += 1
        rng = self.rng
        rows = []
        hamlet = rng.choice(["Thôn Đông", "Thôn Tây"])
        for number in range(rng.randint(1, 4)):
            year = rng.randint(1950, 2015)
            rows.append(
                row(
                    code=f"IM{self.imports:03d}",
                    hamlet=hamlet,
                    name=f"Người nhập {self.imports}-{number}",
                    birth=f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{year}",
                    sex=rng.choice(["Nam", "Nữ"]),
                    grade=rng.choice([0, 2, 5, 9]),
                )
            )
        self._import(rows)
        if rng.random() < 0.5:  # the commune sends the file again with the grades corrected
            self._import([[*r[:9], rng.choice([0, 3, 12]), *r[10:]] for r in rows])

    def _import(self, rows):
        data = io.BytesIO(workbook_bytes(rows))
        plan = household_import.check(data, survey_round=self.current, commune=self.world.commune)
        assert plan.ok, (plan.fatal, plan.errors[:3])
        household_import.apply(plan, actor=self.world.officer, survey_round=self.current, commune=self.world.commune)

    def bulk_status(self):
        """A bulk write outside the services (as the demo does): the queryset notes what it touched."""
        ids = [p.pk for p in self.people()[:: self.rng.randint(3, 7)]]
        Person.objects.filter(pk__in=ids).update(status=PersonStatus.NEWLY_ARRIVED)

    def new_round(self):
        if len(self.rounds) == 1:
            self.rounds.append(make_round(self.world.office, number=2, reference_date=datetime.date(YEAR, 12, 31)))


STEPS = [
    ("create", 6),
    ("edit", 4),
    ("correct_birth", 2),
    ("move_away", 2),
    ("move_household", 1),
    ("die", 2),
    ("relapse", 1),
    ("complete_class", 2),
    ("correct_result", 1),
    ("duplicate", 2),
    ("resolve_duplicate", 1),
    ("import_file", 1),
    ("bulk_status", 1),
]


@pytest.mark.parametrize("seed", [20, 2014])
def test_kept_counts_equal_a_recomputation_after_a_random_sequence_of_writes(world, seed):
    rng = random.Random(seed)
    office = Office(world, rng)
    names, weights = zip(*STEPS, strict=True)
    for step in range(90):
        if step == 45:
            office.new_round()  # half of the writes land in the second round, some in the first
        getattr(office, rng.choices(names, weights)[0])()
        if step % 15 == 14:
            assert_kept_right(world.office, office.rounds, world.officer)
    assert_kept_right(world.office, office.rounds, world.officer)
    assert LiteracyCount.objects.filter(round=office.rounds[1]).exists()
    # The sequence did what it says: people left and died, a class completed, files came in.
    assert Person.objects.filter(status=PersonStatus.MOVED_AWAY).exists()
    assert Person.objects.filter(status=PersonStatus.DECEASED).exists()
    assert TermResult.objects.filter(term=3).exists() and office.imports
    # A full rebuild from the raw rows changes nothing.
    before = kept(), sums_kept()
    counts.rebuild()
    assert (kept(), sums_kept()) == before


def test_the_office_standard_page_costs_the_same_queries_for_more_communes_and_people(world, login):
    """The office's page reads the standard's sums (a few rows per commune, one query), neither the
    people nor the cells: more communes and people show on it without one more query."""
    survey_round = make_round(world.office)
    bulk_people(survey_round, world.hamlet, [{"birth_year": YEAR - 20, "grade": 5}] * 3)
    client = login(world.officer)
    url = reverse("literacy:standard", kwargs={"pk": world.office.pk}) + f"?nam={YEAR}"
    client.get(url)  # the first view fills what a session and the caches keep
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for number in range(3):
        commune = make_unit(UnitKind.COMMUNE, parent=world.office, name=f"Xã Mới {number}", code=f"XM{number}")
        hamlet = make_unit(UnitKind.HAMLET, parent=commune, name=f"Thôn Mới {number}", code=f"TM{number}")
        specs = [{"birth_year": YEAR - age, "grade": grade} for age in range(10, 70, 3) for grade in (0, 3, 9)]
        bulk_people(survey_round, hamlet, specs * (number + 1))
    with CaptureQueriesContext(connection) as large:
        html = client.get(url).content.decode()
    assert "Xã Mới 2" in html
    assert len(large.captured_queries) == len(small.captured_queries)
    tables = (Person._meta.db_table, LiteracyCount._meta.db_table)
    assert not [q["sql"] for q in large.captured_queries if any(table in q["sql"] for table in tables)]
    standard = attainment.office_standard(world.office, YEAR)
    # 20 ages × 3 grades × 3 copies; ages 16–34 (7 of them) in the ordinary level-1 band 15–35.
    newest = next(c for c in standard.communes if c.commune.name == "Xã Mới 2")
    assert (newest.total_people, newest.level1.population, newest.level1.literate) == (180, 63, 42)


def test_a_cell_repaired_through_the_orm_shows_on_the_standard(world):
    """The standard's sums follow the cells however they are written: a write past counts.refresh
    (a repair by hand) derives them again, and rebuild_counts puts cells and sums back."""
    survey_round = make_round(world.office)
    bulk_people(survey_round, world.hamlet, [{"birth_year": YEAR - 30, "grade": 5}] * 4)
    LiteracyCount.objects.bulk_create(
        [
            LiteracyCount(
                round=survey_round,
                commune=world.commune,
                birth_year=YEAR - 30,
                born_after_30_9=False,
                sex="F",
                ethnic_minority=False,
                exempt=False,
                literacy_level=0,
                status=PersonStatus.PRESENT,
                n=6,
            )
        ]
    )
    standard, _round, _conf = attainment.commune_standard(world.commune, YEAR)
    assert (standard.level1.literate, standard.level1.population) == (4, 10)
    LiteracyCount.objects.filter(round=survey_round, sex="F").delete()
    standard, _round, _conf = attainment.commune_standard(world.commune, YEAR)
    assert (standard.level1.literate, standard.level1.population) == (4, 4)
    LiteracyStandardSum.objects.all().delete()
    call_command("rebuild_counts", stdout=io.StringIO())
    assert sums_kept() == sums_recomputed()


@pytest.mark.django_db(transaction=True)
def test_an_upgraded_register_shows_the_standard_it_showed_before():
    """Migration 0012 fills the standard's sums from the cells a register already kept."""
    world = World()
    survey_round = make_round(world.office)
    specs = [
        {"birth_year": YEAR - age, "birth_date": birth_date, "grade": grade, "sex": sex, "ethnicity": code}
        for age in (14, 15, 25, 26, 35, 36, 60, 61)
        for birth_date in (None, datetime.date(YEAR - age, 10, 1))
        for grade, sex, code in ((0, "F", MINORITY), (3, "M", ethnicity.KINH), (9, "F", ethnicity.KINH))
    ]
    specs += [{"birth_year": YEAR - 30, "disability": True, "exempt": True}] * 2
    bulk_people(survey_round, world.hamlet, specs)
    far = make_unit(UnitKind.HAMLET, parent=world.difficult_commune, name="Nà", code="TH3")
    bulk_people(survey_round, far, specs[::3])
    expected = sums_recomputed()
    try:
        MigrationExecutor(connection).migrate([("literacy", "0011_kept_counts")])
        assert "literacy_literacystandardsum" not in connection.introspection.table_names()
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    assert sums_kept() == expected
    assert {key[2] for key in expected} == set(AgeMethod.values) and len(expected) == 2 * 2 * 4 * 3


def test_the_standard_reads_the_kept_counts_not_the_people(world):
    survey_round = make_round(world.office)
    bulk_people(survey_round, world.hamlet, [{"birth_year": YEAR - 20, "grade": 5}] * 9 + [{"birth_year": YEAR - 20}])
    standard, _round, _conf = attainment.commune_standard(world.commune, YEAR)
    assert (standard.level1.literate, standard.level1.population) == (9, 10)
    # Cells written behind the services' back (as a restore could) show on the standard page:
    LiteracyCount.objects.filter(round=survey_round, literacy_level=0).update(n=91)
    standard, _round, _conf = attainment.commune_standard(world.commune, YEAR)
    assert (standard.level1.literate, standard.level1.population) == (9, 100)
    # ... until rebuild_counts recomputes them from the register.
    call_command("rebuild_counts", stdout=io.StringIO())
    standard, _round, _conf = attainment.commune_standard(world.commune, YEAR)
    assert (standard.level1.literate, standard.level1.population) == (9, 10)


@pytest.mark.parametrize("method", AgeMethod.values)
def test_every_age_at_the_edges_of_the_bands_counts_as_a_scan_of_the_people_counts_it(world, method):
    survey_round = make_round(world.office)
    specs = []
    for age in (0, 13, 14, 15, 16, 24, 25, 26, 27, 34, 35, 36, 37, 59, 60, 61, 62, 63, 90):
        for birth_date in (None, datetime.date(YEAR - age, 9, 30), datetime.date(YEAR - age, 10, 1)):
            for grade in (0, 3, 5):
                spec = {"birth_year": YEAR - age, "birth_date": birth_date, "grade": grade, "sex": "F"}
                specs.append(spec)
    specs += [{**spec, "status": PersonStatus.DECEASED} for spec in specs[::7]]
    bulk_people(survey_round, world.hamlet, specs)
    communes = [world.commune.pk]
    assert attainment.standard_aggregates(survey_round, communes, method=method) == scanned(
        survey_round, communes, method
    )
    assert kept() == recomputed()
    # Far fewer cells than people: ages outside every band share one cell on each side.
    assert LiteracyCount.objects.count() < len(specs) // 2


def test_rebuild_counts_rebuilds_every_app_that_keeps_counts(world):
    survey_round = make_round(world.office)
    household = make_household(survey_round, world.hamlet)
    make_person(household, birth_year=1990)
    make_person(household, name="Lò Văn Pằng", birth_year=1980)
    make_person(household, name="LÒ VĂN PẰNG", birth_year=1980)
    LiteracyCount.objects.all().delete()
    DuplicateGroup.objects.all().delete()
    out = io.StringIO()
    call_command("rebuild_counts", stdout=out)
    assert "literacy" in out.getvalue()
    assert kept() == recomputed()
    assert sum(LiteracyCount.objects.values_list("n", flat=True)) == 3
    assert DuplicateGroup.objects.get().n == 2


def test_a_write_that_fails_leaves_the_counts_as_they_were(world):
    survey_round = make_round(world.office)
    household = make_household(survey_round, world.hamlet)
    person = make_person(household, birth_year=1990)
    before = kept()
    with pytest.raises(ValueError), counts.batch():
        services.person_update(actor=None, person=person, status=PersonStatus.DECEASED)
        raise ValueError("rolled back")
    assert kept() == before == recomputed()


def test_the_office_home_counts_the_possible_duplicates_without_grouping_the_register(world, login):
    survey_round = make_round(world.office)
    household = make_household(survey_round, world.hamlet)
    for name in ("Lò Văn Pằng", "LÒ VĂN PẰNG", "Lò Thị Mai", "Lo Thi Mai", "LÒ THỊ MAI", "Hà Văn Một"):
        make_person(household, name=name, birth_year=1980)
    mai = Person.objects.filter(name_folded=fold("Lò Thị Mai")).order_by("pk").last()
    services.duplicate_resolve(actor=None, person=mai, action="remove")
    with CaptureQueriesContext(connection) as queries:
        assert selectors.duplicate_count(world.officer, survey_round) == 2
    assert not any("literacy_person" in q["sql"] for q in queries.captured_queries)
    assert selectors.duplicate_count(world.outsider_officer, survey_round) == 0
    html = login(world.officer).get(reverse("home")).content.decode()
    assert "2 nhóm người nghi trùng cần xử lý" in html


def test_the_illiterate_indicators_count_a_round_of_an_earlier_year_from_its_people(world):
    """The cells tell birth years apart within the bands of their round's own year; a report of a
    later year reading that round counts its people (ages by the report's year), as before."""
    from reports.providers import get_provider

    survey_round = make_round(world.office, year=YEAR - 1, reference_date=datetime.date(YEAR - 1, 9, 30))
    household = make_household(survey_round, world.hamlet)
    for age_in_report_year in (2, 15, 16, 26):
        make_person(household, birth_year=YEAR - age_in_report_year)
    provider = get_provider("literacy.illiterate_15_25").func
    # Report year YEAR: aged 2, 15, 16, 26 → the 15- and the 16-year-old.
    assert provider([world.commune], datetime.date(YEAR - 1, 10, 1), datetime.date(YEAR, 9, 30)) == {
        world.commune.pk: 2
    }
    # Report year YEAR − 1 (the round's own, read from the cells): aged 1, 14, 15, 25 → 15 and 25.
    assert provider([world.commune], datetime.date(YEAR - 2, 10, 1), datetime.date(YEAR - 1, 9, 30)) == {
        world.commune.pk: 2
    }


def test_deleting_people_or_a_whole_round_keeps_the_counts_right(world):
    first = make_round(world.office)
    household = make_household(first, world.hamlet)
    make_person(household, birth_year=1990)
    make_person(household, birth_year=1991)
    second = make_round(world.office, number=2, reference_date=datetime.date(YEAR, 12, 31))
    Person.objects.filter(round=second, birth_year=1991).delete()
    assert kept() == recomputed()
    second.delete()  # its households, people and cells go with it
    assert kept() == recomputed()
    assert sum(LiteracyCount.objects.values_list("n", flat=True)) == 2
