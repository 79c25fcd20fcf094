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


# --- a password must not be the person's own name -------------------------------------------------


@pytest.mark.parametrize(
    "password",
    ["Nguyễn Văn Chuyên", "nguyễn văn chuyên", "nguyenvanchuyen", "NguyenVanChuyen2024", "Chuyên@2024", "officer2026"],
)
def test_a_password_like_the_name_or_username_is_refused(world, password):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    assert world.officer.full_name == "Nguyễn Văn Chuyên"
    with pytest.raises(ValidationError) as refused:
        validate_password(password, user=world.officer)
    assert "Mật khẩu quá giống với" in " ".join(refused.value.messages)


def test_an_unrelated_vietnamese_password_is_accepted(world):
    from django.contrib.auth.password_validation import validate_password

    assert validate_password("Mặt-Trời-Mọc-2026", user=world.officer) is None


def test_an_officer_cannot_create_an_account_whose_password_is_its_full_name(world, client):
    from django.urls import reverse

    client.force_login(world.officer)
    data = {
        "username": "an.nv",
        "full_name": "Nguyễn Văn An",
        "email": "an@example.org",
        "password1": "NguyenVanAn@2025",
        "password2": "NguyenVanAn@2025",
        "unit": world.school.pk,
        "role": "school_staff",
        "valid_from": "05/09/2025",
    }
    response = client.post(reverse("units:person_create"), data)
    assert response.status_code == 200
    assert "Mật khẩu quá giống với họ và tên" in response.content.decode()
    assert not User.objects.filter(username="an.nv").exists()


def test_an_officer_cannot_set_a_persons_password_to_their_name(world, client):
    from django.urls import reverse

    client.force_login(world.officer)
    url = reverse("units:person_password", args=[world.principal.pk])
    response = client.post(url, {"password1": "Phạm Thị Hiệu", "password2": "Phạm Thị Hiệu"})
    assert response.status_code == 200
    assert "Mật khẩu quá giống với họ và tên" in response.content.decode()
    world.principal.refresh_from_db()
    assert not world.principal.check_password("Phạm Thị Hiệu")


def test_a_user_cannot_change_their_own_password_to_their_name(world, client):
    from django.urls import reverse

    from tests.factories import PASSWORD

    client.force_login(world.principal)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "phamthihieu1", "new_password2": "phamthihieu1"},
    )
    assert response.status_code == 200
    assert "Mật khẩu quá giống với họ và tên" in response.content.decode()
    world.principal.refresh_from_db()
    assert world.principal.check_password(PASSWORD)
