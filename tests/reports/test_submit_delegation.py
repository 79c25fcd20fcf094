"""Issue 17, who sends the report: staff prepare and save a unit's official report, the head
(principal, centre director) sends it, unless the head hands the sending to a named staff member."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from reports import services
from reports.models import Submission
from units.models import AuditEntry, Membership

from .helpers import fill_and_submit, open_period, save, submission_of

VALUES = {"R01.TS": "10", "R01.NU": "4"}


def _post(client, sub, action, values=VALUES):
    sub.refresh_from_db()
    data = {"version": sub.version, "action": action, **{f"v:{k}": v for k, v in values.items()}}
    return client.post(reverse("reports:submission", args=[sub.pk]), data)


def _delegate(client, head_unit, staff_user, delegated="1"):
    membership = Membership.objects.get(user=staff_user, unit=head_unit)
    url = reverse("units:submit_delegation", args=[head_unit.pk])
    return client.post(url, {"membership": membership.pk, "delegated": delegated})


def test_a_teacher_sees_save_and_who_sends_instead_of_the_submit_button(world, login):
    sub = submission_of(open_period(world), world.school)
    html = login(world.school_staff).get(reverse("reports:submission", args=[sub.pk])).content.decode()
    assert 'value="submit"' not in html and "Nộp báo cáo</button>" not in html
    assert ">Lưu</button>" in html
    assert "Hiệu trưởng sẽ gửi báo cáo" in html


def test_centre_staff_are_told_the_director_sends(world, login):
    sub = submission_of(open_period(world), world.centre)
    html = login(world.centre_staff).get(reverse("reports:submission", args=[sub.pk])).content.decode()
    assert 'value="submit"' not in html
    assert "Giám đốc sẽ gửi báo cáo" in html


def test_a_teacher_saves_the_report(world, login):
    sub = submission_of(open_period(world), world.school)
    response = _post(login(world.school_staff), sub, "save")
    assert response.status_code == 302
    sub.refresh_from_db()
    assert sub.status == Submission.Status.DRAFT
    assert sub.values.get(cell__row__code="R01", cell__column__code="TS").number == 10


def test_a_teachers_post_to_submit_is_refused_with_the_vietnamese_403_page_and_nothing_saved(world, login):
    sub = submission_of(open_period(world), world.school)
    response = _post(login(world.school_staff), sub, "submit")
    html = response.content.decode()
    assert response.status_code == 403
    assert "Bạn không có quyền làm việc này" in html and "Về trang chủ" in html
    assert "Hiệu trưởng sẽ gửi báo cáo" in html
    sub.refresh_from_db()
    assert sub.status == Submission.Status.DRAFT and not sub.values.exists()


def test_the_service_refuses_staff_too(world):
    sub = save(submission_of(open_period(world), world.centre), world.centre_staff, VALUES)
    with pytest.raises(PermissionDenied):
        services.submission_submit(actor=world.centre_staff, submission=sub, expected_version=sub.version)
    sub.refresh_from_db()
    assert sub.status == Submission.Status.DRAFT


def test_the_principal_and_the_director_send(world, login):
    period = open_period(world)
    school = submission_of(period, world.school)
    save(school, world.school_staff, VALUES)
    assert _post(login(world.principal), school, "submit").status_code == 302
    centre = fill_and_submit(submission_of(period, world.centre), world.director, VALUES)
    school.refresh_from_db()
    assert school.status == centre.status == Submission.Status.SUBMITTED
    assert school.submitted_by == world.principal


def test_the_head_delegates_sending_to_a_named_teacher_who_then_sends(world, login):
    head = login(world.principal)
    page = head.get(reverse("units:submit_delegation", args=[world.school.pk])).content.decode()
    assert world.school_staff.full_name in page and "Giao quyền gửi báo cáo" in page and "data-confirm" in page
    assert _delegate(head, world.school, world.school_staff).status_code == 302
    entry = AuditEntry.objects.get(action="membership.submit_delegation")
    assert entry.actor == world.principal and entry.unit == world.school

    office_view = login(world.officer).get(reverse("units:detail", args=[world.school.pk])).content.decode()
    assert "Được gửi báo cáo" in office_view

    sub = submission_of(open_period(world), world.school)
    teacher = login(world.school_staff)
    assert 'value="submit"' in teacher.get(reverse("reports:submission", args=[sub.pk])).content.decode()
    assert _post(teacher, sub, "submit").status_code == 302
    sub.refresh_from_db()
    assert sub.status == Submission.Status.SUBMITTED and sub.submitted_by == world.school_staff


def test_taking_the_right_back_refuses_the_teacher_again(world, login):
    head = login(world.director)
    _delegate(head, world.centre, world.centre_staff)
    _delegate(head, world.centre, world.centre_staff, delegated="0")
    sub = save(submission_of(open_period(world), world.centre), world.centre_staff, VALUES)
    assert _post(login(world.centre_staff), sub, "submit").status_code == 403
    assert AuditEntry.objects.filter(action="membership.submit_delegation").count() == 2


def test_only_the_head_may_delegate(world, login):
    for user in (world.school_staff, world.officer):
        response = _delegate(login(user), world.school, world.school_staff)
        assert response.status_code == 403
        assert "Bạn không có quyền làm việc này" in response.content.decode()
    # Another unit's head does not even see the school.
    assert _delegate(login(world.director), world.school, world.school_staff).status_code == 404
    assert not Membership.objects.get(user=world.school_staff, unit=world.school).submit_delegated


def test_the_head_cannot_delegate_to_someone_of_another_unit(world, login):
    other = Membership.objects.get(user=world.centre_staff, unit=world.centre)
    url = reverse("units:submit_delegation", args=[world.school.pk])
    assert login(world.principal).post(url, {"membership": other.pk, "delegated": "1"}).status_code == 404
    other.refresh_from_db()
    assert not other.submit_delegated


def test_the_head_home_page_offers_the_control(world, login):
    html = login(world.principal).get(reverse("home")).content.decode()
    assert reverse("units:submit_delegation", args=[world.school.pk]) in html
    html = login(world.school_staff).get(reverse("home")).content.decode()
    assert reverse("units:submit_delegation", args=[world.school.pk]) not in html
