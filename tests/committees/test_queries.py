"""Constant query counts: the committee list and a committee's page for few and many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from committees import services
from committees.models import Kind, Position
from tests.committees import helpers
from units.models import today

pytestmark = pytest.mark.django_db


def _count(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_list_and_a_committee_run_the_same_queries_for_few_and_many(world, login, django_assert_num_queries):
    client = login(world.officer)
    committee = helpers.make_committee(world.commune)
    head = helpers.add_member(committee, "Trưởng ban", position=Position.HEAD)
    helpers.add_member(committee, "Thành viên 0")
    index, page = reverse("committees:index"), reverse("committees:committee", args=[committee.pk])
    small = (_count(client, index), _count(client, page))
    helpers.make_committee(world.commune, kind=Kind.LEARNING_SOCIETY)
    helpers.make_committee(world.difficult_commune)
    for n in range(1, 15):
        helpers.add_member(committee, f"Thành viên {n}")
    services.member_replace(actor=None, member=head, on=today(), full_name="Người thay", job="Cán bộ xã")
    with django_assert_num_queries(small[0]):
        client.get(index)
    with django_assert_num_queries(small[1]):
        client.get(page)
