"""Security settings a user (or an attacker) would notice: lockout, CSP, cookies, CSRF on forms."""

import importlib
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("login")


@pytest.fixture
def axes_on(settings):
    """The suite runs with the lockout off (tests log in many times); these tests turn it on."""
    settings.AXES_ENABLED = True
    settings.AUTHENTICATION_BACKENDS = [
        "axes.backends.AxesStandaloneBackend",
        "django.contrib.auth.backends.ModelBackend",
    ]
    settings.AXES_FAILURE_LIMIT = 5
    yield settings
    call_command("axes_reset", verbosity=0)


def _try(client, username, password, ip="10.0.0.1"):
    return client.post(LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_five_wrong_passwords_lock_the_account_with_a_vietnamese_message(world, axes_on):
    client = Client()
    for _ in range(4):
        response = _try(client, world.principal.username, "sai-mat-khau")
        assert response.status_code == 200
        assert "tạm khóa" not in response.content.decode()
    response = _try(client, world.principal.username, "sai-mat-khau")
    assert response.status_code == 429
    page = response.content.decode()
    assert "tạm khóa" in page and "15 phút" in page
    assert world.principal.username in page  # the username stays in the box
    # Even the right password is refused while locked: guessing cannot continue.
    response = _try(client, world.principal.username, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_username_and_address(world, axes_on):
    client = Client()
    for _ in range(5):
        _try(client, world.principal.username, "sai")
    # A colleague behind the same office address still gets in.
    response = _try(Client(), world.officer.username, PASSWORD)
    assert response.status_code == 302
    # The same user from another address is not locked either.
    response = _try(Client(), world.principal.username, PASSWORD, ip="10.0.0.2")
    assert response.status_code == 302


def test_a_successful_login_resets_the_count(world, axes_on):
    for _ in range(4):
        _try(Client(), world.principal.username, "sai")
    assert _try(Client(), world.principal.username, PASSWORD).status_code == 302
    for _ in range(4):
        _try(Client(), world.principal.username, "sai")
    assert _try(Client(), world.principal.username, PASSWORD).status_code == 302


def test_production_settings_are_strict(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 60)
    monkeypatch.setenv("ALLOWED_HOSTS", "gdtx.example.vn")
    production = importlib.import_module("gdtx_portal.settings.production")
    production = importlib.reload(production)
    assert production.DEBUG is False
    assert production.SESSION_COOKIE_SECURE and production.CSRF_COOKIE_SECURE
    assert production.SECURE_HSTS_SECONDS >= 31536000
    assert production.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert production.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert production.AXES_ENABLED and production.AXES_FAILURE_LIMIT == 5
    directives = production.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert production.CONTENT_SECURITY_POLICY_REPORT_ONLY is None
    assert len(production.AUTH_PASSWORD_VALIDATORS) >= 4


def test_enforced_csp_header_forbids_inline_scripts(world, login, settings):
    from gdtx_portal.settings.base import _CSP_DIRECTIVES

    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": _CSP_DIRECTIVES}
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = None
    client = login(world.officer)
    header = client.get(reverse("units:tree"))["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]+)", header).group(1)
    assert "'self'" in script_src
    assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
    assert "frame-ancestors 'none'" in header and "object-src 'none'" in header


def test_a_page_that_uses_the_nonce_gets_a_fresh_one_each_time(rf, settings):
    """An inline <script nonce="{{ CSP_NONCE }}"> is allowed, and only for that one response."""
    from csp.middleware import CSPMiddleware
    from django.http import HttpResponse

    from gdtx_portal.settings.base import _CSP_DIRECTIVES

    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": _CSP_DIRECTIVES}
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = None

    def view(request):
        return HttpResponse(f'<script nonce="{request.csp_nonce}">1</script>')

    middleware = CSPMiddleware(view)
    headers = []
    for _ in range(2):
        request = rf.get("/")
        response = middleware(request)
        nonce = re.search(r'nonce="([^"]+)"', response.content.decode()).group(1)
        assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
        headers.append(response["Content-Security-Policy"])
    assert headers[0] != headers[1]


def test_development_and_tests_report_csp_violations_without_breaking_pages(world, login):
    response = login(world.officer).get(reverse("units:tree"))
    assert "script-src 'self'" in response["Content-Security-Policy-Report-Only"]
    assert "Content-Security-Policy" not in response


def test_password_validators_refuse_weak_passwords(world):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ["12345678", "password", "abc", world.principal.username]:
        with pytest.raises(ValidationError):
            validate_password(weak, user=world.principal)


def test_uploaded_files_are_never_served_from_media_urls(world, login, settings):
    """Evidence, imports and job results are only sent by views that check who may see them;
    /media/<path> is no URL of the portal, whoever asks (the web server must not serve it either)."""
    (settings.MEDIA_ROOT / "centers").mkdir(parents=True, exist_ok=True)
    (settings.MEDIA_ROOT / "centers" / "bi-mat.pdf").write_bytes(b"%PDF secret")
    for user in (world.officer, world.outsider_officer):
        response = login(user).get("/media/centers/bi-mat.pdf")
        assert response.status_code == 404
        assert b"secret" not in response.content


def test_the_unit_tree_script_runs_under_the_enforced_policy(world, login, settings):
    """The tree's inline script carries the response's nonce, so production browsers run it."""
    from gdtx_portal.settings.base import _CSP_DIRECTIVES

    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": _CSP_DIRECTIVES}
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = None
    response = login(world.officer).get(reverse("units:tree"))
    nonce = re.search(r'<script nonce="([^"]+)">', response.content.decode()).group(1)
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
