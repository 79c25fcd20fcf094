"""IDOR sweep of the ids that come in a form, a query string or a JSON body (pen test, issue 12).

An id check on the URL's object is not enough: office B's officer may open B's own recognition page
and post the ids of office A's families. For EVERY POST case of the permission matrix
(tests/test_permission_matrix.py CASES), as office B's officer and as its principal:

1. on office A's URL with office A's body: exactly 404 (as the matrix says), nothing written;
2. on office B's own URL (the same builders run for office B, tests/hardening/office_b.py) with the
   ids of office A's matching objects in EVERY id-bearing field of the body and of the query string
   (where A's and B's bodies differ by an id: a pk, a list of pks, a JSON of pks): 404, or the form
   back with an error (200/400/403/409, or a redirect that carries only an error message) — never a
   success — and NOTHING changed in the database (a hash of every row of every project table).

GET cases whose query string carries an id (?thon=, ?don_vi=...) get office A's id on office B's page:
404, or a page without any name of office A's objects that B's own page does not show.
"""

import hashlib

import pytest
from django.apps import apps
from django.contrib.messages import constants
from django.urls import reverse

from tests.hardening.office_b import OfficeB, unique_names
from tests.test_permission_matrix import CASES, OUTSIDERS, office_a_names

pytestmark = pytest.mark.django_db

PROJECT_APPS = {"units", "reports", "centers", "literacy", "learning_society"}
POST_CASES = [c for c in CASES if c.method == "post"]
QUERY_ID_CASES = [c for c in CASES if c.method != "post" and callable(c.query)]
NOT_IDS = {"version"}  # numbers of the form that are not ids (a row's version)
REFUSED = {400, 403, 404, 409}


def _tables():
    return [m for m in apps.get_models() if m._meta.app_label in PROJECT_APPS and not m._meta.proxy]


def snapshot() -> dict[str, str]:
    """{table: hash of all its rows}: one query per table, cheap on the test world."""
    result = {}
    for model in _tables():
        columns = [f.attname for f in model._meta.concrete_fields]
        rows = list(model._base_manager.order_by("pk").values_list(*columns))
        # PostgreSQL returns a BinaryField as a memoryview, whose repr is its memory address: hash its bytes.
        rows = [tuple(bytes(v) if isinstance(v, memoryview) else v for v in row) for row in rows]
        result[model._meta.db_table] = hashlib.sha256(repr(rows).encode()).hexdigest()
    return result


def changed_tables(before: dict, after: dict) -> list[str]:
    return sorted(table for table in before if before[table] != after.get(table))


def _carries_ids(value) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    if isinstance(value, str):
        return value.isdecimal() or value.lstrip().startswith(("{", "["))
    if isinstance(value, list | tuple):
        return bool(value) and all(_carries_ids(v) and not isinstance(v, list | tuple) for v in value)
    return False


def hostile_request(case, world, office_b) -> tuple[str, dict, list[str]]:
    """Office B's URL with office A's ids in every id-bearing field: (url, body, swapped fields)."""
    a_body = case.data(world) if case.data else {}
    with unique_names():
        b_body = case.data(office_b) if case.data else {}
        b_kwargs = case.kwargs(office_b)
    body, swapped = dict(b_body), []
    for key, value in b_body.items():
        if key in NOT_IDS or key not in a_body:
            continue
        if a_body[key] != value and _carries_ids(a_body[key]):
            body[key] = a_body[key]
            swapped.append(key)
    query_a, query_b = case.query_for(world), case.query_for(office_b)
    query = query_b
    if query_a != query_b:
        query = query_a
        swapped.append("?" + query_a.lstrip("?"))
    return reverse(case.name, kwargs=b_kwargs) + query, body, swapped


def _said(response) -> set[int]:
    """The levels of the messages this request added (not those left over from earlier ones)."""
    return {m.level for m in getattr(response.wsgi_request._messages, "_queued_messages", [])}


def _outcome(response) -> str | None:
    """None when the request was refused; what went through otherwise."""
    if response.status_code in REFUSED:
        return None
    if response.status_code == 200:
        if constants.SUCCESS in _said(response):
            return "200 with a success message"
        return None  # the form again, with its errors
    if response.status_code == 302:
        levels = _said(response)
        if levels and levels <= {constants.ERROR, constants.WARNING}:
            return None  # sent back with an error message only
        return f"302 to {response['Location']}"
    return str(response.status_code)


@pytest.fixture
def office_b(world):
    return OfficeB(world)


def _build(cases, world, office_b):
    for case in cases:
        case.kwargs(world)
    with unique_names():
        for case in cases:
            case.kwargs(office_b)


def test_every_post_refuses_office_a_ids_on_office_b_pages(world, office_b, client):
    _build(POST_CASES, world, office_b)
    problems, hostile, swept = [], 0, 0
    for case in POST_CASES:
        for attr, _role in OUTSIDERS:
            user = getattr(world, attr)
            client.force_login(user)
            # 1. Office A's URL and body: exactly 404, nothing written.
            url, body = case.url(world), case.data(world) if case.data else {}
            if case.outsider == 404:
                before = snapshot()
                response = client.post(url, body)
                swept += 1
                if response.status_code != 404:
                    problems.append(f"{case.id} as {attr} on A's URL: {response.status_code}")
                if changed := changed_tables(before, snapshot()):
                    problems.append(f"{case.id} as {attr} on A's URL changed {changed}")
            # 2. Office B's own URL with office A's ids in the body and the query string.
            url, body, swapped = hostile_request(case, world, office_b)
            if not swapped:
                continue
            before = snapshot()
            response = client.post(url, body)
            swept += 1
            hostile += 1
            if went_through := _outcome(response):
                problems.append(f"{case.id} as {attr} with A's {swapped}: {went_through}")
            if changed := changed_tables(before, snapshot()):
                problems.append(f"{case.id} as {attr} with A's {swapped} changed {changed}")
    print(f"POST sweep: {swept} posts, {hostile} with office A's ids on office B's pages")  # shown with pytest -s
    assert hostile >= 20, hostile  # the sweep really posts A's ids to B's pages
    assert swept > len(POST_CASES), swept
    assert problems == [], "\n".join(problems)


def test_ids_in_query_strings_never_show_office_a(world, office_b, client):
    _build(QUERY_ID_CASES, world, office_b)
    names = office_a_names(world)
    problems = []
    for case in QUERY_ID_CASES:
        for attr, _role in OUTSIDERS:
            client.force_login(getattr(world, attr))
            headers = {"HTTP_HX_REQUEST": "true"} if case.htmx else {}
            url, _body, swapped = hostile_request(case, world, office_b)
            with unique_names():
                own_url = case.url(office_b)
            own = client.get(own_url, **headers)
            response = client.get(url, **headers)
            if response.status_code in (403, 404):
                continue
            if response.status_code != 200:
                problems.append(f"{case.id} as {attr} with A's {swapped}: {response.status_code}")
                continue
            shown = response.content.decode(errors="replace")
            baseline = own.content.decode(errors="replace") if own.status_code == 200 else ""
            leaked = [n for n in names if n in shown and n not in baseline]
            if leaked:
                problems.append(f"{case.id} as {attr} with A's {swapped} shows {leaked}")
    assert len(QUERY_ID_CASES) >= 5
    assert problems == [], "\n".join(problems)
