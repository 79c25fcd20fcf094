"""Building blocks for the resources tests: real images (Pillow reads them to make thumbnails)."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from resources import services
from resources.models import ModelStatus

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def image_bytes(size=(64, 48), color=(30, 120, 200), fmt="PNG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, fmt)
    return out.getvalue()


def png(name="anh.png", size=(64, 48)) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, image_bytes(size), content_type="image/png")


def jpg(name="anh.jpg", size=(800, 600)) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, image_bytes(size, fmt="JPEG"), content_type="image/jpeg")


def pdf(name="tai-lieu.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def make_resource(unit, *, actor=None, title="Phòng chống sốt xuất huyết", uploaded=None, **fields):
    """Published when there is no actor (as the office would); a unit's proposal with one."""
    data = {
        "title": title,
        "field": "health",
        "audience": "everyone",
        "level": "basic",
        "description": "Bài giảng ngắn về diệt lăng quăng, bọ gậy.",
        "url": "" if uploaded else "https://example.org/sot-xuat-huyet",
        "source": "Trung tâm Y tế huyện",
        "licence": "Tài liệu tuyên truyền công khai",
        **fields,
    }
    return services.resource_create(actor=actor, unit=unit, uploaded=uploaded, **data)


def make_model(unit, *, status=ModelStatus.DRAFT, title="Dòng họ Nguyễn học tập", photos=0, **fields):
    data = {
        "title": title,
        "kind": "learning_clan",
        "description": "Quỹ khuyến học của dòng họ, tủ sách chung, gặp mặt đầu năm.",
        "results": "45 cháu được khen thưởng; 12 hộ đạt Gia đình học tập.",
        **fields,
    }
    good_model = services.model_create(actor=None, unit=unit, **data)
    for i in range(photos):
        services.photo_add(actor=None, good_model=good_model, uploaded=png(f"anh-{i}.png"), caption=f"Ảnh {i + 1}")
    if status in (ModelStatus.PROPOSED, ModelStatus.PUBLISHED):
        good_model = services.model_propose(actor=None, good_model=good_model)
    if status == ModelStatus.PUBLISHED:
        good_model = services.model_publish(actor=None, good_model=good_model)
    return good_model
