"""Staff training as an officer, a principal and a centre use it (issue 18)."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import make_unit, make_user
from tests.training import helpers
from training.models import Course, NeedAnswer, Participant, ParticipantRole, Status
from units.calendar import school_year_of
from units.models import AuditEntry, Role, UnitKind, today

pytestmark = pytest.mark.django_db

COURSE = {
    "topic": "Phương pháp dạy học người lớn",
    "field": "method",
    "place": "Hội trường",
    "hours": "16",
    "mode": "online",
    "planned_participants": "30",
    "status": "planned",
}


def _dates(start, end):
    return {"start_date": start.strftime("%d/%m/%Y"), "end_date": end.strftime("%d/%m/%Y")}


def test_the_office_plans_a_course_for_itself_only(world, login):
    client = login(world.officer)
    day = today() + datetime.timedelta(days=30)
    response = client.post(reverse("training:course_add"), {**COURSE, "organiser": world.office.pk, **_dates(day, day)})
    course = Course.objects.get(topic=COURSE["topic"])
    assert response.status_code == 302 and response["Location"] == reverse("training:course", args=[course.pk])
    assert course.organiser == world.office and course.status == Status.PLANNED and course.hours == 16
    assert AuditEntry.objects.filter(action="training.course_create", object_id=str(course.pk)).exists()

    other = client.post(
        reverse("training:course_add"), {**COURSE, "organiser": world.other_office.pk, **_dates(day, day)}
    )
    assert other.status_code == 200 and other.context["form"].errors["organiser"]
    assert Course.objects.count() == 1


def test_dates_out_of_order_and_a_future_course_held_are_refused_in_vietnamese(world, login):
    client = login(world.officer)
    day = today() + datetime.timedelta(days=5)
    html = client.post(
        reverse("training:course_add"),
        {**COURSE, "organiser": world.office.pk, **_dates(day, day - datetime.timedelta(days=2))},
    ).content.decode()
    assert "Ngày kết thúc không được trước ngày bắt đầu." in html
    html = client.post(
        reverse("training:course_add"),
        {**COURSE, "organiser": world.office.pk, "status": "held", **_dates(day, day)},
    ).content.decode()
    assert "chưa thể ghi là đã tổ chức" in html
    assert not Course.objects.exists()


def test_a_person_picked_from_the_portal_takes_their_unit_and_role(world, login):
    course = helpers.make_course(world.office)
    client = login(world.officer)
    response = client.post(reverse("training:participant_add", args=[course.pk]), {"user": world.principal.pk})
    assert response.status_code == 302
    p = Participant.objects.get(course=course)
    assert (p.full_name, p.unit, p.role) == ("Phạm Thị Hiệu", world.school, ParticipantRole.SCHOOL_STAFF)
    again = client.post(reverse("training:participant_add", args=[course.pk]), {"user": world.principal.pk})
    assert "đã có trong danh sách lớp này" in again.content.decode()
    typed = client.post(reverse("training:participant_add", args=[course.pk]), {"full_name": "Vàng Thị Mỷ"})
    html = typed.content.decode()
    assert "Hãy chọn đơn vị công tác" in html and 'value="Vàng Thị Mỷ"' in html
    assert course.participants.count() == 1


def test_attendance_records_results_and_marks_the_course_held(world, login):
    course = helpers.make_course(world.office)
    a = helpers.add(course, world.school, user=world.school_staff, role=ParticipantRole.SCHOOL_STAFF)
    b = helpers.add(course, world.commune, full_name="Lò Thị Xuân")
    client = login(world.officer)
    url = reverse("training:attendance", args=[course.pk])
    refused = client.post(url, {f"attended_{a.pk}": "on", f"result_{b.pk}": "passed"})
    assert "Lò Thị Xuân không có mặt thì không ghi kết quả." in refused.content.decode()
    assert not Participant.objects.filter(attended=True).exists()
    done = client.post(url, {f"attended_{a.pk}": "on", f"result_{a.pk}": "passed", f"certificate_{a.pk}": " CN-12 "})
    assert done.status_code == 302
    a.refresh_from_db()
    course.refresh_from_db()
    assert (a.attended, a.result, a.certificate_no, course.status) == (True, "passed", "CN-12", Status.HELD)


def test_attendance_waits_for_the_course_to_start(world, login):
    course = helpers.make_course(world.office, start=today() + datetime.timedelta(days=3))
    p = helpers.add(course, world.school, full_name="Người dự")
    html = login(world.officer).post(reverse("training:attendance", args=[course.pk]), {f"attended_{p.pk}": "on"})
    assert "chưa ghi điểm danh được" in html.content.decode()
    p.refresh_from_db()
    assert not p.attended


def test_a_principal_sees_their_teachers_training_and_not_another_schools(world, login):
    course = helpers.make_course(world.office, topic="Dạy học xóa mù chữ")
    helpers.add(course, world.school, user=world.school_staff, role=ParticipantRole.SCHOOL_STAFF)
    helpers.add(course, world.other_school, full_name="Người trường khác")
    helpers.attend(course, *course.participants.all(), certificate="XMC-07")
    client = login(world.principal)
    html = client.get(reverse("training:unit", args=[world.school.pk])).content.decode()
    assert "Hoàng Văn Giáo" in html and "Dạy học xóa mù chữ" in html and "XMC-07" in html
    assert "Người trường khác" not in html
    page = client.get(reverse("training:course", args=[course.pk])).content.decode()
    assert "Hoàng Văn Giáo" in page and "Người trường khác" not in page
    assert client.get(reverse("training:unit", args=[world.other_school.pk])).status_code == 404
    home = client.get("/").content.decode()
    assert reverse("training:unit", args=[world.school.pk]) in home


def test_the_office_sees_the_year_against_its_plan(world, login):
    held = helpers.make_course(world.office, topic="Lớp đã học")
    helpers.add(held, world.school, full_name="Giáo viên A", role=ParticipantRole.LITERACY_TEACHER)
    helpers.add(held, world.centre, full_name="Cán bộ B", role=ParticipantRole.CENTRE_MANAGER)
    helpers.add(held, world.centre, full_name="Vắng C", role=ParticipantRole.CENTRE_MANAGER)
    helpers.attend(held, *held.participants.exclude(full_name="Vắng C"))
    helpers.make_course(world.office, topic="Lớp kế hoạch", start=today() + datetime.timedelta(days=10))
    helpers.make_course(world.other_office, topic="Lớp của phòng khác")
    year = school_year_of(held.start_date)
    response = login(world.leader).get(reverse("training:summary") + f"?nam={year}")
    s = response.context["s"]
    assert (s["planned"], s["held"], s["trained"]) == (2, 1, 2)
    roles = {r["role"]: r["count"] for r in s["by_role"]}
    assert roles["literacy_teacher"] == 1 and roles["centre_manager"] == 1
    html = response.content.decode()
    assert "Lớp kế hoạch" in html and "Lớp của phòng khác" not in html
    assert login(world.principal).get(reverse("training:summary")).status_code == 403


def test_units_answer_a_needs_survey_and_the_office_reads_the_answers(world, login):
    survey = helpers.open_survey(world.office)
    principal = login(world.principal)
    url = reverse("training:answer_add", args=[survey.pk])
    assert principal.post(url, {"unit": world.school.pk, "topic": "Dạy người lớn", "people": "4"}).status_code == 302
    other = make_user(Role.PRINCIPAL, world.other_school, username="p3")
    login(other).post(url, {"unit": world.other_school.pk, "topic": "Tin học", "people": "2"})
    assert NeedAnswer.objects.count() == 2
    office = login(world.officer).get(reverse("training:survey", args=[survey.pk])).content.decode()
    assert "Dạy người lớn" in office and "Tin học" in office and "Tổng hợp theo nội dung" in office
    mine = login(world.principal).get(reverse("training:survey", args=[survey.pk])).content.decode()
    assert "Dạy người lớn" in mine and "Tin học" not in mine


def test_a_closed_survey_takes_no_more_answers(world, login):
    survey = helpers.open_survey(world.office)
    survey.deadline = today() - datetime.timedelta(days=1)
    survey.save()
    html = login(world.principal).post(
        reverse("training:answer_add", args=[survey.pk]), {"unit": world.school.pk, "topic": "X", "people": "1"}
    )
    assert "đã hết hạn trả lời" in html.content.decode()
    assert not NeedAnswer.objects.exists()


def test_a_course_with_attendance_is_not_deleted_a_planned_one_is(world, login):
    held = helpers.make_course(world.office)
    p = helpers.add(held, world.school, full_name="Có mặt")
    helpers.attend(held, p)
    client = login(world.officer)
    response = client.post(reverse("training:course_delete", args=[held.pk]), follow=True)
    assert "không xóa được" in response.content.decode()
    assert Course.objects.filter(pk=held.pk).exists()
    planned = helpers.make_course(world.office, start=today() + datetime.timedelta(days=9))
    client.post(reverse("training:course_delete", args=[planned.pk]))
    assert not Course.objects.filter(pk=planned.pk).exists()
    page = client.get(reverse("training:course", args=[held.pk])).content.decode()
    assert "data-confirm" in page


def test_a_centre_director_plans_for_their_own_centre(world, login):
    client = login(world.director)
    day = today() + datetime.timedelta(days=3)
    response = client.post(reverse("training:course_add"), {**COURSE, "organiser": world.centre.pk, **_dates(day, day)})
    assert response.status_code == 302
    course = Course.objects.get()
    form = client.get(reverse("training:participant_add", args=[course.pk])).context["form"]
    # The commune's people may take part: the school is in the centre's commune.
    assert world.school in form.fields["unit"].queryset
    assert world.other_school not in form.fields["unit"].queryset


def test_empty_pages_say_what_to_do(world, login):
    client = login(world.officer)
    assert "Chưa có lớp tập huấn nào trong năm học này." in client.get(reverse("training:index")).content.decode()
    assert "Chưa có khảo sát nhu cầu tập huấn nào." in client.get(reverse("training:surveys")).content.decode()
    unit = make_unit(UnitKind.SCHOOL, parent=world.commune)
    assert "Chưa có ai của đơn vị" in client.get(reverse("training:unit", args=[unit.pk])).content.decode()
