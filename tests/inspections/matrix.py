"""Every URL of inspections once (tests/permission_matrix.py).

Office A inspects its centre: office roles, the centre's people and the commune's association
officer (who sees the commune) see the visit; the school's people see neither it nor the centre
(404). Only an office
officer plans, performs, recommends and closes; only the centre's people answer a recommendation
(office roles see it: 403). The contents of inspection are the office's own: the units below it
do not see them (404).
"""

import datetime

from inspections import services
from inspections.models import Item
from tests.inspections import helpers
from tests.permission_matrix import CENTRE, EVERYONE, OFFICE, OFFICER, SCHOOL, UrlCase
from units.models import Role

READERS = OFFICE | CENTRE | {Role.ASSOCIATION_OFFICER}
HIDDEN = SCHOOL
BELOW_OFFICE = SCHOOL | CENTRE | {Role.ASSOCIATION_OFFICER}


def _once(world, name, build):
    key = f"_inspections_{name}"
    if not hasattr(world, key):
        setattr(world, key, build())
    return getattr(world, key)


def _done(world):
    def build():
        inspection, rec = helpers.done_with_rec(world)
        services.photo_add(actor=None, inspection=inspection, uploaded=helpers.png())
        services.recommendation_answer(actor=None, rec=rec, response="Đã làm", uploaded=helpers.pdf())
        return inspection

    return _once(world, "done", build)


def visit(world):
    return {"pk": _done(world).pk}


def _rec(world):
    return _done(world).recommendations.first()


def _fresh_rec(world, closed=False):
    rec = helpers.recommend(_done(world), text="Kiến nghị tạm")
    if closed:
        services.recommendation_close(actor=None, rec=rec)
    return {"pk": rec.pk}


def _content(world):
    return helpers.contents(world.office)[0]


def _fresh_item(world):
    return {"pk": services.item_add(actor=None, content=_content(world), text="Mục tạm").pk}


def read(name, kwargs=visit, **extra):
    return UrlCase(name, kwargs, ok=READERS, hidden=HIDDEN, **extra)


def act(name, kwargs=visit, **extra):
    return UrlCase(name, kwargs, ok=OFFICER, hidden=HIDDEN, **extra)


def _plan_post(world):
    return {
        "unit": str(world.centre.pk),
        "planned_date": "20/12/2026",
        "contents": [str(_content(world).pk)],
        "team": [str(world.officer.pk)],
        "leader": str(world.officer.pk),
    }


def _perform_post(world):
    items = Item.objects.filter(content__in=_done(world).contents.all())
    date = _done(world).planned_date.strftime("%d/%m/%Y")
    return {"done_date": date, "notes": "Ma trận"} | {f"result_{i.pk}": "passed" for i in items}


CASES = [
    UrlCase("inspections:index", ok=EVERYONE, outsider=200, query="?nam=2026"),
    UrlCase("inspections:inspection_add", ok=OFFICER, outsider=200),
    UrlCase("inspections:inspection_add", ok=OFFICER, outsider=200, method="post", data=_plan_post, label="post"),
    read("inspections:inspection"),
    act("inspections:inspection_edit", lambda w: {"pk": helpers.plan(w.office, w.centre, [w.officer]).pk}),
    act(
        "inspections:inspection_edit",
        lambda w: {"pk": helpers.plan(w.office, w.centre, [w.officer]).pk},
        method="post",
        data=_plan_post,
        label="post",
    ),
    act(
        "inspections:inspection_delete",
        lambda w: {"pk": helpers.plan(w.office, w.centre, [w.officer]).pk},
        method="post",
    ),
    act("inspections:perform"),
    act("inspections:perform", method="post", data=_perform_post, label="post"),
    act("inspections:photo_add"),
    act("inspections:photo_add", method="post", data=lambda w: {"file": helpers.png()}, label="post"),
    read("inspections:photo", lambda w: {"pk": _done(w).photos.first().pk}),
    read("inspections:bien_ban"),
    act("inspections:rec_add"),
    act(
        "inspections:rec_add",
        method="post",
        data=lambda w: {
            "text": "Kiến nghị ma trận",
            "deadline": (datetime.date.today() + datetime.timedelta(days=9)).strftime("%d/%m/%Y"),
        },
        label="post",
    ),
    UrlCase("inspections:rec_answer", lambda w: {"pk": _rec(w).pk}, ok=CENTRE, hidden=HIDDEN),
    UrlCase(
        "inspections:rec_answer",
        lambda w: {"pk": _rec(w).pk},
        ok=CENTRE,
        hidden=HIDDEN,
        method="post",
        data=lambda w: {"response": "Đã khắc phục"},
        label="post",
    ),
    act("inspections:rec_close", _fresh_rec, method="post"),
    act("inspections:rec_reopen", lambda w: _fresh_rec(w, closed=True), method="post"),
    read("inspections:rec_file", lambda w: {"pk": _rec(w).pk}),
    UrlCase("inspections:contents", ok=OFFICER, outsider=200),
    UrlCase("inspections:content_add", ok=OFFICER, outsider=200),
    UrlCase(
        "inspections:content_add",
        ok=OFFICER,
        outsider=302,
        method="post",
        data=lambda w: {"title": "Nội dung ma trận"},
        label="post",
    ),
    UrlCase("inspections:content_edit", lambda w: {"pk": _content(w).pk}, ok=OFFICER, hidden=BELOW_OFFICE),
    UrlCase(
        "inspections:content_edit",
        lambda w: {"pk": _content(w).pk},
        ok=OFFICER,
        hidden=BELOW_OFFICE,
        method="post",
        data=lambda w: {"title": "Hồ sơ phổ cập (sửa)"},
        label="post",
    ),
    UrlCase("inspections:item_add", lambda w: {"pk": _content(w).pk}, ok=OFFICER, hidden=BELOW_OFFICE),
    UrlCase(
        "inspections:item_add",
        lambda w: {"pk": _content(w).pk},
        ok=OFFICER,
        hidden=BELOW_OFFICE,
        method="post",
        data=lambda w: {"text": "Mục ma trận"},
        label="post",
    ),
    UrlCase("inspections:item_delete", _fresh_item, ok=OFFICER, hidden=BELOW_OFFICE, method="post"),
]
