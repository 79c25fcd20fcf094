"""Import batches: check (dry run) and commit of an uploaded workbook, with progress on a Job for the
bar. Large files run in the task worker (literacy.tasks); small ones in the request."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reports.models import Job
from units.models import Unit

from . import importer, selectors
from .models import ImportBatch, SurveyRound

# Files above this size are handled by the worker with a progress bar (~2,000 rows per 100 kB).
LARGE_FILE_BYTES = 1_000_000


def _allowed_hamlets(user, survey_round: SurveyRound, commune: Unit) -> set[int] | None:
    if user is None or user.is_superuser:
        return None
    return set(selectors.editable_hamlets(user, survey_round).filter(parent=commune).values_list("pk", flat=True))


def _progress(job: Job | None, phase_offset: int, scale: int):
    if job is None:
        return None

    def report(done: int, total: int) -> None:
        Job.objects.filter(pk=job.pk).update(
            progress=phase_offset + (done * scale // max(total, 1)), total=200, status=Job.Status.RUNNING
        )

    return report


def batch_create(*, actor, survey_round: SurveyRound, commune: Unit, upload) -> ImportBatch:
    if survey_round.status != SurveyRound.Status.OPEN:
        raise ValidationError({"round": _("Đợt điều tra này đã khóa, không thể nhập thêm.")})
    if not commune.path.startswith(survey_round.office.path):
        raise ValidationError({"commune": _("Xã không thuộc phạm vi của đợt điều tra.")})
    batch = ImportBatch(round=survey_round, commune=commune, uploaded_by=actor, file_name=upload.name[:255])
    batch.file.save(f"{batch.pk}.xlsx", upload, save=False)
    batch.save()
    if upload.size > LARGE_FILE_BYTES:
        batch.job = Job.objects.create(
            kind="literacy.import",
            title=_("Kiểm tra tệp %(f)s") % {"f": batch.file_name},
            owner=actor,
            unit=commune,
            total=200,
            params={"batch": str(batch.pk)},
        )
        batch.save(update_fields=["job"])
    return batch


def batch_check(batch: ImportBatch) -> ImportBatch:
    """The dry run: validate every row and count what would change; nothing is written."""
    user = batch.uploaded_by
    with batch.file.open("rb") as handle:
        plan = importer.check(
            handle,
            survey_round=batch.round,
            commune=batch.commune,
            allowed_hamlet_ids=_allowed_hamlets(user, batch.round, batch.commune),
            progress=_progress(batch.job, 0, 100),
        )
    batch.rows = plan.rows
    batch.summary = plan.summary
    if plan.fatal:
        batch.errors = [[0, "", plan.fatal]]
    else:
        batch.errors = plan.error_rows()[: importer.MAX_STORED_ERRORS]
    batch.status = ImportBatch.Status.CHECKED if plan.ok else ImportBatch.Status.INVALID
    batch.save(update_fields=["rows", "summary", "errors", "status"])
    _finish_job(batch, failed=not plan.ok)
    return batch


def batch_commit(batch: ImportBatch, *, actor) -> ImportBatch:
    """The real import, all-or-nothing: the file is checked again (the register may have changed
    since the dry run) and written in one transaction only if every row is valid."""
    if batch.status != ImportBatch.Status.CHECKED:
        raise ValidationError(_("Chỉ nhập được tệp đã kiểm tra và không có lỗi."))
    with batch.file.open("rb") as handle:
        plan = importer.check(
            handle,
            survey_round=batch.round,
            commune=batch.commune,
            allowed_hamlet_ids=_allowed_hamlets(batch.uploaded_by, batch.round, batch.commune),
            progress=_progress(batch.job, 0, 100),
        )
    if not plan.ok:
        batch.status = ImportBatch.Status.INVALID
        batch.errors = [[0, "", plan.fatal]] if plan.fatal else plan.error_rows()[: importer.MAX_STORED_ERRORS]
        batch.save(update_fields=["status", "errors"])
        _finish_job(batch, failed=True)
        return batch
    with transaction.atomic():
        summary = importer.apply(
            plan, actor=actor, survey_round=batch.round, commune=batch.commune, file_name=batch.file_name
        )
        batch.summary = summary
        batch.status = ImportBatch.Status.IMPORTED
        batch.save(update_fields=["summary", "status"])
    _finish_job(batch, failed=False)
    return batch


def _finish_job(batch: ImportBatch, *, failed: bool) -> None:
    if batch.job_id:
        Job.objects.filter(pk=batch.job_id).update(
            status=Job.Status.FAILED if failed else Job.Status.DONE,
            progress=200,
            finished_at=timezone.now(),
        )


def start_job(batch: ImportBatch, phase: str) -> None:
    """Queue the check or the commit for the worker (immediately run under the test backend)."""
    from .tasks import check_import, commit_import

    Job.objects.filter(pk=batch.job_id).update(
        status=Job.Status.QUEUED,
        progress=0,
        started_at=timezone.now(),
        title=(_("Nhập tệp %(f)s") if phase == "commit" else _("Kiểm tra tệp %(f)s")) % {"f": batch.file_name},
    )
    if phase == "commit":
        ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.IMPORTING)
        transaction.on_commit(lambda: commit_import.enqueue(str(batch.pk)))
    else:
        transaction.on_commit(lambda: check_import.enqueue(str(batch.pk)))
