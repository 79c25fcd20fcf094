"""Writes of communication, each with its actor and an audit row (units.audit). Views check who may
act (access.py, permissions.py); the services check the data itself (no date in the future, a link
or a title, a real image or PDF) and raise a ValidationError with a Vietnamese message."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from units import audit
from units.models import today
from units.text import nfc

from . import files, permissions
from .models import NewsItem

FIELDS = ("date", "channel", "topic", "title", "link", "count", "notes")


def _clean_text(data: dict) -> dict:
    for name in ("title", "notes", "link"):
        if name in data and data[name] is not None:
            data[name] = nfc(data[name]).strip()
    return data


def _attach(item: NewsItem, uploaded) -> None:
    content_type = files.check_file(uploaded)
    thumb = files.thumbnail(uploaded) if content_type.startswith("image/") else None
    if item.file:
        item.file.delete(save=False)
    if item.thumbnail:
        item.thumbnail.delete(save=False)
    item.original_name = nfc(uploaded.name)[-255:]
    item.content_type = content_type
    item.size = uploaded.size
    item.file.save(uploaded.name, uploaded, save=False)
    if thumb is not None:
        item.thumbnail.save("thumb.jpg", thumb, save=False)


def _validate(item: NewsItem) -> None:
    if item.date and item.date > today():
        raise ValidationError({"date": _("Ngày đăng, phát không được sau hôm nay: chỉ ghi tin, bài đã đăng.")})
    item.full_clean(exclude=["file", "thumbnail", "created_by"])


@transaction.atomic
def item_create(*, actor, unit, uploaded=None, **data) -> NewsItem:
    if actor is not None and not permissions.can_log(actor, unit):
        raise PermissionDenied
    data = _clean_text(data)
    item = NewsItem(unit=unit, created_by=actor if getattr(actor, "pk", None) else None)
    for name in FIELDS:
        if name in data:
            setattr(item, name, data[name])
    _validate(item)
    if uploaded is not None:
        _attach(item, uploaded)
    item.save()
    audit.record(
        actor=actor,
        action="communication.item_create",
        obj=item,
        unit=unit,
        changes={"count": (None, item.count), "channel": (None, item.channel)},
    )
    return item


@transaction.atomic
def item_update(*, actor, item: NewsItem, uploaded=None, **data) -> NewsItem:
    data = _clean_text(data)
    # Compared with the stored row: a ModelForm has already copied the new values onto `item`.
    stored = NewsItem.objects.get(pk=item.pk)
    changes = {}
    for name in FIELDS:
        if name in data and getattr(stored, name) != data[name]:
            changes[name] = (getattr(stored, name), data[name])
        if name in data:
            setattr(item, name, data[name])
    _validate(item)
    if uploaded is not None:
        changes["file"] = (item.original_name, nfc(uploaded.name))
        _attach(item, uploaded)
    item.save()
    audit.record(actor=actor, action="communication.item_update", obj=item, unit=item.unit, changes=changes)
    return item


@transaction.atomic
def item_delete(*, actor, item: NewsItem) -> None:
    audit.record(
        actor=actor,
        action="communication.item_delete",
        obj=item,
        unit=item.unit,
        changes={"count": (item.count, None), "date": (item.date, None)},
    )
    stored = [f for f in (item.file, item.thumbnail) if f]
    item.delete()
    for field in stored:
        transaction.on_commit(lambda f=field: f.storage.delete(f.name))
