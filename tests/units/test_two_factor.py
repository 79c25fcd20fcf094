"""Optional two-factor login for office roles (issue 8): setup, the login's code step, recovery
codes, turning it off, and that everyone else logs in exactly as before."""

import io
import re
from urllib.parse import quote, urlparse

import pyotp
import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD
from units import two_factor
from units.models import AuditEntry, TwoFactorDevice

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")
VERIFY = reverse("two_factor_verify")
SETUP = reverse("two_factor_setup")
DISABLE = reverse("two_factor_disable")
T0 = 1_800_000_000.0  # a fixed moment, a multiple of 30 s: the tests move this clock themselves


class Clock:
    def __init__(self, monkeypatch):
        self.at = T0
        monkeypatch.setattr(two_factor, "now", lambda: self.at)

    def advance(self, seconds: float) -> None:
        self.at += seconds


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


def code_at(secret: str, at: float) -> str:
    return pyotp.TOTP(secret).at(int(at))


def enable(user, clock) -> tuple[str, list[str]]:
    """Turns two-factor login on for `user` through the service; returns its secret and recovery codes."""
    device = two_factor.start_setup(user=user)
    secret = two_factor.decrypt_secret(device.secret)
    result, codes = two_factor.confirm_setup(user=user, device=device, code=code_at(secret, clock.at))
    assert result.ok
    clock.advance(90)  # the setup code's step is spent; the next login uses a later one
    return secret, codes


def password_step(client, user, next_url=""):
    data = {"username": user.username, "password": PASSWORD}
    url = f"{LOGIN}?next={next_url}" if next_url else LOGIN
    if next_url:
        data["next"] = next_url
    return client.post(url, data)


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


# --- setup -----------------------------------------------------------------------------------------


def test_an_officer_sets_up_two_factor_with_a_code_from_the_app(world, client, clock):
    client.force_login(world.officer)
    page = client.get(SETUP)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'src="data:image/svg+xml' in html  # the QR code, drawn on the server
    device = TwoFactorDevice.objects.get(user=world.officer)
    secret = two_factor.decrypt_secret(device.secret)
    assert secret not in device.secret  # stored encrypted
    assert " ".join(re.findall(".{4}", secret)) in html  # typed by hand in groups of four
    assert not device.confirmed

    # A wrong code: a clear message, nothing switched on.
    response = client.post(SETUP, {"code": "000000" if code_at(secret, clock.at) != "000000" else "111111"})
    assert "Mã xác thực không đúng" in response.content.decode()
    assert not TwoFactorDevice.objects.get(user=world.officer).confirmed

    response = client.post(SETUP, {"code": code_at(secret, clock.at)})
    assert response.status_code == 200
    html = response.content.decode()
    assert "chỉ hiện một lần" in html and "In ra" in html
    shown = re.findall(r'<li class="col mb-1">([2-9a-z]{5}-[2-9a-z]{5})</li>', html)
    assert len(shown) == 8
    device.refresh_from_db()
    assert device.confirmed
    # Stored hashed, never in plain text.
    stored = list(device.recovery_codes.values_list("code_hash", flat=True))
    assert not any(code.replace("-", "") in h for code in shown for h in stored)
    assert AuditEntry.objects.filter(action="two_factor.enable", actor=world.officer).exists()
    assert "Bật xác thực hai bước" in client.get(reverse("units:audit")).content.decode()

    # Afterwards the page shows the status, not the secret or the codes again.
    html = client.get(SETUP).content.decode()
    assert "Đang bật" in html and secret not in html and shown[0] not in html


def test_reloading_the_setup_page_keeps_the_same_qr_code(world, client):
    client.force_login(world.leader)
    first = client.get(SETUP).content
    second = client.get(SETUP).content
    assert TwoFactorDevice.objects.filter(user=world.leader).count() == 1
    assert re.search(rb'src="(data:image/svg[^"]+)"', first)[1] == re.search(rb'src="(data:image/svg[^"]+)"', second)[1]


