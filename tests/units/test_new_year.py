"""Sang năm học mới (issue 16): one action rolls an office into a new school year — a new survey
round from the last, last year's reporting periods with dates moved by a year, learning-society
registrations carried over where the title is still valid; running it twice creates nothing new,
and another office is untouched."""

import datetime

import pytest
from django.urls import reverse

from learning_society import services as ls_services
from learning_society.models import Assessment, Registration, Subject, Title
from literacy import services as literacy_services
from literacy.models import SurveyRound
from reports.models import ReportingPeriod
from reports.services.periods import period_open
from tests.reports.helpers import make_form
from units.audit import AuditEntry
from units.models import UnitKind
from units.views.new_year import _default_year

NEW = _default_year()
OLD = NEW - 1


@pytest.fixture
def last_year(world):
    """Office A's school year OLD: a survey round, a reporting period, two registered families (one
    recognised with a title valid through OLD+3, one whose title ends with OLD); office B's round."""
    literacy_services.round_create(
        actor=world.officer, office=world.office, year=OLD, number=2, reference_date=datetime.date(OLD, 9, 30)
    )
    literacy_services.round_create(
        actor=world.outsider_officer,
        office=world.other_office,
        year=OLD,
        number=1,
        reference_date=datetime.date(OLD, 9, 30),
    )
    form = make_form(world)
    period_open(
        actor=world.officer,
        form=form,
        owner=world.office,
        label=f"Năm học {OLD}-{OLD + 1}",
        start_date=datetime.date(OLD, 9, 1),
        end_date=datetime.date(OLD + 1, 5, 31),
        open_date=datetime.date(OLD + 1, 5, 1),
        due_date=datetime.date(OLD + 1, 6, 15),
        lock_date=datetime.date(OLD + 1, 6, 30),
        kinds=[UnitKind.SCHOOL],
        allow_past_due=True,
    )
    ls_services.rubrics_load_shipped(actor=None)
    rubric = ls_services.rubric_or_error(Title.FAMILY, OLD, world.hamlet)
    families = {}
    for name, expires in (("Hộ ông Nguyễn Văn An", OLD + 3), ("Hộ bà Trần Thị Bình", OLD)):
        subject = ls_services.subject_create(actor=world.officer, area=world.hamlet, title=Title.FAMILY, name=name)
        Registration.objects.create(subject=subject, year=OLD, registered_on=datetime.date(OLD, 3, 1))
        Assessment.objects.create(
            subject=subject,
            year=OLD,
            rubric=rubric,
            status=Assessment.Status.RECOGNISED,
            level=1,
            passed=True,
            recognised_on=datetime.date(OLD, 12, 15),
            expires_on=datetime.date(expires, 12, 31),
        )
        families[name] = subject
    return families


def _url(world):
    return reverse("units:new_year", args=[world.office.pk]) + f"?nam={NEW}"


def test_the_preview_lists_what_will_be_created_and_creates_nothing(world, login, last_year):
    page = login(world.officer).get(_url(world)).content.decode()
    assert f"Đợt 2 năm {NEW}, ngày chốt số liệu 30/09/{NEW}" in page
    assert f"Năm học {NEW}-{NEW + 1}: số liệu 01/09/{NEW}–31/05/{NEW + 1}, hạn nộp 15/06/{NEW + 1}" in page
    assert "Hộ ông Nguyễn Văn An (Gia đình học tập, Đông): đăng ký năm" in page
    assert "Hộ bà Trần Thị Bình" not in page  # her title ends with the old year
    assert not SurveyRound.objects.filter(office=world.office, year=NEW).exists()
    assert ReportingPeriod.objects.filter(owner=world.office).count() == 1


def test_the_run_needs_the_confirmation(world, login, last_year):
    response = login(world.officer).post(_url(world), {"nam": NEW})
    assert response.status_code == 400
    assert "Hãy đánh dấu ô xác nhận" in response.content.decode()
    assert not SurveyRound.objects.filter(office=world.office, year=NEW).exists()


