"""Which process runs a job, whether that process still lives, and the heartbeat it writes."""

from __future__ import annotations

import logging
import os
import socket
import threading

from django.conf import settings
from django.db import DatabaseError, connections, transaction
from django.utils import timezone

from .models import Job

logger = logging.getLogger(__name__)


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
