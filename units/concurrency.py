"""Optimistic concurrency for edit pages: two people save the same row, one wins, the other is told.

A row that people edit from a page carries a `version` number. The page keeps the number it showed
in a hidden field; the service re-reads the row under its lock (select_for_update on PostgreSQL, the
IMMEDIATE write lock on SQLite) and, if the number moved, refuses with `StaleEdit` naming who saved
and when (from the audit log). The view then shows the form again with what the person typed and the
new number, so a second, deliberate save goes through. Every successful save bumps the number.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import AuditEntry


class StaleEdit(ValidationError):
    """Someone saved this row after the page was loaded; nothing was saved."""

    def __init__(self, message, *, current_version: int | None = None):
        super().__init__(message, code="stale")
        self.current_version = current_version


def last_saved(objects: list[models.Model], *, extra: models.Q | None = None) -> tuple[str, datetime.datetime | None]:
    """Who last changed any of these rows and when, from the audit log; ("", None) when unknown.
    `extra` adds audit rows that name no object (e.g. a whole grid saved at once)."""
    wanted = models.Q()
    for obj in objects:
        wanted |= models.Q(object_type=obj._meta.label, object_id=str(obj.pk))
    if extra is not None:
        wanted |= extra
    if not wanted:
        return "", None
    entry = AuditEntry.objects.filter(wanted).select_related("actor").order_by("-at", "-id").first()
    if entry is None:
        return "", None
    return (str(entry.actor) if entry.actor else ""), entry.at


def saved_by_phrase(who: str, at: datetime.datetime | None) -> dict[str, str]:
    """{"who": ..., "at": ...} ready for a message: "Nguyễn Văn A", "10:42" (with the date when not today)."""
    if at is None:
        when = _("vừa rồi")
    else:
        local = timezone.localtime(at)
        when = local.strftime("%H:%M")
        if local.date() != timezone.localdate():
            when = _("%(time)s ngày %(date)s") % {"time": when, "date": local.strftime("%d/%m/%Y")}
    return {"who": who or _("người khác"), "at": when}


def check_version(obj: models.Model, expected_version: int | None, message: str, *, extra=None) -> None:
    """Refuse a save from a page older than the row (`obj` was just re-read under its lock).
    `message` takes %(who)s and %(at)s. Internal callers pass None and are not checked."""
    if expected_version is None or obj.version == expected_version:
        return
    who, at = last_saved([obj], extra=extra)
    raise StaleEdit(message % saved_by_phrase(who, at), current_version=obj.version)


def page_version(value) -> int:
    """The version a form posted; a missing or garbled one never matches a row (so it is refused)."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


def version_field():
    """The hidden field an edit form carries: the row's version the page showed."""
    from django import forms

    return forms.CharField(widget=forms.HiddenInput, required=False)


class VersionedFormMixin:
    """For a form with a `version = version_field()`: the number posted, and after a refused save the
    newer number, so the form shows what was typed and a second, deliberate save goes through."""

    def page_version(self) -> int:
        return page_version(self.cleaned_data.get("version"))

    def show_newer(self, current_version: int) -> None:
        data = self.data.copy()
        data[self.add_prefix("version")] = str(current_version)
        self.data = data


STALE_STATUS = 409


def answer_stale(request, form, error: StaleEdit) -> int:
    """What an edit page answers when someone saved since it was loaded: say who and when, keep what
    was typed and carry the newer version (`form.show_newer`) so a second, deliberate save goes
    through. Returns the status to render the page with: 409, as the reports' grid answers."""
    from django.contrib import messages

    messages.error(request, error.messages[0])
    if form is not None:
        form.show_newer(error.current_version)
    return STALE_STATUS
