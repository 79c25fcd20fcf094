"""Hostile input on every form of resources (tests/hardening/strategies.py): whatever is typed or
uploaded — text, numbers, random bytes named .png or .pdf — a page, never a 500, nothing unsafe
echoed back."""

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from centers.models import Activity
from tests.hardening.strategies import EXAMPLES, case_url, sweep
from tests.resources import helpers
from tests.resources.matrix import CASES
from units.models import today

pytestmark = pytest.mark.django_db

PAGES = [
    ("resources:resource_add", "director"),
    ("resources:resource_add", "officer"),
    ("resources:resource_edit", "director"),
    ("resources:resource", "officer"),  # the office's review form
    ("resources:model_add", "director"),
    ("resources:model_edit", "director"),
    ("resources:photo_add", "director"),
]


@pytest.mark.parametrize(("case_id", "who"), PAGES)
@EXAMPLES
@given(data=st.data())
def test_every_resources_form_survives_hostile_input(world, case_id, who, data):
    client = Client()
    client.force_login(getattr(world, who))
    sweep(client, case_url(CASES, case_id, world), data)


@pytest.mark.parametrize("value", ["abc", str(10**30), "-1", "1e309", "a\x00b", "", "٣", "other office"])
def test_the_activity_form_refuses_any_resource_it_does_not_offer(world, value):
    elsewhere = helpers.make_resource(world.other_office, title="Học liệu huyện bên")
    client = Client()
    client.force_login(world.director)
    day = today().strftime("%d/%m/%Y")
    data = {"kind": "topic", "field": "law", "title": "Chuyên đề", "start_date": day, "end_date": day, "sessions": "1"}
    picked = str(elsewhere.pk) if value == "other office" else value
    response = client.post(f"/trung-tam/{world.centre.pk}/hoat-dong/them/", {**data, "resources": [picked]})
    assert response.status_code == 200
    assert not Activity.objects.exists()
    assert "Học liệu huyện bên" not in response.content.decode()
