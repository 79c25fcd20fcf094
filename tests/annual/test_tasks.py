"""Guidance tasks followed to the end (issue 18): given to kinds of unit or named units, each unit
reports where it stands with evidence, the office reads the matrix, overdue tasks reach the homes."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from annual import guidance as gsvc
from annual import tasks as svc
from annual.models import GuidanceTask, TaskProgress
from tests.factories import make_unit, make_user
from units.models import Role, UnitKind

pytestmark = pytest.mark.django_db
PAST = datetime.date(2020, 1, 15)


def _guidance(world, *, deadline=None):
    g = gsvc.guidance_create(actor=world.officer, office=world.office, school_year=2025, title="Hướng dẫn GDTX")
    task = gsvc.guidance_task_add(
        actor=world.officer, guidance=g, area="ict", text="Cập nhật cổng thông tin GDTX", deadline=deadline
    )
    gsvc.guidance_publish(actor=world.officer, guidance=g)
    return g, GuidanceTask.objects.select_related("guidance__office").get(pk=task.pk)


def test_a_task_given_to_schools_is_reported_by_both_and_complete_in_the_matrix(world, login):
    g, task = _guidance(world)
    svc.task_assign(actor=world.officer, task=task, unit_kinds=[UnitKind.SCHOOL], units=[])
    other_principal = world.other_principal
    svc.progress_update(actor=world.principal, task=task, unit=world.school, status="done", report="Đã cập nhật")
    html = login(world.officer).get(reverse("annual:task_matrix", args=[g.pk])).content.decode()
    assert "1/2" in html and world.centre.name not in html
    svc.progress_update(actor=other_principal, task=task, unit=world.other_school, status="done", report="Xong, có ảnh")
    html = login(world.officer).get(reverse("annual:task_matrix", args=[g.pk])).content.decode()
    assert "2/2" in html and html.count("Đã hoàn thành</span>") == 2


def test_a_unit_not_given_the_task_cannot_report_and_done_needs_a_report(world):
    _g, task = _guidance(world)
    svc.task_assign(actor=world.officer, task=task, unit_kinds=[], units=[world.school])
    with pytest.raises(PermissionDenied):
        svc.progress_update(actor=world.director, task=task, unit=world.centre, status="done", report="x")
    with pytest.raises(ValidationError):
        svc.progress_update(actor=world.principal, task=task, unit=world.school, status="done", report="  ")
    assert not TaskProgress.objects.exists()


def test_assignment_refuses_units_and_periods_of_another_office(world):
    _g, task = _guidance(world)
    with pytest.raises(ValidationError):
        svc.task_assign(actor=world.officer, task=task, unit_kinds=[], units=[world.outsider_school])
    with pytest.raises(PermissionDenied):
        svc.task_assign(actor=world.outsider_officer, task=task, unit_kinds=["school"], units=[])


def test_overdue_tasks_reach_the_office_home_and_the_school_home(world, login):
    _g, task = _guidance(world, deadline=PAST)
    svc.task_assign(actor=world.officer, task=task, unit_kinds=[UnitKind.SCHOOL, UnitKind.CENTRE], units=[])
    svc.progress_update(actor=world.director, task=task, unit=world.centre, status="done", report="Đã xong")
    html = login(world.officer).get(reverse("home")).content.decode()
    assert "Cần xử lý: nhiệm vụ quá hạn" in html and "2 đơn vị chưa xong" in html
    html = login(world.principal).get(reverse("home")).content.decode()
    assert "Cập nhật cổng thông tin GDTX" in html and "Quá hạn" in html
    html = login(world.director).get(reverse("home")).content.decode()
    assert "Cập nhật cổng thông tin GDTX" not in html  # done: no longer on the centre's home


def test_evidence_is_checked_by_its_bytes_and_served_to_the_office(world, login):
    _g, task = _guidance(world)
    svc.task_assign(actor=world.officer, task=task, unit_kinds=["school"], units=[])
    fake = SimpleUploadedFile("anh.jpg", b"MZ\x90\x00 program", content_type="image/jpeg")
    response = login(world.principal).post(
        reverse("annual:progress_update", args=[task.pk]),
        {"unit": world.school.pk, "status": "in_progress", "report": "Đang làm", "evidence": fake},
    )
    assert response.status_code == 200 and "không phải ảnh JPG hay PNG" in response.content.decode()
    assert not TaskProgress.objects.exists()
    photo = SimpleUploadedFile("anh.jpg", b"\xff\xd8\xff\xe0 jpeg", content_type="image/jpeg")
    login(world.principal).post(
        reverse("annual:progress_update", args=[task.pk]),
        {"unit": world.school.pk, "status": "in_progress", "report": "Đang làm", "evidence": photo},
    )
    progress = TaskProgress.objects.get()
    assert progress.status == "in_progress" and progress.evidence_name == "anh.jpg"
    assert login(world.officer).get(reverse("annual:progress_file", args=[progress.pk])).status_code == 200
    assert login(world.outsider_officer).get(reverse("annual:progress_file", args=[progress.pk])).status_code == 404


@pytest.mark.parametrize(
    "data",
    [
        {"unit": "x", "status": "done"},
        {"unit": "1' OR 1=1", "status": "in_progress"},
        {"unit": "", "status": "<script>", "report": "a" * 5000},
        {"unit": "999999", "status": "done", "report": "\u202eabc"},
    ],
)
def test_hostile_progress_input_is_a_form_error(world, login, data):
    _g, task = _guidance(world)
    svc.task_assign(actor=world.officer, task=task, unit_kinds=["school"], units=[])
    response = login(world.principal).post(reverse("annual:progress_update", args=[task.pk]), data)
    assert response.status_code == 200 and not TaskProgress.objects.exists()


@pytest.mark.parametrize(
    "data",
    [{"unit_kinds": ["office"]}, {"units": ["abc"]}, {"units": ["999999"]}, {"period": "1; DROP TABLE x"}],
)
def test_hostile_assignment_input_is_a_form_error(world, login, data):
    _g, task = _guidance(world)
    response = login(world.officer).post(reverse("annual:task_assign", args=[task.pk]), data)
    assert response.status_code == 200
    task.refresh_from_db()
    assert task.unit_kinds == [] and not task.units.exists()


def test_the_matrix_reads_in_constant_queries(world, login, django_assert_max_num_queries):
    g, task = _guidance(world)
    svc.task_assign(actor=world.officer, task=task, unit_kinds=["school", "centre"], units=[])
    client = login(world.officer)
    url = reverse("annual:task_matrix", args=[g.pk])
    client.get(url)
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    for i in range(8):
        school = make_unit(UnitKind.SCHOOL, parent=world.commune, name=f"Trường số {i}", code=f"SX{i}")
        user = make_user(Role.PRINCIPAL, school, username=f"p{i}")
        svc.progress_update(actor=user, task=task, unit=school, status="done", report="Xong")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_the_demo_district_follows_its_guidance_tasks_and_runs_twice_without_change(db):
    import io

    from django.core.management import call_command

    from annual import demo
    from units.models import Unit

    call_command("seed_demo", "--no-modules", stdout=io.StringIO())
    office = Unit.objects.get(code="DEMO-PGD")
    demo.seed(office=office, stdout=io.StringIO())
    followed = [t for t in GuidanceTask.objects.filter(guidance__office=office) if t.unit_kinds or t.units.exists()]
    assert len(followed) == 3
    assert TaskProgress.objects.filter(status="done").exists()
    assert svc.overdue_for_office(office)  # the first task is past its deadline for some schools
    before = (GuidanceTask.objects.count(), TaskProgress.objects.count())
    demo.seed(office=office, stdout=io.StringIO())
    assert (GuidanceTask.objects.count(), TaskProgress.objects.count()) == before
