"""The households of a round at province size (issue 20): a page shows each household's number of
members, counted for the page's households only, with the same queries for 3 households as for 60."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .fixtures import bulk_people, make_household, make_round


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


def test_the_household_list_counts_members_per_page_with_constant_queries(world, login):
    survey_round = make_round(world.office)
    bulk_people(survey_round, world.hamlet, [{"birth_year": 1990}] * 3)
    make_household(survey_round, world.hamlet)  # nobody entered yet
    client = login(world.officer)
    url = reverse("literacy:household_list", kwargs={"pk": survey_round.pk})
    client.get(url)
    small, response = _queries(client, url)
    assert sorted(h.member_count for h in response.context["households"]) == [0, 3]
    for _ in range(58):
        bulk_people(survey_round, world.hamlet, [{"birth_year": 1985}] * 2)
    large, response = _queries(client, url)
    assert large == small
    assert response.context["page_obj"].paginator.count == 60
    second = client.get(url + "?page=2").context["households"]
    assert sum(h.member_count for h in response.context["households"]) + sum(h.member_count for h in second) == 119
