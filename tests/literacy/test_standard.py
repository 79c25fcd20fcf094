"""The commune standard, Nghị định 20/2014/NĐ-CP Điều 19–21, with hand-computed cases (year 2026)."""

import datetime
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from literacy import attainment, selectors, services
from literacy.models import AgeMethod
from tests.factories import make_unit
from tests.literacy.fixtures import YEAR, bulk_people, make_round
from units.models import UnitKind

pytestmark = pytest.mark.django_db


def _people(n, *, age, level=0, **extra):
    grade = {0: 0, 1: 3, 2: 5}[level]
    return [{"birth_year": YEAR - age, "grade": grade, **extra} for _ in range(n)]


def test_nine_of_ten_literate_meets_exactly_ninety_percent(world):
    survey_round = make_round(world.office)
    bulk_people(survey_round, world.hamlet, _people(9, age=20, level=1) + _people(1, age=20))
    result, _round, _conf = attainment.commune_standard(world.commune, YEAR)
    assert result.level1.rate == Decimal("90.00")
    assert result.level1.met is True
    assert (result.level1.population, result.level1.literate) == (10, 9)


def test_eighty_nine_point_nine_nine_percent_misses_and_never_shows_ninety(world):
    survey_round = make_round(world.office)
    bulk_people(survey_round, world.hamlet, _people(8999, age=30, level=1) + _people(1001, age=30))
    result, _round, _conf = attainment.commune_standard(world.commune, YEAR)
    assert result.level1.rate == Decimal("89.99")
    assert result.level1.met is False


def test_level_two_needs_grade_five_or_stage_two(world):
    survey_round = make_round(world.office)
    bulk_people(
        survey_round,
        world.hamlet,
        _people(5, age=40, level=2) + [{"birth_year": YEAR - 40, "stage": 2}] * 4 + _people(1, age=40, level=1),
    )
    result, _round, _conf = attainment.commune_standard(world.commune, YEAR)
    assert result.level2.age_from == 15 and result.level2.age_to == 60
    assert (result.level2.literate, result.level2.population) == (9, 10)
    assert result.level2.met is True


def test_especially_difficult_commune_uses_the_15_25_and_15_35_bands(world):
    survey_round = make_round(world.office)
    hamlet2 = make_unit(UnitKind.HAMLET, parent=world.difficult_commune)
    # Aged 30: outside 15–25, inside 15–35. Aged 50: only in 15–60.
    specs = _people(9, age=20, level=2) + _people(1, age=20, level=1) + _people(5, age=30) + _people(5, age=50)
    bulk_people(survey_round, hamlet2, specs)
    bulk_people(survey_round, world.hamlet, specs)
    difficult, _r, _c = attainment.commune_standard(world.difficult_commune, YEAR)
    ordinary, _r, _c = attainment.commune_standard(world.commune, YEAR)
    assert (difficult.level1.age_from, difficult.level1.age_to) == (15, 25)
    assert (difficult.level1.literate, difficult.level1.population, difficult.level1.met) == (10, 10, True)
    assert (difficult.level2.age_from, difficult.level2.age_to) == (15, 35)
    assert (difficult.level2.literate, difficult.level2.population, difficult.level2.met) == (9, 15, False)
    assert (ordinary.level1.age_from, ordinary.level1.age_to) == (15, 35)
    assert (ordinary.level1.literate, ordinary.level1.population, ordinary.level1.met) == (10, 15, False)
    assert (ordinary.level2.literate, ordinary.level2.population) == (9, 20)


def test_ages_15_and_60_count_and_14_and_61_do_not(world):
    survey_round = make_round(world.office)
    bulk_people(
        survey_round, world.hamlet, _people(1, age=14) + _people(1, age=15) + _people(1, age=60) + _people(1, age=61)
    )
    result, _round, _conf = attainment.commune_standard(world.commune, YEAR)
    assert result.level2.population == 2  # 15–60: the 15- and the 60-year-old
    assert result.level1.population == 1  # 15–35: only the 15-year-old


def test_exact_age_setting_counts_full_years_on_30_september(world):
    survey_round = make_round(world.office)
    born_after_cutoff = {"birth_year": 2011, "birth_date": datetime.date(2011, 10, 1)}
    bulk_people(survey_round, world.hamlet, [born_after_cutoff])
    by_year, _r, _c = attainment.commune_standard(world.commune, YEAR)
    assert by_year.level1.population == 1  # 2026 − 2011 = 15
    services.settings_update(
        actor=world.officer, office=world.office, exempt_leave_denominator=True, age_method=AgeMethod.EXACT
    )
    exact, _r, conf = attainment.commune_standard(world.commune, YEAR)
    assert conf.age_method == AgeMethod.EXACT
    assert exact.level1.population == 0  # 14 years old on 30/09/2026


def test_exempt_people_leave_the_denominator_unless_the_switch_is_off(world):
    survey_round = make_round(world.office)
    exempt = {"birth_year": YEAR - 25, "disability": True, "exempt": True}
    bulk_people(survey_round, world.hamlet, _people(17, age=25, level=1) + [exempt, exempt] + _people(1, age=25))
    on, _r, conf = attainment.commune_standard(world.commune, YEAR)
    assert conf.exempt_leave_denominator is True  # DOMAIN.md default
    assert (on.level1.population, on.level1.exempt, on.level1.literate) == (20, 2, 17)
    assert on.level1.rate == Decimal("94.44") and on.level1.met
    services.settings_update(
        actor=world.officer, office=world.office, exempt_leave_denominator=False, age_method=AgeMethod.BIRTH_YEAR
    )
    off, _r, _c = attainment.commune_standard(world.commune, YEAR)
    assert off.level1.rate == Decimal("85.00") and not off.level1.met


