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
from units.models import Role


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
    url = case.url(world)
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
    """…and every page a role may open loads nothing from another host (see _assert_no_other_host)."""
    for role in ALL_ROLES:
        client.force_login(world.role_users[role])
        response = _request(client, case, world)
        _check(response, case.expected(role), case, role)
        _assert_no_other_host(response, case, role)


def office_a_names(world) -> list[str]:
    """Names that only office A's objects carry: its units (not office B's), its people, and the
    families, households, people and classes the matrix builds there. None may reach office B."""
    from learning_society.models import Subject
    from literacy.models import Household, LiteracyClass, Person
    from resources.models import GoodModel, Resource
    from units.models import Unit, User

    units = Unit.objects.subtree_of(world.office)
    names = {u.full_name for u in units}
    names |= set(User.objects.filter(memberships__unit__in=units).values_list("full_name", flat=True))
    names |= set(Subject.objects.filter(area__in=units).values_list("name", flat=True))
    names |= set(Household.objects.filter(hamlet__in=units).values_list("head_name", flat=True))
    names |= set(Person.objects.filter(commune__in=units).values_list("full_name", flat=True))
    names |= set(LiteracyClass.objects.filter(run_by__in=units).values_list("name", flat=True))
    names |= set(Resource.objects.filter(office__in=units).values_list("title", flat=True))
    names |= set(GoodModel.objects.filter(unit__in=units).values_list("title", flat=True))
    # Examples in help texts of the portal's own pages use these names of the demo district.
    return sorted(n for n in names if n and n not in EXAMPLE_NAMES)


EXAMPLE_NAMES = {"Trường THCS Đống Đa", "Xã Đống Đa", "Nguyễn Văn An", "Nguyễn Văn Chủ"}
OUTSIDERS = (("outsider_officer", Role.OFFICE_OFFICER), ("outsider_principal", Role.PRINCIPAL))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_a_user_of_another_office_gets_nothing(case, world, client):
    """Office A's objects are 404 for office B, exactly; B's list and create pages answer as in any
    office (by role) without a single name of office A's objects, and a POST with A's ids in it is
    refused by its form (200), never done (302)."""
    for attr, role in OUTSIDERS:
        user = getattr(world, attr)
        client.force_login(user)
        response = _request(client, case, world)
        expected = case.expected_for_outsider(role)
        assert response.status_code == expected, f"{case.id} as {attr}: {response.status_code} != {expected}"
        _assert_no_other_host(response, case, attr)
        if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            names = office_a_names(world)
            assert {"Phòng GD&ĐT huyện Thử Nghiệm", "Nguyễn Văn Chuyên"} <= set(names)
            html = response.content.decode()
            leaked = [name for name in names if name in html]
            assert leaked == [], f"{case.id} as {attr} shows office A's {leaked}"


_EXTERNAL = re.compile(
    r"""(?:src|href|action)\s*=\s*["']\s*(?:https?:)?//(?!127\.0\.0\.1|localhost|testserver)""", re.I
)


def _assert_no_other_host(response, case: UrlCase, who: str) -> None:
    """Offices sit on slow or closed networks: every asset comes from the portal itself. Checked on
    the page as each role and the other office's users see it (what a page shows depends on who
    asks), not only as the first role allowed in. A download (XLSX, PDF) is fetched by no browser."""
    if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
        return
    match = _EXTERNAL.search(response.content.decode())
    assert match is None, f"{case.id} as {who} loads from another host: {match and match.group(0)}"
