"""Starting a job, running it in the django-tasks task, its progress and how it ended."""

from __future__ import annotations

import logging
import os
import time
from contextlib import nullcontext

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import InterfaceError, OperationalError, connections, transaction
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from units.audit import record

from .heartbeat import Heartbeat, process_identity
from .models import Job
from .registry import JobError, is_registered, job_function

logger = logging.getLogger(__name__)

GENERIC_FAILURE = gettext_lazy(
    "Có lỗi khi xử lý việc này. Hãy thử lại; nếu vẫn lỗi, hãy báo cho chuyên viên Phòng GD&ĐT."
)
INTERRUPTED = gettext_lazy("Việc bị gián đoạn do máy chủ khởi động lại; chưa có dữ liệu nào được ghi. Hãy chạy lại.")
DATABASE_GONE = (OperationalError, InterfaceError)  # the connection dropped: PostgreSQL restarting
OUTCOME_WRITE_SECONDS = 60  # how long the worker waits for the database to come back to record an outcome


# Progress ---------------------------------------------------------------------------------------


def job_progress(job: Job, done: int, total: int | None = None, message: str | None = None) -> None:
    """Report progress. Written straight to the row (not job.save()) so the status page sees it at
    once and no other field is overwritten. Writes happen when the percentage moves, at the end,
    or at most twice a second for a new message, so calling this per row of 100,000 is cheap."""
    total = job.total if total is None else max(int(total), 0)
    done = max(0, min(int(done), total)) if total else max(int(done), 0)
    written_percent = job.percent
    job.progress, job.total = done, total
    message_changed = message is not None and message != job.message
    if message is not None:
        job.message = message
    if job._state.adding:
        return  # a direct export (export_or_job): nobody is polling
    now = time.monotonic()
    last = getattr(job, "_progress_written_at", 0.0)
    due = job.percent != written_percent or (done == total and total) or (message_changed and now - last >= 0.5)
    if not due:
        return
    job._progress_written_at = now
    Job.objects.filter(pk=job.pk).update(progress=done, total=total, message=job.message, heartbeat_at=timezone.now())


# Starting and running ---------------------------------------------------------------------------


@transaction.atomic
def start_job(*, actor, kind: str, title: str, params: dict | None = None, unit=None) -> Job:
    """Create the Job row and queue its task. `params` must be JSON (ids, dates as ISO text)."""
    if not is_registered(kind):
        raise ValueError(f"Unknown job kind {kind!r}; register it with register_job().")
    job = Job(kind=kind, title=title[:255], owner=actor, unit=unit, params=params or {})
    job.full_clean()
    job.save()
    record(
        actor=actor, action="job.start", obj=job, unit=unit, changes={"kind": ("", kind), "params": ({}, job.params)}
    )
    run_job.enqueue(str(job.pk))
    job.refresh_from_db()  # the immediate backend (tests) has already run it
    return job


def retry_job(*, actor, job: Job) -> Job:
    """Run a failed job again as a new job with the same kind, title, unit and params."""
    if job.status != Job.Status.FAILED:
        raise ValidationError(_("Chỉ chạy lại được việc bị lỗi."))
    if not is_registered(job.kind):
        raise ValidationError(_("Loại việc này không còn được hỗ trợ."))
    return start_job(actor=actor, kind=job.kind, title=job.title, params=job.params, unit=job.unit)


@task()
def run_job(job_id: str) -> str:
    """The django-tasks task: run one Job and record how it ended."""
    job = Job.objects.filter(pk=job_id).select_related("owner", "unit").first()
    if job is None or job.status != Job.Status.QUEUED:
        return "skipped"  # deleted meanwhile, or already picked up by another worker
    now = timezone.now()
    claimed = Job.objects.filter(pk=job.pk, status=Job.Status.QUEUED).update(
        status=Job.Status.RUNNING, started_at=now, heartbeat_at=now, worker=process_identity()
    )
    if not claimed:
        return "skipped"
    job.refresh_from_db()
    execute_job(job)
    return job.status


