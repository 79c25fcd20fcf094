"""Demo data for staff training: this school year's three courses of the demo district — two held
with attendance, results and certificates (the office's literacy-teaching course and the district
GDNN-GDTX centre's course for TTHTCĐ managers), one still planned — and an open training-needs
survey three schools have answered. Everything goes through training.services, so the demo leaves
the rows and audit trail an officer would. An office that already has courses is left alone."""

import datetime

from units.calendar import current_school_year, school_year_dates
from units.models import Membership, Role, Unit, UnitKind, today

from . import services
from .models import Course, Field, Mode, ParticipantRole, Result, Status

# Typed participants (people without an account): name, unit code, role.
TYPED = [
    ("Vàng Thị Mỷ", "DEMO-X11-TH", ParticipantRole.LITERACY_TEACHER),
    ("Lý A Sềnh", "DEMO-X10-TT", ParticipantRole.LITERACY_TEACHER),
    ("Trần Thị Duyên", "DEMO-X02-THCS", ParticipantRole.LITERACY_TEACHER),
    ("Nông Văn Khải", "DEMO-X02-TT", ParticipantRole.COLLABORATOR),
    ("Hà Thị Liên", "DEMO-X12-TT", ParticipantRole.LECTURER),
]
ACCOUNTS = ["demo.giaovien", "demo.hieutruong", "demo.giamdoc", "demo.giamdoc.nakhoang", "demo.giamdoc.phuthanh"]


def _member(username: str):
    return (
        Membership.objects.active_on()
        .filter(user__username=username)
        .select_related("user", "unit")
        .order_by("id")
        .first()
    )


def _units_by_code(codes) -> dict:
    return {u.code: u for u in Unit.objects.filter(code__in=codes)}


def seed(*, office: Unit, stdout=None) -> None:
    if Course.objects.filter(organiser__path__startswith=office.path).exists():
        return
    officer = _member("demo.chuyenvien")
    actor = officer.user if officer else None
    start, _end = school_year_dates(current_school_year())
    day = today()
    gap = max((day - start).days, 3)
    first = min(start + datetime.timedelta(days=gap // 3), day)
    second = min(start + datetime.timedelta(days=2 * gap // 3), day)
    district_centre = Unit.objects.subtree_of(office).filter(kind=UnitKind.DISTRICT_CENTRE).order_by("code").first()

    literacy = services.course_create(
        actor=actor,
        organiser=office,
        topic="Bồi dưỡng phương pháp dạy học xóa mù chữ cho người lớn",
        field=Field.LITERACY,
        start_date=first,
        end_date=first + datetime.timedelta(days=1),
        place="Hội trường Phòng GD&ĐT",
        hours=16,
        mode=Mode.IN_PERSON,
        planned_participants=8,
    )
    centres = services.course_create(
        actor=actor,
        organiser=district_centre or office,
        topic="Quản lý, tổ chức hoạt động TTHTCĐ và ghi sổ hoạt động trên cổng",
        field=Field.CENTRES,
        start_date=second,
        end_date=second,
        place="Trung tâm GDNN-GDTX huyện (và trực tuyến)",
        hours=8,
        mode=Mode.BLENDED,
        planned_participants=6,
    )
    services.course_create(
        actor=actor,
        organiser=office,
        topic="Chuyển đổi số trong giáo dục thường xuyên",
        field=Field.DIGITAL,
        start_date=day + datetime.timedelta(days=45),
        end_date=day + datetime.timedelta(days=46),
        place="Phòng máy Trường THCS thị trấn",
        hours=12,
        mode=Mode.IN_PERSON,
        planned_participants=25,
        status=Status.PLANNED,
    )

    units = _units_by_code({code for _n, code, _r in TYPED})
    for name, code, role in TYPED:
        if code in units:
            services.participant_add(actor=actor, course=literacy, full_name=name, unit=units[code], role=role)
    teacher = _member("demo.giaovien")
    if teacher:
        services.participant_add(
            actor=actor, course=literacy, user=teacher.user, unit=teacher.unit, role=ParticipantRole.SCHOOL_STAFF
        )
    for username in ACCOUNTS[1:]:
        m = _member(username)
        if m:
            role = ParticipantRole.CENTRE_MANAGER if m.role == Role.CENTRE_DIRECTOR else ParticipantRole.OFFICE_STAFF
            if m.role == Role.PRINCIPAL:
                role = ParticipantRole.SCHOOL_STAFF
            services.participant_add(actor=actor, course=centres, user=m.user, unit=m.unit, role=role)

    for course, prefix in ((literacy, "BD-XMC"), (centres, "BD-TT")):
        rows = []
        for index, p in enumerate(course.participants.order_by("id")):
            present = index != 2  # one absent per course
            rows.append(
                {
                    "participant": p,
                    "attended": present,
                    "result": Result.PASSED if present else "",
                    "certificate_no": f"{prefix}-{course.start_date.year}-{index + 1:03d}" if present else "",
                }
            )
        services.attendance_save(actor=actor, course=course, rows=rows)

    survey = services.survey_open(
        actor=actor,
        organiser=office,
        title=f"Nhu cầu tập huấn năm học {current_school_year()}–{current_school_year() + 1}",
        deadline=day + datetime.timedelta(days=20),
        notes="Mỗi đơn vị ghi nội dung cán bộ, giáo viên cần được tập huấn và số người.",
    )
    answers = [
        ("demo.hieutruong", "Dạy học xóa mù chữ cho người dân tộc thiểu số", 3),
        ("demo.hieutruong.tanphong", "Ứng dụng CNTT trong lớp sau biết chữ", 2),
        ("demo.giamdoc", "Lập kế hoạch và báo cáo hoạt động TTHTCĐ", 4),
    ]
    for username, topic, people in answers:
        m = _member(username)
        if m:
            services.need_answer(actor=m.user, survey=survey, unit=m.unit, topic=topic, people=people)
    if stdout is not None:
        stdout.write("  Tập huấn: 3 lớp (2 đã tổ chức, có điểm danh), 1 khảo sát nhu cầu.")
