"""Hostile input on the unit tree, people, roles and the account pages (issue 8): every form posted
with hypothesis-drawn text, numbers and Unicode tricks answers with a page, never a 500, and a
refused form stores nothing."""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tests import core_matrix
from tests.factories import PASSWORD
from tests.hardening.strategies import EXAMPLES, case_url, changed_models, hostile_text, snapshot, sweep
from tests.units.matrix import CASES

pytestmark = pytest.mark.django_db

PAGES = [
    "units:create",
    "units:edit",
    "units:close",
    "units:move",
    "units:merge",
    "units:person_create",
    "units:person_edit",
    "units:person_password",
    "units:membership_add",
    "units:membership_end",
]


@pytest.mark.parametrize("case_id", PAGES)
@EXAMPLES
@given(data=st.data())
def test_every_unit_and_people_form_survives_hostile_input(world, case_id, data):
    client = Client()
    client.force_login(world.officer)
    sweep(client, case_url(CASES, case_id, world), data)


@pytest.mark.parametrize("case_id", ["password_change", "two_factor_setup"])
@EXAMPLES
@given(data=st.data())
def test_account_forms_survive_hostile_input(world, case_id, data):
    client = Client()
    client.force_login(world.officer)
    # A wrong two-factor code is counted on the device (brute-force lockout): the one write a refusal makes.
    sweep(client, case_url(core_matrix.CASES, case_id, world), data, may_change={"units.TwoFactorDevice"})


@EXAMPLES
@given(new=hostile_text)
def test_password_change_to_hostile_text_keeps_the_old_password_or_sets_exactly_the_new_one(world, new):
    client = Client()
    client.force_login(world.principal)
    before = snapshot()
    response = client.post(
        reverse("password_change"), {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert response.status_code in (200, 302)
    world.principal.refresh_from_db()
    if response.status_code == 302:
        assert world.principal.check_password(new)
        world.principal.set_password(PASSWORD)
        world.principal.save()
    else:
        assert changed_models(before, snapshot()) == []
        assert world.principal.check_password(PASSWORD)