def execute_job(job: Job) -> None:
    """Run a claimed job's function; keep its file on success, delete any partial file on failure."""
    func = job_function(job.kind)
    try:
        if func is None:
            raise JobError(_("Loại việc này không còn được hỗ trợ."))
        # The worker runs in autocommit, so progress is seen at once. Run inline inside a caller's
        # transaction (ImmediateBackend, tests), a savepoint lets a failed job's writes roll back
        # while the job itself can still be marked failed.
        # In the worker (autocommit) a heartbeat thread shows the job is alive while it runs.
        inline = transaction.get_connection().in_atomic_block
        scope = transaction.atomic() if inline else nullcontext()
        result = None
        with scope, nullcontext() if inline else Heartbeat(job):
            result = func(job, **job.params)
            if result is not None:
                name, content = result
                save_job_result(job, name, content)
    except Exception as error:  # every failure must end as a readable "Lỗi" for the user
        if isinstance(error, JobError):
            message = str(error)
        elif isinstance(error, ValidationError):
            message = "; ".join(error.messages)
        elif isinstance(error, DATABASE_GONE) or isinstance(error.__context__, DATABASE_GONE):
            # The database restarted under the job: its transaction was rolled back with the connection.
            logger.warning("Job %s (%s) lost its database connection: %s", job.pk, job.kind, error)
            message = str(INTERRUPTED)
        else:
            logger.exception("Job %s (%s) failed", job.pk, job.kind)
            message = str(GENERIC_FAILURE)
        partial = job.result_file.name
        _write_outcome(
            job, status=Job.Status.FAILED, message=message, finished_at=timezone.now(), result_file="", result_name=""
        )
        if partial:
            job.result_file.name = partial
            discard_result(job)
        job.refresh_from_db()
        return
    # A job without a file keeps its last progress message as the summary ("Đã nhập 1.234 người");
    # a file's last message said what was being done ("Đang dàn trang PDF"), so it ends as done.
    _write_outcome(
        job,
        status=Job.Status.DONE,
        finished_at=timezone.now(),
        progress=job.total or job.progress,
        message=_("Đã xong: tệp đã sẵn sàng để tải về.") if result is not None else (job.message or _("Đã xong.")),
    )
    job.refresh_from_db()


def _write_outcome(job: Job, **fields) -> None:
    """Record how the job ended. In the worker, a database that is restarting is waited for (up to
    OUTCOME_WRITE_SECONDS) rather than leaving the job "running"; inline (tests) it simply raises."""
    deadline = time.monotonic() + OUTCOME_WRITE_SECONDS
    while True:
        try:
            Job.objects.filter(pk=job.pk).update(**fields)
            return
        except DATABASE_GONE:
            if transaction.get_connection().in_atomic_block or time.monotonic() > deadline:
                raise
            connections["default"].close()  # reconnect on the next try
            time.sleep(1)


def save_job_result(job: Job, name: str, content: bytes) -> None:
    """Store the result under MEDIA_ROOT/jobs/ and remember the name the user will download it as.

    The stored name is an ASCII one made from the job id (file systems and backups differ in how
    they treat Vietnamese names); the download carries `name` via Content-Disposition."""
    extension = os.path.splitext(name)[1].lower()[:10]
    job.result_file.save(
        f"{job.pk}{get_valid_filename(extension) if extension else ''}", ContentFile(content), save=False
    )
    job.result_name = name[:255]
    Job.objects.filter(pk=job.pk).update(result_file=job.result_file.name, result_name=job.result_name)


def discard_result(job: Job) -> None:
    """Delete the job's result file (a partial one after a failure); the row is left as it is."""
    try:
        name = job.result_file.name or Job.objects.filter(pk=job.pk).values_list("result_file", flat=True).first()
    except DATABASE_GONE:
        return  # nothing could have been recorded either
    if name:
        try:
            job.result_file.storage.delete(name)
        except OSError:
            logger.warning("Could not delete the partial result %s of job %s", name, job.pk)
