"""Every URL of learning_society once (tests/permission_matrix.py). Scope: office roles see the whole
office; the association officer sees the commune of the branch (Đống Đa, with Thôn Đông); a principal
or centre sees only their own unit, so the commune's families are hidden (404) from them."""

import datetime
import json

from tests.permission_matrix import EVERYONE, OFFICE, OFFICER, UrlCase
from units.models import Role

YEAR = 2025
ASSOC = {Role.ASSOCIATION_OFFICER}
LOCAL = {Role.PRINCIPAL, Role.SCHOOL_STAFF, Role.CENTRE_DIRECTOR, Role.CENTRE_STAFF}
READERS = OFFICE | ASSOC
ENTERERS = OFFICER | ASSOC
# PDFs are not HTML: method "GET" (upper case) runs them as GET requests but keeps them out of the
# HTML-only "no asset from another host" scan, which decodes the body as text.
PDF = "GET"


def objects(world):
    """A recognised family of Thôn Đông with its decision, built once per World."""
    if not hasattr(world, "_ls"):
        from learning_society import services
        from learning_society.models import Title

        services.rubrics_load_shipped(actor=None)
        family = services.subject_create(
            actor=world.officer, area=world.hamlet, title=Title.FAMILY, name="Hộ ông Nguyễn Văn An"
        )
        rubric = services.rubric_or_error(Title.FAMILY, YEAR)
        from rubrics.selectors import rubric_criteria

        points = {family.pk: {c.pk: str(c.max_points) for c in rubric_criteria(rubric)}}
        services.grid_save(
            actor=world.officer, area=world.hamlet, title=Title.FAMILY, year=YEAR, points=points, check=True
        )
        assessment = family.assessments.get()
        # A second family, checked and waiting for its decision: what a form could try to recognise.
        waiting = services.subject_create(
            actor=world.officer, area=world.hamlet, title=Title.FAMILY, name="Hộ bà Trần Thị Chờ"
        )
        services.grid_save(
            actor=world.officer,
            area=world.hamlet,
            title=Title.FAMILY,
            year=YEAR,
            points={waiting.pk: {c.pk: str(c.max_points) for c in rubric_criteria(rubric)}},
            check=True,
        )
        decision = services.recognise(
            actor=world.officer,
            assessment_ids=[assessment.pk],
            issuer=world.commune,
            title=Title.FAMILY,
            year=YEAR,
            number="1/QĐ-UBND",
            signed_on=datetime.date(2025, 12, 15),
            signer_name="Phạm Văn Chủ",
            signer_position="Chủ tịch",
        )
        world._ls = {
            "family": family,
            "assessment": assessment,
            "decision": decision,
            "rubric": rubric,
            "waiting": waiting,
            "checked": waiting.assessments.get(),
        }
    return world._ls


def hamlet(w):
    return {"pk": w.hamlet.pk}


def office_rubric(w):
    """Office A's own copy of the national TTHTCĐ rubric (issue 12), made after `objects`."""
    if not hasattr(w, "_ls_office_rubric"):
        from centers import rubric_2553
        from rubrics import services as rubric_services
        from rubrics.models import Rubric, RubricCriterion, RubricGroup

        objects(w)
        national = rubric_2553.load(Rubric, RubricGroup, RubricCriterion)
        w._ls_office_rubric = rubric_services.rubric_copy(actor=w.officer, rubric=national, office=w.office)
    return {"pk": w._ls_office_rubric.pk}


def _recognise_post(w):
    return {
        "assessment": [objects(w)["checked"].pk],
        "number": "2/QĐ-UBND",
        "signed_on": "16/12/2025",
        "signer_name": "Phạm Văn Chủ",
        "signer_position": "Chủ tịch",
    }


def _grid_post(w):
    """The grid page's packed cells (JSON with subject and criterion ids) for the waiting family."""
    from rubrics.selectors import rubric_criteria

    o = objects(w)
    waiting = o["waiting"]
    version = waiting.assessments.get().version
    cells = {f"p-{waiting.pk}-{c.pk}": str(c.max_points) for c in rubric_criteria(o["rubric"])}
    return {
        "cells": json.dumps({"cells": cells, "rows": [waiting.pk]}),
        "versions": json.dumps({str(waiting.pk): version}),
    }


