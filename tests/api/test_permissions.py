"""The API's own permission matrix: every endpoint once, asked without a token, with a revoked one,
with office A's token (200) and with office B's token on office A's ids (404, exactly as an id that
does not exist). Then the IDOR sweep of the API: every unit and every period that is not office B's
is put into every id of every endpoint, asked with office B's token: 404 each time."""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from api import services
from reports.models import ReportingPeriod
from tests.api.matrix import CASES as SESSION_CASES
from tests.reports.helpers import open_period
from units.models import Unit

pytestmark = pytest.mark.django_db

# name → (the table its id is a row of, office A's object for it)
ENDPOINTS = {
    "api:units": (None, None),
    "api:periods": (None, None),
    "api:unit": (Unit, lambda w: w.school),
    "api:rollup": (ReportingPeriod, lambda w: w.period),
    "api:literacy_standard": (Unit, lambda w: w.commune),
    "api:learning_society": (Unit, lambda w: w.office),
}


def _url(name, pk=None):
    return reverse(name, args=[pk] if pk is not None else [])


def _bearer(token):
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


@pytest.fixture
def tokens(world):
    world.period = open_period(world)
    a = services.api_client_create(actor=world.officer, name="Sở (A)", unit=world.office)
    b = services.api_client_create(actor=world.outsider_officer, name="Sở (B)", unit=world.other_office)
    revoked = services.api_client_create(actor=world.officer, name="Cũ", unit=world.office)
    services.api_client_revoke(actor=world.officer, client=revoked.client)
    return {"a": a.token, "b": b.token, "revoked": revoked.token}


def test_every_api_url_is_in_this_matrix_or_the_session_matrix():
    api = next(e for e in get_resolver().url_patterns if isinstance(e, URLResolver) and e.namespace == "api")
    names = {f"api:{e.name}" for e in api.url_patterns if isinstance(e, URLPattern)}
    assert names - {c.name for c in SESSION_CASES} - {"api:schema"} == set(ENDPOINTS)


@pytest.mark.parametrize("name", sorted(ENDPOINTS))
def test_each_endpoint_answers_by_token(name, world, tokens):
    _table, own = ENDPOINTS[name]
    url = _url(name, own(world).pk if own else None)
    assert Client().get(url).status_code == 401  # no token: never the login page, never data
    assert _bearer(tokens["revoked"]).get(url).status_code == 401
    assert _bearer(tokens["a"]).get(url).status_code == 200
    outsider = _bearer(tokens["b"]).get(url)
    if own:
        assert outsider.status_code == 404
    else:
        assert outsider.status_code == 200
        names = {u.full_name for u in Unit.objects.subtree_of(world.office)} | {world.period.label}
        assert [n for n in names if n in outsider.content.decode()] == []
    assert _bearer(tokens["a"]).post(url, {}).status_code == 405


def test_no_row_of_another_office_is_served_to_a_token(world, tokens):
    own = {
        Unit: set(Unit.objects.subtree_of(world.other_office).values_list("pk", flat=True)),
        ReportingPeriod: set(),
    }
    client, swept, leaks = _bearer(tokens["b"]), 0, []
    for name, (table, _obj) in ENDPOINTS.items():
        if table is None:
            continue
        for pk in sorted(set(table.objects.values_list("pk", flat=True)) - own[table]):
            swept += 1
            status = client.get(_url(name, pk)).status_code
            if status != 404:
                leaks.append(f"{name} {table.__name__}={pk} → {status}")
    assert swept > 20
    assert leaks == []
