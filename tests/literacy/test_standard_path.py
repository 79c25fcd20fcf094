"""Issue 13: the survey round's path is straight. A name list comes from one selector call
(name_list_for: round, settings, band, people) that the page and the export job share, and the
CMC-2 table prints the levels the standard computed instead of computing them again."""

import pytest

from literacy import attainment, rules, tables
from tests.literacy.fixtures import YEAR, make_household, make_person, make_round

pytestmark = pytest.mark.django_db


def test_a_name_list_is_one_call_from_commune_and_year_to_the_people_and_the_table(world):
    survey_round = make_round(world.office)
    household = make_household(survey_round, world.hamlet)
    unschooled = make_person(household, name="Chưa Biết Chữ", birth_year=YEAR - 20, grade=0)
    make_person(household, name="Đã Biết Chữ", birth_year=YEAR - 20, grade=9)

    names = attainment.name_list_for(world.commune, YEAR, 1)

    assert names.survey_round == survey_round
    assert names.band == rules.band_for(1, world.commune.especially_difficult)
    assert list(names.persons) == [unschooled]
    table = tables.name_list_table(names, list(names.persons))
    assert [row.cells[0] for row in table.rows] == ["Chưa Biết Chữ"]
    assert f"năm {YEAR}, đợt {survey_round.number}" in table.subtitle


def test_a_year_without_a_round_has_an_empty_name_list_with_its_band_and_settings(world):
    names = attainment.name_list_for(world.commune, YEAR - 5, 2)
    assert names.survey_round is None and not names.persons.exists()
    assert names.band == rules.band_for(2, world.commune.especially_difficult)
    assert names.settings is not None


def test_the_cmc2_table_prints_the_levels_the_standard_computed(world):
    survey_round = make_round(world.office)
    household = make_household(survey_round, world.hamlet)
    for grade in (0, 3, 9):
        make_person(household, birth_year=YEAR - 20, grade=grade)
    standard, _round, conf = attainment.commune_standard(world.commune, YEAR)
    band = rules.band_for(1, world.commune.especially_difficult)

    level1, level2 = standard.group_levels(band, "all")

    assert level1 == standard.level1
    table = tables.commune_band_table(standard, conf, YEAR)
    figures = [row.cells for row in table.rows if row.cells and row.cells[0] == "Tổng số"]
    assert [level1.population, level1.exempt, level1.denominator, level1.literate] in [f[1:5] for f in figures]
