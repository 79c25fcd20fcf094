"""Building blocks for the emulation tests."""

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from emulation import services
from emulation.models import AwardForm, Recipient, Stage
from units.calendar import current_school_year
from units.models import today

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def pdf(name="minh-chung.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def png(name="anh-minh-chung.png", size=(1200, 900)) -> SimpleUploadedFile:
    """A phone-sized photo, so its thumbnail is visibly smaller."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def make_movement(office, *, title="Cả nước trở thành một xã hội học tập", criteria=2, evidence=False, kinds=None):
    day = today()
    movement = services.movement_launch(
        actor=None,
        office=office,
        title=title,
        description="",
        school_year=current_school_year(),
        start_date=day - datetime.timedelta(days=5),
        end_date=day + datetime.timedelta(days=30),
        unit_kinds=kinds or ["school", "centre"],
    )
    for i in range(criteria):
        services.criterion_add(
            actor=None,
            movement=movement,
            text=f"Tiêu chí {i + 1}",
            max_points=Decimal(10),
            evidence_required=evidence and i == 0,
        )
    return movement


def to_stage(movement, stage):
    while movement.stage != stage:
        services.movement_advance(actor=None, movement=movement)
    return movement


def report(registration, points=(8, 9), *, submit=True):
    criteria = list(registration.movement.criteria.all())
    rows = [
        {"criterion": c, "text": f"Đã thực hiện {c.text}", "self_score": Decimal(p)}
        for c, p in zip(criteria, points, strict=False)
    ]
    services.report_save(actor=None, registration=registration, rows=rows)
    for c in criteria:
        if c.evidence_required:
            services.evidence_add(actor=None, registration=registration, criterion=c, uploaded=pdf())
    if submit:
        services.report_submit(actor=None, registration=registration)
    return registration


def scored_world(world, *, units=None):
    """A movement of office A at the scoring stage, the two schools registered, reported, scored."""
    movement = make_movement(world.office)
    to_stage(movement, Stage.REGISTRATION)
    regs = []
    for unit, points in zip(units or [world.school, world.other_school], [(9, 9), (7, 8)], strict=False):
        regs.append(report(services.register(actor=None, movement=movement, unit=unit), points))
    to_stage(movement, Stage.SCORING)
    for reg, points in zip(regs, [(9, 8), (6, 7)], strict=False):
        services.score_save(
            actor=None,
            registration=reg,
            scores={c: Decimal(p) for c, p in zip(movement.criteria.all(), points, strict=True)},
        )
    return movement, regs


def propose(movement, unit, *, person="", form=AwardForm.GIAY_KHEN):
    return services.award_propose(
        actor=None,
        movement=movement,
        unit=unit,
        form=form,
        recipient=Recipient.INDIVIDUAL if person else Recipient.COLLECTIVE,
        person_name=person,
        person_role="Hiệu trưởng" if person else "",
        reason="Có thành tích xuất sắc",
        title="Đơn vị xuất sắc" if form == AwardForm.DANH_HIEU else "",
    )
