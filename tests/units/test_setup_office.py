"""Starting a real office without the demo (issue 16): `manage.py setup_office`, the first-run page
/cai-dat/ for a superuser, and the one-time password the first officer must change."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.factories import make_user
from units.models import AuditEntry, Membership, Role, Unit, UnitIdentity, UnitKind, User

FLAGS = [
    "--no-input",
    "--name=Hạ Long",
    "--kind=commune",
    "--official-code=06688",
    "--parent-agency=UBND phường Hạ Long",
    "--abbreviation=VHXH",
    "--place=Hạ Long",
    "--head-name=Nguyễn Văn Trưởng",
    "--head-position=Trưởng phòng",
    "--officer-username=cv.halong",
    "--officer-name=Trần Thị Chuyên",
    "--officer-email=chuyen@example.vn",
]
NEW_PASSWORD = "Mot-mat-khau-moi-2026"


def _setup(*extra) -> str:
    out = io.StringIO()
    call_command("setup_office", *FLAGS, *extra, stdout=out)
    return out.getvalue()


def _one_time_password(output: str) -> str:
    return next(line.split(": ", 1)[1] for line in output.splitlines() if line.startswith("Mật khẩu một lần"))


@pytest.mark.django_db
def test_setup_office_creates_the_unit_its_identity_and_the_first_officer():
    output = _setup()
    unit = Unit.objects.get(official_code="06688")
    assert (unit.kind, unit.full_name, unit.province_code, unit.parent) == (
        UnitKind.COMMUNE,
        "Phường Hạ Long",
        "22",
        None,
    )
    identity = UnitIdentity.objects.get(unit=unit)
    assert (identity.parent_agency, identity.abbreviation, identity.place_name, identity.head_position) == (
        "UBND phường Hạ Long",
        "VHXH",
        "Hạ Long",
        "Trưởng phòng",
    )
    officer = User.objects.get(username="cv.halong")
    assert officer.must_change_password
    assert Membership.objects.get(user=officer).role == Role.OFFICE_OFFICER
    password = _one_time_password(output)
    assert officer.check_password(password)
    assert password not in str(list(AuditEntry.objects.values_list("changes", flat=True)))
    assert not Unit.objects.filter(is_demo=True).exists()


@pytest.mark.django_db
def test_setup_office_refuses_to_run_twice_for_the_same_office():
    _setup()
    with pytest.raises(CommandError, match="đã được cài đặt; không cài đặt lại lần thứ hai"):
        _setup("--officer-username=nguoi.khac")
    assert Unit.objects.filter(official_code="06688").count() == 1
    assert not User.objects.filter(username="nguoi.khac").exists()


@pytest.mark.django_db
def test_setup_office_refuses_an_unknown_commune_code_and_creates_nothing():
    with pytest.raises(CommandError, match="Mã xã 99999 không có trong danh mục"):
        _setup("--official-code=99999", "--province-code=22")
    assert not Unit.objects.exists() and not User.objects.exists()


@pytest.mark.django_db
def test_setup_office_says_which_value_is_missing_without_prompts():
    with pytest.raises(CommandError, match="--abbreviation"):
        call_command("setup_office", "--no-input", "--name=Phòng GD&ĐT", stdout=io.StringIO())


@pytest.mark.django_db
def test_setup_office_asks_for_what_the_flags_do_not_give(monkeypatch):
    answers = iter(
        ["Phòng Giáo dục và Đào tạo An Lạc", "office", "22", "", "", "", "PGDĐT", "An Lạc", "", "Trưởng phòng"]
    )
    answers = iter([*answers, "lanhdao", "Lê Văn Lãnh", "", "leader"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    typed = iter([NEW_PASSWORD, NEW_PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(typed))
    output = io.StringIO()
    call_command("setup_office", stdout=output)
    leader = User.objects.get(username="lanhdao")
    assert leader.check_password(NEW_PASSWORD) and leader.must_change_password
    assert Membership.objects.get(user=leader).role == Role.OFFICE_LEADER
    assert Unit.objects.get(parent=None).province_code == "22"
    assert NEW_PASSWORD not in output.getvalue()


def test_a_one_time_password_opens_only_the_password_change_page(db, client):
    output = _setup()
    client.post(reverse("login"), {"username": "cv.halong", "password": _one_time_password(output)})
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response.url == reverse("password_change")
    assert client.get(reverse("units:tree")).url == reverse("password_change")
    assert client.get(reverse("units:tree"), HTTP_HX_REQUEST="true")["HX-Redirect"] == reverse("password_change")
    assert client.get(reverse("password_change")).status_code == 200
    response = client.post(
        reverse("password_change"),
        {"old_password": _one_time_password(output), "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert not User.objects.get(username="cv.halong").must_change_password
    assert client.get(reverse("home")).status_code == 200
    assert client.get(reverse("units:tree")).status_code == 200


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("quantri", "qt@example.vn", "Quan-tri-rat-dai-9", full_name="Quản Trị")


def test_a_superuser_on_a_clean_database_is_sent_to_the_first_run_page(superuser, login):
    client = login(superuser)
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response.url == reverse("setup_office")
    assert "Cổng chưa có đơn vị quản lý nào" in client.get(response.url).content.decode()


def test_the_first_run_page_sets_up_the_office_and_shows_the_password_once(superuser, login):
    client = login(superuser)
    data = {
        "name": "Phòng Giáo dục và Đào tạo An Lạc",
        "kind": "office",
        "province_code": "22",
        "abbreviation": "PGDĐT",
        "place_name": "An Lạc",
        "head_position": "Trưởng phòng",
        "officer_username": "cv.anlac",
        "officer_name": "Đỗ Thị Chuyên",
        "officer_role": Role.OFFICE_OFFICER,
    }
    response = client.post(reverse("setup_office"), data)
    assert response.status_code == 200
    officer = User.objects.get(username="cv.anlac")
    page = response.content.decode()
    password = page.split('data-testid="one-time-password">', 1)[1].split("<", 1)[0]
    assert officer.check_password(password) and officer.must_change_password
    assert UnitIdentity.objects.get(unit__parent=None).abbreviation == "PGDĐT"
    assert client.get(reverse("home")).status_code == 200  # set up: the home page again
    again = client.post(reverse("setup_office"), {**data, "officer_username": "cv.khac"})
    assert "không cài đặt lại lần thứ hai" in again.content.decode()
    assert Unit.objects.count() == 1


def test_the_first_run_page_is_for_superusers_only(world, login):
    for user in (world.officer, world.leader, world.principal):
        assert login(user).get(reverse("setup_office")).status_code == 404
        assert login(user).post(reverse("setup_office"), {"name": "X"}).status_code == 404


def test_an_officer_made_by_hand_is_not_asked_to_change_the_password(world, login):
    assert login(make_user(Role.OFFICE_OFFICER, world.office)).get(reverse("home")).status_code == 200


@pytest.mark.parametrize(
    "bad",
    [
        {"kind": "commune", "official_code": "abc"},
        {"kind": "commune", "official_code": "99999"},
        {"province_code": "99"},
        {"officer_username": "có dấu cách"},
        {"officer_email": "khong-phai-thu"},
        {"kind": "school"},
        {"name": "x" * 500},
        {"name": "\x00"},
    ],
)
def test_bad_input_on_the_first_run_page_is_a_form_error_and_stores_nothing(superuser, login, bad):
    data = {
        "name": "Phòng Giáo dục và Đào tạo An Lạc",
        "kind": "office",
        "abbreviation": "PGDĐT",
        "place_name": "An Lạc",
        "head_position": "Trưởng phòng",
        "officer_username": "cv.anlac",
        "officer_name": "Đỗ Thị Chuyên",
        "officer_role": Role.OFFICE_OFFICER,
        **bad,
    }
    response = login(superuser).post(reverse("setup_office"), data)
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode() or "alert-danger" in response.content.decode()
    assert not Unit.objects.exists() and not User.objects.filter(username="cv.anlac").exists()
