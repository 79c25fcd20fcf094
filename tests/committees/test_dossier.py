"""The steering committee in the literacy recognition dossier (issue 19): the self-check report
names the Ban chỉ đạo PCGD-XMC's decision and the members serving when the dossier was sent, the
dossier's page shows it, and a commune without one is told to add it."""

import datetime

import pytest
from django.urls import reverse

from committees import services
from committees.models import Kind, Position
from literacy import dossier as svc
from tests.committees import helpers
from tests.literacy.fixtures import bulk_people, make_round
from units.models import today

pytestmark = pytest.mark.django_db
YEAR = 2025


def _dossier(world):
    survey_round = make_round(world.office, year=YEAR, reference_date=datetime.date(2025, 9, 30))
    bulk_people(survey_round, world.hamlet, [{"birth_year": 2000, "grade": g} for g in [5] * 9 + [0]])
    return svc.dossier_create(actor=world.officer, commune=world.commune, year=YEAR, level=1)


def _text(doc) -> str:
    return "\n".join(getattr(b, "text", "") for b in doc.blocks)


def test_the_self_check_report_lists_the_committee_serving_when_the_dossier_was_sent(world, login):
    committee = helpers.make_committee(world.commune, number="25/QĐ-UBND")
    head = helpers.add_member(committee, "Hoàng Văn Sơn", position=Position.HEAD, job="Phó Chủ tịch UBND xã")
    helpers.add_member(committee, "Phạm Thu Trang", position=Position.SECRETARY, job="Công chức Văn hóa - Xã hội")
    helpers.make_committee(world.commune, kind=Kind.LEARNING_SOCIETY, number="26/QĐ-UBND")
    d = _dossier(world)
    services.member_replace(
        actor=None, member=head, on=today() - datetime.timedelta(days=5), full_name="Lường Văn Thái", job="Phó Chủ tịch"
    )
    text = _text(svc.self_check_document(d))
    assert "Quyết định số 25/QĐ-UBND ngày 15/03/2025" in text and "gồm 2 thành viên" in text
    assert "- Lường Văn Thái, Phó Chủ tịch — Trưởng ban." in text and "Hoàng Văn Sơn" not in text
    assert "26/QĐ-UBND" not in text  # the learning-society committee is another one

    page = login(world.officer).get(reverse("literacy:dossier_detail", args=[d.pk])).content.decode()
    assert 'data-testid="dossier-committee"' in page and "Lường Văn Thái" in page
    assert reverse("committees:committee", args=[committee.pk]) in page


def test_a_commune_without_a_committee_is_told_to_add_it(world, login):
    d = _dossier(world)
    assert "chưa ghi quyết định thành lập (cần bổ sung)" in _text(svc.self_check_document(d))
    page = login(world.officer).get(reverse("literacy:dossier_detail", args=[d.pk])).content.decode()
    assert reverse("committees:committee_add") + f"?xa={world.commune.pk}" in page
