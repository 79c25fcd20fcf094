"""Every URL of emulation once (tests/permission_matrix.py).

Office A's movement "A" is at the scoring stage: the school registered, reported and was scored,
and is proposed for a giấy khen. Movement "open" takes registrations: the school registered and is
preparing its report with one evidence file. Every unit below office A sees both movements; a
registration is seen by the office roles, the school's people and the commune's association
officer (the centre's people get 404). Only an office officer manages, scores and issues; only the
head registers and sends a report; the head and staff prepare it.
"""

import datetime

from emulation import services
from emulation.models import Stage
from tests.emulation import helpers
from tests.permission_matrix import CENTRE, EVERYONE, OFFICE, OFFICER, SCHOOL, UrlCase
from units.calendar import current_school_year, today
from units.models import Role

READERS = OFFICE | SCHOOL | {Role.ASSOCIATION_OFFICER}
PREPARERS = SCHOOL
HEADS = {Role.PRINCIPAL, Role.CENTRE_DIRECTOR}


def _once(world, name, build):
    key = f"_emulation_{name}"
    if not hasattr(world, key):
        setattr(world, key, build())
    return getattr(world, key)


def _scored(world):
    def build():
        movement, regs = helpers.scored_world(world, units=[world.school])
        helpers.propose(movement, world.school)
        return movement, regs[0]

    return _once(world, "scored", build)


def _open(world):
    def build():
        movement = helpers.to_stage(
            helpers.make_movement(world.office, title="Phát triển văn hóa đọc", evidence=True), Stage.REGISTRATION
        )
        reg = services.register(actor=None, movement=movement, unit=world.school)
        helpers.report(reg, submit=False)
        return movement, reg

    return _once(world, "open", build)


def _launched(world):
    return _once(world, "launched", lambda: helpers.make_movement(world.office, title="Xóa mù chữ"))


def _awarded(world):
    def build():
        movement, _regs = helpers.scored_world(world, units=[world.school])
        helpers.propose(movement, world.school)
        services.decision_issue(actor=None, movement=movement, number="05", signed_on=movement.end_date)
        return movement

    return _once(world, "awarded", build)


def movement(world):
    return {"pk": _scored(world)[0].pk}


def scored_reg(world):
    return {"pk": _scored(world)[1].pk}


def open_reg(world):
    return {"pk": _open(world)[1].pk}


def _fresh_launched(world):
    return {"pk": helpers.make_movement(world.office, title="Phong trào sẽ xóa").pk}


def _fresh_criterion(world):
    return {"pk": services.criterion_add(actor=None, movement=_launched(world), text="Tiêu chí tạm", max_points=5).pk}


def _fresh_evidence(world):
    movement, reg = _open(world)
    criterion = movement.criteria.first()
    return {"pk": services.evidence_add(actor=None, registration=reg, criterion=criterion, uploaded=helpers.pdf()).pk}


def _fresh_photo(world):
    movement, reg = _open(world)
    criterion = movement.criteria.first()
    return {"pk": services.evidence_add(actor=None, registration=reg, criterion=criterion, uploaded=helpers.png()).pk}


def _fresh_award(world):
    return {"pk": helpers.propose(_scored(world)[0], world.school, person="Người tạm").pk}


def _fresh_scoring(world):
    def build():
        movement, _regs = helpers.scored_world(world, units=[world.school])
        helpers.propose(movement, world.school)
        return movement

    return {"pk": build().pk}


MOVEMENT_POST = {
    "title": "Phong trào ma trận",
    "description": "",
    "school_year": "",
    "start_date": "",
    "end_date": "",
    "unit_kinds": ["school", "centre"],
}


def _movement_post(world):
    day = today()
    return {
        **MOVEMENT_POST,
        "school_year": str(current_school_year()),
        "start_date": day.strftime("%d/%m/%Y"),
        "end_date": (day + datetime.timedelta(days=60)).strftime("%d/%m/%Y"),
    }


def _report_post(world):
    movement, _reg = _open(world)
    data = {}
    for c in movement.criteria.all():
        data[f"text_{c.pk}"] = "Đã tổ chức ngày hội đọc sách"
        data[f"score_{c.pk}"] = "8,5"
    return data


def _score_post(world):
    movement, _reg = _scored(world)
    return {f"score_{c.pk}": "9" for c in movement.criteria.all()} | {"note": "Tốt"}


