"""Lists run the same number of queries with one row or many: the library, the gallery (with its
covers), the register, and the centre's activity form with its pick-list of resources."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from resources.models import ModelStatus
from tests.centers.helpers import make_activity
from tests.factories import make_unit
from tests.resources import helpers
from units.models import UnitKind

pytestmark = pytest.mark.django_db


def _grow(world, n):
    for i in range(n):
        commune = make_unit(UnitKind.COMMUNE, parent=world.office)
        centre = make_unit(UnitKind.CENTRE, parent=commune)
        resource = helpers.make_resource(world.office, title=f"Học liệu {i}", featured=i % 2 == 0)
        helpers.make_resource(centre, actor=world.officer, title=f"Đề xuất {i}", uploaded=helpers.png())
        helpers.make_model(centre, status=ModelStatus.PUBLISHED, title=f"Mô hình {i}", photos=1)
        helpers.make_model(centre, title=f"Nháp {i}")
        make_activity(world.centre, world.director, title=f"Hoạt động {i}", resources=[resource])


PAGES = [
    ("officer", lambda w: reverse("resources:index")),
    ("officer", lambda w: reverse("resources:index") + "?q=hoc+lieu&linh_vuc=health"),
    ("director", lambda w: reverse("resources:index")),
    ("principal", lambda w: reverse("resources:gallery")),
    ("officer", lambda w: reverse("resources:models")),
    ("director", lambda w: reverse("centers:activity_add", args=[w.centre.pk])),
    ("director", lambda w: reverse("centers:activities", args=[w.centre.pk])),
]


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(("who", "url"), PAGES, ids=[f"{w}-{i}" for i, (w, _u) in enumerate(PAGES)])
def test_the_number_of_queries_does_not_grow_with_the_data(world, client, who, url, django_assert_num_queries):
    client.force_login(getattr(world, who))
    _grow(world, 1)
    small = _count(client, url(world))
    _grow(world, 5)
    with django_assert_num_queries(small):
        client.get(url(world))
