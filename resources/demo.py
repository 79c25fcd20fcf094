"""Demo data of the library and the good models for the demo office: ten published resources across
the fields (two of them files: a poster and a PDF leaflet, drawn with Pillow), three published good
models with photos, and a few of the demo centres' activities linked to the resources they used.

Everything goes through resources.services, so the demo leaves the rows, thumbnails and audit trail
the office would. The activities are the centres' own (centers/demo.py seeds them first: this app's
demo_stage is 1); they are reached through django.apps, since this shared app never imports centres.
An office that already has resources is left alone: running the seed again changes nothing."""

import io

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from units.models import Unit, UnitKind

from . import services
from .models import Resource

RESOURCES = [
    # title, field, audience, level, source, licence, url or None (a file is drawn), description
    (
        "Phòng, chống đuối nước cho trẻ em",
        "life_skills",
        "youth",
        "basic",
        "Bộ Lao động - Thương binh và Xã hội",
        "Tài liệu tuyên truyền công khai",
        "https://www.molisa.gov.vn",
        "Bài giảng và tình huống cho buổi sinh hoạt hè của thiếu nhi và cha mẹ.",
    ),
    (
        "Kỹ thuật trồng lúa chất lượng cao",
        "agriculture",
        "farmers",
        "intermediate",
        "Trung tâm Khuyến nông quốc gia",
        "Tài liệu khuyến nông công khai",
        "https://khuyennongvn.gov.vn",
        "Làm đất, gieo mạ, bón phân cân đối, phòng trừ sâu bệnh theo mùa vụ.",
    ),
    (
        "Áp phích: rửa tay đúng cách",
        "health",
        "everyone",
        "basic",
        "Trạm Y tế xã",
        "Được phép in lại để tuyên truyền",
        None,
        "Áp phích treo tại nhà văn hóa, trường học; sáu bước rửa tay với xà phòng.",
    ),
    (
        "Phòng chống sốt xuất huyết",
        "health",
        "everyone",
        "basic",
        "Bộ Y tế",
        "Tài liệu tuyên truyền công khai",
        "https://moh.gov.vn",
        "Diệt lăng quăng, bọ gậy; dấu hiệu cần đưa người bệnh đến cơ sở y tế.",
    ),
    (
        "Cơ sở dữ liệu văn bản pháp luật",
        "law",
        "adults",
        "intermediate",
        "Bộ Tư pháp",
        "Văn bản quy phạm pháp luật (không có bản quyền)",
        "https://vbpl.vn",
        "Tra cứu Luật Hôn nhân và gia đình, Luật Đất đai, Luật Giao thông đường bộ cho các chuyên đề pháp luật.",
    ),
    (
        "Tờ gấp: phòng chống lừa đảo qua mạng",
        "law",
        "elderly",
        "basic",
        "Công an huyện",
        "Được phép in lại để tuyên truyền",
        None,
        "Những chiêu lừa thường gặp qua điện thoại, mạng xã hội và cách xử lý.",
    ),
    (
        "Dịch vụ công trực tuyến cho người dân",
        "digital",
        "adults",
        "basic",
        "Cổng Dịch vụ công quốc gia",
        "Hướng dẫn công khai",
        "https://dichvucong.gov.vn",
        "Tạo tài khoản, nộp hồ sơ, thanh toán phí trực tuyến: hướng dẫn từng bước cho lớp kỹ năng số.",
    ),
    (
        "Tiếng Anh giao tiếp cho du lịch cộng đồng",
        "foreign_language",
        "youth",
        "basic",
        "Đoàn Thanh niên huyện",
        "CC BY 4.0",
        "https://learnenglish.britishcouncil.org",
        "Mẫu câu chào hỏi, giới thiệu món ăn, chỉ đường cho khách homestay.",
    ),
    (
        "Thư mục sách hay cho Tủ sách cùng học",
        "reading",
        "everyone",
        "basic",
        "Thư viện tỉnh",
        "Tài liệu công khai",
        "https://nlv.gov.vn",
        "Danh mục sách nên có trong tủ sách cộng đồng, theo lứa tuổi và chủ đề.",
    ),
    (
        "Tài liệu dạy học xóa mù chữ giai đoạn 1",
        "literacy",
        "literacy_learners",
        "basic",
        "Bộ Giáo dục và Đào tạo",
        "Tài liệu chương trình (sử dụng trong lớp học)",
        "https://moet.gov.vn",
        "Bộ tài liệu đọc, viết, tính toán cho học viên lớp xóa mù chữ.",
    ),
]

MODELS = [
    (
        "Mô hình “Cả làng cùng đọc sách” của TTHTCĐ",
        "centre_practice",
        "Tủ sách đặt tại nhà văn hóa và nhà ông trưởng thôn; mỗi tháng một buổi đọc sách, kể chuyện sách "
        "cho thiếu nhi và người cao tuổi; học sinh mượn sách mang về đọc cùng gia đình.",
        "Hơn 600 đầu sách; trung bình 120 lượt mượn mỗi tháng; 35 gia đình đạt Gia đình học tập.",
        UnitKind.CENTRE,
        ((30, 110, 190), (250, 200, 60)),
    ),
    (
        "Dòng họ học tập: Quỹ khuyến học dòng họ Hoàng",
        "learning_clan",
        "Con cháu góp quỹ khuyến học mỗi năm; gặp mặt đầu năm học khen thưởng con cháu học giỏi, "
        "người lớn tuổi học tin học; trưởng họ theo dõi việc học của từng chi.",
        "Quỹ 85 triệu đồng; 42 cháu được khen; dòng họ được công nhận Dòng họ học tập.",
        UnitKind.COMMUNE,
        ((40, 140, 80), (240, 240, 230)),
    ),
    (
        "Câu lạc bộ nông dân học kỹ thuật qua điện thoại",
        "learning_community",
        "Nông dân trong thôn lập nhóm trên điện thoại; cán bộ khuyến nông gửi video ngắn, cả nhóm "
        "thực hành tại ruộng mẫu mỗi tháng một lần.",
        "48 hộ tham gia; năng suất lúa tăng khoảng 8%; 30 người biết dùng dịch vụ công trực tuyến.",
        UnitKind.COMMUNE,
        ((150, 90, 40), (120, 200, 90)),
    ),
]

