"""Kept counts (issue 20): after any sequence of the real services — families typed in, registrations,
grids scored and checked, checks and returns, decisions, learning units recognised at a level and
kept for three years, a hamlet moved to another commune — the cells the pages read equal a full
recomputation from the raw rows, and the figures read from them (statistics, the recognised list's
total, the expiring count, the providers) equal the rows counted one by one."""

import datetime
import random

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Count

from learning_society import counts, services
from learning_society.models import Assessment, KeptCount, Registration, Subject, Title
from learning_society.selectors import (
    COUNTED_TITLES,
    expiring,
    expiring_count,
    held_in,
    recognised_count,
    recognised_list,
    statistics,
)
from reports.providers import get_provider
from rubrics.selectors import rubric_criteria
from tests.factories import make_unit
from units import services as unit_services
from units.models import Unit, UnitKind

YEARS = (2024, 2025, 2026)


def _scan_statistics(root, year):
    """The statistics as the page computed them before the kept counts: every row counted."""
    under = {"subject__area__path__startswith": root.path}
    found = {}
    for title in COUNTED_TITLES:
        subjects = Subject.objects.filter(area__path__startswith=root.path, title=title, is_active=True)
        assessments = Assessment.objects.filter(year=year, subject__title=title, **under)
        found[title] = (
            subjects.count() if title not in (Title.HAMLET_COMMUNITY, Title.COMMUNE_COMMUNITY) else None,
            Registration.objects.filter(year=year, subject__title=title, **under).count(),
            assessments.exclude(status=Assessment.Status.DRAFT).count(),
            held_in(Assessment.objects.filter(subject__title=title, **under), year).count(),
        )
    return found


def _assert_kept_equal_recomputed(world):
    assert counts.kept() == counts.cells()
    for year in YEARS + (2027, 2028):
        _areas, total = statistics(world.office, year)
        scanned = _scan_statistics(world.office, year)
        for title in COUNTED_TITLES:
            stat = total.titles[title]
            eligible, registered, assessed, held = scanned[title]
            got = (stat.total if eligible is not None else None, stat.registered, stat.assessed, stat.recognised)
            assert got == (eligible, registered, assessed, held), (year, title)
        for title in ("", Title.FAMILY, Title.LEARNING_UNIT):
            rows = recognised_list(world.officer, year=year, title=title)
            assert recognised_count(world.officer, year=year, title=title) == rows.count(), (year, title)
    assert recognised_count(world.officer) == recognised_list(world.officer).count()
    for on in (datetime.date(2026, 7, 1), datetime.date(2027, 7, 1), datetime.date(2028, 9, 1)):
        assert expiring_count(world.officer, on=on) == expiring(world.officer, on=on).count()
    units = Unit.objects.filter(pk__in=[world.office.pk, world.commune.pk, world.hamlet.pk])
    start, end = datetime.date(2024, 1, 1), datetime.date(2026, 12, 31)
    decided = Assessment.objects.filter(
        subject__title=Title.FAMILY, status=Assessment.Status.RECOGNISED, recognised_on__range=(start, end)
    )
    got = get_provider("learning_society.recognised.family").func(units, start, end)
    assert got[world.office.pk] == decided.filter(subject__area__path__startswith=world.office.path).count()
    assert got[world.hamlet.pk] == decided.filter(subject__area=world.hamlet).count()


def _points(rng, criteria):
    values = {}
    for c in criteria:
        if rng.random() < 0.05:
            continue  # an empty cell: the row stays a draft
        values[c.pk] = str(round(float(c.max_points) * rng.uniform(0.3, 1.0) * 2) / 2)
    return values


@pytest.fixture
def places(world, shipped):
    other = make_unit(UnitKind.COMMUNE, parent=world.office, name="Tân Lập", code="XA9")
    second = make_unit(UnitKind.HAMLET, parent=world.commune, name="Đoài", code="TH9")
    return {"hamlets": [world.hamlet, second], "other_commune": other}


def test_the_kept_counts_equal_a_recomputation_after_a_random_sequence_of_the_services(world, places):
    rng = random.Random(20)
    hamlets = places["hamlets"]
    unit = services.subject_create(
        actor=world.officer, area=world.school, title=Title.LEARNING_UNIT, name="Trường THCS Đống Đa", unit=world.school
    )
    for hamlet in hamlets:
        services.subject_create(actor=world.officer, area=hamlet, title=Title.CLAN, name=f"Dòng họ Lê {hamlet.name}")
    decisions, moved, refused = 0, False, 0
    for step in range(60):
        try:
            decisions, moved = _step(rng, world, places, unit, step, decisions, moved)
        except ValidationError:
            refused += 1  # refused (separation of duties, nothing to check…): nothing saved, nothing counted
        if step % 10 == 9:
            _assert_kept_equal_recomputed(world)
    _assert_kept_equal_recomputed(world)
    # The sequence reached every kind of figure the pages show, and some refusals.
    measures = dict(KeptCount.objects.values_list("measure").annotate(n=Count("id")).order_by())
    assert set(measures) == set(KeptCount.Measure.values), measures
    assert KeptCount.objects.filter(measure="held", title=Title.LEARNING_UNIT, year__gt=2024).exists()
    assert refused


