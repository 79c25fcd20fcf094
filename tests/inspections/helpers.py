"""Building blocks for the inspection tests."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from inspections import services
from inspections.models import Content, Item
from units.calendar import today

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def png(name="anh.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def pdf(name="chung-tu.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")


def contents(office) -> list[Content]:
    services.ensure_defaults(office)
    return list(Content.objects.filter(office=office).order_by("order", "id"))


def plan(office, unit, team, *, day=None, content_count=1):
    return services.inspection_plan(
        actor=None,
        office=office,
        unit=unit,
        planned_date=day or today() - datetime.timedelta(days=3),
        contents=contents(office)[:content_count],
        team=team,
    )


def perform(inspection, *, result="passed", notes="Nhận xét"):
    items = Item.objects.filter(content__in=inspection.contents.all())
    rows = [{"item": item, "result": result, "note": ""} for item in items]
    return services.checklist_save(
        actor=None, inspection=inspection, done_date=inspection.planned_date, notes=notes, rows=rows
    )


def recommend(inspection, *, text="Bổ sung sổ sách", days=15):
    return services.recommendation_add(
        actor=None, inspection=inspection, text=text, deadline=today() + datetime.timedelta(days=days)
    )


def done_with_rec(world):
    inspection = plan(world.office, world.centre, [world.officer])
    perform(inspection)
    return inspection, recommend(inspection)
