import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from centers import learners, services
from centers.models import Activity, AssessmentStatus, CentrePerson, FundingKind, PersonRole
from rubrics.models import RubricCriterion
from tests.centers import helpers
from units.models import AuditEntry


def test_an_activity_is_logged_with_an_audit_row(world):
    activity = helpers.make_activity(world.centre, world.director)
    assert activity.created_by == world.director
    entry = AuditEntry.objects.get(action="centre.activity_create")
    assert entry.actor == world.director and entry.unit == world.centre
    assert entry.changes["participants"] == [None, 40]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"start_date": datetime.date(2026, 3, 10), "end_date": datetime.date(2026, 3, 9)}, "end_date"),
        ({"participants": 10, "women": 11}, "women"),
        ({"participants": 10, "women": 2, "ethnic_minority": 12}, "ethnic_minority"),
        ({"participants": 10, "women": 2, "elderly": 11}, "elderly"),
    ],
)
def test_impossible_activities_are_refused_with_a_vietnamese_message(world, fields, field):
    with pytest.raises(ValidationError) as error:
        helpers.make_activity(world.centre, world.director, **fields)
    assert field in error.value.message_dict
    assert "không thể" in " ".join(error.value.message_dict[field])
    assert not Activity.objects.exists()


def test_a_learner_list_sets_the_counts(world):
    text = "Nguyễn Thị Lan; nữ; 1950; Tày\nTrần Văn An, nam, 1990, Kinh\nLò Thị Mai\tnữ\t1985\tThái\n\n"
    activity = helpers.make_activity(
        world.centre,
        world.director,
        start_date=datetime.date(2026, 3, 2),
        end_date=datetime.date(2026, 3, 2),
        participants=0,
        women=0,
        ethnic_minority=0,
        elderly=0,
        learners=text,
    )
    assert (activity.participants, activity.women, activity.ethnic_minority, activity.elderly) == (3, 2, 2, 1)
    assert activity.has_learner_list
    assert [p.full_name for p in activity.learners.all()] == ["Nguyễn Thị Lan", "Trần Văn An", "Lò Thị Mai"]


def test_a_bad_learner_line_is_reported_by_its_number():
    with pytest.raises(ValidationError) as error:
        learners.parse("Nguyễn Văn A; nam; 1980\nTrần Thị B; không rõ; 1970\nLê C; nữ; 3000", year=2026)
    assert any("Dòng 2" in m for m in error.value.messages)
    assert any("Dòng 3" in m for m in error.value.messages)


def test_changing_the_director_keeps_the_former_one_as_history(world):
    old = helpers.make_person(world.centre, world.director, full_name="Bùi Văn Cũ", role=PersonRole.DIRECTOR)
    services.person_end(actor=world.director, person=old, until=datetime.date(2025, 7, 31), reason="Nghỉ hưu")
    helpers.make_person(
        world.centre, world.director, full_name="Vũ Thị Giám", role=PersonRole.DIRECTOR, since=datetime.date(2025, 8, 1)
    )
    directors = CentrePerson.objects.filter(centre=world.centre, role=PersonRole.DIRECTOR)
    assert directors.count() == 2
    assert [p.full_name for p in directors.current()] == ["Vũ Thị Giám"]
    with pytest.raises(ValidationError):
        services.person_end(actor=world.director, person=old, until=datetime.date(2025, 8, 31))


def test_an_end_date_before_the_start_is_refused(world):
    person = helpers.make_person(world.centre, since=datetime.date(2025, 9, 1))
    with pytest.raises(ValidationError) as error:
        services.person_end(actor=world.director, person=person, until=datetime.date(2025, 8, 1))
    assert "until" in error.value.message_dict


@pytest.mark.parametrize("amount", [Decimal(0), Decimal(-500_000)])
def test_money_must_be_positive(world, amount):
    with pytest.raises(ValidationError) as error:
        helpers.make_funding(world.centre, amount=amount)
    assert error.value.message_dict["amount"] == ["Số tiền phải lớn hơn 0 đồng."]


def test_a_receipt_needs_a_source_and_a_spending_a_purpose(world):
    with pytest.raises(ValidationError) as error:
        helpers.make_funding(world.centre, source="")
    assert "source" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        helpers.make_funding(world.centre, kind=FundingKind.SPENDING, source="state_budget", purpose="")
    assert "purpose" in error.value.message_dict


def test_services_refuse_a_unit_that_is_not_a_centre(world):
    with pytest.raises(ValidationError):
        helpers.make_activity(world.school)


