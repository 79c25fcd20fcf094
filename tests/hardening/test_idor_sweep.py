"""IDOR sweep: every object of office A, put into every object URL of the portal (in every id of the
URL, not only the first), requested by an officer of another office: 404 every time (never 200,
never 403 that would confirm the object exists).

The world is the factories' World plus every object the apps' permission-matrix cases build (their
kwargs builders create each app's reports, centres, households, assessments, files...).

Ids are shared between tables, so each URL id is swept with the rows of ITS table: the table is
found by watching which model the view looks the matrix's own id up in (QuerySet filter/get on
pk=<that id>), and then every row of that table is tried, except the rows the outsider may see
(their own office's units, people and roles, the national rubrics). Every row of every table behind an object URL is
tried on every URL that takes it, in a minute or two instead of all ids on all URLs.
"""

import contextlib
from unittest import mock

import pytest
from django.db.models.query import QuerySet
from django.test import Client
from django.urls import reverse

from rubrics.access import rubrics_visible_to
from rubrics.models import Rubric
from tests.test_permission_matrix import CASES
from units.models import Membership, Unit, User
from units.selectors import units_visible_to

pytestmark = pytest.mark.django_db

OBJECT_CASES = [c for c in CASES if c.outsider == 404]
NOT_IDS = {"level"}  # int URL parts that are not ids (literacy:name_list's MC1 / MC2)
PK_LOOKUPS = {"pk", "id", "pk__exact", "id__exact"}


def _get(client, case, world, kwargs):
    url = reverse(case.name, kwargs=kwargs) + case.query_for(world)
    if case.method == "post":
        return client.post(url, case.data(world) if case.data else {})
    return client.get(url, **({"HTTP_HX_REQUEST": "true"} if case.htmx else {}))


@contextlib.contextmanager
def pk_lookups(value: int, seen: list):
    """Records the models a request filters or gets by pk=value, in order."""
    real = QuerySet._filter_or_exclude

    def spy(self, negate, args, kwargs):
        if any(key in PK_LOOKUPS and val == value for key, val in kwargs.items()):
            seen.append(self.model)
        return real(self, negate, args, kwargs)

    with mock.patch.object(QuerySet, "_filter_or_exclude", spy):
        yield


def model_of(client, case, world, kwargs, name, outsider):
    """The model whose row the URL's `name` id is: the first the view looks `kwargs[name]` up in."""
    seen = []
    with pk_lookups(kwargs[name], seen):
        _get(client, case, world, kwargs)
    seen = [m for m in seen if not (m is User and kwargs[name] == outsider.pk)]  # the session's user
    return seen[0] if seen else None


def test_every_object_of_every_url_is_hidden_from_another_office(world, client):
    built = {case.id: case.kwargs(world) for case in OBJECT_CASES}
    outsider = world.outsider_officer
    own = {
        Unit: set(units_visible_to(outsider).values_list("pk", flat=True)),
        User: {outsider.pk, world.outsider_principal.pk},
        Membership: set(
            Membership.objects.filter(user__in=[outsider, world.outsider_principal]).values_list("pk", flat=True)
        ),
        # National default rubrics are read by every office; office A's own copies are not.
        Rubric: set(rubrics_visible_to(outsider).values_list("pk", flat=True)),
    }
    client.force_login(outsider)
    leaks, unknown, swept, tables = [], [], 0, set()
    for case in OBJECT_CASES:
        kwargs = built[case.id]
        for name, value in kwargs.items():
            if not isinstance(value, int) or name in NOT_IDS:
                continue
            model = model_of(client, case, world, kwargs, name, outsider)
            if model is None and case.ok:
                # The outsider is turned away before this id is read (its period first): ask an insider.
                insider = Client()
                insider_user = world.role_users[sorted(case.ok)[0]]
                insider.force_login(insider_user)
                model = model_of(insider, case, world, kwargs, name, insider_user)
            if model is None:
                unknown.append(f"{case.id} {name}")
                continue
            tables.add(model._meta.db_table)
            ids = set(model._base_manager.values_list("pk", flat=True)) - own.get(model, set())
            for pk in sorted(ids):
                response = _get(client, case, world, {**kwargs, name: pk})
                swept += 1
                if response.status_code != 404:
                    leaks.append(f"{case.id} {name}={pk} ({model.__name__}) → {response.status_code}")
    print(f"IDOR sweep: {swept} requests, {len(tables)} tables")  # shown with pytest -s
    assert unknown == [], f"no table found behind these URL ids: {unknown}"
    assert len(tables) >= 25, sorted(tables)  # units, reports, centres, literacy, learning society objects
    assert swept > 500, swept
    assert leaks == [], "\n".join(leaks[:50])