def test_moved_away_and_deceased_people_are_not_counted(world):
    survey_round = make_round(world.office)
    bulk_people(
        survey_round,
        world.hamlet,
        _people(9, age=20, level=1)
        + _people(3, age=20, status="moved")
        + _people(2, age=20, status="deceased")
        + _people(1, age=20),
    )
    result, _r, _c = attainment.commune_standard(world.commune, YEAR)
    assert (result.level1.population, result.level1.literate) == (10, 9)


def test_sex_and_ethnic_minority_breakdown(world):
    survey_round = make_round(world.office)
    bulk_people(
        survey_round,
        world.hamlet,
        _people(3, age=20, level=1, sex="F", ethnicity="Thái")
        + _people(1, age=20, sex="F")
        + _people(2, age=20, level=1, ethnicity="Mông"),
    )
    result, _r, _c = attainment.commune_standard(world.commune, YEAR)
    from literacy.rules import B15_35

    female = result.band(B15_35, "female")
    minority = result.band(B15_35, "minority")
    assert (female.population, female.literate1) == (4, 3)
    assert (minority.population, minority.literate1) == (5, 5)


def test_office_share_of_communes_meeting_each_level(world):
    survey_round = make_round(world.office)
    hamlet2 = make_unit(UnitKind.HAMLET, parent=world.difficult_commune)
    bulk_people(survey_round, world.hamlet, _people(10, age=20, level=2))
    bulk_people(survey_round, hamlet2, _people(5, age=20, level=2) + _people(5, age=20))
    office = attainment.office_standard(world.office, YEAR)
    assert len(office.communes) == 2
    assert office.communes_meeting_level1 == 1 and office.communes_meeting_level2 == 1
    assert office.share1 == Decimal("50.00")
    assert office.met1 is False  # Điều 21: 90% of communes
    from literacy.tables import office_standard_table

    texts = [str(c.value) for row in office_standard_table(office).rows for c in row.cells if hasattr(c, "value")]
    assert any("1/2 xã (50,00%)" in t for t in texts)  # a decimal comma, as every rate of the portal


def test_the_whole_office_is_computed_in_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    survey_round = make_round(world.office)
    bulk_people(survey_round, world.hamlet, _people(5, age=20, level=1))
    with django_assert_max_num_queries(6) as small:
        attainment.office_standard(world.office, YEAR)
    for i in range(5):
        hamlet = make_unit(UnitKind.HAMLET, parent=make_unit(UnitKind.COMMUNE, parent=world.office))
        bulk_people(survey_round, hamlet, _people(50, age=20 + i, level=1))
    with django_assert_max_num_queries(len(small.captured_queries)):
        attainment.office_standard(world.office, YEAR)


def test_command_prints_the_documented_json_for_a_commune(world):
    survey_round = make_round(world.office)
    bulk_people(survey_round, world.hamlet, _people(9, age=20, level=1) + _people(1, age=20))
    out = io.StringIO()
    call_command("literacy_standard", "--unit", "XA1", "--year", str(YEAR), "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data == {
        "unit": "XA1",
        "year": YEAR,
        "especially_difficult": False,
        "level1": {
            "age_from": 15,
            "age_to": 35,
            "population": 10,
            "exempt": 0,
            "literate": 9,
            "rate": 90.0,
            "met": True,
        },
        "level2": {
            "age_from": 15,
            "age_to": 60,
            "population": 10,
            "exempt": 0,
            "literate": 0,
            "rate": 0.0,
            "met": False,
        },
    }


def test_command_adds_commune_counts_for_an_office(world):
    survey_round = make_round(world.office)
    bulk_people(survey_round, world.hamlet, _people(10, age=20, level=1))
    out = io.StringIO()
    call_command("literacy_standard", "--unit", "OFFA", "--year", str(YEAR), "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert set(data) == {
        "unit",
        "year",
        "especially_difficult",
        "level1",
        "level2",
        "communes",
        "communes_meeting_level1",
        "communes_meeting_level2",
    }
    assert set(data["level1"]) == {"age_from", "age_to", "population", "exempt", "literate", "rate", "met"}
    assert (data["communes"], data["communes_meeting_level1"], data["communes_meeting_level2"]) == (2, 1, 0)


def test_settings_default_to_domain_values_and_are_stated_under_tables(world, client):
    from literacy.tables import settings_notes

    conf = selectors.settings_for(world.office)
    assert conf.pk is None and conf.exempt_leave_denominator and conf.age_method == AgeMethod.BIRTH_YEAR
    notes = " ".join(settings_notes(conf))
    assert "năm thống kê − năm sinh" in notes and "không tính vào mẫu số" in notes
    # The officer who changes the switch reads on its page what the default is and where it comes from.
    client.force_login(world.officer)
    page = client.get(reverse("literacy:settings", kwargs={"pk": world.office.pk})).content.decode()
    assert "không tính vào mẫu số khi tính tỉ lệ (quy định của địa phương / hướng dẫn điều tra)" in page
    assert "Điều 20)" not in page
