"""Field work (issue 17): what an assigned school sees on the round page, and each person's level in
the previous round beside this round's."""

import datetime

import pytest
from django.urls import reverse

from literacy import services
from tests.literacy.fixtures import bulk_people, literacy_world, make_household, make_person, make_round

pytestmark = pytest.mark.django_db


def _round_page(client, survey_round) -> str:
    return client.get(reverse("literacy:round_detail", kwargs={"pk": survey_round.pk})).content.decode()


def test_an_assigned_school_sees_its_own_hamlets_on_the_round_page(world, login):
    lit = literacy_world(world)
    page = _round_page(login(world.principal), lit.round)
    assert "Chưa phân công thôn nào" not in page
    assert "Thôn Đông" in page and world.school.name in page
    # The centre's hamlet is the centre's business, not the school's.
    assert "Thôn Tây" not in page


def test_a_school_without_an_assignment_is_told_so_in_its_own_words(world, login):
    survey_round = make_round(world.office)
    page = _round_page(login(world.principal), survey_round)
    assert "Đơn vị của bạn chưa được phân công điều tra thôn nào trong đợt này." in page


def test_the_office_still_sees_every_assignment(world, login):
    lit = literacy_world(world)
    page = _round_page(login(world.leader), lit.round)
    assert "Thôn Đông" in page and "Thôn Tây" in page


def _second_round(world):
    first = make_round(world.office, year=2025, reference_date=datetime.date(2025, 9, 30))
    household = make_household(first, world.hamlet, code="HO100")
    reader = make_person(household, name="Lò Văn Đọc", grade=3)
    make_person(household, name="Lò Thị Chưa", grade=0)
    second = make_round(world.office, year=2026)
    return first, second, second.households.get(code="HO100"), reader


def test_the_household_page_shows_each_persons_level_in_the_previous_round(world, login):
    first, second, household, reader = _second_round(world)
    carried = second.persons.get(lineage=reader.lineage)
    services.person_update(actor=None, person=carried, found_illiterate=True)  # relapsed this round
    make_person(household, name="Người Mới Đến", grade=5)
    page = login(world.officer).get(reverse("literacy:household_detail", kwargs={"pk": household.pk})).content
    page = page.decode()
    cells = page.split('class="previous-level"')[1:]
    assert len(cells) == 3
    assert "Mức 1" in cells[0] and "Chưa biết chữ" in cells[1] and "không có ở đợt trước" in cells[2]


def test_the_person_page_shows_both_levels(world, login):
    first, second, household, reader = _second_round(world)
    carried = second.persons.get(lineage=reader.lineage)
    services.person_update(actor=None, person=carried, grade=5)
    page = login(world.officer).get(reverse("literacy:person_edit", kwargs={"pk": carried.pk})).content.decode()
    levels = page.split('id="levels"')[1].split("</p>")[0]
    assert "đợt này:" in levels and levels.index("Mức 2") < levels.index("Mức 1")


def test_the_household_page_runs_a_constant_number_of_queries(world, login, django_assert_num_queries):
    first, second, household, reader = _second_round(world)
    client = login(world.officer)
    url = reverse("literacy:household_detail", kwargs={"pk": household.pk})
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    # Four more people known in round 1, now members of this household (same humans, by lineage).
    for before in bulk_people(first, world.hamlet, [{"birth_year": 1990, "grade": 3}] * 4):
        before.pk, before.round, before.household = None, second, household
        before.save()
    assert household.members.count() == 6
    with django_assert_num_queries(len(ctx.captured_queries)):
        client.get(url)
