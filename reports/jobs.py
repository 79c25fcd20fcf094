"""Background jobs with a progress bar: long exports, imports and documents.

A module registers what a kind of job does, once, in its AppConfig.ready():

    from reports.jobs import register_job, job_progress

    def export_rollup(job, *, period_id):
        period = get_period_for_user(job.owner, period_id)       # re-check access as the owner
        rows = ...
        for done, row in enumerate(rows, 1):
            ...
            job_progress(job, done, len(rows), "Đang ghi bảng tổng hợp")
        return "Tong hop.xlsx", table_to_xlsx(table)             # (file name, bytes) or None

    register_job("reports.rollup_xlsx", export_rollup)

and a view starts it: `job = start_job(actor=request.user, kind=..., title=..., params={...})`,
then redirects to `job_detail_url(job)`, whose page polls the progress every second. Or the view
lets `export_or_job()` choose: small exports answer at once, large ones become jobs.

The work runs in a django-tasks task: the DatabaseBackend's worker (`manage.py db_worker`,
started by `make run`) in development and production, the ImmediateBackend (inline) in tests.
The Job row and the queued task are written in the same transaction, so the worker never picks a
task whose Job it cannot see. Nothing here is kept in module globals except the registry of
functions, which every process builds identically at start-up (DESIGN.md: several processes).

A worker can die in the middle of a job (killed, out of memory, the machine restarted). While a job
runs, a heartbeat thread stamps `Job.heartbeat_at` every JOB_HEARTBEAT_INTERVAL seconds, and the
job records which process runs it. `fail_orphaned_jobs()` finds running jobs whose process is gone
(same machine) or whose heartbeat is older than JOB_HEARTBEAT_TIMEOUT and marks them failed with
INTERRUPTED (the "Chạy lại" button starts them again) — or, for kinds registered with
`retry_on_interrupt=True` (exports that only make a file), queues them once more by themselves.
It runs when the worker starts (`manage.py run_worker`), every minute inside that worker, and for
one job whenever its page is looked at, so a progress bar never spins forever. Imports write in one
transaction, so a killed one has written nothing (tests/hardening/test_faults.py, bench/faults.py).
"""

from __future__ import annotations

import logging
import mimetypes
import os
import socket
import threading
import time
from collections.abc import Callable
from contextlib import nullcontext
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import DatabaseError, InterfaceError, OperationalError, connections, transaction
from django.db.models import F
from django.dispatch import Signal
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from units.audit import record

from .models import Job

logger = logging.getLogger(__name__)

JobFunc = Callable[..., "tuple[str, bytes] | None"]

# Rows above which an export runs as a job rather than in the request (shared SETUP-NOTES: a
# 10-page PDF takes ~1.3 s, 48 pages ~8 s; XLSX writes ~10,000 rows/s). Callers may pass their own.
DIRECT_EXPORT_MAX_ROWS = 2000
STREAM_DOWNLOADS_ABOVE = 25 * 1024 * 1024  # bytes; larger results are streamed from disk
STUCK_AFTER = timedelta(hours=1)
GENERIC_FAILURE = gettext_lazy(
    "Có lỗi khi thực hiện việc này. Hãy thử lại; nếu vẫn lỗi, hãy báo cho quản trị hệ thống."
)
INTERRUPTED = gettext_lazy("Việc bị gián đoạn do máy chủ khởi động lại; chưa có dữ liệu nào được ghi. Hãy chạy lại.")
REQUEUED = gettext_lazy("Việc bị gián đoạn do máy chủ khởi động lại; đang tự chạy lại từ đầu.")
MAX_ATTEMPTS = 2  # an interrupted retry-safe job runs at most once more by itself
DATABASE_GONE = (OperationalError, InterfaceError)  # the connection dropped: PostgreSQL restarting
OUTCOME_WRITE_SECONDS = 60  # how long the worker waits for the database to come back to record an outcome


# Sent (sender=Job, job=...) after an interrupted job was marked failed by the sweep, so the module
# that started it can put its own records back: e.g. an import batch left "importing" can be
# imported again (literacy.imports). Not sent when the job is queued again.
job_interrupted = Signal()


class JobError(Exception):
    """Raise from a job function with a Vietnamese message the user should read as it is."""


_registry: dict[str, JobFunc] = {}
_retry_on_interrupt: set[str] = set()


def register_job(kind: str, func: JobFunc, *, retry_on_interrupt: bool = False) -> None:
    """Declare what a job of `kind` does. `func(job, **params)` returns (file name, bytes) or None.

    `retry_on_interrupt=True` for work that is safe to repeat (an export that only makes a file):
    if its worker dies, the job is queued again once instead of being marked failed."""
    if kind in _registry and _registry[kind] is not func:
        raise ValueError(f"Job kind {kind!r} is registered twice.")
    _registry[kind] = func
    if retry_on_interrupt:
        _retry_on_interrupt.add(kind)
    else:
        _retry_on_interrupt.discard(kind)


