"""Writes of inspections, each with its actor and an audit row (units.audit). Views check who may
act (access.py); the services check the data itself and raise a ValidationError with a Vietnamese
message on the field it concerns."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from units import audit
from units.calendar import today

from .defaults import DEFAULT_CONTENTS
from .files import check_file
from .models import Check, Content, Inspection, Item, Photo, Recommendation, RecStatus, Status


def _who(actor):
    return actor if getattr(actor, "pk", None) else None


def ensure_defaults(office) -> None:
    """Give an office that has no contents yet the shipped ones, marked "mẫu"."""
    if Content.objects.filter(office=office).exists():
        return
    for order, (title, items) in enumerate(DEFAULT_CONTENTS):
        content = Content.objects.create(office=office, title=title, order=order, is_sample=True)
        Item.objects.bulk_create(
            Item(content=content, text=text, order=i, is_sample=True) for i, text in enumerate(items)
        )


@transaction.atomic
def content_create(*, actor, office, title) -> Content:
    order = (Content.objects.filter(office=office).aggregate(m=Max("order"))["m"] or 0) + 1
    content = Content.objects.create(office=office, title=title.strip(), order=order)
    audit.record(actor=actor, action="inspections.content_create", obj=content, unit=office)
    return content


@transaction.atomic
def content_rename(*, actor, content: Content, title) -> Content:
    changes = {"title": (content.title, title.strip())}
    content.title = title.strip()
    content.save(update_fields=["title"])
    audit.record(actor=actor, action="inspections.content_rename", obj=content, unit=content.office, changes=changes)
    return content


@transaction.atomic
def item_add(*, actor, content: Content, text) -> Item:
    order = (content.items.aggregate(m=Max("order"))["m"] or 0) + 1
    item = Item.objects.create(content=content, text=text.strip(), order=order)
    audit.record(actor=actor, action="inspections.item_add", obj=item, unit=content.office)
    return item


@transaction.atomic
def item_delete(*, actor, item: Item) -> None:
    if Check.objects.filter(item=item).exists():
        raise ValidationError(_("Mục này đã được dùng trong một đợt kiểm tra: không xóa được."))
    audit.record(actor=actor, action="inspections.item_delete", obj=item, unit=item.content.office)
    item.delete()


def _check_plan(office, unit, contents, team):
    if unit.pk == office.pk or not unit.path.startswith(office.path):
        raise ValidationError({"unit": _("Đơn vị được kiểm tra phải thuộc phạm vi quản lý của phòng.")})
    if not contents:
        raise ValidationError({"contents": _("Hãy chọn ít nhất một nội dung kiểm tra.")})
    if any(c.office_id != office.pk for c in contents):
        raise ValidationError({"contents": _("Nội dung kiểm tra không thuộc phòng này.")})
    if not team:
        raise ValidationError({"team": _("Hãy chọn ít nhất một người trong đoàn kiểm tra.")})


@transaction.atomic
def inspection_plan(*, actor, office, unit, planned_date, contents, team, leader=None) -> Inspection:
    leader = leader or (team[0] if team else None)
    team = list(team) + ([leader] if leader and leader not in team else [])
    _check_plan(office, unit, contents, team)
    inspection = Inspection.objects.create(
        office=office, unit=unit, planned_date=planned_date, leader=leader, created_by=_who(actor)
    )
    inspection.contents.set(contents)
    inspection.team.set(team)
    audit.record(actor=actor, action="inspections.plan", obj=inspection, unit=unit)
    return inspection


@transaction.atomic
def inspection_update(*, actor, inspection: Inspection, planned_date, contents, team, leader=None) -> Inspection:
    leader = leader or inspection.leader or (team[0] if team else None)
    team = list(team) + ([leader] if leader and leader not in team else [])
    _check_plan(inspection.office, inspection.unit, contents, team)
    changes = {}
    if inspection.planned_date != planned_date:
        changes["planned_date"] = (inspection.planned_date, planned_date)
    inspection.planned_date, inspection.leader = planned_date, leader
    inspection.save()
    inspection.contents.set(contents)
    inspection.team.set(team)
    audit.record(actor=actor, action="inspections.update", obj=inspection, unit=inspection.unit, changes=changes)
    return inspection


@transaction.atomic
def inspection_delete(*, actor, inspection: Inspection) -> None:
    if inspection.status == Status.DONE:
        raise ValidationError(_("Đợt kiểm tra đã thực hiện: không xóa được."))
    audit.record(actor=actor, action="inspections.delete", obj=inspection, unit=inspection.unit)
    inspection.delete()


@transaction.atomic
def checklist_save(*, actor, inspection: Inspection, done_date, notes, rows: list[dict]) -> Inspection:
    """`rows`: [{"item": Item, "result": "passed"|"failed"|"", "note": str}] of the inspection's contents.
    Saving the checklist with a date performs the inspection."""
    if done_date > today():
        raise ValidationError({"done_date": _("Ngày kiểm tra không được sau hôm nay.")})
    allowed = set(Item.objects.filter(content__in=inspection.contents.all()).values_list("pk", flat=True))
    for row in rows:
        if row["item"].pk not in allowed:
            raise ValidationError(_("Danh mục không khớp với đợt kiểm tra này; hãy tải lại trang."))
        Check.objects.update_or_create(
            inspection=inspection, item=row["item"], defaults={"result": row["result"], "note": row["note"]}
        )
    inspection.done_date, inspection.notes, inspection.status = done_date, notes, Status.DONE
    inspection.save()
    audit.record(actor=actor, action="inspections.perform", obj=inspection, unit=inspection.unit)
    return inspection


@transaction.atomic
def photo_add(*, actor, inspection: Inspection, uploaded, caption="") -> Photo:
    content_type = check_file(uploaded, images_only=True)
    photo = Photo(
        inspection=inspection,
        original_name=uploaded.name[:255],
        content_type=content_type,
        size=uploaded.size,
        caption=caption,
        uploaded_by=_who(actor),
    )
    photo.file.save(uploaded.name, uploaded, save=False)
    photo.save()
    audit.record(actor=actor, action="inspections.photo_add", obj=inspection, unit=inspection.unit)
    return photo


@transaction.atomic
def recommendation_add(*, actor, inspection: Inspection, text, deadline, finding="") -> Recommendation:
    if inspection.status != Status.DONE:
        raise ValidationError(_("Hãy ghi kết quả kiểm tra trước khi ghi kiến nghị."))
    if deadline < (inspection.done_date or today()):
        raise ValidationError({"deadline": _("Hạn thực hiện không được trước ngày kiểm tra.")})
    rec = Recommendation.objects.create(inspection=inspection, finding=finding, text=text, deadline=deadline)
    audit.record(actor=actor, action="inspections.recommend", obj=rec, unit=inspection.unit)
    return rec


@transaction.atomic
def recommendation_answer(*, actor, rec: Recommendation, response, uploaded=None) -> Recommendation:
    if rec.status == RecStatus.CLOSED:
        raise ValidationError(_("Kiến nghị đã được phòng đóng: không cần trả lời thêm."))
    if not response.strip():
        raise ValidationError({"response": _("Hãy ghi kết quả thực hiện kiến nghị.")})
    if uploaded is not None:
        rec.response_type = check_file(uploaded, images_only=False)
        rec.response_name = uploaded.name[:255]
        rec.response_file.save(uploaded.name, uploaded, save=False)
    rec.response, rec.status = response.strip(), RecStatus.ANSWERED
    rec.responded_by, rec.responded_at = _who(actor), timezone.now()
    rec.save()
    audit.record(actor=actor, action="inspections.answer", obj=rec, unit=rec.inspection.unit)
    return rec


@transaction.atomic
def recommendation_close(*, actor, rec: Recommendation) -> Recommendation:
    if rec.status == RecStatus.CLOSED:
        raise ValidationError(_("Kiến nghị đã đóng."))
    rec.status, rec.closed_at = RecStatus.CLOSED, timezone.now()
    rec.save(update_fields=["status", "closed_at"])
    audit.record(actor=actor, action="inspections.close", obj=rec, unit=rec.inspection.unit)
    return rec


@transaction.atomic
def recommendation_reopen(*, actor, rec: Recommendation) -> Recommendation:
    if rec.status != RecStatus.CLOSED:
        raise ValidationError(_("Kiến nghị chưa đóng."))
    rec.status = RecStatus.ANSWERED if rec.response else RecStatus.OPEN
    rec.closed_at = None
    rec.save(update_fields=["status", "closed_at"])
    audit.record(actor=actor, action="inspections.reopen", obj=rec, unit=rec.inspection.unit)
    return rec
