"""Milestones with no legal source say "cần xác minh" and take the office's own date (issue 14);
the ones a text fixes follow the text and cannot be changed."""

import datetime

import pytest
from django.urls import reverse

from units.milestones import CALENDAR, upcoming_milestones
from units.models import AuditEntry, MilestoneSetting, Role

pytestmark = pytest.mark.django_db


def test_every_milestone_without_a_source_says_so_and_can_be_set():
    for milestone in CALENDAR:
        if milestone.has_source:
            assert "cần xác minh" not in milestone.note
        else:
            assert "cần xác minh" in milestone.source
            assert milestone.key, milestone.title


def test_the_office_moves_the_centres_report_date_and_the_centre_sees_it(world, login):
    client = login(world.officer)
    url = reverse("units:milestones", args=[world.office.pk])
    page = client.get(url).content.decode()
    assert "TTHTCĐ nộp báo cáo hoạt động năm" in page and "Thông tư 24/2023" in page
    data = {f"date-{m.key}": f"{m.day:02d}/{m.month:02d}" for m in CALENDAR if m.key}
    data.update({f"on-{m.key}": "on" for m in CALENDAR if m.key})
    data["date-centre-year-report"] = "25/05"
    assert client.post(url, data).status_code == 302
    assert MilestoneSetting.objects.get(office=world.office, key="centre-year-report").day == 25
    assert AuditEntry.objects.filter(action="unit.milestones", unit=world.office).exists()
    upcoming = upcoming_milestones(Role.CENTRE_DIRECTOR, datetime.date(2026, 5, 21), limit=10, unit=world.centre)
    report = next(m for m in upcoming if "báo cáo hoạt động năm" in m["title"])
    assert report["start"] == datetime.date(2026, 5, 25)
    assert "đơn vị quản lý đặt" in report["source"]
    # Another office's centres keep the listed date.
    other = upcoming_milestones(Role.CENTRE_DIRECTOR, datetime.date(2026, 5, 1), limit=10, unit=world.outsider_school)
    assert all(m["start"] != datetime.date(2026, 5, 25) for m in other)


def test_a_date_that_does_not_exist_is_refused_and_nothing_changes(world, login):
    client = login(world.officer)
    url = reverse("units:milestones", args=[world.office.pk])
    data = {f"date-{m.key}": f"{m.day:02d}/{m.month:02d}" for m in CALENDAR if m.key}
    data["date-centre-year-report"] = "31/02"
    response = client.post(url, data)
    assert response.status_code == 400
    assert "không có trong lịch" in response.content.decode()
    data["date-centre-year-report"] = "hôm qua"
    assert "ghi ngày dạng dd/mm" in client.post(url, data).content.decode()
    assert not MilestoneSetting.objects.exists()


def test_an_office_can_hide_a_milestone(world, login):
    client = login(world.officer)
    url = reverse("units:milestones", args=[world.office.pk])
    data = {f"date-{m.key}": f"{m.day:02d}/{m.month:02d}" for m in CALENDAR if m.key}
    data.update({f"on-{m.key}": "on" for m in CALENDAR if m.key and m.key != "reading-day"})
    client.post(url, data)
    titles = [
        m["title"] for m in upcoming_milestones(Role.OFFICE_OFFICER, datetime.date(2026, 4, 1), 10, unit=world.office)
    ]
    assert not any("Ngày Sách" in str(t) for t in titles)


def test_other_offices_and_principals_cannot_set_dates(world, login):
    url = reverse("units:milestones", args=[world.office.pk])
    assert login(world.outsider_officer).get(url).status_code == 404
    assert login(world.principal).post(url, {"date-reading-day": "01/01"}).status_code in (403, 404)
    assert not MilestoneSetting.objects.exists()
