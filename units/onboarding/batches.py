"""The life of an onboarding batch: check (dry run, nothing written), commit (all or nothing,
checked again, audited), and the list of logins taken once.

The one-time passwords: the accounts store only their hashes. So that the office can print the
list after the commit, the list (names, usernames, passwords) is kept in the batch ENCRYPTED with
the server's key (units.two_factor.encrypt_secret: a database copy or backup alone does not reveal a
working password) and is wiped the first time an officer takes it (page, Excel or PDF). After that
the only way to give someone a password is to set a new one on their page, which also forces a
change at the next login.
"""

from __future__ import annotations

import json

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import audit
from ..models import Unit
from ..two_factor import decrypt_secret, encrypt_secret
from . import plan
from .models import OnboardingBatch, OnboardingStatus
from .reader import FileRefused, read_workbook

MAX_BYTES = 10 * 1024 * 1024


def _summary(outcome: plan.Outcome) -> dict:
    return {"created": dict(outcome.created), "existing": dict(outcome.existing)}


def _errors(outcome: plan.Outcome) -> list[list]:
    return [[e.sheet, e.row, e.column, e.message] for e in outcome.errors]


def _read(data: bytes):
    try:
        return read_workbook(data)
    except FileRefused as refused:
        raise ValidationError({"file": str(refused)}) from refused


@transaction.atomic
def batch_check(*, actor, root: Unit, upload) -> OnboardingBatch:
    """Read the file and check every row with the services, then roll everything back."""
    if upload.size > MAX_BYTES:
        raise ValidationError({"file": _("Tệp lớn hơn 10 MB; hãy chia thành nhiều tệp.")})
    data = upload.read()
    workbook = _read(data)
    if not workbook.units.rows and not workbook.people.rows:
        raise ValidationError({"file": _("Tệp không có dòng nào để nhập (dòng ví dụ không được nhập).")})
    outcome = plan.apply(workbook, actor=actor, root=root, dry_run=True)
    return OnboardingBatch.objects.create(
        root=root,
        created_by=actor,
        file_name=(getattr(upload, "name", "") or "tep.xlsx")[:255],
        content=b"" if outcome.errors else data,  # kept only while it waits for the commit
        status=OnboardingStatus.FAILED if outcome.errors else OnboardingStatus.CHECKED,
        summary=_summary(outcome),
        errors=_errors(outcome),
    )


@transaction.atomic
def batch_commit(*, actor, batch: OnboardingBatch) -> OnboardingBatch:
    """Check the file again and write it whole; a single refused row writes nothing."""
    batch = OnboardingBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != OnboardingStatus.CHECKED:
        raise ValidationError(_("Lần nhập này không còn chờ nhập chính thức."))
    outcome = plan.apply(_read(bytes(batch.content)), actor=actor, root=batch.root, dry_run=False)
    batch.summary, batch.errors = _summary(outcome), _errors(outcome)
    if outcome.errors:
        batch.status, batch.content = OnboardingStatus.FAILED, b""
        batch.save(update_fields=["summary", "errors", "status", "content"])
        return batch
    batch.status = OnboardingStatus.COMMITTED
    batch.committed_at = timezone.now()
    batch.content = b""
    batch.logins_count = len(outcome.logins)
    batch.logins_sealed = encrypt_secret(json.dumps(outcome.logins, ensure_ascii=False)) if outcome.logins else ""
    batch.save()
    audit.record(
        actor=actor,
        action="unit.onboarding",
        obj=batch,
        unit=batch.root,
        changes={key: ["", value] for key, value in sorted(outcome.created.items())},
    )
    return batch


@transaction.atomic
def logins_take(*, actor, batch: OnboardingBatch) -> list[dict] | None:
    """The list of logins with their one-time passwords, once: None when it was already taken."""
    batch = OnboardingBatch.objects.select_for_update().get(pk=batch.pk)
    if not batch.logins_sealed:
        return None
    logins = json.loads(decrypt_secret(batch.logins_sealed))
    batch.logins_sealed = ""
    batch.logins_taken_at = timezone.now()
    batch.logins_taken_by = actor
    batch.save(update_fields=["logins_sealed", "logins_taken_at", "logins_taken_by"])
    audit.record(
        actor=actor,
        action="unit.onboarding_logins",
        obj=batch,
        unit=batch.root,
        changes={"logins": ["", len(logins)]},
    )
    return logins