def test_only_office_roles_see_the_setup_link_and_page(world, client):
    client.force_login(world.viewer)
    assert SETUP in client.get(reverse("home")).content.decode()
    for user in (world.principal, world.school_staff, world.role_users["centre_director"]):
        client.force_login(user)
        assert SETUP not in client.get(reverse("home")).content.decode()
        assert client.get(SETUP).status_code == 403


# --- login -----------------------------------------------------------------------------------------


def test_a_user_without_two_factor_logs_in_with_the_password_alone(world, client):
    response = password_step(client, world.officer, "/bao-cao/")
    assert response.status_code == 302 and response["Location"] == "/bao-cao/"
    assert logged_in(client)


def test_the_password_alone_does_not_log_in_a_two_factor_user(world, client, clock):
    enable(world.officer, clock)
    response = password_step(client, world.officer)
    assert response.status_code == 302 and response["Location"] == VERIFY
    assert not logged_in(client)
    # Any page still asks for a login.
    home = client.get(reverse("home"))
    assert home.status_code == 302 and urlparse(home["Location"]).path == LOGIN
    page = client.get(VERIFY)
    assert page.status_code == 200 and "mã 6 chữ số" in page.content.decode()


def test_the_right_code_logs_in_and_goes_to_next(world, client, clock):
    secret, _ = enable(world.officer, clock)
    password_step(client, world.officer, "/bao-cao/")
    response = client.post(VERIFY, {"code": code_at(secret, clock.at)})
    assert response.status_code == 302 and response["Location"] == "/bao-cao/"
    assert client.session["_auth_user_id"] == str(world.officer.pk)
    assert client.get("/bao-cao/").status_code == 200


def test_a_code_from_the_neighbouring_step_is_accepted_for_clock_drift(world, client, clock):
    secret, _ = enable(world.officer, clock)
    password_step(client, world.officer)
    response = client.post(VERIFY, {"code": code_at(secret, clock.at - 30)})
    assert response.status_code == 302 and logged_in(client)


def test_an_unsafe_next_is_replaced_by_the_home_page(world, client, clock):
    secret, _ = enable(world.officer, clock)
    password_step(client, world.officer, "https://ke-gian.example/")
    response = client.post(VERIFY, {"code": code_at(secret, clock.at)})
    assert response["Location"] == reverse("home")


