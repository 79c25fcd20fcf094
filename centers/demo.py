"""Demo data for the centres of the demo office: a profile, people (with one change of director
kept as history), clubs, a year of plausible activities, a learning-needs survey, a plan, receipts
and spending, and last school year's self-assessments, most of them rated by the office.

Everything goes through centers.services, so the demo leaves the rows and audit trail a director
would. A centre that already has activities is left alone: running the seed again changes nothing.
Two centres stop logging two to three months before today so the office page has something to flag.
"""

import datetime
import random
from decimal import Decimal

from rubrics.models import Rubric, RubricCriterion, RubricGroup
from units import legal
from units.models import Membership, Role, Unit, UnitKind, today

from . import rubric_2553, services
from .models import (
    Activity,
    ActivityKind,
    AssessmentStatus,
    Field,
    FundingKind,
    FundingSource,
    NeedGroup,
    PersonOrigin,
    PersonRole,
    SpendingPurpose,
    school_year_of,
)

TOPICS = {
    Field.LAW: [
        "Luật Hôn nhân và gia đình",
        "Phòng, chống bạo lực gia đình",
        "Luật Giao thông đường bộ",
        "Luật Đất đai 2024",
    ],
    Field.AGRICULTURE: [
        "Kỹ thuật trồng lúa chất lượng cao",
        "Chăn nuôi gà thả vườn an toàn sinh học",
        "Trồng rau theo VietGAP",
        "Phòng bệnh cho đàn lợn",
    ],
    Field.HEALTH: [
        "Phòng chống sốt xuất huyết",
        "Dinh dưỡng cho trẻ dưới 5 tuổi",
        "Chăm sóc sức khỏe người cao tuổi",
        "An toàn thực phẩm",
    ],
    Field.LIFE_SKILLS: ["Kỹ năng phòng chống đuối nước", "Kỹ năng làm cha mẹ", "Phòng chống lừa đảo qua mạng"],
    Field.IT: ["Sử dụng điện thoại thông minh", "Dịch vụ công trực tuyến", "Thanh toán không dùng tiền mặt"],
    Field.FOREIGN_LANGUAGE: ["Tiếng Anh giao tiếp cho thiếu nhi", "Tiếng Anh du lịch cộng đồng"],
    Field.CULTURE_SPORT: ["Dân vũ thể thao", "Hát dân ca", "Cờ tướng"],
    Field.LITERACY: ["Lớp xóa mù chữ giai đoạn 1", "Lớp sau biết chữ"],
    Field.OTHER: ["Sinh hoạt cộng đồng"],
}
LECTURERS = [
    ("Nguyễn Thị Hòa", PersonRole.TEACHER, PersonOrigin.SCHOOL, "Trường Tiểu học"),
    ("Trần Văn Bình", PersonRole.LECTURER, PersonOrigin.COMMUNE, "Cán bộ Tư pháp - Hộ tịch xã"),
    ("Lê Thị Thu", PersonRole.LECTURER, PersonOrigin.COMMUNE, "Trạm Y tế xã"),
    ("Phạm Văn Nông", PersonRole.LECTURER, PersonOrigin.OTHER, "Trạm Khuyến nông huyện"),
    ("Vũ Thị Lan", PersonRole.COLLABORATOR, PersonOrigin.ASSOCIATION, "Hội Khuyến học xã"),
    ("Đặng Văn Hùng", PersonRole.COLLABORATOR, PersonOrigin.COMMUNE, "Đoàn Thanh niên xã"),
]
FIELD_LECTURER = {
    Field.LAW: "Trần Văn Bình",
    Field.HEALTH: "Lê Thị Thu",
    Field.AGRICULTURE: "Phạm Văn Nông",
    Field.LITERACY: "Nguyễn Thị Hòa",
    Field.IT: "Đặng Văn Hùng",
}
# How often each field comes up: agriculture, law and health dominate a commune's year.
FIELD_WEIGHTS = [
    (Field.AGRICULTURE, 6),
    (Field.LAW, 5),
    (Field.HEALTH, 5),
    (Field.LIFE_SKILLS, 3),
    (Field.IT, 3),
    (Field.CULTURE_SPORT, 3),
    (Field.FOREIGN_LANGUAGE, 1),
    (Field.LITERACY, 1),
]


