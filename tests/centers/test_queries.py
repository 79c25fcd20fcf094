"""Lists and reports run the same number of queries with one row or many (DESIGN.md)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from centers import services
from centers.models import SelfAssessment
from tests.centers import helpers
from tests.factories import make_unit
from units.models import UnitKind, today


def _grow(world, n):
    """n more centres with activity, money, needs, clubs and a rated self-assessment each."""
    for i in range(n):
        commune = make_unit(UnitKind.COMMUNE, parent=world.office)
        centre = make_unit(UnitKind.CENTRE, parent=commune)
        _fill(centre, i)
    _fill(world.centre, n)


def _fill(centre, i):
    helpers.make_activity(centre, start_date=today() - datetime.timedelta(days=i), end_date=today())
    helpers.make_activity(centre, kind="class", field="it", participants=20, women=10)
    helpers.make_funding(centre)
    helpers.make_funding(centre, kind="spending", source="", purpose="books", amount=1000)
    helpers.make_person(centre)
    services.club_create(actor=None, centre=centre, name=f"CLB {i}", field="culture_sport")
    services.need_create(
        actor=None, centre=centre, field="it", group="youth", topic="Tin học", people=10, surveyed_on=today()
    )
    if SelfAssessment.objects.filter(centre=centre).exists():
        return
    a = helpers.make_assessment(centre, submitted=True)
    services.assessment_rate(
        actor=None, assessment=a, scores={cid: p for cid, (p, _n) in helpers.full_scores(a).items()}
    )


PAGES = [
    ("officer", lambda w: reverse("centers:index")),
    ("officer", lambda w: reverse("centers:ranking")),
    ("director", lambda w: reverse("centers:index")),
    ("director", lambda w: reverse("centers:centre", args=[w.centre.pk])),
    ("director", lambda w: reverse("centers:activities", args=[w.centre.pk])),
    ("director", lambda w: reverse("centers:clubs", args=[w.centre.pk])),
    ("director", lambda w: reverse("centers:needs", args=[w.centre.pk])),
    ("director", lambda w: reverse("centers:funding", args=[w.centre.pk])),
    ("director", lambda w: reverse("centers:profile", args=[w.centre.pk])),
    ("director", lambda w: reverse("centers:plan", args=[w.centre.pk])),
    ("director", lambda w: reverse("centers:report", args=[w.centre.pk])),
    ("director", lambda w: reverse("centers:assessment", args=[w.centre.pk])),
    ("director", lambda w: reverse("centers:activity_add", args=[w.centre.pk])),
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
    _grow(world, 6)
    with django_assert_num_queries(small):
        client.get(url(world))
