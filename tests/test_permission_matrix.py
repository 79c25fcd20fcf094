"""Runs every UrlCase for anonymous, each role and a user of another office (see permission_matrix.py)."""

import importlib
import pkgutil
import re
from urllib.parse import urlparse

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests
from tests import core_matrix
from tests.permission_matrix import ALL_ROLES, UrlCase


def _collect_cases() -> list[UrlCase]:
    cases = list(core_matrix.CASES)
    for module in pkgutil.iter_modules(tests.__path__):
        if module.ispkg:
            try:
                matrix = importlib.import_module(f"tests.{module.name}.matrix")
            except ModuleNotFoundError:
                continue
            cases.extend(matrix.CASES)
    return cases


CASES = _collect_cases()


def _url_names(resolver=None, namespace="") -> set[str]:
    names = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names |= _url_names(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(f"{namespace}{entry.name}")
    return names


def test_every_url_of_the_portal_is_in_the_matrix():
    covered = {case.name for case in CASES} | core_matrix.PUBLIC
    missing = sorted(_url_names() - covered)
    assert missing == [], f"Add these URLs to a tests/<app>/matrix.py: {missing}"


def _request(client, case: UrlCase, world):
    url = reverse(case.name, kwargs=case.kwargs(world)) + case.query
    headers = {"HTTP_HX_REQUEST": "true"} if case.htmx else {}
    if case.method == "post":
        return client.post(url, case.data(world) if case.data else {}, **headers)
    return client.get(url, **headers)


def _check(response, expected: int, case: UrlCase, who: str):
    if expected == 200 and case.method == "post":
        assert response.status_code in (200, 302), f"{case.id} as {who}: {response.status_code}"
    else:
        assert response.status_code == expected, f"{case.id} as {who}: {response.status_code} != {expected}"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_anonymous_is_sent_to_login(case, world, client):
    response = _request(client, case, world)
    assert response.status_code == 302
    assert urlparse(response["Location"]).path == reverse("login")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_each_role_gets_what_the_matrix_says(case, world, client):
    for role in ALL_ROLES:
        client.force_login(world.role_users[role])
        _check(_request(client, case, world), case.expected(role), case, role)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_a_user_of_another_office_gets_nothing(case, world, client):
    for user in (world.outsider_officer, world.outsider_principal):
        client.force_login(user)
        response = _request(client, case, world)
        if case.outsider == 200:
            assert response.status_code in (200, 302, 403), f"{case.id} as {user}"
        else:
            _check(response, case.outsider, case, user.username)


_EXTERNAL = re.compile(
    r"""(?:src|href|action)\s*=\s*["']\s*(?:https?:)?//(?!127\.0\.0\.1|localhost|testserver)""", re.I
)


@pytest.mark.parametrize("case", [c for c in CASES if c.method == "get"], ids=lambda c: c.id)
def test_no_page_loads_anything_from_another_host(case, world, client):
    """Offices sit on slow or closed networks: every asset comes from the portal itself."""
    for role in ALL_ROLES:
        if case.expected(role) != 200:
            continue
        client.force_login(world.role_users[role])
        response = _request(client, case, world)
        if not response.get("Content-Type", "").startswith("text/html"):
            break  # a download (XLSX, PDF): nothing in it is fetched by a browser
        html = response.content.decode()
        assert not _EXTERNAL.search(html), f"{case.id} as {role} links to another host"
        break