# Which demo activities used which resource: the activity's field (centers.Field) → resource title.
ACTIVITY_LINKS = {
    "life_skills": "Phòng, chống đuối nước cho trẻ em",
    "agriculture": "Kỹ thuật trồng lúa chất lượng cao",
    "health": "Phòng chống sốt xuất huyết",
    "law": "Cơ sở dữ liệu văn bản pháp luật",
    "it": "Dịch vụ công trực tuyến cho người dân",
    "literacy": "Tài liệu dạy học xóa mù chữ giai đoạn 1",
}
LINKS_PER_FIELD = 3


def _picture(colors, seed: int, size=(960, 640)) -> bytes:
    """A small landscape: sky, field, a house and a row of books, in the model's colours."""
    sky, ground = colors
    image = Image.new("RGB", size, sky)
    draw = ImageDraw.Draw(image)
    w, h = size
    draw.rectangle([0, h * 2 // 3, w, h], fill=ground)
    draw.ellipse([w - 200 - seed * 40, 40, w - 80 - seed * 40, 160], fill=(255, 230, 120))
    x = 120 + seed * 90
    draw.rectangle([x, h // 2, x + 220, h * 2 // 3 + 20], fill=(235, 225, 210))
    draw.polygon([(x - 20, h // 2), (x + 110, h // 2 - 110), (x + 240, h // 2)], fill=(170, 60, 50))
    for i in range(6):
        draw.rectangle([x + 300 + i * 34, h // 2 + 20, x + 326 + i * 34, h * 2 // 3 + 20], fill=(60 + i * 30, 80, 160))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=82)
    return out.getvalue()


def _file(title: str, seed: int) -> SimpleUploadedFile:
    picture = _picture(((250, 250, 245), (30, 120, 200)), seed, size=(640, 900))
    if "Tờ gấp" in title:
        out = io.BytesIO()
        Image.open(io.BytesIO(picture)).save(out, "PDF")
        return SimpleUploadedFile("to-gap-lua-dao-qua-mang.pdf", out.getvalue(), content_type="application/pdf")
    return SimpleUploadedFile("ap-phich-rua-tay.jpg", picture, content_type="image/jpeg")


def seed(*, office: Unit, stdout) -> None:
    if Resource.objects.filter(office=office).exists():
        stdout.write("  Học liệu mẫu đã có, không tạo thêm.")
        return
    centres = list(Unit.objects.filter(path__startswith=office.path, kind=UnitKind.CENTRE).order_by("path"))
    communes = list(Unit.objects.filter(path__startswith=office.path, kind=UnitKind.COMMUNE).order_by("path"))
    by_title = {}
    for i, (title, field, audience, level, source, licence, url, description) in enumerate(RESOURCES):
        proposer = centres[i % len(centres)] if centres and i % 3 == 0 else office
        by_title[title] = services.resource_create(
            actor=None,
            unit=proposer,
            uploaded=None if url else _file(title, i),
            title=title,
            field=field,
            audience=audience,
            level=level,
            description=description,
            url=url or "",
            source=source,
            licence=licence,
        )
        if i in (0, 8):
            services.resource_review(actor=None, resource=by_title[title], status="published", featured=True)

    for i, (title, kind, description, results, unit_kind, colors) in enumerate(MODELS):
        pool = centres if unit_kind == UnitKind.CENTRE else communes
        unit = pool[i % len(pool)] if pool else office
        good_model = services.model_create(
            actor=None, unit=unit, title=title, kind=kind, description=description, results=results
        )
        for n in range(2):
            photo = SimpleUploadedFile(f"mo-hinh-{i + 1}-{n + 1}.jpg", _picture(colors, n), content_type="image/jpeg")
            services.photo_add(actor=None, good_model=good_model, uploaded=photo, caption=f"{title} — ảnh {n + 1}")
        services.model_propose(actor=None, good_model=good_model)
        services.model_publish(actor=None, good_model=good_model)

    linked = _link_activities(centres, by_title)
    stdout.write(f"  {len(by_title)} học liệu, {len(MODELS)} mô hình điển hình, {linked} hoạt động dùng học liệu.")


def _link_activities(centres, by_title) -> int:
    """The centres' latest activities of a field used its resource (a few per field)."""
    if "centers" not in apps.app_configs:
        return 0
    activity_model = apps.get_model("centers", "Activity")
    linked = 0
    for field, title in ACTIVITY_LINKS.items():
        activities = activity_model.objects.filter(centre__in=centres, field=field).order_by("-start_date", "id")
        for activity in activities[:LINKS_PER_FIELD]:
            activity.resources.add(by_title[title])
            linked += 1
    return linked
