"""Building blocks for the training tests."""

import datetime

from training import services
from training.models import ParticipantRole
from units.models import today


def make_course(organiser, *, topic="Bồi dưỡng dạy xóa mù chữ", start=None, days=1, **extra):
    start = start or today() - datetime.timedelta(days=7)
    data = {
        "topic": topic,
        "field": "literacy",
        "start_date": start,
        "end_date": start + datetime.timedelta(days=days - 1),
        "place": "Hội trường",
        "hours": 8,
        "mode": "in_person",
        "planned_participants": 10,
        **extra,
    }
    return services.course_create(actor=None, organiser=organiser, **data)


def add(course, unit, *, user=None, full_name="", role=ParticipantRole.LITERACY_TEACHER):
    return services.participant_add(actor=None, course=course, unit=unit, user=user, full_name=full_name, role=role)


def attend(course, *present, result="passed", certificate="CN-001"):
    rows = []
    for p in course.participants.all():
        here = p in present
        rows.append(
            {
                "participant": p,
                "attended": here,
                "result": result if here else "",
                "certificate_no": certificate if here else "",
            }
        )
    return services.attendance_save(actor=None, course=course, rows=rows)


def open_survey(organiser, *, title="Nhu cầu tập huấn năm học", days=10):
    return services.survey_open(
        actor=None, organiser=organiser, title=title, deadline=today() + datetime.timedelta(days=days)
    )
