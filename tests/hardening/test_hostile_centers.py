"""Hostile input on the community learning centres (issue 8): profile, people, activities, clubs,
needs, money, plan, self-assessment (evidence upload of random bytes) and the office's rating.
Whatever is typed or uploaded: a page, never a 500; a refused form stores nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from centers.models import Evidence
from tests.centers import helpers
from tests.centers.matrix import CASES, _draft
from tests.factories import make_unit
from tests.hardening.strategies import EXAMPLES, case_url, random_bytes, sweep
from units.models import UnitKind

pytestmark = pytest.mark.django_db

PAGES = [
    ("centers:profile_edit", "director"),
    ("centers:person_add", "director"),
    ("centers:person_end", "director"),
    ("centers:activity_add", "centre_staff"),
    ("centers:activity_edit", "centre_staff"),
    ("centers:club_add", "centre_staff"),
    ("centers:club_edit", "centre_staff"),
    ("centers:need_add", "centre_staff"),
    ("centers:funding_add", "centre_staff"),
    ("centers:plan_edit", "director"),
    ("centers:assessment[draft]", "director"),  # scores, notes and the evidence upload
]


@pytest.mark.parametrize(("case_id", "who"), PAGES)
@EXAMPLES
@given(data=st.data())
def test_every_centre_form_survives_hostile_input(world, case_id, who, data):
    client = Client()
    client.force_login(getattr(world, who))
    sweep(client, case_url(CASES, case_id, world), data)


@EXAMPLES
@given(data=st.data())
def test_the_office_rating_form_survives_hostile_input(world, data):
    """Each example rates a freshly submitted self-assessment: a rating that goes through closes the form."""
    centre = make_unit(UnitKind.CENTRE, parent=world.commune)
    submitted = helpers.make_assessment(centre, submitted=True)
    client = Client()
    client.force_login(world.officer)
    sweep(client, reverse("centers:assessment_rate", kwargs={"pk": submitted.pk}), data)


@EXAMPLES
@given(
    content=random_bytes,
    name=st.sampled_from(["bien-ban.pdf", "anh.png", "anh.jpg", "bang.xlsx", "virus.exe", "\u202efdp.exe", "a" * 300]),
)
def test_evidence_upload_of_random_bytes_is_refused_with_a_message_or_kept_whole(world, content, name):
    draft = _draft(world)
    client = Client()
    client.force_login(world.director)
    before = Evidence.objects.count()
    response = client.post(
        reverse("centers:evidence_add", kwargs={"pk": draft.pk}), {"file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code in (200, 302)
    added = Evidence.objects.count() - before
    assert added in (0, 1)
    if added:
        evidence = Evidence.objects.latest("pk")
        assert evidence.file.size == len(content)
    else:
        page = (client.get(response["Location"]) if response.status_code == 302 else response).content.decode()
        assert "alert-danger" in page or "invalid-feedback" in page or "is-invalid" in page
