"""Building blocks for the communication tests."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile

from communication import services
from units.models import today


def log(
    unit, *, title="Tin tuyên truyền học tập suốt đời", channel="website", topic="lifelong", count=1, day=None, **extra
):
    data = {
        "date": day or today() - datetime.timedelta(days=1),
        "channel": channel,
        "topic": topic,
        "title": title,
        "link": "",
        "count": count,
        "notes": "",
        **extra,
    }
    return services.item_create(actor=None, unit=unit, **data)


def png(name="anh.png", size=(640, 480)) -> SimpleUploadedFile:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def pdf(name="bai-bao.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", content_type="application/pdf"
    )
