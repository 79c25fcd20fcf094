"""One way to leave an audit row; every service that changes data calls it."""

import datetime
from decimal import Decimal

from django.db import models

from .models import AuditEntry, Unit


def _plain(value):
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def diff(instance: models.Model, fields: list[str], before: dict) -> dict:
    """{"field": [old, new]} for the fields whose value changed since `before` was taken."""
    changes = {}
    for field in fields:
        new = getattr(instance, field)
        if before.get(field) != new:
            changes[field] = [_plain(before.get(field)), _plain(new)]
    return changes


def snapshot(instance: models.Model, fields: list[str]) -> dict:
    return {field: getattr(instance, field) for field in fields}


def record(*, actor, action: str, obj: models.Model | None = None, unit: Unit | None = None, changes=None):
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        unit=unit,
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:255] if obj is not None else "",
        changes={k: [_plain(v) for v in pair] for k, pair in (changes or {}).items()},
    )
