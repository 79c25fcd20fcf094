"""Every kind of document the portal prints, from every module, passes the check of Nghị định
30/2020 Phụ lục I (documents/check.py): rendered as a user downloads it, from data like the demo's
(tests.factories.World: office A has a complete identity, as the demo office has; its communes,
schools and centres take theirs from the tree, as in the demo).

A kind that does not pass yet is marked xfail(strict=True) with what it lacks (issue 15): the mark
must go as soon as the document passes, or the suite fails."""

import datetime
import inspect
import os
from pathlib import Path

import pytest
from django.urls import reverse

from annual import guidance as guidance_services
from annual.services import annual_report_approve, annual_report_create, annual_report_freeze
from documents.check import check_official_pdf
from learning_society.models import Assessment
from tests.annual.conftest import make_modules
from tests.centers.helpers import make_assessment, this_year
from tests.learning_society.conftest import YEAR as LS_YEAR
from tests.learning_society.conftest import families, shipped  # noqa: F401 - fixtures used below
from tests.learning_society.test_views import _recognised
from tests.literacy.fixtures import YEAR, bulk_people, make_round
from tests.reports.helpers import fill_and_submit, open_period, submission_of
from units.models import UnitIdentity

pytestmark = pytest.mark.django_db


def pdf_bytes(response) -> bytes:
    assert response.status_code == 200, response.status_code
    data = b"".join(response.streaming_content) if response.streaming else response.content
    if os.environ.get("DUMP_PDF"):  # DUMP_PDF=<folder>: keep each PDF to look at (pdftoppm -png)
        name = next(f.function for f in inspect.stack() if f.function.startswith("test_"))
        Path(os.environ["DUMP_PDF"], f"{name}.pdf").write_bytes(data)
    assert data.startswith(b"%PDF"), f"not a PDF: {response['Content-Type']}"
    return data


def problems_of(response, **options) -> list[str]:
    found = check_official_pdf(pdf_bytes(response), **options)
    print("\n".join(found))  # shown whole when the test fails
    return found


# reports --------------------------------------------------------------------------------------------


@pytest.fixture
def period(world):
    """A 10-row school report, submitted and approved, and the office's roll-up of it."""
    period = open_period(world)
    submission = fill_and_submit(
        submission_of(period, world.school), world.principal, {"R01.TS": "1234", "R01.NU": "567"}
    )
    from reports import services

    services.submission_approve(actor=world.officer, submission=submission)
    return period


def test_a_school_submission_is_sendable(world, login, period):
    submission = submission_of(period, world.school)
    response = login(world.principal).get(reverse("reports:submission_document", args=[submission.pk]) + "?pdf=1")
    assert problems_of(response, kind="bao_cao", unit_code=world.school.code) == []


def test_a_short_submission_takes_the_one_page_it_needs(world, login, period):
    from documents.pdf_words import read_pages

    submission = submission_of(period, world.school)
    response = login(world.principal).get(reverse("reports:submission_document", args=[submission.pk]) + "?pdf=1")
    assert len(read_pages(pdf_bytes(response))) == 1


def test_the_rollup_is_sendable(world, login, period):
    response = login(world.officer).get(reverse("reports:rollup_document", args=[period.pk]) + "?scope=approved&pdf=1")
    # The annex: one row per unit, one column per indicator, for sending upward (issue 15).
    assert problems_of(response, kind="bao_cao", unit_code=world.office.code, expect_annex=True) == []


# literacy -------------------------------------------------------------------------------------------


@pytest.fixture
def survey(world):
    survey_round = make_round(world.office)
    bulk_people(survey_round, world.hamlet, [{"birth_year": YEAR - 20, "grade": 5}] * 8)
    bulk_people(survey_round, world.hamlet, [{"full_name": "Chưa Biết Chữ", "birth_year": YEAR - 20}] * 2)
    return survey_round


def test_the_literacy_standard_table_is_sendable(world, login, survey):
    url = reverse("literacy:standard", kwargs={"pk": world.office.pk}) + f"?nam={YEAR}&xuat=pdf"
    assert problems_of(login(world.leader).get(url), kind="bao_cao", unit_code=world.office.code) == []


@pytest.mark.parametrize("level", [1, 2])
def test_the_literacy_name_lists_are_sendable(world, login, survey, level):
    # The lists are the commune's (its People's Committee's): the office sets the commune's identity
    # with its chairman's name on /don-vi/<id>/the-thuc-van-ban/, as the demo communes have it.
    UnitIdentity.objects.create(
        unit=world.commune,
        official_name="Ủy ban nhân dân xã Đống Đa",
        abbreviation="UBND",
        place_name="Đống Đa",
        head_position="Chủ tịch",
        head_name="Nguyễn Văn Xã",
        recipients="Phòng GD&ĐT huyện Thử Nghiệm (để b/c);",
    )
    url = reverse("literacy:name_list", kwargs={"pk": world.commune.pk, "level": level}) + f"?nam={YEAR}&xuat=pdf"
    assert problems_of(login(world.officer).get(url), kind="bao_cao", unit_code=world.commune.code) == []


