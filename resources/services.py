"""Writes of the library and the good models, each with its actor and an audit row (units.audit).
Views check who may act (access.py); the services check the data itself and raise a ValidationError
with a Vietnamese message on the field it concerns."""

import os

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from units import audit
from units.text import nfc

from . import permissions
from .files import check_photo, check_resource_file, thumbnail_of
from .models import GoodModel, ModelPhoto, ModelStatus, Resource, ResourceStatus
from .selectors import office_of

RESOURCE_FIELDS = ["title", "field", "audience", "level", "description", "url", "source", "licence"]
MODEL_FIELDS = ["title", "kind", "description", "results"]
MAX_PHOTOS = 12


def _who(actor):
    return actor if getattr(actor, "pk", None) else None


def _clean(data: dict, names) -> dict:
    return {k: (nfc(v).strip() if isinstance(v, str) else v) for k, v in data.items() if k in names}


def _store_file(resource: Resource, uploaded) -> None:
    content_type = check_resource_file(uploaded)
    thumb = thumbnail_of(uploaded) if content_type.startswith("image/") else None
    resource.original_name = os.path.basename(uploaded.name)[:255]
    resource.content_type, resource.size = content_type, uploaded.size
    resource.file.save(uploaded.name, uploaded, save=False)
    if thumb is not None:
        resource.thumbnail.save("thumb.jpg", thumb, save=False)
    else:
        resource.thumbnail = ""


def _check_link_or_file(resource: Resource) -> None:
    if not resource.url and not resource.file:
        raise ValidationError({"url": _("Hãy ghi đường dẫn của học liệu hoặc tải tệp lên.")})


# Resources -------------------------------------------------------------------------------------


@transaction.atomic
def resource_create(*, actor, unit, uploaded=None, **data) -> Resource:
    """A unit proposes a resource to its office's library; an office officer's is published at once."""
    office = office_of(unit)
    resource = Resource(office=office, unit=unit, created_by=_who(actor), **_clean(data, RESOURCE_FIELDS))
    if uploaded is not None:
        _store_file(resource, uploaded)
    _check_link_or_file(resource)
    if actor is None or permissions.can_curate(actor, office):
        resource.status, resource.reviewed_by, resource.reviewed_at = (
            ResourceStatus.PUBLISHED,
            _who(actor),
            timezone.now(),
        )
    resource.full_clean(exclude=["file", "thumbnail"])
    resource.save()
    audit.record(actor=actor, action="resources.resource_create", obj=resource, unit=unit)
    return resource


@transaction.atomic
def resource_update(*, actor, resource: Resource, uploaded=None, **data) -> Resource:
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    before = audit.snapshot(resource, RESOURCE_FIELDS)
    for name, value in _clean(data, RESOURCE_FIELDS).items():
        setattr(resource, name, value)
    if uploaded is not None:
        _store_file(resource, uploaded)
    _check_link_or_file(resource)
    resource.full_clean(exclude=["file", "thumbnail"])
    resource.save()
    changes = audit.diff(resource, RESOURCE_FIELDS, before)
    if uploaded is not None:
        changes["file"] = ("", resource.original_name)
    audit.record(actor=actor, action="resources.resource_update", obj=resource, unit=resource.unit, changes=changes)
    return resource


@transaction.atomic
def resource_review(*, actor, resource: Resource, status: str, featured: bool) -> Resource:
    """The office publishes, hides or features a resource (a hidden one is never featured)."""
    if status not in (ResourceStatus.PUBLISHED, ResourceStatus.HIDDEN):
        raise ValidationError({"status": _("Hãy chọn “Đăng” hoặc “Ẩn”.")})
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    before = audit.snapshot(resource, ["status", "featured"])
    resource.status, resource.featured = status, featured and status == ResourceStatus.PUBLISHED
    resource.reviewed_by, resource.reviewed_at = _who(actor), timezone.now()
    resource.save(update_fields=["status", "featured", "reviewed_by", "reviewed_at"])
    audit.record(
        actor=actor,
        action="resources.resource_review",
        obj=resource,
        unit=resource.office,
        changes=audit.diff(resource, ["status", "featured"], before),
    )
    return resource


# Good models -----------------------------------------------------------------------------------


@transaction.atomic
def model_create(*, actor, unit, **data) -> GoodModel:
    good_model = GoodModel(office=office_of(unit), unit=unit, created_by=_who(actor), **_clean(data, MODEL_FIELDS))
    good_model.full_clean()
    good_model.save()
    audit.record(actor=actor, action="resources.model_create", obj=good_model, unit=unit)
    return good_model


