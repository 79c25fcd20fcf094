"""The training figures other modules take: report-form cells (providers), the annual report's
section "Bồi dưỡng đội ngũ" (annual blocks), and the demo district."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from annual.blocks import AnnualBlock
from reports.providers import get_provider
from tests.training import helpers
from training import annual, demo
from training.models import Course, NeedAnswer, Participant, ParticipantRole, Status
from units.calendar import school_year_dates, school_year_of
from units.models import Unit, today

pytestmark = pytest.mark.django_db


def _held(world):
    course = helpers.make_course(world.office, topic="Dạy học xóa mù chữ")
    a = helpers.add(course, world.school, full_name="Giáo viên A", role=ParticipantRole.LITERACY_TEACHER)
    b = helpers.add(course, world.centre, full_name="Cán bộ B", role=ParticipantRole.CENTRE_MANAGER)
    helpers.add(course, world.other_school, full_name="Vắng C", role=ParticipantRole.LITERACY_TEACHER)
    helpers.attend(course, a, b)
    return course


def _value(key, units, day):
    start, end = school_year_dates(school_year_of(day))
    return get_provider(key).func(Unit.objects.filter(pk__in=[u.pk for u in units]), start, end)


def test_providers_count_the_people_present_by_commune_and_role(world):
    course = _held(world)
    helpers.make_course(world.office, topic="Kế hoạch", start=today() + datetime.timedelta(days=5))
    units = [world.commune, world.difficult_commune, world.office, world.school]
    day = course.start_date
    assert _value("training.participants", units, day) == {
        world.commune.pk: 2,
        world.difficult_commune.pk: 0,
        world.office.pk: 2,
        world.school.pk: 1,
    }
    teachers = _value("training.participants.literacy_teacher", units, day)
    assert teachers[world.commune.pk] == 1 and teachers[world.office.pk] == 1
    # only held courses count, by their organiser's subtree
    assert _value("training.courses", [world.office, world.commune], day) == {world.office.pk: 1, world.commune.pk: 0}
    for role in ParticipantRole.values:
        assert get_provider(f"training.participants.{role}") is not None


def test_a_provider_runs_a_fixed_number_of_queries(world, django_assert_num_queries):
    _held(world)
    units = Unit.objects.filter(pk__in=[world.commune.pk, world.office.pk])
    start, end = school_year_dates(school_year_of(today()) - 1)
    with django_assert_num_queries(2):
        get_provider("training.participants").func(units, start, end)


def test_the_annual_report_lists_the_years_courses_in_the_staff_section(world):
    course = _held(world)
    blocks = {b.key: b for b in annual.blocks()}
    assert all(isinstance(b, AnnualBlock) and b.section == "staff" for b in blocks.values())
    start, end = school_year_dates(school_year_of(course.start_date))
    table = blocks["training.courses"].build(world.office, start, end)
    first = table.rows[0].cells
    assert first[0].value == "Dạy học xóa mù chữ" and first[0].href == reverse("training:course", args=[course.pk])
    assert first[6].value == 2 and first[7] == 2
    assert "1/1 lớp" in table.rows[-1].cells[0]
    by_commune = blocks["providers.training"].build(world.office, start, end)
    row = next(r for r in by_commune.rows if r.cells[0].value == "Đống Đa")
    assert row.cells[1].value == 2


def test_the_demo_district_has_a_year_of_training_and_runs_twice_without_change(db):
    call_command("seed_demo", "--no-modules", stdout=io.StringIO())
    office = Unit.objects.get(code="DEMO-PGD")
    out = io.StringIO()
    demo.seed(office=office, stdout=out)
    courses = Course.objects.filter(organiser__path__startswith=office.path)
    assert courses.count() == 3
    assert courses.filter(status=Status.HELD).count() == 2
    assert courses.filter(school_year=school_year_of(today())).count() >= 2
    assert Participant.objects.filter(attended=True).exclude(certificate_no="").count() >= 5
    assert Participant.objects.filter(user__username="demo.giaovien", attended=True).exists()
    assert NeedAnswer.objects.count() == 3
    before = (Course.objects.count(), Participant.objects.count())
    demo.seed(office=office, stdout=io.StringIO())
    assert (Course.objects.count(), Participant.objects.count()) == before
    assert "Tập huấn" in out.getvalue()
