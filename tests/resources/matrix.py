"""Every URL of resources once (tests/permission_matrix.py).

Office A's library holds a published resource with a link, one with an image file, and the centre's
proposal; its register a published model of the centre with a photo and the centre's drafts. Every
role of office A reads what is published; the centre's proposal and drafts are seen by whoever sees
the centre (the office, the commune's association) and hidden from the school (404). Only an office
officer curates (publishes, hides, features; publishes or returns a model); the centre's director
and staff write their own drafts and proposals. A viewer proposes nothing.
"""

from resources.models import ModelStatus
from tests.permission_matrix import CENTRE, EVERYONE, OFFICER, SCHOOL, UrlCase
from tests.resources import helpers
from units.models import Role

WRITERS = EVERYONE - {Role.VIEWER}
OWN = OFFICER | CENTRE


def _once(world, name, build):
    key = f"_resources_{name}"
    if not hasattr(world, key):
        setattr(world, key, build())
    return getattr(world, key)


def _resource(world):
    return _once(world, "resource", lambda: helpers.make_resource(world.office))


def _file_resource(world):
    return _once(
        world,
        "file_resource",
        lambda: helpers.make_resource(world.office, title="Áp phích rửa tay", uploaded=helpers.png("ap-phich.png")),
    )


def _proposal(world):
    return _once(
        world, "proposal", lambda: helpers.make_resource(world.centre, actor=world.director, title="Đề xuất của TT")
    )


def _published(world):
    return _once(world, "published", lambda: helpers.make_model(world.centre, status=ModelStatus.PUBLISHED, photos=1))


def _draft(world):
    return _once(world, "draft", lambda: helpers.make_model(world.centre, title="CLB đọc sách thôn Đông"))


def _fresh(status):
    return lambda world: {"pk": helpers.make_model(world.centre, status=status, title="Mô hình tạm").pk}


def _fresh_photo(world):
    good_model = helpers.make_model(world.centre, title="Mô hình có ảnh", photos=1)
    return {"pk": good_model.photos.first().pk}


def pk(build):
    return lambda world: {"pk": build(world).pk}


RESOURCE_POST = {
    "title": "Học liệu ma trận",
    "field": "law",
    "audience": "adults",
    "level": "basic",
    "description": "",
    "url": "https://example.org/ma-tran",
    "source": "Bộ Tư pháp",
    "licence": "",
}
MODEL_POST = {"title": "Mô hình ma trận", "kind": "reading_club", "description": "Cách làm", "results": "Kết quả"}


CASES = [
    UrlCase("resources:index", ok=EVERYONE, outsider=200),
    UrlCase("resources:index", ok=EVERYONE, outsider=200, query="?q=sot&linh_vuc=health", label="filtered"),
    UrlCase("resources:resource_add", ok=WRITERS, outsider=200),
    UrlCase(
        "resources:resource_add",
        ok=WRITERS,
        outsider=200,
        method="post",
        data=lambda w: {**RESOURCE_POST, "unit": str(w.centre.pk)},
        label="post",
    ),
    UrlCase("resources:resource", pk(_resource), ok=EVERYONE),
    UrlCase("resources:resource_edit", pk(_proposal), ok=OWN, hidden=SCHOOL),
    UrlCase(
        "resources:resource_edit",
        pk(_proposal),
        ok=OWN,
        hidden=SCHOOL,
        method="post",
        data=lambda w: RESOURCE_POST,
        label="post",
    ),
    UrlCase(
        "resources:resource_review",
        pk(_resource),
        ok=OFFICER,
        method="post",
        data=lambda w: {"status": "published", "featured": "on"},
    ),
    UrlCase("resources:resource_file", pk(_file_resource), ok=EVERYONE),
    UrlCase("resources:resource_thumb", pk(_file_resource), ok=EVERYONE),
    # A redirect to the resource's address: a POST case, so the matrix takes its 302 as allowed.
    UrlCase("resources:resource_link", pk(_resource), ok=EVERYONE, method="post"),
    UrlCase("resources:gallery", ok=EVERYONE, outsider=200),
    UrlCase("resources:models", ok=EVERYONE, outsider=200),
    UrlCase("resources:models", ok=EVERYONE, outsider=200, query="?tinh_trang=draft", label="drafts"),
    UrlCase("resources:model_add", ok=WRITERS, outsider=200),
    UrlCase(
        "resources:model_add",
        ok=WRITERS,
        outsider=200,
        method="post",
        data=lambda w: {**MODEL_POST, "unit": str(w.centre.pk)},
        label="post",
    ),
    UrlCase("resources:model", pk(_published), ok=EVERYONE),
    UrlCase("resources:model_edit", pk(_draft), ok=OWN, hidden=SCHOOL),
    UrlCase(
        "resources:model_edit",
        pk(_draft),
        ok=OWN,
        hidden=SCHOOL,
        method="post",
        data=lambda w: MODEL_POST,
        label="post",
    ),
    UrlCase("resources:model_propose", _fresh(ModelStatus.DRAFT), ok=OWN, hidden=SCHOOL, method="post"),
    UrlCase("resources:model_publish", _fresh(ModelStatus.PROPOSED), ok=OFFICER, hidden=SCHOOL, method="post"),
    UrlCase(
        "resources:model_return",
        _fresh(ModelStatus.PROPOSED),
        ok=OFFICER,
        hidden=SCHOOL,
        method="post",
        data=lambda w: {"note": "Bổ sung ảnh"},
    ),
    UrlCase("resources:photo_add", pk(_draft), ok=OWN, hidden=SCHOOL),
    UrlCase(
        "resources:photo_add",
        pk(_draft),
        ok=OWN,
        hidden=SCHOOL,
        method="post",
        data=lambda w: {"file": helpers.png("them.png"), "caption": "Buổi sinh hoạt"},
        label="post",
    ),
    UrlCase("resources:photo", lambda w: {"pk": _published(w).photos.first().pk}, ok=EVERYONE),
    UrlCase("resources:photo_thumb", lambda w: {"pk": _published(w).photos.first().pk}, ok=EVERYONE),
    UrlCase("resources:photo_delete", _fresh_photo, ok=OWN, hidden=SCHOOL, method="post"),
]