@transaction.atomic
def model_update(*, actor, good_model: GoodModel, **data) -> GoodModel:
    good_model = GoodModel.objects.select_for_update().get(pk=good_model.pk)
    before = audit.snapshot(good_model, MODEL_FIELDS)
    for name, value in _clean(data, MODEL_FIELDS).items():
        setattr(good_model, name, value)
    good_model.full_clean()
    good_model.save()
    changes = audit.diff(good_model, MODEL_FIELDS, before)
    audit.record(actor=actor, action="resources.model_update", obj=good_model, unit=good_model.unit, changes=changes)
    return good_model


@transaction.atomic
def model_propose(*, actor, good_model: GoodModel) -> GoodModel:
    good_model = GoodModel.objects.select_for_update().get(pk=good_model.pk)
    if good_model.status != ModelStatus.DRAFT:
        raise ValidationError(_("Mô hình này đã được đề xuất hoặc đã đăng."))
    if not good_model.results.strip():
        raise ValidationError(
            {"results": _("Hãy ghi kết quả đạt được trước khi đề xuất: phòng đăng mô hình có kết quả.")}
        )
    good_model.status, good_model.proposed_at, good_model.review_note = ModelStatus.PROPOSED, timezone.now(), ""
    good_model.save(update_fields=["status", "proposed_at", "review_note"])
    audit.record(actor=actor, action="resources.model_propose", obj=good_model, unit=good_model.unit)
    return good_model


@transaction.atomic
def model_publish(*, actor, good_model: GoodModel) -> GoodModel:
    good_model = GoodModel.objects.select_for_update().get(pk=good_model.pk)
    if good_model.status != ModelStatus.PROPOSED:
        raise ValidationError(_("Chỉ đăng được mô hình đơn vị đã đề xuất."))
    good_model.status, good_model.published_at, good_model.published_by = (
        ModelStatus.PUBLISHED,
        timezone.now(),
        _who(actor),
    )
    good_model.save(update_fields=["status", "published_at", "published_by"])
    audit.record(actor=actor, action="resources.model_publish", obj=good_model, unit=good_model.unit)
    return good_model


@transaction.atomic
def model_return(*, actor, good_model: GoodModel, note: str) -> GoodModel:
    """The office sends a proposed (or takes down a published) model back to its unit as a draft."""
    note = nfc(note or "").strip()
    if not note:
        raise ValidationError({"note": _("Hãy ghi lý do trả lại để đơn vị biết cần bổ sung gì.")})
    good_model = GoodModel.objects.select_for_update().get(pk=good_model.pk)
    if good_model.status == ModelStatus.DRAFT:
        raise ValidationError(_("Mô hình đang là bản nháp của đơn vị, không có gì để trả lại."))
    good_model.status, good_model.review_note, good_model.published_at = ModelStatus.DRAFT, note[:500], None
    good_model.save(update_fields=["status", "review_note", "published_at"])
    audit.record(actor=actor, action="resources.model_return", obj=good_model, unit=good_model.unit)
    return good_model


@transaction.atomic
def photo_add(*, actor, good_model: GoodModel, uploaded, caption: str = "") -> ModelPhoto:
    content_type = check_photo(uploaded)
    if good_model.photos.count() >= MAX_PHOTOS:
        raise ValidationError(_("Mỗi mô hình có tối đa %(n)d ảnh; hãy xóa bớt ảnh cũ.") % {"n": MAX_PHOTOS})
    thumb = thumbnail_of(uploaded)
    photo = ModelPhoto(
        good_model=good_model,
        original_name=os.path.basename(uploaded.name)[:255],
        content_type=content_type,
        size=uploaded.size,
        caption=nfc(caption or "").strip()[:255],
        uploaded_by=_who(actor),
    )
    photo.file.save(uploaded.name, uploaded, save=False)
    photo.thumbnail.save("thumb.jpg", thumb, save=False)
    photo.save()
    audit.record(actor=actor, action="resources.photo_add", obj=good_model, unit=good_model.unit)
    return photo


@transaction.atomic
def photo_delete(*, actor, photo: ModelPhoto) -> None:
    good_model = photo.good_model
    audit.record(
        actor=actor,
        action="resources.photo_delete",
        obj=good_model,
        unit=good_model.unit,
        changes={"photo": (photo.original_name, "")},
    )
    photo.file.delete(save=False)
    photo.thumbnail.delete(save=False)
    photo.delete()