def test_the_run_creates_the_new_year_once_and_leaves_another_office_alone(world, login, last_year):
    client = login(world.officer)
    response = client.post(_url(world), {"nam": NEW, "confirm": "on"})
    assert response.status_code == 200
    assert "Đã chuyển sang năm học mới." in response.content.decode()

    new_round = SurveyRound.objects.get(office=world.office, year=NEW)
    assert (new_round.number, new_round.reference_date) == (2, datetime.date(NEW, 9, 30))
    assert new_round.previous == SurveyRound.objects.get(office=world.office, year=OLD)

    period = ReportingPeriod.objects.get(owner=world.office, start_date=datetime.date(NEW, 9, 1))
    old = ReportingPeriod.objects.get(owner=world.office, start_date=datetime.date(OLD, 9, 1))
    assert period.form == old.form
    assert period.label == f"Năm học {NEW}-{NEW + 1}"
    assert (period.end_date, period.open_date, period.due_date, period.lock_date) == (
        datetime.date(NEW + 1, 5, 31),
        datetime.date(NEW + 1, 5, 1),
        datetime.date(NEW + 1, 6, 15),
        datetime.date(NEW + 1, 6, 30),
    )
    assert set(period.submissions.values_list("unit_id", flat=True)) == set(
        old.submissions.values_list("unit_id", flat=True)
    )

    carried = set(Registration.objects.filter(year=NEW).values_list("subject__name", flat=True))
    assert carried == {"Hộ ông Nguyễn Văn An"}
    assert AuditEntry.objects.filter(action="unit.new_year", unit=world.office).count() == 1

    counts = (SurveyRound.objects.count(), ReportingPeriod.objects.count(), Registration.objects.count())
    again = client.post(_url(world), {"nam": NEW, "confirm": "on"})
    assert again.status_code == 200
    assert (SurveyRound.objects.count(), ReportingPeriod.objects.count(), Registration.objects.count()) == counts
    assert "Không tạo thêm gì." in again.content.decode()
    preview = client.get(_url(world)).content.decode()
    assert f"Đã có đợt điều tra năm {NEW}" in preview

    assert not SurveyRound.objects.filter(office=world.other_office, year=NEW).exists()
    assert Subject.objects.filter(area__path__startswith=world.other_office.path).count() == 0


def test_another_office_gets_404_and_a_leader_403(world, login, last_year):
    url = _url(world)
    assert login(world.outsider_officer).post(url, {"nam": NEW, "confirm": "on"}).status_code == 404
    assert login(world.leader).post(url, {"nam": NEW, "confirm": "on"}).status_code == 403
    assert not SurveyRound.objects.filter(year=NEW).exists()


def test_a_year_not_offered_is_refused_with_a_message(world, login, last_year):
    response = login(world.officer).get(reverse("units:new_year", args=[world.office.pk]) + "?nam=abc")
    assert response.status_code == 400
    assert "không có trong danh sách" in response.content.decode()


def test_a_period_of_chosen_units_reopens_for_the_same_units(world, login, last_year):
    form = make_form(world, code="CHOSEN")
    period_open(
        actor=world.officer,
        form=form,
        owner=world.office,
        label=f"Học kỳ I {OLD}-{OLD + 1}",
        start_date=datetime.date(OLD, 9, 1),
        end_date=datetime.date(OLD + 1, 1, 15),
        open_date=datetime.date(OLD + 1, 1, 1),
        due_date=datetime.date(OLD + 1, 1, 20),
        lock_date=datetime.date(OLD + 1, 2, 29) if (OLD + 1) % 4 == 0 else datetime.date(OLD + 1, 2, 28),
        units=[world.centre],
        allow_past_due=True,
    )
    login(world.officer).post(_url(world), {"nam": NEW, "confirm": "on"})
    new = ReportingPeriod.objects.get(form=form, start_date=datetime.date(NEW, 9, 1))
    assert new.label == f"Học kỳ I {NEW}-{NEW + 1}"
    assert new.lock_date == datetime.date(NEW + 1, 2, 28)
    assert list(new.submissions.values_list("unit", flat=True)) == [world.centre.pk]
