"""Hostile input on communication and the steering committees (issue 19): the news item form, the
committee's decision, member, replacement and leaving forms. Whatever is typed: a page, never a 500;
a refused form stores nothing."""

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from tests.committees.matrix import CASES as COMMITTEE_CASES
from tests.communication.matrix import CASES as COMMUNICATION_CASES
from tests.hardening.strategies import EXAMPLES, case_url, sweep

pytestmark = pytest.mark.django_db

CASES = [*COMMUNICATION_CASES, *COMMITTEE_CASES]
PAGES = [
    ("communication:item_add", "director"),
    ("communication:item_add", "officer"),
    ("communication:item_edit", "principal"),
    ("committees:committee_add", "officer"),
    ("committees:committee_edit", "officer"),
    ("committees:member_add", "officer"),
    ("committees:member_replace", "officer"),
    ("committees:member_end", "officer"),
]


@pytest.mark.parametrize(("case_id", "who"), PAGES)
@EXAMPLES
@given(data=st.data())
def test_every_communication_and_committee_form_survives_hostile_input(world, case_id, who, data):
    client = Client()
    client.force_login(getattr(world, who))
    sweep(client, case_url(CASES, case_id, world), data)
