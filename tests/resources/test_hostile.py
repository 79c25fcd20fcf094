"""Hostile input on every form of resources (tests/hardening/strategies.py): whatever is typed or
uploaded — text, numbers, random bytes named .png or .pdf — a page, never a 500, nothing unsafe
echoed back."""

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from tests.hardening.strategies import EXAMPLES, case_url, sweep
from tests.resources.matrix import CASES

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
