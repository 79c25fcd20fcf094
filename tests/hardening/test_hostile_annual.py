"""Hostile input on the annual report and the year's guidance (issue 8): section texts, freezing,
guidance and its tasks, and the plans units send with an attachment of random bytes. A page, never
a 500; a refused form stores nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from annual.models import YearPlan
from tests.annual.matrix import CASES, _guidance
from tests.hardening.strategies import EXAMPLES, case_url, hostile_text, random_bytes, sweep

pytestmark = pytest.mark.django_db

PAGES = [
    ("annual:list", "officer"),  # open a report for a year
    ("annual:detail", "officer"),  # section texts, place, recipients, freeze date
    ("annual:guidance_list", "officer"),  # a new guidance
]


@pytest.mark.parametrize(("case_id", "who"), PAGES)
@EXAMPLES
@given(data=st.data())
def test_every_annual_report_and_guidance_form_survives_hostile_input(world, case_id, who, data):
    client = Client()
    client.force_login(getattr(world, who))
    sweep(client, case_url(CASES, case_id, world), data)


@EXAMPLES
@given(data=st.data())
def test_guidance_task_form_survives_hostile_input(world, data):
    _published, draft, _plan = _guidance(world)
    client = Client()
    client.force_login(world.officer)
    sweep(client, reverse("annual:guidance_detail", kwargs={"pk": draft.pk}), data)


@EXAMPLES
@given(data=st.data())
def test_plan_form_survives_hostile_input(world, data):
    published, _draft, _plan = _guidance(world)
    client = Client()
    client.force_login(world.director)
    sweep(client, reverse("annual:guidance_detail", kwargs={"pk": published.pk}), data)


@EXAMPLES
@given(
    text=hostile_text,
    content=random_bytes,
    name=st.sampled_from(["ke-hoach.pdf", "ke-hoach.docx", "anh.png", "virus.exe", "\u202efdp.exe", "k" * 300]),
)
def test_plan_attachment_of_random_bytes_is_kept_whole_or_refused(world, text, content, name):
    published, _draft, _plan = _guidance(world)
    client = Client()
    client.force_login(world.director)
    before = list(YearPlan.objects.order_by("pk").values_list())
    response = client.post(
        reverse("annual:plan_submit", kwargs={"pk": published.pk}),
        {"unit": world.centre.pk, "text": text, "attachment": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 302
    after = list(YearPlan.objects.order_by("pk").values_list())
    if after != before:
        plan = YearPlan.objects.get(guidance=published, unit=world.centre)
        if plan.attachment:
            assert plan.attachment.size == len(content)
