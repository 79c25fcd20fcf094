"""Hostile input on staff training (issue 18): the course, participant, attendance, survey and
answer forms. Whatever is typed: a page, never a 500; a refused form stores nothing."""

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from tests.hardening.strategies import EXAMPLES, case_url, sweep
from tests.training.matrix import CASES

pytestmark = pytest.mark.django_db

PAGES = [
    ("training:course_add", "officer"),
    ("training:course_add", "director"),
    ("training:course_edit", "officer"),
    ("training:participant_add", "officer"),
    ("training:attendance", "officer"),
    ("training:survey_add", "officer"),
    ("training:answer_add", "principal"),
]


@pytest.mark.parametrize(("case_id", "who"), PAGES)
@EXAMPLES
@given(data=st.data())
def test_every_training_form_survives_hostile_input(world, case_id, who, data):
    client = Client()
    client.force_login(getattr(world, who))
    sweep(client, case_url(CASES, case_id, world), data)
