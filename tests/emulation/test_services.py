"""The rules of emulation: the stages, who may register, what a report needs, scoring bounds, the
award proposal and the decision."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from emulation import services
from emulation.models import Award, RegStatus, Stage
from tests.emulation.helpers import make_movement, pdf, propose, report, scored_world, to_stage
from units.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_the_movement_goes_through_the_stages_in_order_and_is_audited(world):
    movement = make_movement(world.office)
    assert movement.stage == Stage.LAUNCHED
    labels = []
    for _ in range(3):
        services.movement_advance(actor=world.officer, movement=movement)
        labels.append(movement.get_stage_display())
    assert labels == ["Đăng ký", "Báo cáo", "Chấm điểm"]
    with pytest.raises(ValidationError, match="ban hành quyết định"):
        services.movement_advance(actor=world.officer, movement=movement)
    assert AuditEntry.objects.filter(action="emulation.advance").count() == 3


def test_registration_needs_criteria_first(world):
    movement = make_movement(world.office, criteria=0)
    with pytest.raises(ValidationError, match="ít nhất một tiêu chí"):
        services.movement_advance(actor=world.officer, movement=movement)


def test_criteria_are_fixed_once_registration_opens(world):
    movement = to_stage(make_movement(world.office), Stage.REGISTRATION)
    with pytest.raises(ValidationError, match="đang phát động"):
        services.criterion_add(actor=None, movement=movement, text="Mới", max_points=Decimal(5))


def test_only_units_of_the_named_kinds_under_the_office_register_once(world):
    movement = make_movement(world.office, kinds=["school"])
    services.register(actor=None, movement=movement, unit=world.school)
    with pytest.raises(ValidationError, match="đã đăng ký"):
        services.register(actor=None, movement=movement, unit=world.school)
    with pytest.raises(ValidationError, match="loại đơn vị"):
        services.register(actor=None, movement=movement, unit=world.centre)
    with pytest.raises(ValidationError, match="phạm vi"):
        services.register(actor=None, movement=movement, unit=world.outsider_school)


def test_no_registration_after_the_registration_stage(world):
    movement = to_stage(make_movement(world.office), Stage.REPORTING)
    with pytest.raises(ValidationError, match="hết thời gian đăng ký"):
        services.register(actor=None, movement=movement, unit=world.school)


def test_a_report_needs_every_criterion_and_the_required_evidence(world):
    movement = to_stage(make_movement(world.office, evidence=True), Stage.REGISTRATION)
    reg = services.register(actor=None, movement=movement, unit=world.school)
    with pytest.raises(ValidationError, match="Chưa ghi kết quả"):
        services.report_submit(actor=None, registration=reg)
    report(reg, submit=False)
    reg.evidence.all().delete()
    with pytest.raises(ValidationError, match="Cần có minh chứng cho: Tiêu chí 1"):
        services.report_submit(actor=None, registration=reg)
    services.evidence_add(actor=None, registration=reg, criterion=movement.criteria.first(), uploaded=pdf())
    services.report_submit(actor=None, registration=reg)
    reg.refresh_from_db()
    assert reg.status == RegStatus.REPORTED
    with pytest.raises(ValidationError, match="đã gửi phòng"):
        services.report_save(actor=None, registration=reg, rows=[])


def test_a_self_score_above_the_maximum_is_refused(world):
    movement = to_stage(make_movement(world.office), Stage.REGISTRATION)
    reg = services.register(actor=None, movement=movement, unit=world.school)
    criterion = movement.criteria.first()
    with pytest.raises(ValidationError, match="từ 0 đến 10"):
        services.report_save(
            actor=None, registration=reg, rows=[{"criterion": criterion, "text": "x", "self_score": Decimal(11)}]
        )


def test_evidence_is_judged_by_its_content_not_its_name(world):
    movement = to_stage(make_movement(world.office), Stage.REGISTRATION)
    reg = services.register(actor=None, movement=movement, unit=world.school)
    fake = SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError, match="không phải ảnh"):
        services.evidence_add(actor=None, registration=reg, criterion=movement.criteria.first(), uploaded=fake)


def test_scoring_only_at_the_scoring_stage_and_within_the_maximum(world):
    movement = to_stage(make_movement(world.office), Stage.REGISTRATION)
    reg = report(services.register(actor=None, movement=movement, unit=world.school))
    scores = {c: Decimal(5) for c in movement.criteria.all()}
    with pytest.raises(ValidationError, match="Chấm điểm"):
        services.score_save(actor=None, registration=reg, scores=scores)
    to_stage(movement, Stage.SCORING)
    with pytest.raises(ValidationError, match="từ 0 đến 10"):
        services.score_save(actor=None, registration=reg, scores={c: Decimal(12) for c in movement.criteria.all()})
    services.score_save(actor=world.officer, registration=reg, scores=scores)
    reg.refresh_from_db()
    assert reg.status == RegStatus.SCORED


def test_awards_go_only_to_registered_units_and_a_person_needs_a_name(world):
    movement, _regs = scored_world(world)
    with pytest.raises(ValidationError, match="đã đăng ký"):
        propose(movement, world.centre)
    with pytest.raises(ValidationError, match="họ và tên"):
        services.award_propose(
            actor=None, movement=movement, unit=world.school, form="giay_khen", reason="x", recipient="individual"
        )
    propose(movement, world.school)
    with pytest.raises(ValidationError, match="đã có trong danh sách"):
        propose(movement, world.school)


def test_issuing_the_decision_puts_every_proposal_in_it_and_closes_the_movement(world):
    movement, _regs = scored_world(world)
    with pytest.raises(ValidationError, match="Chưa có tập thể"):
        services.decision_issue(actor=None, movement=movement, number="12", signed_on=movement.end_date)
    propose(movement, world.school)
    propose(movement, world.school, person="Phạm Thị Hiệu")
    decision = services.decision_issue(actor=world.officer, movement=movement, number="12", signed_on=movement.end_date)
    assert set(Award.objects.values_list("decision", flat=True)) == {decision.pk}
    movement.refresh_from_db()
    assert movement.stage == Stage.AWARDED
    with pytest.raises(ValidationError, match="không bỏ được"):
        services.award_remove(actor=None, award=Award.objects.first())
    with pytest.raises(ValidationError):
        services.decision_issue(actor=None, movement=movement, number="13", signed_on=movement.end_date)


def test_a_movement_with_registrations_is_not_deleted(world):
    movement = make_movement(world.office)
    services.register(actor=None, movement=movement, unit=world.school)
    with pytest.raises(ValidationError, match="không xóa được"):
        services.movement_delete(actor=None, movement=movement)
