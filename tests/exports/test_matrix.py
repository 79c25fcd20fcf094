"""The job pages' permission cases, run against a URLconf that routes them (see matrix.py)."""

import pytest

from tests.exports.matrix import JOB_CASES
from tests.permission_matrix import ALL_ROLES
from tests.test_permission_matrix import _check, _request

pytestmark = pytest.mark.urls("tests.exports.urls")


@pytest.mark.parametrize("case", JOB_CASES, ids=lambda c: c.id)
def test_anonymous_is_sent_to_login(case, world, client):
    response = _request(client, case, world)
    assert response.status_code == 302
    assert "/tai-khoan/dang-nhap/" in response["Location"]


@pytest.mark.parametrize("case", JOB_CASES, ids=lambda c: c.id)
def test_each_role_gets_what_the_matrix_says(case, world, client):
    for role in ALL_ROLES:
        client.force_login(world.role_users[role])
        _check(_request(client, case, world), case.expected(role), case, role)


@pytest.mark.parametrize("case", JOB_CASES, ids=lambda c: c.id)
def test_a_user_of_another_office_gets_nothing(case, world, client):
    for user in (world.outsider_officer, world.outsider_principal):
        client.force_login(user)
        response = _request(client, case, world)
        if case.outsider == 200:
            assert response.status_code == 200
        else:
            _check(response, case.outsider, case, user.username)
