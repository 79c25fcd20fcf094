"""Hostile input on every emulation form (tests/hardening/strategies.py): launching and editing a
movement, a criterion, registering, the report grid, evidence, scoring, an award proposal and the
decision. Whatever is typed: a page, never a 500; a refused form stores nothing."""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tests.emulation.helpers import make_movement
from tests.emulation.matrix import CASES
from tests.hardening.strategies import EXAMPLES, case_url, sweep

pytestmark = pytest.mark.django_db

PAGES = [
    ("emulation:movement_add", "officer"),
    ("emulation:movement_edit", "officer"),
    ("emulation:criterion_add", "officer"),
    ("emulation:report", "principal"),
    ("emulation:evidence_add", "principal"),
    ("emulation:score", "officer"),
    ("emulation:award_add", "officer"),
    ("emulation:decision_issue", "officer"),
]


@pytest.mark.parametrize(("case_id", "who"), PAGES)
@EXAMPLES
@given(data=st.data())
def test_every_emulation_form_survives_hostile_input(world, case_id, who, data):
    client = Client()
    client.force_login(getattr(world, who))
    sweep(client, case_url(CASES, case_id, world), data)


@EXAMPLES
@given(data=st.data())
def test_registering_survives_hostile_input(world, data):
    """A fresh movement each time: once the school is registered, the form is no longer offered."""
    client = Client()
    client.force_login(world.principal)
    sweep(client, reverse("emulation:register", args=[make_movement(world.office).pk]), data)