def registered_kinds() -> list[str]:
    return sorted(_registry)


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
    if kind not in _registry:
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
    if job.kind not in _registry:
        raise ValidationError(_("Loại việc này không còn được hỗ trợ."))
    return start_job(actor=actor, kind=job.kind, title=job.title, params=job.params, unit=job.unit)


def job_looks_stuck(job: Job, *, now=None) -> bool:
    """Queued or running for over an hour: the worker may be down (make run starts it)."""
    if job.is_finished:
        return False
    since = job.started_at or job.created_at
    return since is not None and (now or timezone.now()) - since > STUCK_AFTER


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
    func = _registry.get(job.kind)
    try:
        if func is None:
            raise JobError(_("Loại việc này không còn được hỗ trợ."))
        # The worker runs in autocommit, so progress is seen at once. Run inline inside a caller's
        # transaction (ImmediateBackend, tests), a savepoint lets a failed job's writes roll back
        # while the job itself can still be marked failed.
        # In the worker (autocommit) a heartbeat thread shows the job is alive while it runs.
        inline = transaction.get_connection().in_atomic_block
        scope = transaction.atomic() if inline else nullcontext()
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
            _discard_result(job)
        job.refresh_from_db()
        return
    # The last progress message stays as the summary ("Đã nhập 1.234 người"); otherwise "Đã xong.".
    _write_outcome(
        job,
        status=Job.Status.DONE,
        finished_at=timezone.now(),
        progress=job.total or job.progress,
        message=job.message or _("Đã xong."),
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


def _discard_result(job: Job) -> None:
    try:
        name = job.result_file.name or Job.objects.filter(pk=job.pk).values_list("result_file", flat=True).first()
    except DATABASE_GONE:
        return  # nothing could have been recorded either
    if name:
        try:
            job.result_file.storage.delete(name)
        except OSError:
            logger.warning("Could not delete the partial result %s of job %s", name, job.pk)


# Reading -----------------------------------------------------------------------------------------


def jobs_of(user):
    """The user's own jobs, newest first. Jobs are private: they may hold data of many units."""
    return Job.objects.filter(owner=user).select_related("unit").order_by("-created_at")


def get_job_for_user(user, pk) -> Job:
    """404 unless the job is the user's own (an officer's export is not the principal's business,
    and telling apart "missing" from "someone else's" would leak that it exists).

    A running job whose worker has died is settled here (failed or queued again), so the page that
    polls it turns into "Lỗi … Chạy lại" by itself; for a healthy job this costs no query."""
    job = get_object_or_404(jobs_of(user), pk=pk)
    settle_if_orphaned(job)
    return job


def job_detail_url(job: Job) -> str:
    return reverse("jobs:detail", kwargs={"pk": job.pk})


def job_download_response(job: Job) -> HttpResponse:
    if job.status != Job.Status.DONE or not job.result_file:
        raise Http404(_("Việc này chưa có tệp kết quả."))
    try:
        handle = job.result_file.open("rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404(_("Tệp kết quả không còn trên máy chủ; hãy chạy lại.")) from error
    content_type = mimetypes.guess_type(job.result_name)[0] or "application/octet-stream"
    if job.result_file.size <= STREAM_DOWNLOADS_ABOVE:
        # Ordinary exports are a few MB: answer in one piece (middleware and tests can read it).
        with handle:
            response = HttpResponse(handle.read(), content_type=content_type)
    else:
        response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, job.result_name or "ket-qua")
    return response


# Short exports answer directly, long ones run as jobs ------------------------------------------


def export_or_job(
    request,
    *,
    kind: str,
    title: str,
    params: dict,
    estimated_rows: int,
    unit=None,
    threshold: int = DIRECT_EXPORT_MAX_ROWS,
) -> HttpResponse:
    """Answer a small export in the request; start a job and show its progress for a large one.

    Both paths run the same registered function, so the file is the same either way."""
    if estimated_rows <= threshold:
        func = _registry[kind]
        transient = Job(kind=kind, title=title, owner=request.user, unit=unit, params=params)
        try:
            result = func(transient, **params)
        except JobError as error:
            # Back to the page the export was asked from, with the reason; never a bare error page.
            messages.error(request, str(error))
            back = request.META.get("HTTP_REFERER", "")
            safe = url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()})
            return redirect(back if back and safe else "home")
        if result is None:
            raise ValueError(f"Job kind {kind!r} returned no file; export_or_job needs one.")
        name, content = result
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = content_disposition_header(True, name)
        return response
    job = start_job(actor=request.user, kind=kind, title=title, params=params, unit=unit)
    messages.info(request, _("Tệp lớn được tạo ở chế độ nền; trang này cho biết tiến độ và nút tải về khi xong."))
    return redirect(job_detail_url(job))


