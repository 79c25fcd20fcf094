"""Emulation lists run the same number of queries with a few rows or many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from emulation import services
from emulation.models import Stage
from tests.emulation.helpers import make_movement, propose, report, to_stage
from tests.factories import make_unit
from units.models import UnitKind

pytestmark = pytest.mark.django_db


def _grow(world, n):
    """n more movements, and n more schools registered, reported, scored and awarded in the big one."""
    for i in range(n):
        make_movement(world.office, title=f"Phong trào {len(world._extra) + i}")
    for _i in range(n):
        school = make_unit(UnitKind.SCHOOL, parent=world.commune)
        world._extra.append(report(services.register(actor=None, movement=world._movement, unit=school)))


def _finish(world):
    movement = to_stage(world._movement, Stage.SCORING)
    for reg in world._extra:
        if reg.status == "reported":
            services.score_save(actor=None, registration=reg, scores=dict.fromkeys(movement.criteria.all(), 5))
            propose(movement, reg.unit)
            propose(movement, reg.unit, person=f"Người {reg.pk}")


PAGES = [
    ("officer", lambda w: reverse("emulation:index")),
    ("principal", lambda w: reverse("emulation:index")),
    ("officer", lambda w: reverse("emulation:movement", args=[w._movement.pk])),
    ("principal", lambda w: reverse("emulation:movement", args=[w._movement.pk])),
    ("officer", lambda w: reverse("emulation:ranking", args=[w._movement.pk])),
    ("officer", lambda w: reverse("emulation:registration", args=[w._extra[0].pk])),
    ("officer", lambda w: reverse("emulation:unit", args=[w._extra[0].unit_id])),
]


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(("who", "url"), PAGES, ids=[f"{w}-{i}" for i, (w, _u) in enumerate(PAGES)])
def test_the_number_of_queries_does_not_grow_with_the_data(world, client, who, url, django_assert_num_queries):
    client.force_login(getattr(world, who))
    world._movement = to_stage(make_movement(world.office, title="Phong trào lớn"), Stage.REGISTRATION)
    world._extra = []
    _grow(world, 1)
    small = _count(client, url(world))
    _grow(world, 5)
    _finish(world)
    with django_assert_num_queries(small):
        assert client.get(url(world)).status_code == 200
