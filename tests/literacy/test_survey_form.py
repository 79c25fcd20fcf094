"""The printable survey form of a hamlet (issue 17): households with their members from the
register, empty rows for new members, landscape, through a job for a big hamlet."""

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from literacy import services
from literacy.models import PersonStatus
from tests.literacy.fixtures import literacy_world, make_household, make_person, make_round

pytestmark = pytest.mark.django_db


def _url(survey_round, hamlet):
    return reverse("literacy:survey_form", kwargs={"pk": survey_round.pk, "hamlet": hamlet.pk})


def _text(content: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(content))
    return reader, " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_form_lists_each_household_with_its_members_on_landscape_pages(world, login):
    lit = literacy_world(world)
    response = login(world.principal).get(_url(lit.round, world.hamlet))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader, text = _text(response.content)
    page = reader.pages[0].mediabox
    assert page.width > page.height
    assert "PHIẾU ĐIỀU TRA HỘ GIA ĐÌNH" in text
    assert "HO001" in text and "Lò Văn Pằng" in text and "Lò Thị Mai" in text
    assert "Quan hệ với chủ hộ" in text and "Năm tốt nghiệp" in text and "Chuyển đi Chết" in text


def test_a_new_round_without_its_own_households_is_prefilled_from_the_last_one(world, login):
    first = make_round(world.office, year=2025, reference_date=datetime.date(2025, 9, 30))
    household = make_household(first, world.hamlet, code="HO300", head="Hà Văn Cũ")
    make_person(household, name="Hà Văn Cũ", birth_year=1970)
    gone = make_person(household, name="Hà Thị Đi", birth_year=1990)
    services.person_update(actor=None, person=gone, status=PersonStatus.MOVED_AWAY)
    second = make_round(world.office, year=2026, carry_over=False)
    _reader, text = _text(login(world.officer).get(_url(second, world.hamlet)).content)
    assert "HO300" in text and "Hà Văn Cũ" in text and "điền sẵn từ đợt điều tra năm 2025" in text
    assert "Hà Thị Đi" not in text  # moved away: not surveyed again


def test_a_big_hamlet_is_made_by_a_job_with_the_same_file(world, login, monkeypatch):
    from jobs.models import Job
    from literacy import survey_form

    lit = literacy_world(world)
    monkeypatch.setattr(survey_form, "DIRECT_HOUSEHOLDS", 0)
    monkeypatch.setattr("literacy.views.rounds.DIRECT_HOUSEHOLDS", 0)
    response = login(world.officer).get(_url(lit.round, world.hamlet))
    assert response.status_code == 302
    job = Job.objects.get(kind="literacy.survey_form")
    assert job.status == Job.Status.DONE and job.percent == 100
    assert job.result_name == f"phieu-dieu-tra-TH1-{lit.round.year}.pdf"
    assert "Lò Văn Pằng" in _text(job.result_file.read())[1]


def test_the_job_checks_access_as_its_owner(world):
    from django.http import Http404

    from jobs.models import Job
    from literacy.survey_form import survey_form_file

    lit = literacy_world(world)
    job = Job(kind="literacy.survey_form", title="x", owner=world.outsider_officer)
    with pytest.raises(Http404):
        survey_form_file(job, survey_round=lit.round.pk, hamlet=world.hamlet.pk)


def test_the_round_page_links_each_assigned_hamlets_form(world, login):
    lit = literacy_world(world)
    page = login(world.principal).get(reverse("literacy:round_detail", kwargs={"pk": lit.round.pk})).content.decode()
    assert _url(lit.round, world.hamlet) in page
    assert _url(lit.round, lit.centre_hamlet) not in page


def test_a_household_is_never_split_across_two_pages(world, login):
    lit = literacy_world(world)
    for i in range(6):
        household = make_household(lit.round, world.hamlet, code=f"HO2{i:02d}", head=f"Chủ Hộ {i}")
        for j in range(2 + i):
            make_person(household, name=f"Người {i}-{j}", birth_year=1950 + 5 * j)
    reader = PdfReader(io.BytesIO(login(world.officer).get(_url(lit.round, world.hamlet)).content))
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    assert len(pages) > 1
    for i in range(6):
        (page,) = [p for p in pages if f"HO2{i:02d}" in p]
        assert all(f"Người {i}-{j}" in page for j in range(2 + i))
