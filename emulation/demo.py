"""Demo data for emulation: this school year's movement "Cả nước trở thành một xã hội học tập"
with four criteria, registered by two schools and a TTHTCĐ that reported with evidence, scored by
the office, with awards (two collectives, one person) and an issued award decision; and a second
movement, "Phát triển văn hóa đọc", open for registration. Everything goes through
emulation.services, so the demo leaves the rows and audit trail an officer would. An office that
already has movements is left alone."""

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from units.calendar import current_school_year, school_year_dates, today
from units.models import Membership, Unit

from . import services
from .models import AwardForm, Movement, Recipient

CRITERIA = [
    ("Xây dựng kế hoạch và tổ chức phát động phong trào tại đơn vị", Decimal(20), False),
    ("Tổ chức các hoạt động học tập suốt đời cho cán bộ, giáo viên, người dân", Decimal(30), True),
    ("Phối hợp với TTHTCĐ, Hội Khuyến học xây dựng gia đình, dòng họ học tập", Decimal(30), False),
    ("Ứng dụng công nghệ thông tin, học tập trực tuyến", Decimal(20), False),
]
# username, texts per criterion, self-scores, the office's scores
REPORTS = [
    (
        "demo.hieutruong",
        [
            "Có kế hoạch số 15/KH-THCS, phát động toàn trường",
            "Tổ chức 6 chuyên đề",
            "Phối hợp 3 thôn",
            "100% giáo viên học trực tuyến",
        ],
        [20, 28, 27, 19],
        [20, 27, 26, 18],
    ),
    (
        "demo.hieutruong.tanphong",
        ["Có kế hoạch, phát động đầu năm học", "Tổ chức 4 chuyên đề", "Phối hợp 2 thôn", "Học trực tuyến theo tổ"],
        [18, 25, 24, 17],
        [17, 24, 22, 16],
    ),
    (
        "demo.giamdoc",
        ["Kế hoạch năm của TTHTCĐ", "12 lớp chuyên đề cho người dân", "Phối hợp Hội Khuyến học xã", "Tủ sách điện tử"],
        [19, 29, 29, 15],
        [19, 28, 28, 15],
    ),
]
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _member(username: str):
    return (
        Membership.objects.active_on()
        .filter(user__username=username)
        .select_related("user", "unit")
        .order_by("id")
        .first()
    )


def seed(*, office: Unit, stdout=None) -> None:
    if Movement.objects.filter(office=office).exists():
        return
    officer = _member("demo.chuyenvien")
    if officer is None:
        return
    actor = officer.user
    year = current_school_year()
    start, _end = school_year_dates(year)
    day = today()
    launched = min(start + datetime.timedelta(days=20), day)
    movement = services.movement_launch(
        actor=actor,
        office=office,
        title="Cả nước trở thành một xã hội học tập",
        description="Đẩy mạnh học tập suốt đời trong nhà trường, TTHTCĐ và cộng đồng.",
        school_year=year,
        start_date=launched,
        end_date=max(day, launched + datetime.timedelta(days=60)),
        unit_kinds=["school", "centre"],
    )
    criteria = [
        services.criterion_add(actor=actor, movement=movement, text=t, max_points=m, evidence_required=e)
        for t, m, e in CRITERIA
    ]
    services.movement_advance(actor=actor, movement=movement)
    registrations = []
    for username, texts, self_scores, scores in REPORTS:
        m = _member(username)
        if m is None:
            continue
        reg = services.register(
            actor=m.user, movement=movement, unit=m.unit, pledge="Đơn vị đăng ký thực hiện đầy đủ các tiêu chí."
        )
        rows = [
            {"criterion": c, "text": t, "self_score": Decimal(s)}
            for c, t, s in zip(criteria, texts, self_scores, strict=True)
        ]
        services.report_save(actor=m.user, registration=reg, rows=rows)
        for c in criteria:
            if c.evidence_required:
                upload = SimpleUploadedFile("ke-hoach-chuyen-de.pdf", PDF, content_type="application/pdf")
                services.evidence_add(actor=m.user, registration=reg, criterion=c, uploaded=upload)
        registrations.append((m, reg, scores))
    services.movement_advance(actor=actor, movement=movement)  # báo cáo
    for m, reg, _scores in registrations:
        services.report_submit(actor=m.user, registration=reg)
    services.movement_advance(actor=actor, movement=movement)  # chấm điểm
    for _m, reg, scores in registrations:
        services.score_save(
            actor=actor,
            registration=reg,
            scores={c: Decimal(s) for c, s in zip(criteria, scores, strict=True)},
            note="Đơn vị thực hiện tốt phong trào.",
        )
    ranked = sorted(registrations, key=lambda row: -sum(row[2]))
    for m, _reg, _scores in ranked[:2]:
        services.award_propose(
            actor=actor,
            movement=movement,
            unit=m.unit,
            form=AwardForm.GIAY_KHEN,
            reason="Có thành tích xuất sắc trong phong trào",
        )
    if ranked:
        top = ranked[0][0]
        services.award_propose(
            actor=actor,
            movement=movement,
            unit=top.unit,
            form=AwardForm.GIAY_KHEN,
            recipient=Recipient.INDIVIDUAL,
            person_name=top.user.full_name or top.user.username,
            person_role="Hiệu trưởng" if top.unit.kind == "school" else "Giám đốc",
            reason="Chỉ đạo đơn vị thực hiện tốt phong trào",
        )
        services.decision_issue(actor=actor, movement=movement, number="18", signed_on=day)

    reading = services.movement_launch(
        actor=actor,
        office=office,
        title="Phát triển văn hóa đọc",
        description="Xây dựng tủ sách, câu lạc bộ đọc sách ở trường học và TTHTCĐ.",
        school_year=year,
        start_date=day,
        end_date=day + datetime.timedelta(days=90),
        unit_kinds=["school", "centre"],
    )
    for text, points in (
        ("Xây dựng tủ sách, thư viện thân thiện", Decimal(50)),
        ("Tổ chức ngày hội đọc sách", Decimal(50)),
    ):
        services.criterion_add(actor=actor, movement=reading, text=text, max_points=points)
    services.movement_advance(actor=actor, movement=reading)
    if stdout is not None:
        stdout.write(
            f"  Thi đua: 2 phong trào, {len(registrations)} đơn vị đăng ký và báo cáo, 1 quyết định khen thưởng."
        )
