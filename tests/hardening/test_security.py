"""Security settings a user (or an attacker) would notice: lockout, CSP, cookies, CSRF on forms."""

import importlib
import io
import logging
import re
import sys

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


# --- the address the lockout counts, behind a reverse proxy ------------------------------------------

PROXY = "127.0.0.1"  # nginx on the same machine, as production.py trusts by default


def _via_proxy(client, username, password, forwarded_for):
    """A login as nginx passes it on: from the proxy's socket, the client's address appended."""
    return client.post(
        LOGIN_URL,
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_behind_the_proxy_five_failures_lock_that_client_only(world, axes_on):
    axes_on.TRUSTED_PROXIES = [PROXY]
    for _ in range(5):
        _via_proxy(Client(), world.principal.username, "sai", "203.0.113.7")
    assert _via_proxy(Client(), world.principal.username, PASSWORD, "203.0.113.7").status_code == 429
    # The same person from another place, reaching the portal through the same proxy, gets in:
    # one attacker can no longer lock a username for everyone.
    assert _via_proxy(Client(), world.principal.username, PASSWORD, "198.51.100.20").status_code == 302


def test_a_forged_left_most_address_changes_nothing(world, axes_on):
    """nginx appends the address it saw; whatever stands left of it the client wrote itself."""
    axes_on.TRUSTED_PROXIES = [PROXY]
    for n in range(5):
        # A different made-up address each time (one is a colleague's): the attacker stays counted.
        forged = "198.51.100.20" if n == 0 else f"192.0.2.{n}"
        _via_proxy(Client(), world.principal.username, "sai", f"{forged}, 203.0.113.7")
    assert _via_proxy(Client(), world.principal.username, PASSWORD, "203.0.113.7").status_code == 429
    assert _via_proxy(Client(), world.principal.username, PASSWORD, "198.51.100.20").status_code == 302


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(world, axes_on):
    axes_on.TRUSTED_PROXIES = []
    # Frame a colleague: five failures claiming to come from the colleague's address.
    for _ in range(5):
        Client().post(
            LOGIN_URL,
            {"username": world.principal.username, "password": "sai"},
            REMOTE_ADDR="10.0.0.66",
            HTTP_X_FORWARDED_FOR="10.0.0.1",
        )
    assert _try(Client(), world.principal.username, PASSWORD, ip="10.0.0.1").status_code == 302
    # Dodge the lock: a new made-up header on every try does not reset the count.
    for n in range(5):
        Client().post(
            LOGIN_URL,
            {"username": world.officer.username, "password": "sai"},
            REMOTE_ADDR="10.0.0.66",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )
    assert _try(Client(), world.officer.username, PASSWORD, ip="10.0.0.66").status_code == 429


def test_only_a_trusted_peer_may_speak_for_the_client(rf, settings):
    from units.lockout import client_ip

    settings.TRUSTED_PROXIES = ["127.0.0.1", "::1", "10.1.0.0/16"]

    def ip(remote, forwarded=None):
        extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
        return client_ip(rf.post(LOGIN_URL, REMOTE_ADDR=remote, **extra))

    assert ip("127.0.0.1", "203.0.113.7") == "203.0.113.7"
    assert ip("::1", "2001:db8::5") == "2001:db8::5"
    # Two proxies (a load balancer 10.1.2.3, then nginx): the first address neither of them is.
    assert ip("127.0.0.1", "1.2.3.4, 203.0.113.7, 10.1.2.3") == "203.0.113.7"
    # A peer that is not a proxy: its own address, whatever it claims.
    assert ip("203.0.113.9", "10.0.0.1") == "203.0.113.9"
    # No header, an empty one, or garbage where the client would be: the proxy's own address.
    assert ip("127.0.0.1") == "127.0.0.1"
    assert ip("127.0.0.1", "") == "127.0.0.1"
    assert ip("127.0.0.1", "203.0.113.7, không-phải-địa-chỉ") == "127.0.0.1"
    # Garbage the client wrote left of the real address is never read.
    assert ip("127.0.0.1", "<script>, 203.0.113.7") == "203.0.113.7"


def test_production_trusts_the_local_proxy_and_rejects_a_mistyped_one(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.setenv("SECRET_KEY", "x" * 60)
    monkeypatch.setenv("ALLOWED_HOSTS", "gdtx.example.vn")
    production = importlib.reload(importlib.import_module("gdtx_portal.settings.production"))
    assert production.TRUSTED_PROXIES == ["127.0.0.1", "::1"]
    assert production.AXES_CLIENT_IP_CALLABLE == "units.lockout.client_ip"
    monkeypatch.setenv("BEHIND_PROXY", "false")
    assert importlib.reload(production).TRUSTED_PROXIES == []
    monkeypatch.setenv("BEHIND_PROXY", "true")
    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.5, 10.2.0.0/24")
    assert importlib.reload(production).TRUSTED_PROXIES == ["10.0.0.5", "10.2.0.0/24"]
    monkeypatch.setenv("TRUSTED_PROXIES", "nginx")
    with pytest.raises(ImproperlyConfigured):
        importlib.reload(production)


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


# --- private pages and downloads stay out of caches --------------------------------------------------


def _no_store(response) -> bool:
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    return {"no-store", "private"} <= directives


def test_pages_for_a_logged_in_user_are_never_stored(world, login):
    client = login(world.officer)
    for url in (reverse("home"), reverse("units:tree"), reverse("units:people"), "/bao-cao/"):
        response = client.get(url)
        assert response.status_code == 200 and _no_store(response), url
    fragment = client.get(reverse("units:people"), {"q": "giam"}, HTTP_HX_REQUEST="true")
    assert _no_store(fragment)
    # A refused page and a missing one as well: they still tell what exists.
    assert _no_store(login(world.principal).get(reverse("two_factor_setup")))
    assert _no_store(client.get("/bao-cao/bieu-mau/999999999/"))


def test_downloads_are_never_stored(world, login):
    from tests.reports.helpers import make_form

    form = make_form(world)
    response = login(world.officer).get(reverse("reports:form_export", args=[form.pk]))
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert _no_store(response)


def test_every_attachment_is_marked_even_without_a_login(rf):
    """Whatever view sends a file (FileResponse or an HttpResponse with Content-Disposition, PDF,
    XLSX, a job's result), and even a view that asked for public caching."""
    from django.contrib.auth.models import AnonymousUser
    from django.http import FileResponse, HttpResponse

    from gdtx_portal.middleware import NoStoreMiddleware

    def pdf(request):
        return FileResponse(io.BytesIO(b"%PDF-1.7"), filename="bao-cao.pdf", content_type="application/pdf")

    def xlsx(request):
        response = HttpResponse(b"PK", content_type="application/vnd.ms-excel")
        response["Content-Disposition"] = 'attachment; filename="tong-hop.xlsx"'
        response["Cache-Control"] = "public, max-age=600"
        return response

    def page(request):
        return HttpResponse("trang công khai")

    for view in (pdf, xlsx):
        request = rf.get("/")
        request.user = AnonymousUser()
        response = NoStoreMiddleware(view)(request)
        assert _no_store(response) and "public" not in response["Cache-Control"]
    request = rf.get("/")
    request.user = AnonymousUser()
    assert not NoStoreMiddleware(page)(request).has_header("Cache-Control")


def test_the_login_and_logout_answers_are_not_stored(world, client):
    response = client.post(LOGIN_URL, {"username": world.officer.username, "password": PASSWORD})
    assert response.status_code == 302 and _no_store(response)
    response = client.post(reverse("logout"))
    assert _no_store(response)


# --- a refused page is one line in the log -----------------------------------------------------------


def test_a_refused_page_is_logged_as_one_line_without_a_traceback(world, login, caplog):
    client = login(world.principal)
    with caplog.at_level("WARNING", logger="django.request"):
        response = client.get(reverse("two_factor_setup") + "?x=1")
    assert response.status_code == 403
    records = [r for r in caplog.records if r.name == "django.request"]
    assert len(records) == 1
    assert records[0].getMessage() == f"Forbidden (403): GET /tai-khoan/xac-thuc-hai-buoc/ user={world.principal.pk}"
    assert records[0].exc_info is None
    assert "Traceback" not in caplog.text and "PermissionDenied" not in caplog.text


def _record_of(error: Exception, request=None) -> logging.LogRecord:
    try:
        raise error
    except Exception:
        record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "%s", ("x",), sys.exc_info())
    record.request = request
    return record


def test_a_path_cannot_forge_a_log_line(world, rf):
    """A path with a line break (%0A) is written escaped, as Django escapes it."""
    from django.core.exceptions import PermissionDenied

    from gdtx_portal.log_filters import OneLineForbidden

    request = rf.get("/a%0AINFO giả mạo")
    request.user = world.principal
    record = _record_of(PermissionDenied(), request)
    OneLineForbidden().filter(record)
    assert "\n" not in record.getMessage() and "\\n" in record.getMessage()
    assert record.exc_info is None


def test_other_errors_keep_their_traceback():
    from gdtx_portal.log_filters import OneLineForbidden

    record = _record_of(ValueError("lỗi thật"))
    OneLineForbidden().filter(record)
    assert record.exc_info is not None and record.getMessage() == "x"