def _evidence_post(world):
    movement, _reg = _open(world)
    return {"criterion": str(movement.criteria.first().pk), "file": helpers.pdf("ke-hoach.pdf")}


def _award_post(world):
    return {
        "recipient": "individual",
        "unit": str(world.school.pk),
        "person_name": "Phạm Thị Hiệu",
        "person_role": "Hiệu trưởng",
        "form": "giay_khen",
        "title": "",
        "reason": "Chỉ đạo tốt phong trào",
    }


def manage(name, kwargs=movement, **extra):
    return UrlCase(name, kwargs, ok=OFFICER, **extra)


CASES = [
    UrlCase("emulation:index", ok=EVERYONE, outsider=200, query="?nam=2026"),
    UrlCase("emulation:movement_add", ok=OFFICER, outsider=200),
    UrlCase("emulation:movement_add", ok=OFFICER, outsider=302, method="post", data=_movement_post, label="post"),
    UrlCase("emulation:movement", movement, ok=EVERYONE),
    manage("emulation:movement_edit"),
    manage("emulation:movement_edit", method="post", data=_movement_post, label="post"),
    manage("emulation:movement_delete", _fresh_launched, method="post"),
    manage("emulation:advance", _fresh_launched, method="post"),
    manage("emulation:criterion_add", lambda w: {"pk": _launched(w).pk}),
    manage(
        "emulation:criterion_add",
        lambda w: {"pk": _launched(w).pk},
        method="post",
        data=lambda w: {"text": "Tổ chức lớp xóa mù chữ", "max_points": "20", "evidence_required": "on"},
        label="post",
    ),
    manage("emulation:criterion_delete", _fresh_criterion, method="post"),
    UrlCase("emulation:ranking", movement, ok=OFFICE),
    manage("emulation:decision"),
    manage("emulation:decision", query="?pdf=1", label="pdf"),
    UrlCase("emulation:decision", lambda w: {"pk": _awarded(w).pk}, ok=EVERYONE, label="issued"),
    manage("emulation:decision_issue"),
    manage(
        "emulation:decision_issue",
        _fresh_scoring,
        method="post",
        data=lambda w: {"number": "12", "signed_on": "31/12/2099"},
        label="post",
    ),
    UrlCase("emulation:register", lambda w: {"pk": _launched(w).pk}, ok=HEADS),
    UrlCase(
        "emulation:register",
        lambda w: {"pk": _launched(w).pk},
        ok=HEADS,
        method="post",
        data=lambda w: {"unit": str(w.school.pk), "pledge": "Cam kết thực hiện"},
        label="post",
    ),
    UrlCase("emulation:registration", scored_reg, ok=READERS, hidden=CENTRE),
    UrlCase("emulation:report", open_reg, ok=PREPARERS, hidden=CENTRE),
    UrlCase("emulation:report", open_reg, ok=PREPARERS, hidden=CENTRE, method="post", data=_report_post, label="post"),
    UrlCase("emulation:report_submit", open_reg, ok={Role.PRINCIPAL}, hidden=CENTRE, method="post"),
    UrlCase("emulation:evidence_add", open_reg, ok=PREPARERS, hidden=CENTRE),
    UrlCase(
        "emulation:evidence_add",
        open_reg,
        ok=PREPARERS,
        hidden=CENTRE,
        method="post",
        data=_evidence_post,
        label="post",
    ),
    UrlCase("emulation:evidence", _fresh_evidence, ok=READERS, hidden=CENTRE),
    UrlCase("emulation:evidence_thumbnail", _fresh_photo, ok=READERS, hidden=CENTRE),
    UrlCase("emulation:evidence_delete", _fresh_evidence, ok=PREPARERS, hidden=CENTRE, method="post"),
    UrlCase("emulation:score", scored_reg, ok=OFFICER, hidden=CENTRE),
    UrlCase("emulation:score", scored_reg, ok=OFFICER, hidden=CENTRE, method="post", data=_score_post, label="post"),
    manage("emulation:award_add"),
    manage("emulation:award_add", method="post", data=_award_post, label="post"),
    manage("emulation:award_remove", _fresh_award, method="post"),
    UrlCase("emulation:unit", lambda w: {"pk": w.school.pk}, ok=READERS, hidden=CENTRE),
]
