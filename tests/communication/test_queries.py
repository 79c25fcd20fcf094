"""Constant query counts: the log and its filters run the same queries for 3 and 30 items."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.communication import helpers

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["", "?kenh=website", "?tu=01/01/2020&chu_de=lifelong"])
def test_the_log_runs_the_same_queries_for_3_and_30_items(world, login, django_assert_num_queries, query):
    client = login(world.officer)
    units = [world.school, world.centre, world.commune]
    for n in range(3):
        helpers.log(units[n % 3], title=f"Tin {n}", uploaded=helpers.png() if n == 0 else None)
    url = reverse("communication:index") + query
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for n in range(27):
        helpers.log(units[n % 3], title=f"Tin thêm {n}")
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200
