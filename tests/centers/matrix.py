"""Every URL of centers once: who gets 200, 403 or 404 (tests/permission_matrix.py).

On centre TT1 of office A: office roles and the commune's association officer read; the director
and centre staff log activities, money, clubs and needs; only the director changes the profile,
people, plan and self-assessment; only an office officer rates. School people cannot see the centre
(404), nor can anyone of office B.
"""

from centers import services
from centers.models import Evidence
from tests.centers import helpers
from tests.permission_matrix import CENTRE, EVERYONE, OFFICE, OFFICER, SCHOOL, UrlCase
from units.models import Role

READERS = OFFICE | CENTRE | {Role.ASSOCIATION_OFFICER}
DIRECTOR = {Role.CENTRE_DIRECTOR}


def _once(world, name, build):
    key = f"_centers_{name}"
    if not hasattr(world, key):
        setattr(world, key, build())
    return getattr(world, key)


def _activity(world):
    return _once(world, "activity", lambda: helpers.make_activity(world.centre))


def _person(world):
    return _once(world, "person", lambda: helpers.make_person(world.centre))


def _club(world):
    return _once(
        world,
        "club",
        lambda: services.club_create(actor=None, centre=world.centre, name="CLB Đọc sách", field="culture_sport"),
    )


def _draft(world):
    return _once(world, "draft", lambda: helpers.make_assessment(world.centre))


def _submitted(world):
    return _once(
        world, "submitted", lambda: helpers.make_assessment(world.centre, year=helpers.this_year() - 1, submitted=True)
    )


def _evidence(world):
    return _once(
        world,
        "evidence",
        lambda: services.evidence_add(actor=None, assessment=_draft(world), file=helpers.pdf("bien-ban.pdf")),
    )


def _fresh_evidence(world) -> Evidence:
    return services.evidence_add(actor=None, assessment=_draft(world), file=helpers.png("xoa.png"))


def centre(world):
    return {"pk": world.centre.pk}


def read(name, kwargs=centre, **extra):
    return UrlCase(name, kwargs, ok=READERS, hidden=SCHOOL, **extra)


def act(name, ok, kwargs=centre, **extra):
    return UrlCase(name, kwargs, ok=ok, hidden=SCHOOL, **extra)


ACTIVITY_POST = {
    "kind": "topic",
    "field": "law",
    "title": "Chuyên đề ma trận",
    "start_date": "2026-11-20",
    "end_date": "2026-11-20",
    "sessions": "1",
    "participants": "10",
    "women": "5",
}

CASES = [
    UrlCase("centers:ranking", ok=EVERYONE, outsider=200),
    UrlCase("centers:overview_xlsx", ok=EVERYONE, outsider=200, method="post", query="?nam=2025"),
    read("centers:centre"),
    read("centers:profile"),
    act("centers:profile_edit", DIRECTOR),
    act(
        "centers:profile_edit",
        DIRECTOR,
        method="post",
        data=lambda w: {"rooms": "2", "computers": "1", "books": "300"},
        label="post",
    ),
    act("centers:person_add", DIRECTOR),
    act(
        "centers:person_add",
        DIRECTOR,
        method="post",
        data=lambda w: {"full_name": "Lê Thị Thu", "role": "lecturer", "origin": "commune", "since": "2025-09-01"},
        label="post",
    ),
    act("centers:person_end", DIRECTOR, kwargs=lambda w: {"pk": _person(w).pk}),
    act(
        "centers:person_end",
        DIRECTOR,
        kwargs=lambda w: {"pk": helpers.make_person(w.centre).pk},
        method="post",
        data=lambda w: {"until": "2026-01-31", "reason": "Chuyển công tác"},
        label="post",
    ),
    read("centers:activities", query="?nam=2025&loai=topic&linh_vuc=law"),
    act("centers:activity_add", CENTRE),
    act("centers:activity_add", CENTRE, method="post", data=lambda w: ACTIVITY_POST, label="post"),
    read("centers:activity_detail", kwargs=lambda w: {"pk": _activity(w).pk}),
    act("centers:activity_edit", CENTRE, kwargs=lambda w: {"pk": _activity(w).pk}),
    act(
        "centers:activity_delete",
        CENTRE,
        kwargs=lambda w: {"pk": helpers.make_activity(w.centre).pk},
        method="post",
    ),
    read("centers:clubs"),
    act("centers:club_add", CENTRE),
    act("centers:club_edit", CENTRE, kwargs=lambda w: {"pk": _club(w).pk}),
    act(
        "centers:club_edit",
        CENTRE,
        kwargs=lambda w: {"pk": _club(w).pk},
        method="post",
        data=lambda w: {"name": "CLB Đọc sách", "field": "culture_sport", "members": "30", "closed_on": "31/12/2026"},
        label="post",
    ),
    read("centers:needs"),
    act("centers:need_add", CENTRE),
    act(
        "centers:need_delete",
        CENTRE,
        kwargs=lambda w: {
            "pk": services.need_create(
                actor=None,
                centre=w.centre,
                field="it",
                group="youth",
                topic="Tin học",
                people=5,
                surveyed_on=helpers.today(),
            ).pk
        },
        method="post",
    ),
    read("centers:funding"),
    act("centers:funding_add", CENTRE),
    act(
        "centers:funding_delete",
        CENTRE,
        kwargs=lambda w: {"pk": helpers.make_funding(w.centre).pk},
        method="post",
    ),
    read("centers:plan"),
    act("centers:plan_edit", DIRECTOR),
    read("centers:report"),
    read("centers:report_document"),
    read("centers:assessment"),
    read("centers:assessment", kwargs=lambda w: {"pk": _draft(w).centre_id}, label="draft"),
    # The self-assessment as the centre's báo cáo (issue 15): read like the page, PDF and Word.
    read("centers:assessment_document", kwargs=lambda w: {"pk": _draft(w).centre_id}),
    read("centers:assessment_document", kwargs=lambda w: {"pk": _draft(w).centre_id}, query="?docx=1", label="docx"),
    act("centers:assessment_start", DIRECTOR, method="post"),
    act("centers:assessment_submit", DIRECTOR, kwargs=lambda w: {"pk": _draft(w).pk}, method="post"),
    act(
        "centers:evidence_add",
        DIRECTOR,
        kwargs=lambda w: {"pk": _draft(w).pk},
        method="post",
        data=lambda w: {"file": helpers.png("minh-chung.png"), "description": "Ảnh lớp học"},
    ),
    read("centers:evidence_file", kwargs=lambda w: {"pk": _evidence(w).pk}),
    act("centers:evidence_delete", DIRECTOR, kwargs=lambda w: {"pk": _fresh_evidence(w).pk}, method="post"),
    act("centers:assessment_rate", OFFICER, kwargs=lambda w: {"pk": _submitted(w).pk}),
    act("centers:assessment_return", OFFICER, kwargs=lambda w: {"pk": _submitted(w).pk}, method="post"),
]
