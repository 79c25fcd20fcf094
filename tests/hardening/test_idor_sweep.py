"""IDOR sweep: every object id the test world creates, put into every object URL of the portal,
requested by an officer of another office: 404 every time (never 200, never 403 that would
confirm the object exists).

The world is the factories' World plus every object the apps' permission-matrix cases build
(their kwargs builders create each app's reports, centres, households, assessments, files...).
Ids of objects the outsider may legitimately see (their own office's units, people and roles) are
left out of the sweep for every URL, since ids are shared between tables.
"""

import pytest
from django.apps import apps
from django.urls import reverse

from tests.test_permission_matrix import CASES
from units.selectors import units_visible_to

pytestmark = pytest.mark.django_db

OBJECT_CASES = [c for c in CASES if c.outsider == 404]


def _int_kwargs(case, world) -> dict:
    return {k: v for k, v in case.kwargs(world).items() if isinstance(v, int)}


def test_every_object_of_every_url_is_hidden_from_another_office(world, client):
    # Build every app's objects first, as the matrix does.
    built = {case.id: case.kwargs(world) for case in OBJECT_CASES}
    outsider = world.outsider_officer
    own = {u.pk for u in units_visible_to(outsider)}
    own |= {outsider.pk, world.outsider_principal.pk}
    own |= set(outsider.memberships.values_list("pk", flat=True))
    own |= set(world.outsider_principal.memberships.values_list("pk", flat=True))
    ids = set()
    for model in apps.get_models():
        if model._meta.app_label in {"units", "reports", "centers", "literacy", "learning_society"}:
            ids |= set(model._base_manager.values_list("pk", flat=True)[:500])
    ids = sorted(i for i in ids if isinstance(i, int) and i not in own)
    assert len(ids) > 20  # the world really has objects to sweep
    # The world's tables hold at most a few dozen rows each: the first 60 ids cover every object of
    # nearly every table and keep the sweep to a couple of minutes on a busy machine.
    ids = ids[:60]

    client.force_login(outsider)
    leaks = []
    swept = 0
    for case in OBJECT_CASES:
        kwargs = built[case.id]
        for name in list(_int_kwargs(case, world))[:1]:
            for pk in ids:
                url = reverse(case.name, kwargs={**kwargs, name: pk}) + case.query
                if case.method == "post":
                    response = client.post(url, case.data(world) if case.data else {})
                else:
                    response = client.get(url, **({"HTTP_HX_REQUEST": "true"} if case.htmx else {}))
                swept += 1
                if response.status_code != 404:
                    leaks.append(f"{case.id} {name}={pk} → {response.status_code}")
    assert swept > 1000, swept
    assert leaks == [], "\n".join(leaks[:50])