def test_the_self_assessment_uses_the_2553_rubric_with_four_groups(world):
    assessment = helpers.make_assessment(world.centre, world.director)
    groups = list(assessment.rubric.groups.order_by("order").values_list("title", flat=True))
    assert groups == [
        "Cơ cấu tổ chức, quản lý",
        "Tổ chức các hoạt động",
        "Huy động sự tham gia của xã hội",
        "Hiệu quả hoạt động",
    ]
    assert assessment.scores.count() == 12
    assert sum(s.criterion.max_points for s in assessment.scores.select_related("criterion")) == 100
    assert assessment.rubric.is_sample
    assert all(s.criterion.is_sample for s in assessment.scores.select_related("criterion"))


def test_scores_above_the_maximum_are_refused(world):
    assessment = helpers.make_assessment(world.centre, world.director)
    scores = helpers.full_scores(assessment)
    first = next(iter(scores))
    scores[first] = (Decimal(99), "")
    with pytest.raises(ValidationError) as error:
        services.assessment_save_scores(actor=world.director, assessment=assessment, scores=scores)
    # The rubric engine's message (issue 13: one scoring code for centres and the learning society).
    criterion = RubricCriterion.objects.get(pk=first)
    assert error.value.messages == [
        f"Tiêu chí {criterion.code} tối đa {criterion.max_points.normalize():f} điểm, không thể chấm 99."
    ]


def test_a_self_assessment_with_a_criterion_left_unscored_gets_no_rating(world):
    """Issue 14 item 13: the centres gave a rating from a partial total where the rubric engine gives
    none. 95 of 100 points with one criterion unscored would read "Tốt"; it is a total, no rating."""
    assessment = helpers.make_assessment(world.centre, world.director)
    scores = helpers.full_scores(assessment)
    left_out = min(scores, key=lambda cid: scores[cid][0])
    scores[left_out] = (None, "")
    saved = services.assessment_save_scores(
        actor=world.director, assessment=assessment, scores=scores, expected_version=assessment.version
    )
    assert saved.self_total == sum(points for points, _n in scores.values() if points is not None)
    assert saved.self_total >= Decimal(85)  # the band "Tốt" of Công văn 2553's sample rubric
    assert saved.self_rating == ""
    scores[left_out] = (Decimal(0), "")
    saved = services.assessment_save_scores(
        actor=world.director, assessment=saved, scores=scores, expected_version=saved.version
    )
    assert saved.self_rating == "Tốt"


def test_a_self_assessment_cannot_be_sent_half_scored(world):
    assessment = helpers.make_assessment(world.centre, world.director)
    with pytest.raises(ValidationError) as error:
        services.assessment_submit(actor=world.director, assessment=assessment)
    assert "chưa chấm" in error.value.messages[0]


def test_the_office_rates_and_the_band_follows_the_total(world):
    assessment = helpers.make_assessment(world.centre, world.director, submitted=True, fraction=Decimal("0.9"))
    assert assessment.self_total == Decimal(90) and assessment.self_rating == "Tốt"
    office = {cid: points * Decimal("0.75") for cid, (points, _n) in helpers.full_scores(assessment).items()}
    rated = services.assessment_rate(actor=world.officer, assessment=assessment, scores=office, comment="Khá")
    assert rated.status == AssessmentStatus.RATED
    assert rated.office_total == Decimal(75)
    assert rated.office_rating == "Khá"


def test_a_draft_cannot_be_rated(world):
    assessment = helpers.make_assessment(world.centre, world.director)
    with pytest.raises(ValidationError):
        services.assessment_rate(actor=world.officer, assessment=assessment, scores={})


def test_evidence_must_really_be_an_image_or_a_pdf(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    assessment = helpers.make_assessment(world.centre, world.director)
    fake = SimpleUploadedFile("anh.jpg", b"MZ\x90\x00 this is an exe", content_type="image/jpeg")
    with pytest.raises(ValidationError) as error:
        services.evidence_add(actor=world.director, assessment=assessment, file=fake)
    assert "không phải ảnh" in error.value.messages[0]
    evidence = services.evidence_add(actor=world.director, assessment=assessment, file=helpers.pdf())
    assert evidence.content_type == "application/pdf"


def test_evidence_over_the_limit_is_refused(world):
    assessment = helpers.make_assessment(world.centre, world.director)
    with pytest.raises(ValidationError) as error:
        services.evidence_add(actor=world.director, assessment=assessment, file=helpers.png(size=11 * 1024 * 1024))
    assert "vượt quá giới hạn" in error.value.messages[0]
