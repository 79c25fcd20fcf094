"""A course's result as the organiser's báo cáo passes the check of Nghị định 30/2020 (issue 18)."""

import pytest
from django.urls import reverse

from documents.check import check_official_pdf
from tests.training import helpers
from training.models import ParticipantRole

pytestmark = pytest.mark.django_db


def test_the_course_result_is_an_official_report_of_the_organiser(world, login):
    course = helpers.make_course(world.office, topic="Dạy học xóa mù chữ cho người lớn")
    teacher = helpers.add(course, world.school, user=world.school_staff, role=ParticipantRole.SCHOOL_STAFF)
    helpers.add(course, world.commune, full_name="Lò Thị Xuân")
    helpers.attend(course, teacher, certificate="XMC-2026-001")
    client = login(world.officer)
    url = reverse("training:course_document", args=[course.pk])
    preview = client.get(url).content.decode()
    assert "Hoàng Văn Giáo" in preview and "XMC-2026-001" in preview and "Vắng" in preview
    response = client.get(url + "?pdf=1")
    data = b"".join(response.streaming_content) if response.streaming else response.content
    assert data.startswith(b"%PDF")
    problems = check_official_pdf(data, kind="bao_cao")
    assert problems == [], problems
    word = client.get(url + "?docx=1")
    assert word.status_code == 200 and word.content[:2] == b"PK"
    # A school sees its own people on the course page, not the organiser's whole list.
    assert login(world.principal).get(url).status_code == 403
