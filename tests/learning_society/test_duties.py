"""Separation of duties (issue 12, item 5) in the learning-society cycle: whoever entered a
self-assessment or handed it over for checking, or holds a role on the unit assessed, neither
checks, returns nor recognises it. The checker typing paper results and confirming them in one
step, and the checker recording the signed decision, stay allowed (learning_society.permissions)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from learning_society import services
from learning_society.models import Assessment, Decision, Title
from rubrics.selectors import rubric_criteria
from units.models import Membership, Role
from units.selectors import forget_memberships

from .conftest import YEAR

FULL = ["15", "15", "15", "15", "10", "10", "10", "10"]


def _points():
    criteria = rubric_criteria(services.rubric_or_error(Title.FAMILY, YEAR))
    return {c.pk: v for c, v in zip(criteria, FULL, strict=True)}


def _self_assessed(world, family, actor):
    return services.assessment_save(actor=actor, subject=family, year=YEAR, points=_points(), submit=True)


def _recognise(world, ids, actor, number="12/QĐ-UBND"):
    return services.recognise(
        actor=actor,
        assessment_ids=ids,
        issuer=world.commune,
        title=Title.FAMILY,
        year=YEAR,
        number=number,
        signed_on=datetime.date(2025, 12, 15),
        signer_name="Phạm Văn Chủ",
        signer_position="Chủ tịch",
    )


def _still_waiting(assessment):
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.SELF_ASSESSED
    assert assessment.checked_by_id is None
    assert assessment.checked_at is None


def test_whoever_handed_a_family_over_cannot_check_it(world, families):
    a = _self_assessed(world, families[0], world.association_officer)
    assert a.assessed_by == world.association_officer
    with pytest.raises(ValidationError) as info:
        services.assessments_check(actor=world.association_officer, assessment_ids=[a.pk])
    message = info.value.messages[0]
    assert "Bạn không thể xác nhận kiểm tra đánh giá của “Hộ ông Nguyễn Văn An” do chính bạn nhập" in message
    assert "một người khác" in message
    _still_waiting(a)


def test_nor_return_it(world, families):
    a = _self_assessed(world, families[0], world.association_officer)
    with pytest.raises(ValidationError) as info:
        services.assessments_check(actor=world.association_officer, assessment_ids=[a.pk], approve=False)
    assert "Bạn không thể trả lại đánh giá" in info.value.messages[0]
    _still_waiting(a)


def test_another_person_checks_it(world, families):
    a = _self_assessed(world, families[0], world.association_officer)
    assert services.assessments_check(actor=world.officer, assessment_ids=[a.pk]) == 1
    a.refresh_from_db()
    assert a.status == Assessment.Status.CHECKED
    assert (a.assessed_by, a.checked_by) == (world.association_officer, world.officer)


def test_a_bulk_check_leaves_the_checkers_own_entries_for_someone_else(world, families):
    own = _self_assessed(world, families[0], world.association_officer)
    other = _self_assessed(world, families[1], world.officer)
    n = services.assessments_check(actor=world.association_officer, assessment_ids=[own.pk, other.pk])
    assert n == 1
    _still_waiting(own)
    other.refresh_from_db()
    assert other.status == Assessment.Status.CHECKED


def test_the_grid_does_not_confirm_rows_the_checker_handed_over(world, families):
    kw = {"area": world.hamlet, "title": Title.FAMILY, "year": YEAR}
    services.grid_save(actor=world.association_officer, points={families[0].pk: _points()}, **kw)
    a = Assessment.objects.get(subject=families[0])
    assert a.assessed_by == world.association_officer
    with pytest.raises(ValidationError) as info:
        services.grid_save(
            actor=world.association_officer,
            points={families[0].pk: _points()},
            check=True,
            expected_versions={families[0].pk: a.version},
            **kw,
        )
    assert "Bạn không thể xác nhận kiểm tra" in info.value.messages[0]
    _still_waiting(a)
    services.grid_save(actor=world.officer, points={families[0].pk: _points()}, check=True, **kw)
    a.refresh_from_db()
    assert a.status == Assessment.Status.CHECKED
    assert (a.assessed_by, a.checked_by) == (world.association_officer, world.officer)


def test_the_checker_typing_paper_results_confirms_them_in_one_step(world, families):
    services.grid_save(
        actor=world.association_officer,
        area=world.hamlet,
        title=Title.FAMILY,
        year=YEAR,
        points={families[0].pk: _points()},
        check=True,
    )
    a = Assessment.objects.get(subject=families[0])
    assert a.status == Assessment.Status.CHECKED
    assert a.assessed_by is None  # nobody handed it over in the portal: the family assessed itself on paper
    assert a.checked_by == world.association_officer


def test_whoever_handed_it_over_cannot_recognise_it_once_checked(world, families):
    a = _self_assessed(world, families[0], world.officer)
    services.assessments_check(actor=world.association_officer, assessment_ids=[a.pk])
    with pytest.raises(ValidationError) as info:
        _recognise(world, [a.pk], world.officer)
    assert "Bạn không thể công nhận đánh giá của “Hộ ông Nguyễn Văn An”" in info.value.messages[0]
    assert not Decision.objects.exists()
    a.refresh_from_db()
    assert a.status == Assessment.Status.CHECKED
    decision = _recognise(world, [a.pk], world.association_officer)
    assert decision.assessments.count() == 1


@pytest.fixture
def school_unit(world, shipped):
    return services.subject_create(
        actor=world.officer, area=world.school, title=Title.LEARNING_UNIT, name="Trường THCS Đống Đa", unit=world.school
    )


def _school_self_assessed(subject, actor):
    rubric = services.rubric_or_error(subject.title, 2024)
    level1 = [c for c in rubric_criteria(rubric) if (c.required_for_level or 1) <= 1]
    return services.assessment_save(
        actor=actor,
        subject=subject,
        year=2024,
        met={c.pk for c in level1},
        evidence={c.pk: "Biên bản số 1" for c in level1},
        submit=True,
        on=datetime.date(2024, 2, 20),
    )


def test_an_officer_who_is_the_schools_principal_neither_checks_nor_recognises_it(world, school_unit):
    Membership.objects.create(user=world.officer, unit=world.school, role=Role.PRINCIPAL)
    forget_memberships(world.officer)
    a = _school_self_assessed(school_unit, world.principal)
    with pytest.raises(ValidationError) as info:
        services.assessments_check(actor=world.officer, assessment_ids=[a.pk])
    assert "vì bạn đang là Hiệu trưởng của" in info.value.messages[0]
    _still_waiting(a)
    services.assessments_check(actor=world.leader, assessment_ids=[a.pk])
    with pytest.raises(ValidationError) as info:
        services.recognise(
            actor=world.officer,
            assessment_ids=[a.pk],
            issuer=world.office,
            title=Title.LEARNING_UNIT,
            year=2024,
            number="1/QĐ-PGDĐT",
            signed_on=datetime.date(2024, 3, 15),
            signer_name="Trần Thị Trưởng",
            signer_position="Trưởng phòng",
        )
    assert "Bạn không thể công nhận" in info.value.messages[0]
    assert not Decision.objects.exists()


def test_the_subject_page_explains_instead_of_offering_the_check(world, families, login):
    a = _self_assessed(world, families[0], world.association_officer)
    page = login(world.association_officer).get(reverse("learning_society:subject", args=[families[0].pk]))
    text = page.content.decode()
    assert "do chính bạn nhập hoặc gửi kiểm tra" in text
    assert "Xác nhận kiểm tra" not in text
    response = login(world.association_officer).post(
        reverse("learning_society:check", args=[world.hamlet.pk]),
        {"assessment": a.pk, "nam": YEAR, "danh_hieu": Title.FAMILY},
        follow=True,
    )
    assert "do chính bạn nhập hoặc gửi kiểm tra" in response.content.decode()
    _still_waiting(a)
