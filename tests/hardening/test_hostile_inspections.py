"""Hostile input on inspections (issue 18): the plan, checklist, photo, recommendation, answer,
content and item forms. Whatever is typed or uploaded: a page, never a 500; a refused form stores
nothing; a photo that is not an image by its first bytes is refused with a message."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from inspections.models import Inspection, Photo, Recommendation
from tests.hardening.strategies import EXAMPLES, case_url, random_bytes, sweep
from tests.inspections import helpers
from tests.inspections.matrix import CASES, _done

pytestmark = pytest.mark.django_db

PAGES = [
    ("inspections:inspection_add", "officer"),
    ("inspections:inspection_edit", "officer"),
    ("inspections:perform", "officer"),
    ("inspections:rec_add", "officer"),
    ("inspections:rec_answer", "director"),
    ("inspections:content_add", "officer"),
    ("inspections:content_edit", "officer"),
    ("inspections:item_add", "officer"),
]


@pytest.mark.parametrize(("case_id", "who"), PAGES)
@EXAMPLES
@given(data=st.data())
def test_every_inspection_form_survives_hostile_input(world, case_id, who, data):
    client = Client()
    client.force_login(getattr(world, who))
    sweep(client, case_url(CASES, case_id, world), data)


@EXAMPLES
@given(content=random_bytes, name=st.sampled_from(["anh.png", "anh.jpg", "bien-ban.pdf", "virus.exe", "a" * 300]))
def test_a_photo_of_random_bytes_is_refused_with_a_message_or_kept_whole(world, content, name):
    inspection = _done(world)
    client = Client()
    client.force_login(world.officer)
    before = Photo.objects.count()
    response = client.post(
        reverse("inspections:photo_add", args=[inspection.pk]), {"file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code in (200, 302)
    if Photo.objects.count() > before:
        assert Photo.objects.latest("pk").file.size == len(content)
    else:
        assert "không phải ảnh" in response.content.decode() or "is-invalid" in response.content.decode()


def test_a_pdf_is_not_an_evidence_photo(world, client):
    inspection = _done(world)
    client.force_login(world.officer)
    response = client.post(reverse("inspections:photo_add", args=[inspection.pk]), {"file": helpers.pdf("anh.png")})
    assert response.status_code == 200 and "không phải ảnh (JPG, PNG, GIF, WEBP)" in response.content.decode()


def test_another_offices_unit_is_a_form_error_not_a_plan(world, client):
    client.force_login(world.officer)
    content = helpers.contents(world.office)[0]
    response = client.post(
        reverse("inspections:inspection_add"),
        {
            "unit": world.outsider_school.pk,
            "planned_date": "01/12/2026",
            "contents": [content.pk],
            "team": [world.officer.pk],
            "leader": world.officer.pk,
        },
    )
    assert response.status_code == 200 and not Inspection.objects.exists()
    assert "is-invalid" in response.content.decode()


def test_a_deadline_before_the_visit_and_an_empty_checklist_are_refused(world, client):
    inspection = helpers.plan(world.office, world.centre, [world.officer])
    client.force_login(world.officer)
    response = client.post(
        reverse("inspections:perform", args=[inspection.pk]),
        {"done_date": inspection.planned_date.strftime("%d/%m/%Y")},
    )
    assert "ít nhất một mục" in response.content.decode()
    helpers.perform(inspection)
    response = client.post(
        reverse("inspections:rec_add", args=[inspection.pk]),
        {"text": "Kiến nghị", "deadline": (inspection.done_date - datetime.timedelta(days=1)).strftime("%d/%m/%Y")},
    )
    assert "không được trước ngày kiểm tra" in response.content.decode()
    assert not Recommendation.objects.exists()