def test_the_literacy_class_closing_report_is_sendable(world, login):
    from tests.literacy.fixtures import literacy_world

    literacy_class = literacy_world(world).literacy_class
    url = reverse("literacy:closing_report", kwargs={"pk": literacy_class.pk}) + "?pdf=1"
    assert problems_of(login(world.director).get(url), kind="bao_cao", unit_code=world.centre.code) == []


# learning society -----------------------------------------------------------------------------------


@pytest.fixture
def decision(world, families, login):  # noqa: F811 - the fixture imported above
    return _recognised(world, families, login)


def test_the_recognition_decision_and_its_annex_are_sendable(world, login, decision):
    response = login(world.officer).get(reverse("learning_society:decision_pdf", args=[decision.pk]))
    assert problems_of(response, kind="quyet_dinh", unit_code=decision.issuer.code, expect_annex=True) == []


def test_the_certificate_is_sendable(world, login, decision, families):  # noqa: F811
    assessment = Assessment.objects.get(subject=families[1])
    response = login(world.association_officer).get(reverse("learning_society:certificate", args=[assessment.pk]))
    assert problems_of(response, kind="giay_chung_nhan", unit_code=decision.issuer.code) == []


def test_the_learning_society_statistics_are_sendable(world, login, decision):
    response = login(world.officer).get(reverse("learning_society:stats_pdf") + f"?nam={LS_YEAR}")
    assert problems_of(response, kind="bao_cao", unit_code=world.office.code) == []


# centres --------------------------------------------------------------------------------------------


def test_a_centre_self_assessment_is_sendable(world, login):
    make_assessment(world.centre, world.director, submitted=True)
    url = reverse("centers:assessment_document", args=[world.centre.pk]) + f"?nam={this_year()}&pdf=1"
    assert problems_of(login(world.director).get(url), kind="bao_cao", unit_code=world.centre.code) == []


def test_a_centre_yearly_report_is_sendable(world, login):
    url = reverse("centers:report_document", args=[world.centre.pk]) + f"?nam={this_year()}&pdf=1"
    assert problems_of(login(world.director).get(url), kind="bao_cao", unit_code=world.centre.code) == []


# annual report and guidance -------------------------------------------------------------------------


def test_the_annual_report_is_sendable(world, login):
    make_modules(world)
    report = annual_report_create(actor=world.officer, office=world.office, school_year=2025)
    report = annual_report_freeze(actor=world.officer, report=report, on=datetime.date(2026, 5, 20))
    report = annual_report_approve(actor=world.leader, report=report)  # issued: no DỰ THẢO
    response = login(world.officer).get(reverse("annual:document", args=[report.pk]) + "?pdf=1")
    assert problems_of(response, kind="bao_cao", unit_code=world.office.code) == []


@pytest.fixture
def guidance(world):
    guidance = guidance_services.guidance_create(
        actor=world.officer,
        office=world.office,
        school_year=2025,
        title="Hướng dẫn nhiệm vụ giáo dục thường xuyên năm học 2025-2026",
        plan_due=datetime.date(2025, 10, 15),
    )
    guidance_services.guidance_task_add(
        actor=world.officer, guidance=guidance, area="literacy", text="Rà soát, điều tra người mù chữ"
    )
    return guidance


def test_the_guidance_is_a_sendable_letter(world, login, guidance):
    guidance_services.guidance_publish(actor=world.officer, guidance=guidance)  # issued: no DỰ THẢO
    response = login(world.officer).get(reverse("annual:guidance_document", args=[guidance.pk]) + "?pdf=1")
    assert problems_of(response, kind="cong_van", unit_code=world.office.code) == []


def test_a_unit_plan_is_sendable(world, login, guidance):
    guidance_services.guidance_publish(actor=world.officer, guidance=guidance)
    plan = guidance_services.plan_submit(
        actor=world.principal, guidance=guidance, unit=world.school, text="Mở 2 lớp xóa mù chữ.", attachment=None
    )
    url = reverse("annual:plan_document", args=[plan.pk]) + "?pdf=1"
    assert problems_of(login(world.principal).get(url), kind="ke_hoach", unit_code=world.school.code) == []


# emulation ------------------------------------------------------------------------------------------


def test_the_award_decision_and_its_annex_are_sendable(world, login):
    from emulation import services as emulation_services
    from tests.emulation.helpers import propose, scored_world

    movement, _regs = scored_world(world)
    propose(movement, world.school)
    propose(movement, world.school, person="Phạm Thị Hiệu")
    emulation_services.decision_issue(actor=world.officer, movement=movement, number="12", signed_on=movement.end_date)
    response = login(world.officer).get(reverse("emulation:decision", args=[movement.pk]) + "?pdf=1")
    assert problems_of(response, kind="quyet_dinh", unit_code=world.office.code, expect_annex=True) == []
