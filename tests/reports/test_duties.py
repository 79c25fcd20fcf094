"""Separation of duties (issue 12, item 5): nobody approves, returns or unlocks a report they
submitted, typed values into, or that belongs to a unit where they hold a role that submits it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from reports import services
from reports.models import Submission
from units.models import Membership, Role
from units.selectors import forget_memberships

from .helpers import fill_and_submit, open_period, submission_of

OWN = "Bạn không thể duyệt báo cáo do chính bạn nộp"


def _also_principal(world):
    """The issue's officer: an office officer who is also the school's principal."""
    Membership.objects.create(user=world.officer, unit=world.school, role=Role.PRINCIPAL)
    forget_memberships(world.officer)
    return world.officer


def _submitted_by_the_officer_principal(world) -> Submission:
    officer = _also_principal(world)
    return fill_and_submit(submission_of(open_period(world), world.school), officer, {"R01.TS": "10"})


def _unchanged(sub: Submission, status=Submission.Status.SUBMITTED):
    sub.refresh_from_db()
    assert sub.status == status
    assert sub.reviewed_by_id is None
    assert sub.reviewed_at is None


def test_an_officer_who_submitted_as_principal_cannot_approve_the_same_report(world):
    sub = _submitted_by_the_officer_principal(world)
    assert sub.submitted_by == world.officer
    with pytest.raises(ValidationError) as info:
        services.submission_approve(actor=world.officer, submission=sub)
    assert OWN in info.value.messages[0]
    assert "một cán bộ khác" in info.value.messages[0]
    _unchanged(sub)


def test_nor_return_it(world):
    sub = _submitted_by_the_officer_principal(world)
    with pytest.raises(ValidationError) as info:
        services.submission_return(actor=world.officer, submission=sub, reason="Tự trả lại")
    assert "Bạn không thể trả lại báo cáo do chính bạn nộp" in info.value.messages[0]
    _unchanged(sub)
    assert sub.return_reason == ""


def test_nor_unlock_it_once_another_officer_approved_it(world):
    sub = _submitted_by_the_officer_principal(world)
    services.submission_approve(actor=world.leader, submission=sub)
    with pytest.raises(ValidationError) as info:
        services.submission_unlock(actor=world.officer, submission=sub, reason="Sửa lại số liệu")
    assert "Bạn không thể mở khóa báo cáo do chính bạn nộp" in info.value.messages[0]
    sub.refresh_from_db()
    assert sub.status == Submission.Status.APPROVED
    assert sub.reviewed_by == world.leader


def test_a_role_on_the_unit_is_enough_even_when_someone_else_submitted(world):
    _also_principal(world)
    sub = fill_and_submit(submission_of(open_period(world), world.school), world.principal, {"R01.TS": "4"})
    with pytest.raises(ValidationError) as info:
        services.submission_approve(actor=world.officer, submission=sub)
    assert "vì bạn đang là Hiệu trưởng của đơn vị này" in info.value.messages[0]
    assert world.school.full_name in info.value.messages[0]
    _unchanged(sub)


def test_a_person_who_typed_values_cannot_review_after_leaving_the_unit(world):
    sub = submission_of(open_period(world), world.school)
    _also_principal(world)
    sub = fill_and_submit(sub, world.officer, {"R01.TS": "10"})
    Membership.objects.filter(user=world.officer, role=Role.PRINCIPAL).delete()
    forget_memberships(world.officer)
    with pytest.raises(ValidationError):
        services.submission_approve(actor=world.officer, submission=sub)
    _unchanged(sub)


def test_a_different_officer_still_approves(world):
    sub = _submitted_by_the_officer_principal(world)
    services.submission_approve(actor=world.leader, submission=sub)
    sub.refresh_from_db()
    assert sub.status == Submission.Status.APPROVED
    assert sub.reviewed_by == world.leader
    assert sub.submitted_by == world.officer


def test_the_officer_still_reviews_the_other_schools(world):
    _also_principal(world)
    period = open_period(world)
    other = fill_and_submit(submission_of(period, world.other_school), world.other_principal, {"R01.TS": "2"})
    services.submission_approve(actor=world.officer, submission=other)
    other.refresh_from_db()
    assert other.status == Submission.Status.APPROVED


def test_bulk_approval_leaves_out_the_officers_own_school(world):
    officer = _also_principal(world)
    period = open_period(world)
    own = fill_and_submit(submission_of(period, world.school), officer, {"R01.TS": "1"})
    other = fill_and_submit(submission_of(period, world.other_school), world.other_principal, {"R01.TS": "2"})
    count = services.submission_bulk_approve(actor=officer, submissions=[own, other])
    assert count == 1
    _unchanged(own)
    other.refresh_from_db()
    assert other.status == Submission.Status.APPROVED


def test_the_page_explains_instead_of_offering_the_buttons(world, login):
    sub = _submitted_by_the_officer_principal(world)
    page = login(world.officer).get(reverse("reports:submission", args=[sub.pk])).content.decode()
    assert "Bạn không thể duyệt, trả lại hay mở khóa báo cáo do chính bạn nộp" in page
    assert reverse("reports:submission_approve", args=[sub.pk]) not in page
    assert reverse("reports:submission_return", args=[sub.pk]) not in page
    page = login(world.leader).get(reverse("reports:submission", args=[sub.pk])).content.decode()
    assert reverse("reports:submission_approve", args=[sub.pk]) in page


def test_posting_the_approval_anyway_is_refused_with_the_reason_on_the_page(world, login):
    sub = _submitted_by_the_officer_principal(world)
    client = login(world.officer)
    response = client.post(reverse("reports:submission_approve", args=[sub.pk]), follow=True)
    assert OWN in response.content.decode()
    _unchanged(sub)
    response = client.post(reverse("reports:submission_return", args=[sub.pk]), {"reason": "x"}, follow=True)
    assert "Bạn không thể trả lại báo cáo do chính bạn nộp" in response.content.decode()
    _unchanged(sub)


def test_bulk_approval_page_names_the_report_left_for_another_officer(world, login):
    officer = _also_principal(world)
    period = open_period(world)
    own = fill_and_submit(submission_of(period, world.school), officer, {"R01.TS": "1"})
    response = login(officer).post(
        reverse("reports:period_bulk_approve", args=[period.pk]), {"all": "waiting"}, follow=True
    )
    page = response.content.decode()
    assert "1 báo cáo chưa được duyệt" in page
    assert world.school.full_name in page
    _unchanged(own)


def test_the_list_of_waiting_reports_marks_the_one_left_for_another_officer(world, login):
    officer = _also_principal(world)
    period = open_period(world)
    fill_and_submit(submission_of(period, world.school), officer, {"R01.TS": "1"})
    fill_and_submit(submission_of(period, world.other_school), world.other_principal, {"R01.TS": "2"})
    page = login(officer).get(reverse("reports:period_units", args=[period.pk]), {"state": "waiting"})
    text = page.content.decode()
    assert text.count(OWN) == 2  # the icon's title and the hidden text, on one row only
    assert world.school.full_name in text
