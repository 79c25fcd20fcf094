"""The office's boards (issue 17): the home counters open the reports they count, a report returned
after the deadline has its own resubmission deadline, "Nhắc tất cả" says whom it reached and which
units nobody can be told about, dissolved communes are not offered, a school keeps no "Thôn"."""

import datetime
import re

from django.urls import reverse

from reports import services
from reports.models import Notification, ReportingPeriod, Submission
from reports.selectors import deadline_label
from tests.factories import make_unit
from tests.reports.helpers import fill_and_submit, open_period, submission_of
from units import services as unit_services
from units.models import SchoolLevel, Unit, UnitKind, today


def _home(client, user) -> str:
    client.force_login(user)
    return client.get("/").content.decode()


def _make_past_due(period, days=48):
    ReportingPeriod.objects.filter(pk=period.pk).update(due_date=today() - datetime.timedelta(days=days))
    period.refresh_from_db()


def _boards(world):
    """Period A, due 48 days ago: the school never sent (overdue), the centre sent (waiting). Period
    B, still open: the school sent on time and was returned."""
    late = open_period(world, label="Kỳ quá hạn")
    fill_and_submit(submission_of(late, world.centre), world.director, {"R01.TS": "3"})
    _make_past_due(late)
    current = open_period(world, label="Kỳ đang mở")
    sent = fill_and_submit(submission_of(current, world.school), world.principal, {"R01.TS": "5"})
    services.submission_return(actor=world.officer, submission=sent, reason="Thiếu số liệu")
    return late, current


def test_each_home_counter_opens_the_period_list_filtered_to_what_it_counts(world, client):
    late, current = _boards(world)
    html = _home(client, world.officer)
    for state in ("overdue", "returned", "waiting"):
        assert f'{reverse("reports:period_list")}?state={state}"' in html
    # Kỳ quá hạn: the school and SCH2 never sent (2); Kỳ đang mở: nobody is late yet.
    assert re.search(r'state=overdue"><div class="fs-3 fw-bold">2<', html)

    overdue = client.get(reverse("reports:period_list") + "?state=overdue").content.decode()
    assert "Kỳ quá hạn" in overdue and "Kỳ đang mở" not in overdue
    assert f'{reverse("reports:period_units", args=[late.pk])}?state=overdue">2 đơn vị' in overdue
    returned = client.get(reverse("reports:period_list") + "?state=returned").content.decode()
    assert "Kỳ đang mở" in returned and "Kỳ quá hạn" not in returned
    waiting = client.get(reverse("reports:period_list") + "?state=waiting").content.decode()
    assert "Kỳ quá hạn" in waiting and "Kỳ đang mở" not in waiting
    everything = client.get(reverse("reports:period_list") + "?state=nonsense").content.decode()
    assert "Kỳ quá hạn" in everything and "Kỳ đang mở" in everything


def test_the_units_page_lists_the_overdue_units_a_counter_counted(world, client):
    late, _current = _boards(world)
    client.force_login(world.officer)
    html = client.get(reverse("reports:period_units", args=[late.pk]) + "?state=overdue").content.decode()
    assert "Trường THCS Đống Đa" in html and "Trường Tiểu học Nậm Pồ" in html
    assert "TTHTCĐ xã Đống Đa" not in html  # sent, waiting for review


def test_a_report_sent_on_time_and_returned_after_the_deadline_is_not_overdue(world, client):
    period = open_period(world)
    sent = fill_and_submit(submission_of(period, world.school), world.principal, {"R01.TS": "5"})
    _make_past_due(period)
    services.submission_return(actor=world.officer, submission=sent, reason="Thiếu số liệu")
    returned = submission_of(period, world.school)
    assert returned.resubmit_due == today() + datetime.timedelta(days=7)
    assert deadline_label(returned) == ("nộp lại trong 7 ngày", "warning")

    html = _home(client, world.principal)
    assert "quá hạn" not in html
    assert f"hạn nộp lại {returned.resubmit_due:%d/%m/%Y}" in html
    inbox = client.get(reverse("reports:inbox")).content.decode()
    assert f"Nộp lại trước {returned.resubmit_due:%d/%m/%Y}" in inbox and "quá hạn" not in inbox
    page = client.get(reverse("reports:submission", args=[returned.pk])).content.decode()
    assert f"Hạn nộp lại:</strong> {returned.resubmit_due:%d/%m/%Y}" in page
    # The office's counter of overdue reports leaves it out too.
    # the centre and SCH2, which never sent; not the returned school
    assert re.search(r'state=overdue"><div class="fs-3 fw-bold">2<', _home(client, world.officer))

    Submission.objects.filter(pk=returned.pk).update(resubmit_due=today() - datetime.timedelta(days=2))
    returned.refresh_from_db()
    assert deadline_label(returned) == ("quá hạn nộp lại 2 ngày", "danger")


