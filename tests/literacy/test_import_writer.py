"""The import's bulk write (COPY on PostgreSQL, bulk_create on SQLite) stores what bulk_create would:
every typed value as typed, tabs, newlines and backslashes included, and each left-out column its
default (a fresh lineage per row, version 1)."""

import datetime

import pytest

from literacy.household_import.writer import _create
from literacy.models import Household, Person
from tests.literacy.fixtures import make_round

pytestmark = pytest.mark.django_db

TRICKY = "Lò\\Văn\tPằng\nB \\N"


def test_new_rows_keep_every_character_and_get_their_defaults(world):
    survey_round = make_round(world.office)
    owner = {"round_id": survey_round.pk, "commune_id": world.commune.pk}
    _create(
        Household,
        [
            owner | {"code": "H1", "hamlet_id": world.hamlet.pk, "house_number": "", "head_name": TRICKY},
            owner | {"code": "H2", "hamlet_id": world.hamlet.pk, "house_number": "12/3", "head_name": "Hà"},
        ],
    )
    households = {h.code: h for h in Household.objects.filter(round=survey_round)}
    assert households["H1"].head_name == TRICKY
    assert households["H2"].house_number == "12/3"
    assert households["H1"].lineage != households["H2"].lineage
    assert {h.version for h in households.values()} == {1}

    person = {
        "full_name": TRICKY,
        "name_folded": "lo van pang",
        "birth_date": datetime.date(1990, 3, 5),
        "birth_year": 1990,
        "birth_mmdd": 305,
        "sex": "M",
        "grade": 2,
        "stage": 1,
    }
    _create(Person, [owner | {"household_id": households["H1"].pk} | person])
    stored = Person.objects.get(round=survey_round)
    assert (stored.full_name, stored.birth_date, stored.birth_year, stored.grade) == (
        TRICKY,
        datetime.date(1990, 3, 5),
        1990,
        2,
    )
    assert (stored.literacy_level, stored.disability, stored.version, stored.household.code) == (0, False, 1, "H1")
    assert stored.lineage is not None