CASES = [
    UrlCase("learning_society:area", lambda w: {"pk": w.commune.pk}, ok=READERS, hidden=LOCAL),
    UrlCase("learning_society:area", hamlet, ok=READERS, hidden=LOCAL, label="hamlet"),
    UrlCase("learning_society:subject_create", hamlet, ok=ENTERERS, hidden=LOCAL),
    UrlCase(
        "learning_society:register",
        hamlet,
        ok=ENTERERS,
        hidden=LOCAL,
        method="post",
        data=lambda w: {"title": "family", "nam": YEAR},
    ),
    UrlCase(
        "learning_society:register_chosen", hamlet, ok=ENTERERS, hidden=LOCAL, query=f"?danh_hieu=family&nam={YEAR}"
    ),
    UrlCase(
        "learning_society:register_chosen",
        hamlet,
        ok=ENTERERS,
        hidden=LOCAL,
        method="post",
        data=lambda w: {"nam": YEAR, "danh_hieu": "family", "one": objects(w)["waiting"].pk},
        label="post",
    ),
    UrlCase("learning_society:import_families", hamlet, ok=ENTERERS, hidden=LOCAL, method="post", data=lambda w: {}),
    UrlCase("learning_society:grid", hamlet, ok=READERS, hidden=LOCAL, query=f"?danh_hieu=family&nam={YEAR}"),
    UrlCase(
        "learning_society:check",
        hamlet,
        ok=ENTERERS,
        hidden=LOCAL,
        method="post",
        data=lambda w: {"danh_hieu": "family", "nam": YEAR, "assessment": [objects(w)["checked"].pk]},
    ),
    UrlCase(
        "learning_society:grid",
        hamlet,
        ok=ENTERERS,
        hidden=LOCAL,
        query=f"?danh_hieu=family&nam={YEAR}",
        method="post",
        data=_grid_post,
        label="post",
    ),
    UrlCase("learning_society:recognise", hamlet, ok=OFFICER, hidden=LOCAL, query=f"?danh_hieu=family&nam={YEAR}"),
    UrlCase(
        "learning_society:recognise",
        hamlet,
        ok=OFFICER,
        hidden=LOCAL,
        query=f"?danh_hieu=family&nam={YEAR}",
        method="post",
        data=_recognise_post,
        label="post",
    ),
    UrlCase("learning_society:subject", lambda w: {"pk": objects(w)["family"].pk}, ok=READERS, hidden=LOCAL),
    UrlCase("learning_society:assess", lambda w: {"pk": objects(w)["family"].pk}, ok=ENTERERS, hidden=LOCAL),
    UrlCase(
        "learning_society:certificate",
        lambda w: {"pk": objects(w)["assessment"].pk},
        ok=READERS,
        hidden=LOCAL,
        method=PDF,
    ),
    UrlCase("learning_society:decision", lambda w: {"pk": objects(w)["decision"].pk}, ok=READERS, hidden=LOCAL),
    UrlCase(
        "learning_society:decision_pdf",
        lambda w: {"pk": objects(w)["decision"].pk},
        ok=READERS,
        hidden=LOCAL,
        method=PDF,
    ),
    UrlCase(
        "learning_society:decision_docx",
        lambda w: {"pk": objects(w)["decision"].pk},
        ok=READERS,
        hidden=LOCAL,
        method=PDF,
    ),
    UrlCase("learning_society:recognised", ok=EVERYONE, outsider=200),
    UrlCase("learning_society:stats", ok=EVERYONE, outsider=200),
    UrlCase("learning_society:stats", ok=READERS, hidden=LOCAL, query=lambda w: f"?don_vi={w.commune.pk}", label="xã"),
    UrlCase("learning_society:stats_pdf", ok=EVERYONE, outsider=200, method=PDF),
    UrlCase("rubrics:list", ok=EVERYONE, outsider=200),
    UrlCase("rubrics:detail", lambda w: {"pk": objects(w)["rubric"].pk}, ok=EVERYONE, outsider=200),
    # Loading the shipped rubrics and saving the office's own settings carry no id of office A:
    # an officer of office B does them for their own office (302).
    UrlCase("rubrics:import", ok=OFFICER, outsider=302, method="post", data=lambda w: {"shipped": "1"}),
    # Rubric ownership (issue 12): office A's copy is hidden from office B; only A's officer changes it.
    UrlCase("rubrics:detail", office_rubric, ok=EVERYONE, label="office copy"),
    UrlCase("rubrics:export", office_rubric, ok=EVERYONE, method=PDF),
    UrlCase("rubrics:edit", office_rubric, ok=OFFICER),
    UrlCase(
        "rubrics:edit",
        office_rubric,
        ok=OFFICER,
        method="post",
        data=lambda w: {"rubric_title": "", "year_from": "mười"},
        label="invalid",
    ),
    UrlCase("rubrics:remove", office_rubric, ok=OFFICER, method="post", data=lambda w: {}),
    # Anyone may see a national default; an officer of any office makes their office's copy of it.
    UrlCase(
        "rubrics:copy",
        lambda w: {"pk": objects(w)["rubric"].pk},
        ok=OFFICER,
        outsider=302,
        method="post",
        data=lambda w: {},
    ),
    UrlCase("learning_society:settings", ok=EVERYONE, outsider=200),
    UrlCase(
        "learning_society:settings",
        ok=OFFICER,
        outsider=302,
        method="post",
        data=lambda w: {
            "title": "family",
            "checker": "association",
            "recogniser": "commune",
            "target": 70,
            "target_difficult": 60,
        },
        label="save",
    ),
    # The recognition authority of office A (issue 15): read by whoever sees the office, changed by
    # its officers; office B's users get 404 for A's id; hostile input comes back on the form (200).
    UrlCase("learning_society:authority", lambda w: {"pk": w.office.pk}, ok=OFFICE, hidden=LOCAL | ASSOC),
    UrlCase(
        "learning_society:authority",
        lambda w: {"pk": w.office.pk},
        ok=OFFICER,
        hidden=LOCAL | ASSOC,
        method="post",
        data=lambda w: {
            "title": "family",
            "level": "0",
            "decider": "Chủ tịch UBND xã",
            "issuing_level": "commune",
            "head_position": "Chủ tịch",
            "signer_form": "head",
        },
        label="save",
    ),
    UrlCase(
        "learning_society:authority",
        lambda w: {"pk": w.office.pk},
        ok=OFFICER,
        hidden=LOCAL | ASSOC,
        method="post",
        data=lambda w: {
            "title": "commune_community",
            "level": "9",
            "decider": "<script>alert(1)</script>",
            "issuing_level": "office",
            "head_position": "Chủ tịch",
            "signer_form": "collective",
        },
        label="hostile",
    ),
]