def test_the_reviewer_sets_the_resubmission_deadline_when_returning(world, client):
    period = open_period(world)
    sent = fill_and_submit(submission_of(period, world.school), world.principal, {"R01.TS": "5"})
    client.force_login(world.officer)
    url = reverse("reports:submission_return", args=[sent.pk])
    page = client.get(url).content.decode()
    assert "Hạn nộp lại" in page and f'value="{today() + datetime.timedelta(days=7):%d/%m/%Y}"' in page

    past = today() - datetime.timedelta(days=1)
    refused = client.post(url, {"reason": "Thiếu số liệu", "resubmit_due": f"{past:%d/%m/%Y}"})
    assert refused.status_code == 400 and "Hạn nộp lại không thể trước hôm nay." in refused.content.decode()
    assert submission_of(period, world.school).status == Submission.Status.SUBMITTED

    due = today() + datetime.timedelta(days=3)
    client.post(url, {"reason": "Thiếu số liệu", "resubmit_due": f"{due:%d/%m/%Y}"})
    returned = submission_of(period, world.school)
    assert returned.status == Submission.Status.RETURNED and returned.resubmit_due == due
    note = Notification.objects.get(user=world.principal)
    assert f"Hạn nộp lại: {due:%d/%m/%Y}" in note.text


def test_remind_all_says_whom_it_reached_and_which_units_nobody_can_be_told_about(world, client):
    nobody = make_unit(UnitKind.SCHOOL, parent=world.commune, name="Trường Mầm non Không Người", code="SCHX")
    period = open_period(world)
    assert submission_of(period, nobody)
    client.force_login(world.officer)
    response = client.post(reverse("reports:period_remind", args=[period.pk]), {"all": "missing"}, follow=True)
    html = response.content.decode()
    assert "Không nhắc được 1 đơn vị" in html and "Trường Mầm non Không Người" in html
    assert "Phạm Thị Hiệu (Trường THCS Đống Đa)" in html  # whom it reached, by name
    assert "chỉ nhận được nhắc trong cổng" in html  # nobody in the test world has an email address


def test_dissolved_communes_are_not_offered_when_opening_a_period(world, client):
    make_unit(
        UnitKind.COMMUNE, parent=world.office, name="Cũ Đã Giải Thể", valid_to=today() - datetime.timedelta(days=30)
    )
    client.force_login(world.officer)
    html = client.get(reverse("reports:period_create")).content.decode()
    assert "Đống Đa" in html and "Cũ Đã Giải Thể" not in html


def test_a_school_added_from_a_commune_page_keeps_no_hamlet_label(world, client):
    school = unit_services.unit_create(
        actor=world.officer,
        code="SCHN",
        name="Trường Tiểu học Mới",
        kind=UnitKind.SCHOOL,
        parent=world.commune,
        level_label="Thôn",  # what the form carried over from "add a unit here" on the commune page
        school_level=SchoolLevel.PRIMARY,
        valid_from=datetime.date(2020, 1, 1),
    )
    assert school.level_label == ""
    # A school stored with the label before this fix does not show it either.
    Unit.objects.filter(pk=school.pk).update(level_label="Thôn")
    client.force_login(world.officer)
    html = client.get(reverse("units:detail", args=[school.pk])).content.decode()
    assert ">Thôn<" not in html and "Cấp / tên gọi" not in html


def test_a_counter_with_nothing_to_show_says_so(world, client):
    open_period(world)
    client.force_login(world.officer)
    html = client.get(reverse("reports:period_list") + "?state=returned").content.decode()
    assert "Không có báo cáo nào “Bị trả lại, chờ sửa”." in html
    assert 'aria-current="page">Bị trả lại, chờ sửa<' in html


def test_an_unlocked_report_gets_the_same_resubmission_deadline(world):
    period = open_period(world)
    sent = fill_and_submit(submission_of(period, world.school), world.principal, {"R01.TS": "5"})
    approved = services.submission_approve(actor=world.officer, submission=sent)
    _make_past_due(period)
    services.submission_unlock(actor=world.officer, submission=approved, reason="Sửa số lớp")
    unlocked = submission_of(period, world.school)
    assert unlocked.resubmit_due == today() + datetime.timedelta(days=7)
    assert deadline_label(unlocked)[0] == "nộp lại trong 7 ngày"


def test_a_long_list_of_units_nobody_can_be_told_about_says_how_many_more(world, client):
    for n in range(11):
        make_unit(UnitKind.SCHOOL, parent=world.difficult_commune, name=f"Trường Mầm non Bản {n:02d}")
    period = open_period(world)
    client.force_login(world.officer)
    html = client.post(reverse("reports:period_remind", args=[period.pk]), {"all": "missing"}, follow=True)
    text = html.content.decode()
    assert "Không nhắc được 11 đơn vị" in text and "và 1 đơn vị khác" in text
