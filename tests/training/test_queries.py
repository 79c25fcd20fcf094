"""Training lists run the same number of queries with one row or many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import make_unit
from tests.training import helpers
from training import services
from training.models import ParticipantRole
from units.models import UnitKind

pytestmark = pytest.mark.django_db


def _grow(world, n):
    """n more courses with participants from new schools, and answers to a survey."""
    survey = getattr(world, "_survey", None) or helpers.open_survey(world.office)
    world._survey = survey
    for i in range(n):
        school = make_unit(UnitKind.SCHOOL, parent=world.commune)
        course = helpers.make_course(world.office, topic=f"Lớp {i}")
        helpers.add(course, world.school, full_name=f"Giáo viên {i}", role=ParticipantRole.SCHOOL_STAFF)
        helpers.add(course, school, full_name=f"Người {i}")
        helpers.attend(course, *course.participants.all())
        services.need_answer(actor=None, survey=survey, unit=school, topic=f"Nội dung {i}", people=i + 1)


PAGES = [
    ("officer", lambda w: reverse("training:index")),
    ("officer", lambda w: reverse("training:summary")),
    ("officer", lambda w: reverse("training:surveys")),
    ("officer", lambda w: reverse("training:survey", args=[w._survey.pk])),
    ("principal", lambda w: reverse("training:index")),
    ("principal", lambda w: reverse("training:unit", args=[w.school.pk])),
    ("officer", lambda w: reverse("training:unit", args=[w.commune.pk])),
    ("officer", lambda w: reverse("training:course", args=[w._course.pk])),
    ("officer", lambda w: reverse("training:attendance", args=[w._course.pk])),
]


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(("who", "url"), PAGES, ids=[f"{w}-{i}" for i, (w, _u) in enumerate(PAGES)])
def test_the_number_of_queries_does_not_grow_with_the_data(world, client, who, url, django_assert_num_queries):
    client.force_login(getattr(world, who))
    world._course = helpers.make_course(world.office, topic="Lớp lớn")
    _grow(world, 1)
    helpers.add(world._course, world.school, full_name="Người đầu")
    small = _count(client, url(world))
    _grow(world, 6)
    for i in range(6):
        helpers.add(world._course, world.commune, full_name=f"Người thêm {i}")
    with django_assert_num_queries(small):
        client.get(url(world))
