"""Rounds, carry-over, relapse, duplicates, classes and providers."""

import datetime
import unicodedata

import pytest
from django.core.exceptions import ValidationError

from literacy import selectors, services
from literacy.models import Person, PersonStatus
from reports.providers import get_provider, get_subject_source
from tests.literacy.fixtures import YEAR, make_household, make_person, make_round
from units.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_a_new_round_starts_from_the_previous_rounds_people(world):
    first = make_round(world.office, number=1, reference_date=datetime.date(2026, 3, 31))
    household = make_household(first, world.hamlet)
    stays = make_person(household, name="Ở Lại", grade=4)
    make_person(household, name="Chuyển Đi", status=PersonStatus.MOVED_AWAY)
    make_person(household, name="Đã Mất", status=PersonStatus.DECEASED)
    make_person(household, name="Mới Sinh", birth_year=2026, status=PersonStatus.NEWLY_BORN)
    second = make_round(world.office, number=2)
    carried = Person.objects.filter(round=second)
    assert sorted(p.full_name for p in carried) == ["Mới Sinh", "Ở Lại"]
    copy = carried.get(full_name="Ở Lại")
    assert copy.lineage == stays.lineage and copy.grade == 4 and copy.status == PersonStatus.PRESENT
    assert copy.household.code == household.code and copy.household_id != household.pk
    assert second.previous == first
    assert AuditEntry.objects.filter(action="literacy.round_create", object_id=str(second.pk)).exists()


def test_relapse_is_literate_before_and_illiterate_now(world):
    first = make_round(world.office, number=1, reference_date=datetime.date(2026, 3, 31))
    household = make_household(first, world.hamlet)
    make_person(household, name="Tái Mù", grade=3)
    make_person(household, name="Vẫn Biết", grade=3)
    make_person(household, name="Chưa Bao Giờ", grade=0)
    second = make_round(world.office, number=2)
    person = Person.objects.get(round=second, full_name="Tái Mù")
    services.person_update(actor=world.officer, person=person, found_illiterate=True)
    assert [p.full_name for p in selectors.relapses(world.officer, second)] == ["Tái Mù"]
    assert list(selectors.relapses(world.officer, first)) == []


def test_completing_term_three_raises_the_person_to_level_one(world):
    survey_round = make_round(world.office)
    person = make_person(make_household(survey_round, world.hamlet), grade=0)
    literacy_class = services.class_create(
        actor=None, run_by=world.centre, name="Lớp GĐ1", stage="1", start_date=datetime.date(2026, 1, 5)
    )
    services.enrol(actor=None, literacy_class=literacy_class, persons=[person])
    enrolment = literacy_class.enrolments.get()
    services.result_record(actor=None, enrolment=enrolment, term=2, result="HTT")
    person.refresh_from_db()
    assert person.literacy_level == 0
    services.result_record(actor=None, enrolment=enrolment, term=3, result="CHT")
    person.refresh_from_db()
    assert person.literacy_level == 0
    services.result_record(actor=None, enrolment=enrolment, term=3, result="HT")
    person.refresh_from_db()
    enrolment.refresh_from_db()
    # The survey's answer (stage) stays as surveyed; the completion shows in the level.
    assert (person.stage, person.literacy_level, enrolment.completed) == (0, 1, True)


def test_completing_term_five_raises_to_level_two_and_carries_into_the_next_round(world):
    survey_round = make_round(world.office, number=1, reference_date=datetime.date(2026, 3, 31))
    person = make_person(make_household(survey_round, world.hamlet), stage=1)
    literacy_class = services.class_create(
        actor=None, run_by=world.school, name="Lớp GĐ2", stage="2", start_date=datetime.date(2026, 1, 5)
    )
    services.enrol(actor=None, literacy_class=literacy_class, persons=[person])
    services.result_record(actor=None, enrolment=literacy_class.enrolments.get(), term=5, result="HTT")
    second = make_round(world.office, number=2)
    assert Person.objects.get(round=second, lineage=person.lineage).literacy_level == 2


def test_a_term_outside_the_stage_is_refused(world):
    survey_round = make_round(world.office)
    person = make_person(make_household(survey_round, world.hamlet))
    literacy_class = services.class_create(
        actor=None, run_by=world.centre, name="Lớp", stage="1", start_date=datetime.date(2026, 1, 5)
    )
    services.enrol(actor=None, literacy_class=literacy_class, persons=[person])
    with pytest.raises(ValidationError, match="Kỳ 5"):
        services.result_record(actor=None, enrolment=literacy_class.enrolments.get(), term=5, result="HT")


def test_enrolment_candidates_list_the_not_yet_literate_of_15_60_first(world):
    survey_round = make_round(world.office)
    household = make_household(survey_round, world.hamlet)
    old = make_person(household, name="Già", birth_year=YEAR - 70)
    young = make_person(household, name="Trẻ", birth_year=YEAR - 20)
    make_person(household, name="Biết Chữ", birth_year=YEAR - 20, grade=5)
    literacy_class = services.class_create(
        actor=None, run_by=world.centre, name="Lớp", stage="1", start_date=datetime.date(2026, 1, 5)
    )
    assert [p.pk for p in selectors.enrol_candidates(literacy_class)] == [young.pk, old.pk]


