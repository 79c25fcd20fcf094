"""Long lists at province size (issue 20): the recognised list, the index and the statistics read a
page of rows and the kept counts, the same number of queries for 3 families as for 60, and the
recognised list pages through every recognition with its total from the kept counts."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from learning_society import services
from learning_society.models import Subject, Title
from learning_society.views import PAGE_SIZE
from rubrics.selectors import rubric_criteria

from .conftest import YEAR, make_families


def _recognise_families(world, n):
    before = set(Subject.objects.values_list("pk", flat=True))
    families = [f for f in make_families(world.hamlet, n) if f.pk not in before]
    criteria = rubric_criteria(services.rubric_or_error(Title.FAMILY, YEAR, world.hamlet))
    full = {c.pk: str(c.max_points) for c in criteria}
    services.grid_save(
        actor=None,
        area=world.hamlet,
        title=Title.FAMILY,
        year=YEAR,
        points={f.pk: full for f in families},
        check=True,
    )
    ids = [a.pk for f in families for a in f.assessments.all()]
    services.recognise(
        actor=None,
        assessment_ids=ids,
        issuer=world.commune,
        title=Title.FAMILY,
        year=YEAR,
        number=f"{n}/QĐ-UBND",
        signed_on=datetime.date(YEAR, 12, 1),
        signer_name="Nguyễn Văn Ký",
    )
    return families


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


PAGES = [
    reverse("learning_society:index") + f"?nam={YEAR}",
    reverse("learning_society:stats") + f"?nam={YEAR}",
    reverse("learning_society:recognised"),
    reverse("learning_society:recognised") + f"?nam={YEAR}&danh_hieu=family",
    reverse("learning_society:recognised") + "?sap_het_han=1",
]


def test_the_pages_run_the_same_queries_for_3_families_as_for_60(world, shipped, login):
    client = login(world.officer)
    _recognise_families(world, 3)
    small = {url: _queries(client, url) for url in PAGES}
    _recognise_families(world, 57)
    large = {url: _queries(client, url) for url in PAGES}
    assert large == small


def test_the_recognised_list_pages_through_every_recognition_newest_year_first(world, shipped, login):
    families = _recognise_families(world, PAGE_SIZE + 7)
    client = login(world.officer)
    url = reverse("learning_society:recognised") + f"?nam={YEAR}"
    first = client.get(url)
    second = client.get(url + "&page=2")
    assert f"Hiển thị 1–{PAGE_SIZE} trên {PAGE_SIZE + 7}" in first.content.decode()
    assert f"Hiển thị {PAGE_SIZE + 1}–{PAGE_SIZE + 7} trên {PAGE_SIZE + 7}" in second.content.decode()
    shown = [a.subject_id for a in first.context["rows"]] + [a.subject_id for a in second.context["rows"]]
    assert sorted(shown) == sorted(f.pk for f in families)
    # A name search counts its own rows (narrowed by the name), not the kept counts.
    one = client.get(reverse("learning_society:recognised") + f"?nam={YEAR}&q=số 0007")
    assert [a.subject.name for a in one.context["rows"]] == ["Hộ gia đình số 0007"]
    assert one.context["page_obj"].paginator.count == 1
