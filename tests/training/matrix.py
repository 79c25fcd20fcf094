"""Every URL of training once (tests/permission_matrix.py).

The course is office A's, with a teacher of the school on its list: office roles, the school's
people and the commune's association officer see it; the centre's people see neither it nor the
school (404). Only an office officer plans for the office (a centre's people plan for their own
centre: the add page is theirs too). The survey is the office's: every unit below answers it but
the office roles, who read the answers.
"""

from tests.permission_matrix import CENTRE, EVERYONE, OFFICE, OFFICER, SCHOOL, UrlCase
from tests.training import helpers
from units.models import Role

READERS = OFFICE | SCHOOL | {Role.ASSOCIATION_OFFICER}
ANSWERERS = SCHOOL | CENTRE | {Role.ASSOCIATION_OFFICER}


def _once(world, name, build):
    key = f"_training_{name}"
    if not hasattr(world, key):
        setattr(world, key, build())
    return getattr(world, key)


def _course(world):
    def build():
        course = helpers.make_course(world.office)
        helpers.add(course, world.school, user=world.school_staff)
        return course

    return _once(world, "course", build)


def _fresh_course(world):
    course = helpers.make_course(world.office, topic="Lớp sẽ xóa")
    helpers.add(course, world.school, full_name="Người dự tạm")
    return course


def _fresh_participant(world):
    return helpers.add(_course(world), world.school, full_name="Người dự sẽ bỏ")


def _survey(world):
    return _once(world, "survey", lambda: helpers.open_survey(world.office))


def course(world):
    return {"pk": _course(world).pk}


def read(name, **extra):
    return UrlCase(name, course, ok=READERS, hidden=CENTRE, **extra)


def act(name, **extra):
    return UrlCase(name, extra.pop("kwargs", course), ok=OFFICER, hidden=CENTRE, **extra)


COURSE_POST = {
    "organiser": "",
    "topic": "Tập huấn ma trận",
    "field": "literacy",
    "start_date": "20/11/2026",
    "end_date": "21/11/2026",
    "place": "Hội trường",
    "hours": "8",
    "mode": "in_person",
    "planned_participants": "20",
    "status": "planned",
}


def _course_post(world):
    return {**COURSE_POST, "organiser": str(world.office.pk)}


def _attendance_post(world):
    c = _course(world)
    return {f"attended_{p.pk}": "on" for p in c.participants.all()} | {
        f"result_{p.pk}": "passed" for p in c.participants.all()
    }


CASES = [
    UrlCase("training:index", ok=EVERYONE, outsider=200, query="?nam=2026"),
    UrlCase("training:course_add", ok=OFFICER | CENTRE, outsider=200),
    UrlCase("training:course_add", ok=OFFICER | CENTRE, outsider=200, method="post", data=_course_post, label="post"),
    read("training:course"),
    UrlCase("training:course_document", course, ok=OFFICE, hidden=CENTRE),
    UrlCase("training:course_document", course, ok=OFFICE, hidden=CENTRE, query="?pdf=1", label="pdf"),
    act("training:course_edit"),
    act("training:course_edit", method="post", data=lambda w: {**COURSE_POST, "status": "held"}, label="post"),
    act("training:course_delete", kwargs=lambda w: {"pk": _fresh_course(w).pk}, method="post"),
    act("training:participant_add"),
    act(
        "training:participant_add",
        method="post",
        data=lambda w: {"full_name": "Vàng Thị Mỷ", "unit": str(w.school.pk), "role": "literacy_teacher"},
        label="post",
    ),
    act("training:participant_remove", kwargs=lambda w: {"pk": _fresh_participant(w).pk}, method="post"),
    act("training:attendance"),
    act("training:attendance", method="post", data=_attendance_post, label="post"),
    UrlCase("training:unit", lambda w: {"pk": w.school.pk}, ok=READERS, hidden=CENTRE),
    UrlCase("training:summary", ok=OFFICE, outsider=200, query="?nam=2026"),
    UrlCase("training:surveys", ok=EVERYONE, outsider=200),
    UrlCase("training:survey_add", ok=OFFICER, outsider=200),
    UrlCase(
        "training:survey_add",
        ok=OFFICER,
        outsider=200,
        method="post",
        data=lambda w: {"organiser": str(w.office.pk), "title": "Khảo sát ma trận", "deadline": "31/12/2099"},
        label="post",
    ),
    UrlCase("training:survey", lambda w: {"pk": _survey(w).pk}, ok=EVERYONE),
    UrlCase("training:answer_add", lambda w: {"pk": _survey(w).pk}, ok=ANSWERERS),
    UrlCase(
        "training:answer_add",
        lambda w: {"pk": _survey(w).pk},
        ok=ANSWERERS,
        method="post",
        data=lambda w: {"unit": str(w.school.pk), "topic": "Dạy học người lớn", "people": "3"},
        label="post",
    ),
]