def test_a_wrong_code_shows_a_vietnamese_message(world, client, clock):
    secret, _ = enable(world.officer, clock)
    password_step(client, world.officer)
    response = client.post(VERIFY, {"code": "12345"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Mã xác thực không đúng" in html and "Còn 4 lần thử" in html
    assert not logged_in(client)
    # An old code (two steps back) is refused too.
    response = client.post(VERIFY, {"code": code_at(secret, clock.at - 60)})
    assert "Mã xác thực không đúng" in response.content.decode() and not logged_in(client)


def test_a_code_cannot_be_used_twice(world, clock):
    secret, _ = enable(world.officer, clock)
    first = Client()
    password_step(first, world.officer)
    code = code_at(secret, clock.at)
    assert first.post(VERIFY, {"code": code}).status_code == 302

    # Someone who watched the code being typed tries it within the same 30 seconds.
    second = Client()
    password_step(second, world.officer)
    response = second.post(VERIFY, {"code": code})
    assert "vừa được dùng" in response.content.decode()
    assert not logged_in(second)
    # Nor does the code of the step before work once a later one was used.
    response = second.post(VERIFY, {"code": code_at(secret, clock.at - 30)})
    assert not logged_in(second)
    # The next code does.
    clock.advance(30)
    assert second.post(VERIFY, {"code": code_at(secret, clock.at)}).status_code == 302
    assert logged_in(second)


@pytest.mark.parametrize("typed", ["١٢٣٤٥٦", "１２３４５６", "' OR 1=1 --", "<script>", "\x00" * 6, "9" * 40])
def test_anything_typed_as_a_code_is_a_wrong_code_not_an_error(world, client, clock, typed):
    enable(world.officer, clock)
    password_step(client, world.officer)
    response = client.post(VERIFY, {"code": typed})
    assert response.status_code == 200
    assert "Mã xác thực" in response.content.decode() and not logged_in(client)


def test_five_wrong_codes_drop_the_pending_login(world, client, clock):
    secret, _ = enable(world.officer, clock)
    password_step(client, world.officer)
    for _ in range(4):
        client.post(VERIFY, {"code": "99999x"})
    response = client.post(VERIFY, {"code": "99999x"})
    assert response.status_code == 302 and response["Location"] == LOGIN
    assert "nhập sai mã xác thực 5 lần" in client.get(LOGIN).content.decode()
    # Even the right code is useless now: the password must be typed again.
    response = client.post(VERIFY, {"code": code_at(secret, clock.at)})
    assert response["Location"] == LOGIN and not logged_in(client)
    entry = AuditEntry.objects.get(action="two_factor.too_many_failures")
    assert entry.actor == world.officer and entry.unit == world.office


def test_retyping_the_password_does_not_give_endless_guesses(world, client, clock):
    secret, _ = enable(world.officer, clock)
    for _ in range(2):
        password_step(client, world.officer)
        for _ in range(5):
            client.post(VERIFY, {"code": "99999x"})
    password_step(client, world.officer)
    response = client.post(VERIFY, {"code": code_at(secret, clock.at)})
    assert "tạm khóa" in response.content.decode() and not logged_in(client)


def test_the_pending_login_expires_after_five_minutes(world, client, clock):
    secret, _ = enable(world.officer, clock)
    password_step(client, world.officer)
    clock.advance(5 * 60 + 1)
    response = client.post(VERIFY, {"code": code_at(secret, clock.at)})
    assert response.status_code == 302 and response["Location"] == LOGIN
    assert not logged_in(client)
    assert "Đã quá 5 phút" in client.get(LOGIN).content.decode()


def test_the_code_page_without_a_password_step_goes_back_to_login(client, db):
    response = client.get(VERIFY)
    assert response.status_code == 302 and response["Location"] == LOGIN


def test_a_logged_in_user_opening_the_login_page_is_sent_on(world, client, clock):
    secret, _ = enable(world.officer, clock)
    password_step(client, world.officer)
    client.post(VERIFY, {"code": code_at(secret, clock.at)})
    response = client.get(LOGIN)
    assert response.status_code == 302 and response["Location"] == reverse("home")


# --- recovery codes --------------------------------------------------------------------------------


def test_a_recovery_code_logs_in_once(world, clock):
    _, codes = enable(world.officer, clock)
    client = Client()
    password_step(client, world.officer)
    response = client.post(VERIFY, {"code": codes[0].upper().replace("-", " ")})
    assert response.status_code == 302 and logged_in(client)
    assert "Còn 7 mã dự phòng" in client.get(reverse("home")).content.decode()
    entry = AuditEntry.objects.get(action="two_factor.recovery_code")
    assert entry.actor == world.officer and entry.changes == {"recovery_codes_left": [8, 7]}

    again = Client()
    password_step(again, world.officer)
    response = again.post(VERIFY, {"code": codes[0]})
    assert "Mã xác thực không đúng" in response.content.decode() and not logged_in(again)
    assert again.post(VERIFY, {"code": codes[1]}).status_code == 302 and logged_in(again)


def test_a_new_set_of_recovery_codes_replaces_the_old_one(world, client, clock):
    secret, old_codes = enable(world.officer, clock)
    client.force_login(world.officer)
    response = client.post(SETUP, {"code": "12345x"})
    assert "Mã xác thực không đúng" in response.content.decode()
    response = client.post(SETUP, {"code": code_at(secret, clock.at)})
    html = response.content.decode()
    assert "Đã tạo bộ mã dự phòng mới" in html
    new_codes = re.findall(r'<li class="col mb-1">([2-9a-z]{5}-[2-9a-z]{5})</li>', html)
    assert len(new_codes) == 8 and not set(new_codes) & set(old_codes)
    assert AuditEntry.objects.filter(action="two_factor.recovery_codes_renewed", actor=world.officer).exists()

    clock.advance(30)
    other = Client()
    password_step(other, world.officer)
    assert "Mã xác thực không đúng" in other.post(VERIFY, {"code": old_codes[0]}).content.decode()
    assert other.post(VERIFY, {"code": new_codes[0]}).status_code == 302 and logged_in(other)


# --- turning it off --------------------------------------------------------------------------------


def test_turning_it_off_needs_the_password_and_a_code(world, client, clock):
    secret, _ = enable(world.officer, clock)
    client.force_login(world.officer)
    assert "Mật khẩu hiện tại" in client.get(DISABLE).content.decode()

    response = client.post(DISABLE, {"password": "sai", "code": code_at(secret, clock.at)})
    assert "Mật khẩu không đúng" in response.content.decode()
    response = client.post(DISABLE, {"password": PASSWORD, "code": "000000x"})
    assert "Mã xác thực không đúng" in response.content.decode()
    response = client.post(DISABLE, {"password": PASSWORD, "code": ""})
    assert "Vui lòng nhập mã xác thực" in response.content.decode()
    assert TwoFactorDevice.objects.filter(user=world.officer, confirmed=True).exists()

    response = client.post(DISABLE, {"password": PASSWORD, "code": code_at(secret, clock.at)})
    assert response.status_code == 302
    assert not TwoFactorDevice.objects.filter(user=world.officer).exists()
    assert AuditEntry.objects.filter(action="two_factor.disable", actor=world.officer).exists()

    # The next login needs the password only.
    fresh = Client()
    password_step(fresh, world.officer)
    assert logged_in(fresh)


def test_the_turn_off_page_says_when_it_is_not_on(world, client):
    client.force_login(world.officer)
    assert "chưa bật xác thực hai bước" in client.get(DISABLE).content.decode()


# --- the office may make it compulsory --------------------------------------------------------------


def test_the_required_setting_sends_office_users_to_setup(world, client, settings):
    settings.TWO_FACTOR_REQUIRED_FOR_OFFICE = True
    response = password_step(client, world.officer, "/bao-cao/")
    assert response.status_code == 302
    assert response["Location"] == f"{SETUP}?next=%2Fbao-cao%2F"
    page = client.get(response["Location"]).content.decode()
    assert "Phòng yêu cầu cán bộ bật xác thực hai bước" in page
    assert 'name="next" value="/bao-cao/"' in page

    # Other roles are not concerned.
    other = Client()
    response = password_step(other, world.principal)
    assert response["Location"] == reverse("home")


@pytest.fixture
def required(settings):
    settings.TWO_FACTOR_REQUIRED_FOR_OFFICE = True
    return settings


def _sent_to_setup(response, next_url=None) -> bool:
    expected = f"{SETUP}?next={quote(next_url, safe='')}" if next_url else SETUP
    return response.status_code == 302 and response["Location"] == expected


def test_required_two_factor_opens_nothing_else_until_the_device_is_confirmed(world, client, required, clock):
    from tests.reports.helpers import make_form

    form = make_form(world)
    password_step(client, world.officer)
    assert logged_in(client)  # the password was right; the session exists, but leads only to setup

    # Pages, with the page asked for kept as `next`.
    for url in ("/", "/bao-cao/", reverse("units:tree"), reverse("units:people"), "/quan-tri/"):
        assert _sent_to_setup(client.get(url), url), url
    assert _sent_to_setup(client.get("/bao-cao/?trang=2"), "/bao-cao/?trang=2")
    # Downloads.
    export = reverse("reports:form_export", args=[form.pk])
    response = client.get(export)
    assert _sent_to_setup(response, export)
    assert "Content-Disposition" not in response
    # A form sent: nothing changes, the user is sent to setup.
    response = client.post(reverse("units:person_create"), {"username": "moi", "full_name": "Người Mới"})
    assert _sent_to_setup(response)
    assert not world.officer.__class__.objects.filter(username="moi").exists()
    # htmx asks for a fragment: the whole page moves to setup instead of a fragment being swapped in.
    response = client.get(reverse("units:people"), {"q": "giam"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and response["HX-Redirect"] == SETUP
    assert response.content == b""
    # The two-factor pages other than setup are closed too.
    assert _sent_to_setup(client.get(DISABLE), DISABLE)

    # Still open: the setup page, which says why, the password change, and static files.
    page = client.get(SETUP)
    assert page.status_code == 200 and "Phòng yêu cầu cán bộ bật xác thực hai bước" in page.content.decode()
    assert client.get(reverse("password_change")).status_code == 200
    assert client.get("/static/css/khong-co.css").status_code == 404  # not served by Django here, not redirected

    # Confirming the device (the setup page's POST) opens the portal.
    secret = two_factor.decrypt_secret(TwoFactorDevice.objects.get(user=world.officer).secret)
    response = client.post(SETUP, {"code": code_at(secret, clock.at), "next": "/bao-cao/"})
    assert response.status_code == 200 and "chỉ hiện một lần" in response.content.decode()
    assert client.get("/bao-cao/").status_code == 200
    assert client.get(export)["Content-Disposition"].startswith("attachment")


def test_required_two_factor_lets_the_user_log_out(world, client, required):
    client.force_login(world.leader)
    assert _sent_to_setup(client.get("/"), "/")
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and urlparse(response["Location"]).path == LOGIN
    assert not logged_in(client)


def test_required_two_factor_leaves_other_roles_and_device_owners_alone(world, client, required, clock):
    for user in (world.principal, world.director, world.association_officer):
        client.force_login(user)
        assert client.get("/").status_code == 200
    enable(world.officer, clock)
    client.force_login(world.officer)
    assert client.get("/bao-cao/").status_code == 200
    assert client.get(SETUP).status_code == 200  # the status page, with no warning
    assert "Phòng yêu cầu" not in client.get(SETUP).content.decode()


def test_turning_the_device_off_under_the_requirement_closes_the_portal_again(world, client, required, clock):
    secret, _ = enable(world.officer, clock)
    client.force_login(world.officer)
    client.post(DISABLE, {"password": PASSWORD, "code": code_at(secret, clock.at)})
    assert _sent_to_setup(client.get("/bao-cao/"), "/bao-cao/")


def test_without_the_setting_office_users_choose(world, client):
    response = password_step(client, world.officer)
    assert response["Location"] == reverse("home")
    assert client.get("/bao-cao/").status_code == 200


# --- the lockout keeps working ---------------------------------------------------------------------


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AUTHENTICATION_BACKENDS = [
        "axes.backends.AxesStandaloneBackend",
        "django.contrib.auth.backends.ModelBackend",
    ]
    yield settings
    call_command("axes_reset", verbosity=0)


def test_the_password_lockout_still_guards_a_two_factor_user(world, axes_on, clock):
    secret, _ = enable(world.officer, clock)
    client = Client()
    for _ in range(5):
        client.post(LOGIN, {"username": world.officer.username, "password": "sai"}, REMOTE_ADDR="10.0.0.9")
    response = client.post(LOGIN, {"username": world.officer.username, "password": PASSWORD}, REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 429
    assert "two_factor_pending" not in client.session

    # From another address the password step works and the code completes the login with the
    # backend that checked the password.
    other = Client(REMOTE_ADDR="10.0.0.10")
    response = other.post(LOGIN, {"username": world.officer.username, "password": PASSWORD})
    assert response["Location"] == VERIFY
    assert other.post(VERIFY, {"code": code_at(secret, clock.at)}).status_code == 302
    assert other.session["_auth_user_backend"] == "django.contrib.auth.backends.ModelBackend"


def test_an_administrator_can_reset_a_lost_device(world, clock):
    enable(world.officer, clock)
    out = io.StringIO()
    call_command("two_factor_reset", world.officer.username, stdout=out)
    assert "Đã tắt" in out.getvalue()
    assert not TwoFactorDevice.objects.filter(user=world.officer).exists()
    assert AuditEntry.objects.filter(action="two_factor.disable", actor=None).exists()
    client = Client()
    password_step(client, world.officer)
    assert logged_in(client)
