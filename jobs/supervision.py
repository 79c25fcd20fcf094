"""Jobs whose worker died: found by the heartbeat or the process table, failed or queued again.

The sweep runs when the worker starts (`manage.py run_worker`), every minute inside it
(run_sweeper), and for one job whenever its page is looked at (settle_if_orphaned)."""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

from django.db import DatabaseError, connections, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy

from .heartbeat import heartbeat_timeout, worker_alive
from .models import Job
from .registry import job_interrupted, retries_on_interrupt
from .runner import INTERRUPTED, discard_result, run_job

logger = logging.getLogger(__name__)

REQUEUED = gettext_lazy("Việc bị gián đoạn do máy chủ khởi động lại; đang tự chạy lại từ đầu.")
MAX_ATTEMPTS = 2  # an interrupted retry-safe job runs at most once more by itself


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
    retry = retries_on_interrupt(job) and job.attempt < MAX_ATTEMPTS
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
    discard_result(job)
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
    was writing the result (the Job itself was recorded, see runner._write_outcome): make it agree."""
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
        exception_class_path="jobs.supervision.WorkerLost",
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
