"""Import batches: check (dry run) and commit of an uploaded workbook, with progress on a Job for the
bar. Large files run in the task worker (literacy.tasks); small ones in the request."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from jobs.models import Job
from jobs.registry import JobError, job_interrupted
from jobs.runner import job_progress
from jobs.runner import start_job as start_report_job
from units.models import Unit

from . import household_import, selectors
from .models import ImportBatch, SurveyRound

# Files above this size are handled by the worker with a progress bar (~2,000 rows per 100 kB).
LARGE_FILE_BYTES = 1_000_000


def _allowed_hamlets(user, survey_round: SurveyRound, commune: Unit) -> set[int] | None:
    if user is None or user.is_superuser:
        return None
    return set(selectors.editable_hamlets(user, survey_round).filter(parent=commune).values_list("pk", flat=True))


def _progress(job: Job | None, message: str):
    if job is None:
        return None
    return lambda done, total: job_progress(job, done, total, message)


def batch_create(
    *, actor, survey_round: SurveyRound, commune: Unit, upload, mapping: dict | None = None, to_map: bool = False
) -> ImportBatch:
    """`mapping`: the layout the file is read through (household_import.mapping); `to_map`: the
    officer maps the columns first (the batch waits in "Chờ ghép cột")."""
    if survey_round.status != SurveyRound.Status.OPEN:
        raise ValidationError({"round": _("Đợt điều tra này đã khóa, không thể nhập thêm.")})
    if not commune.path.startswith(survey_round.office.path):
        raise ValidationError({"commune": _("Xã không thuộc phạm vi của đợt điều tra.")})
    batch = ImportBatch(
        round=survey_round,
        commune=commune,
        uploaded_by=actor,
        file_name=upload.name[:255],
        mapping=mapping or {},
        status=ImportBatch.Status.MAPPING if to_map else ImportBatch.Status.PENDING,
    )
    batch.file.save(f"{batch.pk}.xlsx", upload, save=False)
    batch.save()
    return batch


def is_large(batch: ImportBatch) -> bool:
    return batch.file.size > LARGE_FILE_BYTES


def batch_check(batch: ImportBatch, job: Job | None = None) -> ImportBatch:
    """The dry run: validate every row and count what would change; nothing is written."""
    user = batch.uploaded_by
    with batch.file.open("rb") as handle:
        plan = household_import.check(
            handle,
            survey_round=batch.round,
            commune=batch.commune,
            allowed_hamlet_ids=_allowed_hamlets(user, batch.round, batch.commune),
            progress=_progress(job, _("Đang kiểm tra từng dòng")),
            mapping=batch.mapping or None,
        )
    batch.rows = plan.rows
    batch.summary = plan.summary
    if plan.fatal:
        batch.errors = [[0, "", plan.fatal]]
    else:
        batch.errors = plan.error_rows()[: household_import.MAX_STORED_ERRORS]
    batch.status = ImportBatch.Status.CHECKED if plan.ok else ImportBatch.Status.INVALID
    if plan.header_missing and not batch.mapping:  # another layout: the officer maps its columns
        batch.status = ImportBatch.Status.MAPPING
    batch.save(update_fields=["rows", "summary", "errors", "status"])
    return batch


MAPPABLE = (ImportBatch.Status.MAPPING, ImportBatch.Status.CHECKED, ImportBatch.Status.INVALID)


def batch_set_mapping(batch: ImportBatch, *, mapping: dict) -> ImportBatch:
    """The columns mapped on the mapping page: stored on the batch, to be checked again."""
    if batch.status not in MAPPABLE:
        raise ValidationError(_("Tệp này đang được nhập hoặc đã nhập; không ghép cột lại được."))
    batch.mapping = household_import.mapping.validate(mapping)
    batch.status = ImportBatch.Status.PENDING
    batch.errors, batch.summary, batch.rows = [], {}, 0
    batch.save(update_fields=["mapping", "status", "errors", "summary", "rows"])
    return batch


ALREADY_COMMITTED = _lazy(
    "Tệp này đang được nhập hoặc đã được nhập (có thể do một người khác vừa bấm “Nhập chính thức”); "
    "không nhập lại lần nữa. Hãy xem kết quả bên dưới."
)


def claim_commit(batch: ImportBatch) -> bool:
    """Take the checked batch for one commit: "checked" → "importing" in one UPDATE, so of two people
    pressing "Nhập chính thức" at once only the first goes on; the second is told (ALREADY_COMMITTED)
    instead of importing again or failing on the rows the first one is writing."""
    return bool(
        ImportBatch.objects.filter(pk=batch.pk, status=ImportBatch.Status.CHECKED).update(
            status=ImportBatch.Status.IMPORTING
        )
    )


def release_commit(batch: ImportBatch) -> None:
    """A claimed commit that failed before it wrote anything: the batch may be imported again."""
    ImportBatch.objects.filter(pk=batch.pk, status=ImportBatch.Status.IMPORTING).update(
        status=ImportBatch.Status.CHECKED
    )


def batch_commit(batch: ImportBatch, *, actor, job: Job | None = None) -> ImportBatch:
    """The real import, all-or-nothing: the file is checked again (the register may have changed
    since the dry run) and written in one transaction only if every row is valid."""
    if batch.status != ImportBatch.Status.CHECKED:
        raise ValidationError(_("Chỉ nhập được tệp đã kiểm tra và không có lỗi."))
    with batch.file.open("rb") as handle:
        plan = household_import.check(
            handle,
            survey_round=batch.round,
            commune=batch.commune,
            allowed_hamlet_ids=_allowed_hamlets(batch.uploaded_by, batch.round, batch.commune),
            progress=_progress(job, _("Đang kiểm tra lại trước khi nhập")),
            mapping=batch.mapping or None,
        )
    if not plan.ok:
        batch.status = ImportBatch.Status.INVALID
        batch.errors = [[0, "", plan.fatal]] if plan.fatal else plan.error_rows()[: household_import.MAX_STORED_ERRORS]
        batch.save(update_fields=["status", "errors"])
        return batch
    if job is not None:
        job_progress(job, plan.rows, plan.rows, _("Đang ghi %(n)s dòng vào sổ") % {"n": plan.rows})
    with transaction.atomic():
        summary = household_import.apply(
            plan, actor=actor, survey_round=batch.round, commune=batch.commune, file_name=batch.file_name
        )
        batch.summary = summary
        batch.status = ImportBatch.Status.IMPORTED
        batch.save(update_fields=["summary", "status"])
    return batch


# The shared job layer (the jobs app) runs large files in the worker with a progress bar --------


def _load(batch_id: str) -> ImportBatch:
    return ImportBatch.objects.select_related("round", "round__office", "commune", "uploaded_by").get(pk=batch_id)


def _fail(batch: ImportBatch, message: str) -> None:
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.INVALID, errors=[[0, "", message]])


def run_check_job(job: Job, *, batch: str):
    batch = _load(batch)
    try:
        batch = batch_check(batch, job=job)
    except Exception as exc:
        _fail(batch, str(GENERIC_ERROR))
        raise JobError(str(GENERIC_ERROR)) from exc
    job_progress(job, 1, 1, _("Đã kiểm tra %(n)s dòng, %(e)s lỗi") % {"n": batch.rows, "e": len(batch.errors)})


def run_commit_job(job: Job, *, batch: str):
    batch = _load(batch)
    batch.status = ImportBatch.Status.CHECKED
    try:
        batch = batch_commit(batch, actor=batch.uploaded_by, job=job)
    except Exception as exc:
        _fail(batch, str(GENERIC_ERROR))
        raise JobError(str(GENERIC_ERROR)) from exc
    if batch.status != ImportBatch.Status.IMPORTED:
        raise JobError(_("Tệp có lỗi, chưa có dòng nào được nhập."))
    job_progress(job, 1, 1, _("Đã nhập %(n)s dòng") % {"n": batch.rows})


GENERIC_ERROR = _lazy("Lỗi hệ thống khi xử lý tệp; chưa có dòng nào được nhập.")
CHECK_KIND = "literacy.import_check"
COMMIT_KIND = "literacy.import_commit"


def _reopen_interrupted_commit(sender, job: Job, **kwargs) -> None:
    """The worker died during the commit: its transaction wrote nothing, so the batch may be
    imported again ("Nhập chính thức") instead of staying "Đang nhập" for ever."""
    if job.kind == COMMIT_KIND and job.params.get("batch"):
        ImportBatch.objects.filter(pk=job.params["batch"], status=ImportBatch.Status.IMPORTING).update(
            status=ImportBatch.Status.CHECKED
        )


job_interrupted.connect(_reopen_interrupted_commit, dispatch_uid="literacy.reopen_interrupted_commit")


def start_job(batch: ImportBatch, phase: str) -> Job:
    """Queue the check or the commit for the worker (run inline under the tests' backend)."""
    if phase == "commit":
        ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.IMPORTING)
        kind, title = COMMIT_KIND, _("Nhập tệp %(f)s") % {"f": batch.file_name}
    else:
        kind, title = CHECK_KIND, _("Kiểm tra tệp %(f)s") % {"f": batch.file_name}
    with transaction.atomic():
        job = start_report_job(
            actor=batch.uploaded_by, kind=kind, title=title, params={"batch": str(batch.pk)}, unit=batch.commune
        )
        ImportBatch.objects.filter(pk=batch.pk).update(job=job)
    return job
