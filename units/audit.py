"""One way to leave an audit row; every service that changes data calls it."""

import contextlib
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
    from .panel_cache import changed

    entry = AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        unit=unit,
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:255] if obj is not None else "",
        changes={k: [_plain(v) for v in pair] for k, pair in (changes or {}).items()},
    )
    changed(entry)  # the office home's kept panels of this unit's offices rebuild (units/panel_cache.py)
    return entry


# Readable names ---------------------------------------------------------------------------------
# Every action has a Vietnamese label, declared by the app that writes it in its `audit_labels.py`
# (`LABELS = {"<area>.<verb>": _("…")}`), found by the plugin loader. The log, its filter, the unit
# page, a report's history and the office home read labels only from here, so no page shows a code
# such as "learning_society.recognise" (issue 17); tests/units/test_audit_labels.py finds every
# action the code writes and fails on one without a label.


def action_labels() -> dict:
    from .plugins import plugins

    labels: dict = {}
    for table in plugins("audit_labels", "LABELS"):
        labels.update(table)
    return labels


def action_label(action: str) -> str:
    """The action in words; an action no app names reads "Cập nhật <area>", never its code."""
    from django.utils.translation import gettext as _

    from .plugins import app_attribute

    label = action_labels().get(action)
    if label is not None:
        return str(label)
    areas = {area: name for _config, table in app_attribute("audit_areas") for area, name in table.items()}
    area = areas.get(action.split(".")[0])
    return _("Cập nhật %(area)s") % {"area": str(area).lower()} if area else _("Thao tác khác")


# What changed, in words: a field's own verbose name when the entry's object has that field, else the
# name of the few facts services record that are not fields; booleans read Có / Không.
def _change_names() -> dict:
    from django.utils.translation import gettext_lazy as _

    return {
        "reason": _("Lý do"),
        "values": _("Số ô đã sửa"),
        "user": _("Người dùng"),
        "role": _("Vai trò"),
        "status": _("Trạng thái"),
        "version": _("Phiên bản"),
        "file": _("Tệp"),
        "year": _("Năm"),
        "kind": _("Loại việc"),
        "params": _("Thông số"),
        "units": _("Đơn vị"),
        "families": _("Số gia đình"),
        "subjects": _("Đối tượng"),
        "assessments": _("Bản đánh giá"),
    }


def change_rows(entry) -> list[tuple[str, object, object]]:
    """(label, before, after) of each recorded change of an audit entry."""
    from django.apps import apps
    from django.core.exceptions import FieldDoesNotExist
    from django.utils.text import capfirst
    from django.utils.translation import gettext as _

    try:
        model = apps.get_model(entry.object_type) if entry.object_type else None
    except (LookupError, ValueError):
        model = None
    names = _change_names()
    rows = []
    for field, pair in (entry.changes or {}).items():
        label = names.get(field)
        if model is not None:
            with contextlib.suppress(FieldDoesNotExist):
                label = model._meta.get_field(field).verbose_name
        values = [(_("Có") if v else _("Không")) if isinstance(v, bool) else v for v in (list(pair) + [None, None])[:2]]
        rows.append((capfirst(str(label or _("Chi tiết"))), values[0], values[1]))
    return rows
