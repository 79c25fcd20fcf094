"""A recognition is kept for the 3 years following the year of recognition (Thông tư 25/2023/TT-BGDĐT,
DOMAIN.md §4): recognised on 15/06/2024 it counts through 31/12/2027, in the statistics, the decision
and the certificate."""

import datetime
import importlib
import io

import pytest
from django.apps import apps
from django.urls import reverse
from pypdf import PdfReader

from learning_society import services
from learning_society.models import Assessment, Title
from learning_society.rules import recognition_valid_through
from learning_society.selectors import statistics
from rubrics.selectors import rubric_criteria

SIGNED = datetime.date(2024, 6, 15)


@pytest.fixture
def recognised(world, shipped):
    school = services.subject_create(
        actor=world.officer, area=world.school, title=Title.LEARNING_UNIT, name="Trường THCS Đống Đa", unit=world.school
    )
    rubric = services.rubric_or_error(school.title, 2024)
    criteria = [c for c in rubric_criteria(rubric) if (c.required_for_level or 1) <= 1]
    a = services.assessment_save(
        actor=None,
        subject=school,
        year=2024,
        met={c.pk for c in criteria},
        evidence={c.pk: "Biên bản số 1" for c in criteria},
        submit=True,
    )
    services.assessments_check(actor=world.officer, assessment_ids=[a.pk])
    decision = services.recognise(
        actor=world.officer,
        assessment_ids=[a.pk],
        issuer=world.office,
        title=Title.LEARNING_UNIT,
        year=2024,
        number="7/QĐ-PGDĐT",
        signed_on=SIGNED,
        signer_name="Trần Thị Trưởng",
        signer_position="Trưởng phòng",
    )
    a.refresh_from_db()
    return a, decision


def _pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_rule_keeps_a_recognition_through_31_december_of_the_third_following_year():
    assert recognition_valid_through(datetime.date(2024, 6, 15), 36) == datetime.date(2027, 12, 31)
    assert recognition_valid_through(datetime.date(2024, 1, 1), 36) == datetime.date(2027, 12, 31)
    assert recognition_valid_through(datetime.date(2024, 12, 31), 36) == datetime.date(2027, 12, 31)
    assert recognition_valid_through(datetime.date(2024, 6, 15), None) is None  # points titles are yearly


def test_recognised_15_06_2024_is_valid_through_31_12_2027(recognised):
    a, _decision = recognised
    assert a.expires_on == datetime.date(2027, 12, 31)


def test_it_counts_in_2027_statistics_and_not_in_2028(world, recognised):
    _areas, total_2027 = statistics(world.office, 2027)
    _areas, total_2028 = statistics(world.office, 2028)
    assert total_2027.titles[Title.LEARNING_UNIT].recognised == 1
    assert total_2028.titles[Title.LEARNING_UNIT].recognised == 0


def test_the_recognised_list_of_2027_shows_it_and_that_of_2028_does_not(world, recognised, login):
    client = login(world.officer)
    url = reverse("learning_society:recognised")
    assert "Trường THCS Đống Đa" in client.get(url + "?nam=2027").content.decode()
    assert "Trường THCS Đống Đa" not in client.get(url + "?nam=2028").content.decode()


def test_the_decision_page_and_pdf_print_31_12_2027(world, recognised, login):
    _a, decision = recognised
    client = login(world.officer)
    page = client.get(reverse("learning_society:decision", args=[decision.pk])).content.decode()
    assert "31/12/2027" in page
    text = _pdf_text(client.get(reverse("learning_society:decision_pdf", args=[decision.pk])))
    assert "31/12/2027" in text
    assert "15/06/2027" not in text and "tháng kể từ ngày ký" not in text


def test_the_certificate_prints_31_12_2027(world, recognised, login):
    a, _decision = recognised
    text = _pdf_text(login(world.officer).get(reverse("learning_society:certificate", args=[a.pk])))
    assert "31/12/2027" in text


def test_the_migration_moves_a_stored_end_to_31_december(recognised):
    a, _decision = recognised
    Assessment.objects.filter(pk=a.pk).update(expires_on=datetime.date(2027, 6, 15))  # as the old code stored it
    migration = importlib.import_module("learning_society.migrations.0005_recognitions_valid_through_31_december")
    migration.recompute(apps, None)
    a.refresh_from_db()
    assert a.expires_on == datetime.date(2027, 12, 31)
