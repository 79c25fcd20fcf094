"""Passwords are kept as Argon2id with OWASP's parameters, and older hashes are upgraded at login.

The suite itself hashes with MD5 for speed (settings/test.py); these tests switch back to the
portal's real list (settings/base.py)."""

import pytest
from django.contrib.auth.hashers import identify_hasher, make_password

from gdtx_portal.settings import base
from units.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def real_hashers(settings):
    settings.PASSWORD_HASHERS = base.PASSWORD_HASHERS


def test_a_new_password_is_stored_as_argon2id_with_owasp_parameters(real_hashers):
    user = User.objects.create_user("hashed", password="Mật-khẩu-dài-2026")

    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert user.check_password("Mật-khẩu-dài-2026")
    assert not user.check_password("mật-khẩu-dài-2026")


def test_a_pbkdf2_password_still_logs_in_and_is_upgraded(real_hashers, client):
    user = User.objects.create(username="cu", password=make_password("GDTX@cu2024", hasher="pbkdf2_sha256"))

    response = client.post("/tai-khoan/dang-nhap/", {"username": "cu", "password": "GDTX@cu2024"})

    assert response.status_code == 302
    user.refresh_from_db()
    assert identify_hasher(user.password).algorithm == "argon2"
    assert user.check_password("GDTX@cu2024")