def _step(rng, world, places, unit, step, decisions, moved):
    hamlets = places["hamlets"]
    hamlet, year = rng.choice(hamlets), rng.choice(YEARS)
    title = rng.choice([Title.FAMILY, Title.FAMILY, Title.CLAN])
    subjects = list(Subject.objects.filter(area=hamlet, title=title))
    op = rng.choice(["family", "register", "grid", "grid", "check", "recognise", "unit", "move"])
    if op == "family" or not subjects:
        services.subject_create(actor=world.officer, area=hamlet, title=Title.FAMILY, name=f"Hộ số {step}")
    elif op == "register":
        chosen = rng.sample(subjects, k=rng.randint(1, len(subjects)))
        services.registrations_create(actor=world.officer, subjects=chosen, year=year)
    elif op == "grid":
        criteria = rubric_criteria(services.rubric_or_error(title, year, hamlet))
        open_rows = [
            s for s in subjects if not Assessment.objects.filter(subject=s, year=year, status="recognised").exists()
        ]
        if open_rows:
            chosen = rng.sample(open_rows, k=rng.randint(1, len(open_rows)))
            services.grid_save(
                actor=world.association_officer,
                area=hamlet,
                title=title,
                year=year,
                points={s.pk: _points(rng, criteria) for s in chosen},
                check=rng.random() < 0.5,
            )
    elif op == "check":
        ids = list(Assessment.objects.filter(subject__area=hamlet, status="self_assessed").values_list("pk", flat=True))
        if ids:
            services.assessments_check(actor=world.officer, assessment_ids=ids, approve=rng.random() < 0.8)
    elif op == "recognise":
        ids = list(
            Assessment.objects.filter(
                subject__area=hamlet, subject__title=title, year=year, status="checked", passed=True
            ).values_list("pk", flat=True)
        )
        if ids:
            decisions += 1
            services.recognise(
                actor=world.officer,
                assessment_ids=ids,
                issuer=world.commune,
                area=world.commune,
                title=title,
                year=year,
                number=f"{decisions}/QĐ-UBND",
                signed_on=datetime.date(year, rng.randint(1, 12), rng.randint(1, 28)),
                signer_name="Nguyễn Văn Ký",
            )
    elif op == "unit" and not Assessment.objects.filter(subject=unit, year=year).exists():
        # Thông tư 24/2023: level 1, kept for the three years after its year (held in later years).
        rubric = services.rubric_or_error(Title.LEARNING_UNIT, year, world.school)
        level1 = {c.pk for c in rubric_criteria(rubric) if c.required_for_level == 1}
        a = services.assessment_save(
            actor=world.principal,
            subject=unit,
            year=year,
            met=level1,
            evidence=dict.fromkeys(level1, "Biên bản"),
            submit=True,
            on=datetime.date(year, 2, 1),
        )
        services.assessments_check(actor=world.officer, assessment_ids=[a.pk])
        decisions += 1
        services.recognise(
            actor=world.officer,
            assessment_ids=[a.pk],
            issuer=world.office,
            title=Title.LEARNING_UNIT,
            year=year,
            number=f"{decisions}/QĐ-UBND",
            signed_on=datetime.date(year, 3, 15),
            signer_name="Lò Văn Thành",
        )
    elif op == "move" and not moved:
        # A hamlet moved to another commune: its cells follow it, none is rewritten.
        unit_services.unit_move(
            actor=world.officer,
            unit=hamlets[1],
            new_parent=places["other_commune"],
            effective_date=datetime.date(2026, 1, 1),
        )
        hamlets[1].refresh_from_db()
        moved = True
    return decisions, moved


def test_rebuild_counts_restores_cells_lost_or_wrong(world, families):
    from django.core.management import call_command

    services.registrations_create(actor=world.officer, subjects=families, year=2025)
    expected = counts.kept()
    KeptCount.objects.filter(measure="registered").update(n=99)
    KeptCount.objects.filter(measure="active").delete()
    call_command("rebuild_counts", app=["learning_society"], stdout=None)
    assert counts.kept() == expected == counts.cells()
    _areas, total = statistics(world.office, 2025)
    assert (total.titles[Title.FAMILY].total, total.titles[Title.FAMILY].registered) == (3, 3)


def test_bulk_work_refreshes_each_area_once_at_its_end_with_the_same_cells(world, shipped):
    """counts.deferred() (the demo district's seeding): the services inside only note their areas;
    the cells are written when the block ends and equal a recomputation, as with a refresh per call."""
    with counts.deferred():
        for name in ("Hộ ông Đào Văn Tư", "Hộ bà Hà Thị Năm"):
            services.subject_create(
                actor=world.officer, area=world.hamlet, title=Title.FAMILY, name=name, head_name=name
            )
        assert not KeptCount.objects.exists()
    assert KeptCount.objects.exists()
    assert counts.kept() == counts.cells()
    _areas, total = statistics(world.office, 2025)
    assert total.titles[Title.FAMILY].total == 2
