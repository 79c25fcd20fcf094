"""Ids from a form or a query string are checked against the user's scope, not only the URL's object
(pen test, issue 12): item 1 (office B recognised office A's families under B's decision) and
item 8 (any office's hamlet name through ?thon= on one's own round)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from learning_society import services
from learning_society.models import Assessment, Decision, Title
from literacy.models import SurveyRound
from tests.hardening.office_b import OfficeB, unique_names
from tests.learning_society.matrix import YEAR, objects
from tests.literacy.fixtures import literacy_world

pytestmark = pytest.mark.django_db

DECISION = {
    "number": "7/QĐ-UBND",
    "signed_on": "16/12/2025",
    "signer_name": "Hà Văn Chủ",
    "signer_position": "Chủ tịch",
}


@pytest.fixture
def office_b(world):
    return OfficeB(world)


def _recognise_url(unit) -> str:
    return reverse("learning_society:recognise", args=[unit.pk]) + f"?danh_hieu=family&nam={YEAR}"


# Item 1: recognition ---------------------------------------------------------------------------


def test_office_b_cannot_recognise_office_a_families_from_its_own_page(world, office_b, client):
    a_checked = objects(world)["checked"]
    objects(office_b)  # office B's hamlet has its own families and decision
    decisions = Decision.objects.count()
    client.force_login(office_b.officer)

    response = client.post(_recognise_url(office_b.hamlet), {"assessment": [a_checked.pk], **DECISION})

    assert response.status_code == 200  # the form again, with an error
    assert "không thuộc Thôn Bến Đò" in response.content.decode()
    assert "Thôn Đông" not in response.content.decode()  # A's family is neither listed nor named
    a_checked.refresh_from_db()
    assert a_checked.status == Assessment.Status.CHECKED and a_checked.decision_id is None
    assert Decision.objects.count() == decisions


def test_one_foreign_id_among_own_ones_refuses_the_whole_decision(world, office_b, client):
    a_checked = objects(world)["checked"]
    b_checked = objects(office_b)["checked"]
    client.force_login(office_b.officer)

    response = client.post(_recognise_url(office_b.hamlet), {"assessment": [b_checked.pk, a_checked.pk], **DECISION})

    assert response.status_code == 200
    b_checked.refresh_from_db()
    a_checked.refresh_from_db()
    assert b_checked.status == a_checked.status == Assessment.Status.CHECKED


def test_office_b_still_recognises_its_own_family(world, office_b, client):
    b_checked = objects(office_b)["checked"]
    client.force_login(office_b.officer)

    response = client.post(_recognise_url(office_b.hamlet), {"assessment": [b_checked.pk], **DECISION})

    assert response.status_code == 302
    b_checked.refresh_from_db()
    assert b_checked.status == Assessment.Status.RECOGNISED
    assert b_checked.decision.issuer == office_b.commune


def test_the_recognise_service_treats_ids_outside_scope_as_missing(world, office_b):
    """Any caller of the service is safe: an id outside the issuer's area or the actor's scope
    refuses the decision, without naming the family."""
    a_checked = objects(world)["checked"]
    with pytest.raises(ValidationError) as refused:
        services.recognise(
            actor=office_b.officer,
            assessment_ids=[a_checked.pk],
            issuer=office_b.commune,
            title=Title.FAMILY,
            year=YEAR,
            number="8/QĐ-UBND",
            signed_on=datetime.date(2025, 12, 16),
            signer_name="Hà Văn Chủ",
            signer_position="Chủ tịch",
        )
    assert "Trần Thị Chờ" not in " ".join(refused.value.messages)
    # Nor may A's own officer sign A's family into B's commune's decision.
    with pytest.raises(ValidationError):
        services.recognise(
            actor=None,
            assessment_ids=[a_checked.pk],
            issuer=office_b.commune,
            title=Title.FAMILY,
            year=YEAR,
            number="9/QĐ-UBND",
            signed_on=datetime.date(2025, 12, 16),
            signer_name="Hà Văn Chủ",
            signer_position="Chủ tịch",
        )
    a_checked.refresh_from_db()
    assert a_checked.status == Assessment.Status.CHECKED
    assert not Decision.objects.filter(issuer=office_b.commune, number__in=["8/QĐ-UBND", "9/QĐ-UBND"]).exists()


def test_the_check_service_leaves_other_offices_assessments_alone(world, office_b):
    a_checked = objects(world)["checked"]
    with pytest.raises(ValidationError):
        services.assessments_check(actor=office_b.officer, assessment_ids=[a_checked.pk], approve=False)
    a_checked.refresh_from_db()
    assert a_checked.status == Assessment.Status.CHECKED


def test_the_points_grid_refuses_rows_of_another_office(world, office_b, client):
    from tests.learning_society.matrix import _grid_post

    a_body = _grid_post(world)  # office A's family ids in the packed cells
    objects(office_b)
    waiting = objects(world)["checked"]
    version = waiting.version
    client.force_login(office_b.officer)

    url = reverse("learning_society:grid", args=[office_b.hamlet.pk]) + f"?danh_hieu=family&nam={YEAR}"
    response = client.post(url, a_body)

    assert response.status_code == 200
    assert "không thuộc bảng chấm này" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.version == version


# Item 8: ?thon= on one's own round ---------------------------------------------------------------


def _b_round(office_b) -> SurveyRound:
    with unique_names():
        return literacy_world(office_b).round


def test_another_offices_hamlet_in_the_query_string_is_404(world, office_b, client):
    survey_round = _b_round(office_b)
    client.force_login(office_b.officer)
    url = reverse("literacy:household_list", args=[survey_round.pk])

    response = client.get(url, {"thon": world.hamlet.pk})

    assert response.status_code == 404
    assert "Thôn Đông" not in response.content.decode()
    own = client.get(url, {"thon": office_b.hamlet.pk})
    assert own.status_code == 200 and "Thôn Bến Đò" in own.content.decode()


def test_a_hamlet_of_the_office_not_assigned_to_the_centre_is_404_for_it(world, client):
    """TH1 is surveyed by school SCH1, not by centre TT1: the centre does not read its name either."""
    survey_round = literacy_world(world).round
    client.force_login(world.director)
    url = reverse("literacy:household_list", args=[survey_round.pk])

    assert client.get(url, {"thon": world.hamlet.pk}).status_code == 404
    own = client.get(url, {"thon": literacy_world(world).centre_hamlet.pk})
    assert own.status_code == 200 and "Thôn Tây" in own.content.decode()


# The reminder service ------------------------------------------------------------------------------


def test_reminders_of_one_period_ignore_another_offices_submissions(world, office_b):
    from reports import services as report_services
    from reports.models import Notification
    from tests.reports.helpers import open_period

    a_period, b_period = open_period(world), open_period(office_b)
    a_pending = list(a_period.submissions.all())
    before = Notification.objects.count()
    with pytest.raises(ValidationError):
        report_services.period_remind(actor=office_b.officer, period=b_period, submissions=a_pending)
    assert Notification.objects.count() == before


def test_bulk_approval_leaves_another_offices_reports_alone(world, office_b):
    from reports import services as report_services
    from reports.models import Submission
    from tests.reports.helpers import fill_and_submit, open_period, submission_of

    a_sub = fill_and_submit(submission_of(open_period(world), world.school), world.principal, {"R01.TS": "10"})
    approved = report_services.submission_bulk_approve(actor=office_b.officer, submissions=[a_sub])
    a_sub.refresh_from_db()
    assert approved == 0 and a_sub.status == Submission.Status.SUBMITTED
