"""Every URL of communication once (tests/permission_matrix.py).

The item is the school's: office roles and the school's people see it, the centre's people and the
association officer do not (their scope is their centre, or the commune for the association
officer — who does see the school's line, the commune being theirs). The school's head and staff
and the office officer change it; leaders and viewers read only.
"""

from tests.communication import helpers
from tests.permission_matrix import CENTRE, EVERYONE, OFFICE, OFFICER, SCHOOL, UrlCase
from units.models import Role

READERS = OFFICE | SCHOOL | {Role.ASSOCIATION_OFFICER}
WRITERS = OFFICER | SCHOOL
LOGGERS = OFFICER | SCHOOL | CENTRE | {Role.ASSOCIATION_OFFICER}


def _item(world):
    if not hasattr(world, "_communication_item"):
        world._communication_item = helpers.log(world.school, title="Tin của trường", link="https://example.invalid/a")
    return world._communication_item


def _photo_item(world):
    if not hasattr(world, "_communication_photo"):
        world._communication_photo = helpers.log(
            world.school, title="Ảnh pano", channel="poster", uploaded=helpers.png()
        )
    return world._communication_photo


def item(world):
    return {"pk": _item(world).pk}


def photo(world):
    return {"pk": _photo_item(world).pk}


def _fresh(world):
    return {"pk": helpers.log(world.school, title="Tin sẽ xóa").pk}


def _post(world):
    return {
        "unit": str(world.school.pk),
        "date": "01/11/2026",
        "channel": "social",
        "topic": "literacy",
        "title": "Tin ma trận",
        "link": "",
        "count": "2",
        "notes": "",
    }


CASES = [
    UrlCase("communication:index", ok=EVERYONE, outsider=200),
    UrlCase("communication:item_add", ok=LOGGERS, outsider=200),
    UrlCase("communication:item_add", ok=LOGGERS, outsider=200, method="post", data=_post, label="post"),
    UrlCase("communication:item", item, ok=READERS, hidden=CENTRE),
    UrlCase("communication:item_edit", item, ok=WRITERS, hidden=CENTRE),
    UrlCase(
        "communication:item_edit",
        item,
        ok=WRITERS,
        hidden=CENTRE,
        method="post",
        data=lambda w: {k: v for k, v in _post(w).items() if k != "unit"},
        label="post",
    ),
    UrlCase("communication:item_delete", _fresh, ok=WRITERS, hidden=CENTRE, method="post"),
    # a redirect to the saved link: 302 for whoever sees the item (a POST case accepts 200 or 302)
    UrlCase("communication:item_link", item, ok=READERS, hidden=CENTRE, method="post"),
    UrlCase("communication:item_file", photo, ok=READERS, hidden=CENTRE),
    UrlCase("communication:item_thumbnail", photo, ok=READERS, hidden=CENTRE),
]
