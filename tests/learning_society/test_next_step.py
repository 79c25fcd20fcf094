"""Issue 17: once an assessment is checked, the officer is told who issues the decision next — the
office's recognition authority (RecognitionAuthority), else the DOMAIN.md §4 default by title."""

import pytest
from django.urls import reverse

from learning_society.models import Assessment, IssuingLevel, RecognitionAuthority, SignerForm, Title

from .conftest import YEAR
from .test_views import criteria, grid_post

pytestmark = pytest.mark.django_db


def _check_all(client, world, families):
    url = reverse("learning_society:grid", args=[world.hamlet.pk])
    return client.post(url, grid_post(families, criteria(), check="1"), follow=True)


def test_after_checking_the_association_is_told_the_commune_chairman_decides(world, families, login):
    page = _check_all(login(world.association_officer), world, families).content.decode()
    assert Assessment.objects.filter(status=Assessment.Status.CHECKED).count() == 3
    assert "Bước tiếp theo: Chủ tịch UBND xã Đống Đa ra quyết định công nhận." in page


def test_the_subject_page_names_who_decides_once_checked(world, families, login):
    client = login(world.association_officer)
    url = reverse("learning_society:subject", args=[families[0].pk])
    assert "next-step" not in client.get(url).content.decode()
    _check_all(client, world, families)
    page = client.get(url).content.decode()
    assert "Bước tiếp theo: Chủ tịch UBND xã Đống Đa ra quyết định công nhận." in page


def test_the_offices_own_authority_is_the_one_named(world, families, login):
    RecognitionAuthority.objects.create(
        office=world.office,
        title=Title.FAMILY,
        decider="Trưởng phòng GD&ĐT",
        issuing_level=IssuingLevel.OFFICE,
        head_position="Trưởng phòng",
        signer_form=SignerForm.HEAD,
    )
    client = login(world.association_officer)
    _check_all(client, world, families)
    page = client.get(reverse("learning_society:subject", args=[families[0].pk]) + f"?nam={YEAR}").content.decode()
    step = page.split('id="next-step"')[1].split("</div>")[0]
    assert "Bước tiếp theo: Trưởng phòng" in step and "Chủ tịch" not in step