def _director_of(centre: Unit):
    m = Membership.objects.filter(unit=centre, role=Role.CENTRE_DIRECTOR).select_related("user").first()
    return m.user if m else None


def _end_of_records(centre: Unit, index: int) -> datetime.date:
    """The day a centre's records stop: its closing day, or for two centres some weeks ago."""
    if centre.valid_to and centre.valid_to < today():
        return centre.valid_to
    if index in (3, 7):
        return today() - datetime.timedelta(days=70 + 10 * index)
    return today() - datetime.timedelta(days=1)


def _decision_date(centre: Unit, index: int) -> datetime.date:
    """The day the centre's founding decision was signed: 2 March 2009 plus one day per centre, never
    before the centre opened. Counted in days, so a province with more than 29 centres still gets a
    real date (building the day of the month from the index ran past 31 March)."""
    return max(centre.valid_from, datetime.date(2009, 3, 2) + datetime.timedelta(days=index))


def _seed_centre(centre: Unit, index: int, rng: random.Random) -> int:
    actor = _director_of(centre)
    start = max(centre.valid_from, today() - datetime.timedelta(days=365))
    end = _end_of_records(centre, index)
    commune = centre.parent.full_name if centre.parent else ""
    services.profile_update(
        actor=actor,
        centre=centre,
        decision_number=f"{100 + index * 7}/QĐ-UBND",
        decision_date=_decision_date(centre, index),
        decision_issuer=f"UBND {commune}",
        address=centre.address,
        has_seal=True,
        bank_account=f"3713.0.10{index:02d}456",
        bank_name="Kho bạc Nhà nước huyện An Lạc Sơn",
        rooms=1 + index % 3,
        computers=2 + index % 4,
        books=350 + 45 * index,
        facilities="Nhà văn hóa xã làm nơi sinh hoạt; 1 phòng học; sân tập thể thao.",
        equipment="Loa, micro, máy chiếu, ti vi 55 inch, 40 bộ bàn ghế.",
    )
    since = max(centre.valid_from, datetime.date(2020, 9, 1))
    former = services.person_add(
        actor=actor,
        centre=centre,
        full_name="Bùi Văn Cũ",
        role=PersonRole.DIRECTOR,
        origin=PersonOrigin.COMMUNE,
        origin_detail=f"Phó Chủ tịch UBND {commune}",
        since=since,
    )
    change = max(since, datetime.date(2025, 7, 31))
    services.person_end(actor=actor, person=former, until=change, reason="Nghỉ hưu")
    services.person_add(
        actor=actor,
        centre=centre,
        full_name=actor.full_name if actor else "Hoàng Văn Thắng",
        role=PersonRole.DIRECTOR,
        origin=PersonOrigin.COMMUNE,
        origin_detail=f"Phó Chủ tịch UBND {commune} (kiêm nhiệm)",
        since=change + datetime.timedelta(days=1),
    )
    services.person_add(
        actor=actor,
        centre=centre,
        full_name="Ngô Thị Phó",
        role=PersonRole.DEPUTY,
        origin=PersonOrigin.SCHOOL,
        origin_detail="Hiệu trưởng trường Tiểu học",
        since=since,
    )
    for name, role, origin, detail in LECTURERS:
        services.person_add(
            actor=actor, centre=centre, full_name=name, role=role, origin=origin, origin_detail=detail, since=since
        )
    reading = services.club_create(
        actor=actor,
        centre=centre,
        name="CLB Đọc sách",
        field=Field.CULTURE_SPORT,
        is_reading_club=True,
        leader="Vũ Thị Lan",
        members=25 + index,
    )
    farming = services.club_create(
        actor=actor,
        centre=centre,
        name="CLB Nông dân sản xuất giỏi",
        field=Field.AGRICULTURE,
        leader="Phạm Văn Nông",
        members=30 + 2 * index,
    )
    fields = [f for f, w in FIELD_WEIGHTS for _ in range(w)]
    places = [
        "Nhà văn hóa xã",
        f"Nhà văn hóa {centre.address.split(',')[0].replace('Nhà văn hóa ', '') or 'thôn'}",
        "Hội trường UBND xã",
    ]
    count = 0
    day = start + datetime.timedelta(days=rng.randint(2, 9))
    while day <= end:
        field = rng.choice(fields)
        kind = ActivityKind.CLASS if field in (Field.IT, Field.FOREIGN_LANGUAGE, Field.LITERACY) else ActivityKind.TOPIC
        sessions = rng.randint(4, 12) if kind == ActivityKind.CLASS else 1
        length = rng.randint(7, 30) if kind == ActivityKind.CLASS else 0
        participants = rng.randint(18, 70)
        services.activity_create(
            actor=actor,
            centre=centre,
            kind=kind,
            field=field,
            title=rng.choice(TOPICS[field]),
            start_date=day,
            end_date=min(day + datetime.timedelta(days=length), end),
            sessions=sessions,
            place=rng.choice(places),
            lecturer=FIELD_LECTURER.get(field, "Vũ Thị Lan"),
            participants=participants,
            women=rng.randint(participants // 3, participants * 3 // 4),
            ethnic_minority=rng.randint(0, participants // 5) if index % 3 == 0 else 0,
            elderly=rng.randint(0, participants // 4),
        )
        count += 1
        if day.month in (1, 4, 7, 10) and day.day < 12:
            club = rng.choice([reading, farming])
            services.activity_create(
                actor=actor,
                centre=centre,
                kind=ActivityKind.CLUB_MEETING,
                field=club.field,
                title=f"Sinh hoạt {club.name}",
                start_date=day,
                end_date=day,
                place=places[0],
                club=club,
                participants=club.members - rng.randint(0, 8),
                women=club.members // 2,
            )
            count += 1
        day += datetime.timedelta(days=rng.randint(6, 13))
    for year in range(start.year, end.year + 1):
        events = [
            (datetime.date(year, 4, 21), ActivityKind.BOOK_DAY, "Ngày Sách và Văn hóa đọc Việt Nam", 120),
            (
                datetime.date(year, 10, 2),
                ActivityKind.LIFELONG_WEEK,
                "Khai mạc Tuần lễ hưởng ứng học tập suốt đời",
                200,
            ),
            (datetime.date(year, 3, 10), ActivityKind.READING, "Luân chuyển Tủ sách cùng học về các thôn", 60),
        ]
        for when, kind, title, people in events:
            if start <= when <= end:
                services.activity_create(
                    actor=actor,
                    centre=centre,
                    kind=kind,
                    field=Field.CULTURE_SPORT,
                    title=title,
                    start_date=when,
                    end_date=when + datetime.timedelta(days=6 if kind == ActivityKind.LIFELONG_WEEK else 0),
                    sessions=3 if kind == ActivityKind.LIFELONG_WEEK else 1,
                    place=places[0],
                    participants=people + 10 * index,
                    women=(people + 10 * index) // 2,
                    elderly=people // 5,
                )
                count += 1
    # Money: the state budget support of Thông tư 96/2008/TT-BTC, the commune's share, socialised gifts.
    for year in {school_year_of(start), school_year_of(end)}:
        first = max(start, datetime.date(year, 9, 15))
        if first > end:
            continue
        entries = [
            (
                FundingKind.RECEIPT,
                FundingSource.STATE_BUDGET,
                "",
                20_000_000,
                f"Hỗ trợ hoạt động TTHTCĐ theo {legal.TEXTS['tt96_2008'].short}",
            ),
            (
                FundingKind.RECEIPT,
                FundingSource.COMMUNE_BUDGET,
                "",
                10_000_000 + 500_000 * index,
                "Ngân sách xã hỗ trợ",
            ),
            (
                FundingKind.RECEIPT,
                FundingSource.SOCIALISED,
                "",
                3_000_000 + 250_000 * index,
                "Doanh nghiệp, nhà hảo tâm ủng hộ",
            ),
            (FundingKind.SPENDING, "", SpendingPurpose.CLASSES, 12_000_000, "Chi mở lớp, chuyên đề"),
            (FundingKind.SPENDING, "", SpendingPurpose.ALLOWANCES, 9_600_000, "Phụ cấp kiêm nhiệm ban giám đốc"),
            (FundingKind.SPENDING, "", SpendingPurpose.BOOKS, 2_500_000, "Bổ sung Tủ sách cùng học"),
        ]
        for i, (kind, source, purpose, amount, text) in enumerate(entries):
            services.funding_create(
                actor=actor,
                centre=centre,
                kind=kind,
                date=min(first + datetime.timedelta(days=20 * i), end),
                source=source,
                purpose=purpose,
                amount=Decimal(amount),
                description=text,
                voucher=f"PT{index:02d}{i:02d}" if kind == FundingKind.RECEIPT else f"PC{index:02d}{i:02d}",
            )
    # The survey of last school year (March) feeds this school year's plan.
    survey_day = max(start, min(end, datetime.date(school_year_of(today()), 3, 15)))
    survey_year = school_year_of(survey_day)
    for field, group, topic, people in [
        (Field.AGRICULTURE, NeedGroup.FARMERS, "Trồng cây ăn quả, ghép cải tạo vườn tạp", 85),
        (Field.IT, NeedGroup.YOUTH, "Bán hàng qua mạng xã hội", 60),
        (Field.HEALTH, NeedGroup.ELDERLY, "Phòng bệnh tăng huyết áp, tiểu đường", 70),
        (Field.LAW, NeedGroup.EVERYONE, "Thủ tục đất đai, thừa kế", 45),
        (Field.FOREIGN_LANGUAGE, NeedGroup.CHILDREN, "Tiếng Anh hè cho thiếu nhi", 40),
    ]:
        services.need_create(
            actor=actor,
            centre=centre,
            school_year=survey_year,
            field=field,
            group=group,
            topic=topic,
            people=people + rng.randint(0, 30),
            surveyed_on=survey_day,
        )
    services.plan_save(
        actor=actor,
        centre=centre,
        school_year=school_year_of(today()),
        goals="Đa dạng hóa nội dung học tập theo nhu cầu người dân; duy trì Tủ sách cùng học ở các thôn.",
        content=(
            "Mở 4 lớp tin học, 1 lớp tiếng Anh hè; 12 chuyên đề nông nghiệp, pháp luật, y tế; "
            "tổ chức Tuần lễ học tập suốt đời và Ngày Sách 21/4."
        ),
        planned_classes=5,
        planned_topics=12,
        planned_participants=900,
        planned_budget=Decimal(32_000_000),
    )
    return count


def _seed_assessments(centres: list[Unit], officer, rng: random.Random, stdout) -> None:
    """Last school year's self-assessments: most submitted, most of those rated by the office."""
    year = school_year_of(today()) - 1
    for index, centre in enumerate(centres):
        if centre.valid_to and centre.valid_to < datetime.date(year + 1, 5, 1):
            continue
        if Activity.objects.filter(centre=centre).count() == 0:
            continue
        actor = _director_of(centre)
        assessment = services.assessment_start(actor=actor, centre=centre, school_year=year)
        if assessment.status != AssessmentStatus.DRAFT or assessment.self_total:
            continue
        criteria = RubricCriterion.objects.filter(group__rubric=assessment.rubric)
        strength = 0.6 + 0.35 * rng.random()
        scores = {c.pk: (Decimal(round(float(c.max_points) * strength * 2) / 2), "") for c in criteria}
        services.assessment_save_scores(actor=actor, assessment=assessment, scores=scores)
        if index % 4 == 3:
            continue  # still a draft
        services.assessment_submit(actor=actor, assessment=assessment)
        if officer is None or index % 5 == 4:
            continue  # submitted, waiting for the office
        office_scores = {
            cid: max(Decimal(0), points - Decimal(rng.choice([0, 0, 0.5, 1]))) for cid, (points, _n) in scores.items()
        }
        services.assessment_rate(
            actor=officer, assessment=assessment, scores=office_scores, comment="Trung tâm hoạt động đều, hồ sơ đầy đủ."
        )


def seed(*, office: Unit, stdout) -> None:
    rubric_2553.load(Rubric, RubricGroup, RubricCriterion)
    centres = list(Unit.objects.subtree_of(office).filter(kind=UnitKind.CENTRE).order_by("code"))
    created = 0
    for index, centre in enumerate(centres):
        if Activity.objects.filter(centre=centre).exists() or (centre.valid_to and centre.valid_to < today()):
            continue
        created += _seed_centre(centre, index, random.Random(centre.code))
    officer_membership = (
        Membership.objects.filter(unit=office, role=Role.OFFICE_OFFICER).select_related("user").order_by("id").first()
    )
    _seed_assessments(
        centres, officer_membership.user if officer_membership else None, random.Random(office.code), stdout
    )
    open_centres = sum(1 for c in centres if not c.valid_to or c.valid_to >= today())
    stdout.write(f"  TTHTCĐ: {open_centres} trung tâm đang hoạt động, thêm {created} hoạt động.")
