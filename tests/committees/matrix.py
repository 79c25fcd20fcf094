"""Every URL of the steering committees once (tests/permission_matrix.py).

The committee is commune Đống Đa's: office roles and the commune's association officer (whose scope
is the commune) see it; a school's or a centre's people do not see the commune (404). Only an
office officer, who manages the commune, changes it.
"""

from committees.models import Position
from tests.committees import helpers
from tests.permission_matrix import CENTRE, EVERYONE, OFFICE, OFFICER, SCHOOL, UrlCase
from units.models import Role

READERS = OFFICE | {Role.ASSOCIATION_OFFICER}
HIDDEN = SCHOOL | CENTRE


def _committee(world):
    if not hasattr(world, "_committees_committee"):
        committee = helpers.with_pdf(world.commune)
        helpers.add_member(committee, "Hoàng Văn Sơn", position=Position.HEAD)
        world._committees_committee = committee
    return world._committees_committee


def _member(world):
    if not hasattr(world, "_committees_member"):
        world._committees_member = helpers.add_member(_committee(world), "Vàng A Páo", job="Trưởng thôn")
    return world._committees_member


def committee(world):
    return {"pk": _committee(world).pk}


def member(world):
    return {"pk": _member(world).pk}


def fresh_member(world):
    return {"pk": helpers.add_member(_committee(world), "Thành viên sẽ thay", job="Cán bộ xã").pk}


DECISION = {
    "decision_number": "30/QĐ-UBND",
    "decision_date": "20/03/2025",
    "decision_signer": "Đặng Quốc Bảo, Chủ tịch UBND xã",
    "notes": "",
}


def read(name, kwargs=committee, **extra):
    return UrlCase(name, kwargs, ok=READERS, hidden=HIDDEN, **extra)


def act(name, kwargs=committee, **extra):
    return UrlCase(name, kwargs, ok=OFFICER, hidden=HIDDEN, **extra)


CASES = [
    UrlCase("committees:index", ok=EVERYONE, outsider=200),
    UrlCase("committees:committee_add", ok=OFFICER, outsider=200),
    UrlCase(
        "committees:committee_add",
        ok=OFFICER,
        outsider=200,
        method="post",
        data=lambda w: {**DECISION, "commune": str(w.difficult_commune.pk), "kind": "learning_society"},
        label="post",
    ),
    read("committees:committee"),
    read("committees:committee_file"),
    act("committees:committee_edit"),
    act("committees:committee_edit", method="post", data=lambda w: DECISION, label="post"),
    act("committees:member_add"),
    act(
        "committees:member_add",
        method="post",
        data=lambda w: {
            "full_name": "Bùi Văn Tâm",
            "position": "member",
            "job": "Chủ tịch MTTQ xã",
            "from_date": "15/03/2025",
        },
        label="post",
    ),
    act("committees:member_replace", member),
    act(
        "committees:member_replace",
        fresh_member,
        method="post",
        data=lambda w: {"on": "01/09/2025", "full_name": "Lường Văn Thái", "job": "Cán bộ xã", "change_note": ""},
        label="post",
    ),
    act("committees:member_end", member),
    act("committees:member_end", fresh_member, method="post", data=lambda w: {"on": "01/09/2025"}, label="post"),
]
