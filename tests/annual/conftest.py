"""Module data for the annual report, small enough to count by hand."""

import datetime
from types import SimpleNamespace

import pytest

from learning_society import services as ls_services
from learning_society.counts import refresh as refresh_ls_counts
from learning_society.models import Assessment, Subject, Title
from tests.literacy.fixtures import bulk_people, make_round

SCHOOL_YEAR = 2025  # 01/09/2025 – 31/08/2026; statistics year 2025; recognitions of 2025 (units.calendar)


def add_people(survey_round, hamlet, grades: list[int], birth_year=2000):
    return bulk_people(survey_round, hamlet, [{"birth_year": birth_year, "grade": g} for g in grades])


@pytest.fixture
def modules(world):
    return make_modules(world)


def make_modules(world):
    """Đống Đa (ordinary commune): 10 people born 2000 (age 25 in 2025, inside both bands):
    8 finished grade 5, 1 grade 3, 1 nothing → level 1: 9/10 = 90,0% (met), level 2: 8/10 = 80,0%
    (not met). Four learning families in Thôn Đông, three recognised in 2025 → 75,0%."""
    survey_round = make_round(world.office, year=2025, reference_date=datetime.date(2025, 9, 30))
    add_people(survey_round, world.hamlet, [5] * 8 + [3, 0])
    rubric = next(r for r in ls_services.rubrics_load_shipped(actor=None) if r.subject_kind == Title.FAMILY)
    families = Subject.objects.bulk_create(
        [Subject(area=world.hamlet, title=Title.FAMILY, name=f"Hộ số {i}") for i in range(4)]
    )
    Assessment.objects.bulk_create(
        [
            Assessment(
                subject=f,
                year=2025,
                rubric=rubric,
                status=Assessment.Status.RECOGNISED,
                passed=True,
                band="Tốt",
                recognised_on=datetime.date(2025, 3, 1),
            )
            for f in families[:3]
        ]
    )
    refresh_ls_counts(area_ids=[world.hamlet.pk])  # rows written around the services: kept counts follow
    return SimpleNamespace(round=survey_round, families=families, rubric=rubric)