# Interrupted jobs: heartbeat and sweep --------------------------------------------------------------


def heartbeat_interval() -> float:
    return float(getattr(settings, "JOB_HEARTBEAT_INTERVAL", 10))


def heartbeat_timeout() -> float:
    return float(getattr(settings, "JOB_HEARTBEAT_TIMEOUT", 180))


def _proc_stat(pid: int) -> tuple[str, str] | None:
    """(state, start time in clock ticks) of a process from /proc, or None when it does not exist."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return fields[0], fields[19]  # fields 3 (state) and 22 (starttime) of proc(5)


def process_identity(pid: int | None = None) -> str:
    """ "host:pid:start" of a process; the start time tells a reused pid from the original process."""
    pid = pid or os.getpid()
    stat = _proc_stat(pid)
    return f"{socket.gethostname()}:{pid}:{stat[1] if stat else ''}"[:120]


def worker_alive(worker: str) -> bool | None:
    """Whether the worker process that claimed a job still runs: True / False when it ran on this
    machine (False also for a zombie, or a pid now used by another process), None when this cannot
    be told (another machine; JOB_WORKER_PID_CHECK = False where containers share a host name but
    not their process ids): such a worker is judged by its heartbeat alone."""
    host, _, rest = (worker or "").partition(":")
    pid_text, _, started = rest.partition(":")
    if not getattr(settings, "JOB_WORKER_PID_CHECK", True):
        return None
    if not host or host != socket.gethostname() or not pid_text.isdecimal():
        return None
    pid = int(pid_text)
    if os.path.isdir("/proc/self"):
        stat = _proc_stat(pid)
        return not (stat is None or stat[0] in ("Z", "X") or (bool(started) and stat[1] != started))
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by another user
    return True


def job_is_orphaned(job: Job, *, now=None) -> bool:
    """A running job that nobody is running any more. A worker on this machine is asked directly
    (a long transaction may hold up its heartbeat on SQLite); otherwise the heartbeat decides."""
    if job.status != Job.Status.RUNNING:
        return False
    alive = worker_alive(job.worker)
    if alive is not None:
        return not alive
    last_sign = job.heartbeat_at or job.started_at or job.created_at
    return last_sign is not None and (now or timezone.now()) - last_sign > timedelta(seconds=heartbeat_timeout())


def recover_orphaned_job(job: Job) -> str | None:
    """Fail an orphaned job with INTERRUPTED, or queue a retry-safe one again (once). Returns the
    new status, or None when the job changed meanwhile (a late heartbeat wins: nothing is done).

    The job's own writes were in the dead worker's transaction, which the database rolled back when
    its connection dropped; what can be left is a half-written result file, deleted here, and
    django-tasks' own record of the task, still "RUNNING": it is marked failed so that the task
    list tells the truth (the worker never picks a RUNNING task again, so it blocks nothing)."""
    retry = job.kind in _retry_on_interrupt and job.attempt < MAX_ATTEMPTS
    # Compare-and-set on what we read: a heartbeat written since then means the job is alive.
    same = Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING, worker=job.worker, heartbeat_at=job.heartbeat_at)
    with transaction.atomic():
        if retry:
            changed = same.update(
                status=Job.Status.QUEUED,
                attempt=F("attempt") + 1,
                progress=0,
                message=str(REQUEUED),
                started_at=None,
                heartbeat_at=None,
                worker="",
                result_file="",
                result_name="",
            )
            if changed:
                run_job.enqueue(str(job.pk))
        else:
            changed = same.update(
                status=Job.Status.FAILED,
                message=str(INTERRUPTED),
                finished_at=timezone.now(),
                result_file="",
                result_name="",
            )
        if changed:
            _close_lost_tasks(job)
    if not changed:
        return None
    logger.warning(
        "Job %s (%s) was interrupted (worker %s); %s",
        job.pk,
        job.kind,
        job.worker or "?",
        "queued again" if retry else "marked failed",
    )
    _discard_result(job)
    _discard_partial_files(job)
    if not retry:
        job.refresh_from_db()
        job_interrupted.send(sender=Job, job=job)
    return Job.Status.QUEUED if retry else Job.Status.FAILED


def settle_if_orphaned(job: Job | None) -> bool:
    """For a page that shows a job: settle it now if its worker has died. True if it changed."""
    if job is None or job.status != Job.Status.RUNNING or not job_is_orphaned(job):
        return False
    try:
        changed = recover_orphaned_job(job) is not None
    except DatabaseError as error:  # e.g. SQLite busy: the worker's sweep or the next poll will do it
        logger.info("Could not settle interrupted job %s now: %s", job.pk, error)
        return False
    job.refresh_from_db()
    return changed


def fail_orphaned_jobs(*, now=None) -> int:
    """Settle every running job whose worker has died (see recover_orphaned_job). Cheap: one query
    over the running jobs. Returns how many were failed or queued again."""
    count = 0
    for job in Job.objects.filter(status=Job.Status.RUNNING):
        if job_is_orphaned(job, now=now) and recover_orphaned_job(job):
            count += 1
    _close_finished_tasks()
    return count


def _close_finished_tasks() -> None:
    """django-tasks' record of a task stays RUNNING when the database went away just as the worker
    was writing the result (the Job itself was recorded, see _write_outcome): make it agree."""
    from django_tasks_db.models import DBTaskResult

    cutoff = timezone.now() - timedelta(seconds=heartbeat_timeout())
    lost = DBTaskResult.objects.filter(status="RUNNING", task_path=run_job.module_path, started_at__lt=cutoff)
    for task_result in lost:
        job_id = (task_result.args_kwargs.get("args") or [None])[0]
        status = Job.objects.filter(pk=job_id).values_list("status", flat=True).first() if job_id else None
        if status in (None, Job.Status.DONE, Job.Status.FAILED):
            DBTaskResult.objects.filter(pk=task_result.pk, status="RUNNING").update(
                status="SUCCESSFUL" if status == Job.Status.DONE else "FAILED", finished_at=timezone.now()
            )


def _close_lost_tasks(job: Job) -> None:
    """Mark django-tasks' RUNNING record of this job's task failed (its worker is gone)."""
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(
        status="RUNNING", task_path=f"{run_job.module_path}", args_kwargs__args__0=str(job.pk)
    ).update(
        status="FAILED",
        finished_at=timezone.now(),
        exception_class_path="reports.jobs.WorkerLost",
        traceback="The worker running this task stopped (killed or restarted); see the Job's message.",
    )


def _discard_partial_files(job: Job) -> None:
    """A worker killed while writing the result leaves a file that no row names: jobs/Y/m/<id>*."""
    storage = Job._meta.get_field("result_file").storage
    months = {timezone.localtime(when).strftime("jobs/%Y/%m") for when in (job.started_at, timezone.now()) if when}
    for folder in months:
        try:
            names = storage.listdir(folder)[1]
        except (OSError, NotImplementedError):
            continue
        for name in names:
            if name.startswith(str(job.pk)):
                try:
                    storage.delete(f"{folder}/{name}")
                except OSError:
                    logger.warning("Could not delete the partial result %s/%s", folder, name)


class Heartbeat:
    """While a job runs in the worker, stamp its heartbeat_at every JOB_HEARTBEAT_INTERVAL seconds
    from a thread with its own database connection (the job's own work may sit in one long
    transaction or one long step without progress calls)."""

    def __init__(self, job: Job):
        self.job_id = job.pk
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"job-heartbeat-{job.pk}", daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        self._thread.join(timeout=5)
        return False

    def beat(self) -> None:
        with transaction.atomic():
            connection = transaction.get_connection()
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:  # never queue behind a lock for long
                    cursor.execute("SET LOCAL lock_timeout = '2s'")
            Job.objects.filter(pk=self.job_id, status=Job.Status.RUNNING).update(heartbeat_at=timezone.now())

    def _run(self) -> None:
        try:
            while not self._stop.wait(heartbeat_interval()):
                try:
                    self.beat()
                except DatabaseError as error:  # locked or restarting: the next beat tries again
                    logger.info("Heartbeat of job %s not written: %s", self.job_id, error)
                    connections["default"].close()
        finally:
            connections.close_all()  # this thread's connections only


def run_sweeper(stop: threading.Event, every: float = 60.0) -> threading.Thread:
    """Start a thread that calls fail_orphaned_jobs() every `every` seconds until `stop` is set."""

    def loop():
        try:
            while not stop.wait(every):
                try:
                    fail_orphaned_jobs()
                except DatabaseError as error:
                    logger.info("Sweep of interrupted jobs skipped: %s", error)
                    connections["default"].close()
        finally:
            connections.close_all()

    thread = threading.Thread(target=loop, name="job-sweeper", daemon=True)
    thread.start()
    return thread


# Housekeeping ------------------------------------------------------------------------------------


def purge_old_jobs(*, days: int = 30) -> int:
    """Delete finished jobs older than `days` and their files (call it from a periodic task/cron)."""
    cutoff = timezone.now() - timedelta(days=days)
    old = Job.objects.filter(created_at__lt=cutoff, status__in=[Job.Status.DONE, Job.Status.FAILED])
    count = 0
    for job in old.iterator():
        if job.result_file:
            job.result_file.storage.delete(job.result_file.name)
        job.delete()
        count += 1
    return count