def test_duplicates_fold_accents_and_resolve(world):
    survey_round = make_round(world.office)
    household = make_household(survey_round, world.hamlet)
    a = make_person(household, name="Nguyễn Văn Hoà", birth_year=1980)
    b = make_person(
        make_household(survey_round, world.hamlet), name=unicodedata.normalize("NFD", "nguyễn văn hoà"), birth_year=1980
    )
    make_person(household, name="Nguyễn Văn Hoà", birth_year=1981)
    groups = list(selectors.duplicate_groups(world.officer, survey_round))
    assert len(groups) == 1 and groups[0]["n"] == 2
    services.duplicate_resolve(actor=world.officer, person=b, action="remove")
    assert not Person.objects.filter(pk=b.pk).exists()
    assert list(selectors.duplicate_groups(world.officer, survey_round)) == []
    c = make_person(household, name="Nguyễn Văn Hoà", birth_year=1980)
    services.duplicate_resolve(actor=world.officer, person=c, action="distinct")
    assert list(selectors.duplicate_groups(world.officer, survey_round)) == []
    assert Person.objects.filter(pk__in=[a.pk, c.pk]).count() == 2


def test_birth_year_and_grade_are_validated(world):
    household = make_household(make_round(world.office), world.hamlet)
    with pytest.raises(ValidationError):
        make_person(household, birth_year=1899)
    with pytest.raises(ValidationError):
        make_person(household, birth_year=datetime.date.today().year + 1)
    with pytest.raises(ValidationError):
        make_person(household, grade=13)


def test_a_closed_round_refuses_changes(world):
    survey_round = make_round(world.office)
    household = make_household(survey_round, world.hamlet)
    services.round_set_status(actor=world.officer, survey_round=survey_round, status="closed")
    household.round.refresh_from_db()
    with pytest.raises(ValidationError, match="khóa"):
        make_person(household)


def test_providers_answer_for_communes_and_the_office_in_one_aggregate(world, django_assert_max_num_queries):
    survey_round = make_round(world.office)
    household = make_household(survey_round, world.hamlet)
    make_person(household, birth_year=YEAR - 20, sex="F")
    make_person(household, birth_year=YEAR - 50)
    make_person(household, birth_year=YEAR - 50, grade=5)
    provider = get_provider("literacy.illiterate_15_60")
    from units.models import Unit

    units = Unit.objects.filter(pk__in=[world.office.pk, world.commune.pk, world.difficult_commune.pk])
    with django_assert_max_num_queries(4):
        values = provider.func(units, datetime.date(YEAR - 1, 10, 1), datetime.date(YEAR, 9, 30))
    assert values == {world.office.pk: 2, world.commune.pk: 2, world.difficult_commune.pk: 0}
    assert (
        get_provider("literacy.illiterate_15_35").func(units, datetime.date(2025, 10, 1), datetime.date(YEAR, 9, 30))[
            world.commune.pk
        ]
        == 1
    )


def test_learner_providers_count_women_minorities_and_completions(world):
    survey_round = make_round(world.office)
    household = make_household(survey_round, world.hamlet)
    woman = make_person(household, sex="F", ethnicity="Thái")
    man = make_person(household)
    literacy_class = services.class_create(
        actor=None, run_by=world.centre, name="Lớp", stage="1", start_date=datetime.date(2026, 1, 5)
    )
    services.enrol(actor=None, literacy_class=literacy_class, persons=[woman, man])
    services.result_record(actor=None, enrolment=literacy_class.enrolments.get(person=woman), term=3, result="HT")
    from units.models import Unit

    units = Unit.objects.filter(pk=world.office.pk)
    span = (datetime.date(2025, 9, 1), datetime.date(2026, 8, 31))
    numbers = {
        key: get_provider(key).func(units, *span)[world.office.pk]
        for key in [
            "literacy.classes_stage1",
            "literacy.learners",
            "literacy.learners_women",
            "literacy.learners_minority",
            "literacy.completions",
        ]
    }
    assert numbers == {
        "literacy.classes_stage1": 1,
        "literacy.learners": 2,
        "literacy.learners_women": 1,
        "literacy.learners_minority": 1,
        "literacy.completions": 1,
    }


def test_households_are_offered_to_learning_society_as_families(world):
    survey_round = make_round(world.office)
    household = make_household(survey_round, world.hamlet, code="HO7", head="Trần Văn Bảy")
    make_person(household)
    make_person(household, status=PersonStatus.DECEASED)
    families = get_subject_source("literacy.households")(world.hamlet)
    assert families == [
        {"ref": f"HH-{household.lineage}", "name": "Hộ Trần Văn Bảy", "head": "Trần Văn Bảy", "members": 1}
    ]
