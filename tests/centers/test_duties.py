"""Separation of duties (issue 12, item 5) for the centres' self-assessments: whoever prepared or
sent one, or holds a role on the centre, neither rates nor returns it."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from centers import services
from centers.models import AssessmentStatus
from tests.factories import make_user
from units.models import Membership, Role
from units.selectors import forget_memberships

from . import helpers


def _officer_also_director(world):
    Membership.objects.create(user=world.officer, unit=world.centre, role=Role.CENTRE_DIRECTOR)
    forget_memberships(world.officer)
    return world.officer


def _office_scores(assessment):
    return {cid: points * Decimal("0.75") for cid, (points, _n) in helpers.full_scores(assessment).items()}


def _unchanged(assessment):
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED
    assert assessment.rated_by_id is None
    assert assessment.office_total is None


def test_an_officer_who_is_the_centres_director_cannot_rate_what_they_sent(world):
    officer = _officer_also_director(world)
    assessment = helpers.make_assessment(world.centre, officer, submitted=True)
    with pytest.raises(ValidationError) as error:
        services.assessment_rate(actor=officer, assessment=assessment, scores=_office_scores(assessment))
    assert "Bạn không thể chấm, xếp loại bản tự đánh giá do chính bạn lập hoặc gửi" in error.value.messages[0]
    _unchanged(assessment)


def test_nor_return_it(world):
    officer = _officer_also_director(world)
    assessment = helpers.make_assessment(world.centre, officer, submitted=True)
    with pytest.raises(ValidationError) as error:
        services.assessment_return(actor=officer, assessment=assessment, comment="Bổ sung")
    assert "Bạn không thể trả lại bản tự đánh giá" in error.value.messages[0]
    _unchanged(assessment)
    assert assessment.office_comment == ""


def test_a_role_on_the_centre_is_enough_when_the_director_sent_it(world):
    Membership.objects.create(user=world.officer, unit=world.centre, role=Role.CENTRE_STAFF)
    forget_memberships(world.officer)
    assessment = helpers.make_assessment(world.centre, world.director, submitted=True)
    with pytest.raises(ValidationError) as error:
        services.assessment_rate(actor=world.officer, assessment=assessment, scores=_office_scores(assessment))
    assert "vì bạn đang là Cán bộ trung tâm của trung tâm này" in error.value.messages[0]
    _unchanged(assessment)


def test_whoever_scored_it_cannot_rate_it_after_moving_to_the_office(world):
    membership = Membership.objects.create(user=world.officer, unit=world.centre, role=Role.CENTRE_DIRECTOR)
    forget_memberships(world.officer)
    assessment = helpers.make_assessment(world.centre, world.officer)
    services.assessment_save_scores(actor=world.officer, assessment=assessment, scores=helpers.full_scores(assessment))
    assessment = services.assessment_submit(actor=world.director, assessment=assessment)
    membership.delete()
    forget_memberships(world.officer)
    with pytest.raises(ValidationError):
        services.assessment_rate(actor=world.officer, assessment=assessment, scores=_office_scores(assessment))
    _unchanged(assessment)


def test_another_officer_rates_it(world):
    officer = _officer_also_director(world)
    assessment = helpers.make_assessment(world.centre, officer, submitted=True)
    other = make_user(Role.OFFICE_OFFICER, world.office, username="officer2", full_name="Lê Thị Khác")
    rated = services.assessment_rate(actor=other, assessment=assessment, scores=_office_scores(assessment))
    assert rated.status == AssessmentStatus.RATED
    assert rated.rated_by == other
    assert rated.submitted_by == officer


def test_the_page_explains_instead_of_offering_to_rate(world, login):
    officer = _officer_also_director(world)
    assessment = helpers.make_assessment(world.centre, officer, submitted=True)
    client = login(officer)
    page = client.get(f"{reverse('centers:assessment', args=[world.centre.pk])}?nam={assessment.school_year}")
    text = page.content.decode()
    assert "Bạn không thể chấm, xếp loại bản tự đánh giá do chính bạn lập hoặc gửi" in text
    assert reverse("centers:assessment_rate", args=[assessment.pk]) not in text
    response = client.get(reverse("centers:assessment_rate", args=[assessment.pk]), follow=True)
    assert "Bạn không thể chấm, xếp loại" in response.content.decode()
    response = client.post(reverse("centers:assessment_return", args=[assessment.pk]), {"comment": "x"}, follow=True)
    assert "Bạn không thể trả lại bản tự đánh giá" in response.content.decode()
    _unchanged(assessment)
