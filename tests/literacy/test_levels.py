"""Issue 14 item 10: a person's literacy level is a function of all their records, so correcting or
deleting a term result takes a completion back (Thông tư 10/2022, Thông tư 33/2021, Điều 19)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from literacy import attainment, services
from literacy.models import Enrolment, Person
from tests.literacy.fixtures import YEAR, make_household, make_person, make_round

pytestmark = pytest.mark.django_db


def _commune_of_ten(world):
    """Ten people aged 20 in the commune: eight literate by the survey (grade 3), two not; one of the
    two is enrolled in a stage-1 class."""
    survey_round = make_round(world.office, number=1, reference_date=datetime.date(YEAR, 3, 31))
    household = make_household(survey_round, world.hamlet)
    for _ in range(8):
        make_person(household, birth_year=YEAR - 20, grade=3)
    make_person(household, birth_year=YEAR - 20, grade=0)
    learner = make_person(household, name="Lò Thị Học", birth_year=YEAR - 20, grade=0, stage=0)
    literacy_class = services.class_create(
        actor=None, run_by=world.centre, name="Lớp GĐ1", stage="1", start_date=datetime.date(YEAR, 1, 5)
    )
    services.enrol(actor=None, literacy_class=literacy_class, persons=[learner])
    return survey_round, learner, literacy_class, literacy_class.enrolments.get()


def _level1(world):
    result, _round, _conf = attainment.commune_standard(world.commune, YEAR)
    return result.level1.literate, result.level1.denominator, result.level1.rate, result.level1.met


def test_correcting_term_three_to_not_completed_takes_the_literacy_back(world, login):
    survey_round, learner, _class, enrolment = _commune_of_ten(world)
    assert _level1(world) == (8, 10, Decimal("80.00"), False)

    services.result_record(actor=world.officer, enrolment=enrolment, term=3, result="HT")
    learner.refresh_from_db()
    enrolment.refresh_from_db()
    assert (learner.literacy_level, enrolment.completed) == (1, True)
    assert _level1(world) == (9, 10, Decimal("90.00"), True)
    page = login(world.officer).get(reverse("literacy:standard", kwargs={"pk": world.commune.pk}) + f"?nam={YEAR}")
    assert "90,00%" in page.content.decode() or "90.00%" in page.content.decode()

    services.result_record(actor=world.officer, enrolment=enrolment, term=3, result="CHT")
    learner.refresh_from_db()
    enrolment.refresh_from_db()
    # Back to what the survey said: grade 0, stage 0, not literate.
    assert (learner.grade, learner.stage, learner.literacy_level, enrolment.completed) == (0, 0, 0, False)
    assert _level1(world) == (8, 10, Decimal("80.00"), False)
    page = login(world.officer).get(reverse("literacy:standard", kwargs={"pk": world.commune.pk}) + f"?nam={YEAR}")
    assert "80,00%" in page.content.decode() or "80.00%" in page.content.decode()


def test_a_correction_also_reaches_the_rounds_carried_over_after_the_completion(world):
    first, learner, _class, enrolment = _commune_of_ten(world)
    services.result_record(actor=None, enrolment=enrolment, term=3, result="HTT")
    second = make_round(world.office, number=2)
    assert Person.objects.get(round=second, lineage=learner.lineage).literacy_level == 1
    services.result_record(actor=None, enrolment=enrolment, term=3, result="CHT")
    assert list(Person.objects.filter(lineage=learner.lineage).values_list("literacy_level", flat=True)) == [0, 0]


def test_completion_overrides_a_found_illiterate_and_its_correction_restores_it(world):
    _round, learner, _class, enrolment = _commune_of_ten(world)
    services.person_update(actor=world.officer, person=learner, grade=3, found_illiterate=True)
    learner.refresh_from_db()
    assert learner.literacy_level == 0
    services.result_record(actor=None, enrolment=enrolment, term=3, result="HT")
    learner.refresh_from_db()
    assert (learner.found_illiterate, learner.literacy_level) == (True, 1)
    services.result_record(actor=None, enrolment=enrolment, term=3, result="CHT")
    learner.refresh_from_db()
    assert (learner.found_illiterate, learner.literacy_level) == (True, 0)


def test_editing_the_person_keeps_the_completed_class(world):
    _round, learner, _class, enrolment = _commune_of_ten(world)
    services.result_record(actor=None, enrolment=enrolment, term=3, result="HT")
    learner.refresh_from_db()
    services.person_update(actor=world.officer, person=learner, full_name="Lò Thị Học Giỏi")
    learner.refresh_from_db()
    assert learner.literacy_level == 1


def test_deleting_the_result_or_the_class_takes_the_completion_back(world):
    _round, learner, literacy_class, enrolment = _commune_of_ten(world)
    services.result_record(actor=None, enrolment=enrolment, term=3, result="HT")
    enrolment.results.get(term=3).delete()
    learner.refresh_from_db()
    assert learner.literacy_level == 0 and not Enrolment.objects.get(pk=enrolment.pk).completed
    services.result_record(actor=None, enrolment=enrolment, term=3, result="HT")
    assert _level1(world)[0] == 9
    literacy_class.delete()
    learner.refresh_from_db()
    assert learner.literacy_level == 0
    assert _level1(world) == (8, 10, Decimal("80.00"), False)
