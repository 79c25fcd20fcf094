"""Faults (issue 8): the worker killed in the middle of a job, the database connection dropped in the
middle of a request. The job ends failed with a message (or runs again by itself when repeating it
is harmless), nothing is half-written, and the site recovers without anyone restarting it.

The first tests drive the jobs app's sweep (jobs.supervision) on rows set up as a killed worker leaves them. The two
subprocess tests do it for real: `manage.py run_worker` on a copy of the test database (a file for
SQLite, the test database itself on PostgreSQL) runs a slow job from tests/hardening/slow_jobs,
gets SIGKILL half-way, and a second worker is started. The connection tests terminate this test's
own PostgreSQL backend (pg_terminate_backend) or, on SQLite, where there is no server to restart,
make the next query fail the way a dropped connection does.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from jobs.heartbeat import process_identity
from jobs.models import Job
from jobs.registry import register_job
from jobs.runner import INTERRUPTED, job_progress, run_job, start_job
from jobs.supervision import fail_orphaned_jobs, job_is_orphaned, recover_orphaned_job
from tests.factories import World
from tests.hardening.slow_jobs.apps import ROW_ACTION, SLOW_EXPORT, SLOW_IMPORT
from units.models import AuditEntry

OTHER_MACHINE = "another-host:4242:777"


def _export(job):
    job_progress(job, 1, 1, "Đang tạo tệp")
    return "Danh sách.xlsx", b"noi dung"


def _database_restarts(job):
    job_progress(job, 1, 2, "Đang ghi")
    raise OperationalError("terminating connection due to administrator command")


register_job("tests.faults.export", _export)
register_job("tests.faults.database_restarts", _database_restarts)
register_job("tests.faults.repeatable", _export, retry_on_interrupt=True)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _running_job(world, *, kind="tests.faults.export", beat_ago=timedelta(minutes=10), worker=OTHER_MACHINE, **extra):
    now = timezone.now()
    return Job.objects.create(
        kind=kind,
        title="Xuất danh sách",
        owner=world.officer,
        status=Job.Status.RUNNING,
        progress=40,
        total=100,
        message="Đang tạo tệp",
        started_at=now - beat_ago - timedelta(seconds=30),
        heartbeat_at=now - beat_ago,
        worker=worker,
        **extra,
    )


def _lost_task(job) -> DBTaskResult:
    """django-tasks' record of the task, as a killed worker leaves it: RUNNING for ever."""
    return DBTaskResult.objects.create(
        status="RUNNING",
        args_kwargs={"args": [str(job.pk)], "kwargs": {}},
        task_path=run_job.module_path,
        backend_name="default",
        run_after=timezone.now(),
        worker_ids=["killed-worker"],
    )


# The sweep ----------------------------------------------------------------------------------------


def test_a_job_whose_heartbeat_stopped_is_failed_with_a_message_and_the_retry_button_runs_it(world, login):
    job = _running_job(world)
    partial = default_storage.save(f"{timezone.localtime().strftime('jobs/%Y/%m')}/{job.pk}.xlsx", ContentFile(b"nua"))
    task = _lost_task(job)

    assert fail_orphaned_jobs() == 1

    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.message == "Việc bị gián đoạn do máy chủ khởi động lại; chưa có dữ liệu nào được ghi. Hãy chạy lại."
    assert job.finished_at is not None
    assert not default_storage.exists(partial), "the half-written result file is deleted"
    task.refresh_from_db()
    assert task.status == "FAILED" and task.finished_at is not None

    client = login(world.officer)
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert str(INTERRUPTED) in page and "Chạy lại" in page and 'hx-trigger="every 1s"' not in page

    response = client.post(reverse("jobs:retry", args=[job.pk]))
    again = Job.objects.exclude(pk=job.pk).get(kind=job.kind)
    assert response["Location"] == reverse("jobs:detail", args=[again.pk])
    assert again.status == Job.Status.DONE and again.result_file.read() == b"noi dung"


def test_a_job_with_a_fresh_heartbeat_or_a_live_worker_on_this_machine_is_left_alone(world, login):
    job = _running_job(world, beat_ago=timedelta(seconds=5))
    # This very process stands for a worker on this machine that is alive but busy in one long
    # transaction (its heartbeat held up): asking the process beats the old heartbeat.
    mine = _running_job(world, beat_ago=timedelta(minutes=10), worker=process_identity())

    assert fail_orphaned_jobs() == 0

    page = login(world.officer).get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "Đang chạy" in page and "Chạy lại" not in page and 'hx-trigger="every 1s"' in page
    assert Job.objects.filter(pk__in=[job.pk, mine.pk], status=Job.Status.RUNNING).count() == 2


def test_the_job_page_sees_at_once_that_its_worker_process_on_this_machine_is_gone(world, login):
    process = subprocess.Popen(["sleep", "30"])
    identity = process_identity(process.pid)
    process.kill()
    process.wait()
    job = _running_job(world, beat_ago=timedelta(seconds=2), worker=identity)  # heartbeat still fresh

    page = login(world.officer).get(reverse("jobs:detail", args=[job.pk])).content.decode()

    assert str(INTERRUPTED) in page and "Chạy lại" in page
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED


def test_an_import_whose_worker_died_can_be_imported_again_from_its_page(world, login):
    from literacy.import_batches import COMMIT_KIND
    from literacy.models import ImportBatch
    from tests.literacy.fixtures import literacy_world

    batch = literacy_world(world).batch
    process = subprocess.Popen(["sleep", "30"])
    identity = process_identity(process.pid)
    process.kill()
    process.wait()
    job = _running_job(world, kind=COMMIT_KIND, beat_ago=timedelta(seconds=2), worker=identity)
    Job.objects.filter(pk=job.pk).update(params={"batch": str(batch.pk)})
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.IMPORTING, job=job)

    page = login(world.officer).get(reverse("literacy:import_detail", args=[batch.pk])).content.decode()

    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.CHECKED, "no longer stuck in 'Đang nhập'"
    assert "Nhập chính thức" in page
    assert Job.objects.get(pk=job.pk).message == str(INTERRUPTED)


def test_an_interrupted_export_that_is_safe_to_repeat_runs_again_once_by_itself(world):
    job = _running_job(world, kind="tests.faults.repeatable")

    assert fail_orphaned_jobs() == 1

    job.refresh_from_db()  # the tests' immediate backend has already run the second attempt
    assert (job.status, job.attempt, job.result_name) == (Job.Status.DONE, 2, "Danh sách.xlsx")

    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.RUNNING,
        heartbeat_at=timezone.now() - timedelta(minutes=10),
        worker=OTHER_MACHINE,
        result_file="",
    )
    assert fail_orphaned_jobs() == 1
    job.refresh_from_db()
    assert (job.status, job.attempt, job.message) == (Job.Status.FAILED, 2, str(INTERRUPTED)), "no third run"


def test_a_heartbeat_written_after_the_sweep_looked_wins(world):
    job = _running_job(world)
    assert job_is_orphaned(job)
    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now())  # the worker was only slow

    assert recover_orphaned_job(job) is None
    job.refresh_from_db()
    assert job.status == Job.Status.RUNNING and job.message == "Đang tạo tệp"


def test_a_job_whose_database_restarted_under_it_ends_failed_with_the_same_message(world):
    job = start_job(actor=world.officer, kind="tests.faults.database_restarts", title="Nhập")

    assert (job.status, job.message) == (Job.Status.FAILED, str(INTERRUPTED))


def test_a_task_record_left_running_after_its_job_was_recorded_is_closed_by_the_sweep(world):
    done = Job.objects.create(kind="tests.faults.export", title="X", owner=world.officer, status=Job.Status.DONE)
    task = _lost_task(done)
    DBTaskResult.objects.filter(pk=task.pk).update(started_at=timezone.now() - timedelta(minutes=10))

    fail_orphaned_jobs()

    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"


# A real worker, killed -----------------------------------------------------------------------------


class WorkerRig:
    """A database the worker subprocess can share with the test, and the worker processes."""

    def __init__(self, tmp_path: Path):
        self.tmp_path = tmp_path
        self.media = tmp_path / "worker-media"
        self.processes: list[subprocess.Popen] = []
        self.sqlite_file = tmp_path / "worker.sqlite3" if connection.vendor == "sqlite" else None

    def database_url(self) -> str:
        if self.sqlite_file:
            return f"sqlite:///{self.sqlite_file}"
        db = connection.settings_dict
        auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
        return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"

    def publish(self) -> None:
        """SQLite: copy the in-memory test database (committed rows) to a file the worker opens."""
        if self.sqlite_file:
            connection.ensure_connection()
            target = sqlite3.connect(self.sqlite_file)
            connection.connection.backup(target)
            target.close()

    def start_worker(self) -> subprocess.Popen:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.hardening.fault_settings",
            "DATABASE_URL": self.database_url(),
            "FAULT_MEDIA_ROOT": str(self.media),
        }
        log = open(self.tmp_path / f"worker-{len(self.processes)}.log", "wb")  # noqa: SIM115
        command = [sys.executable, "manage.py", "run_worker", "--no-startup-delay", "--interval", "0.1", "--no-reload"]
        process = subprocess.Popen(command, cwd=django_settings.BASE_DIR, env=env, stdout=log, stderr=log)
        log.close()
        self.processes.append(process)
        return process

    def query(self, sql: str, params: list) -> list[tuple]:
        if self.sqlite_file:
            with sqlite3.connect(self.sqlite_file, timeout=20) as db:
                return db.execute(sql.replace("%s", "?"), params).fetchall()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def job(self, job: Job) -> dict:
        key = job.pk.hex if self.sqlite_file else job.pk
        row = self.query("SELECT status, message, attempt, result_file FROM reports_job WHERE id = %s", [key])[0]
        return dict(zip(["status", "message", "attempt", "result_file"], row, strict=True))

    def rows_written(self) -> int:
        return self.query("SELECT COUNT(*) FROM units_auditentry WHERE action = %s", [ROW_ACTION])[0][0]

    def task_statuses(self, job: Job) -> list[str]:
        rows = self.query("SELECT status, args_kwargs FROM django_tasks_database_dbtaskresult", [])
        return [status for status, args in rows if str(job.pk) in str(args)]

    def wait_for(self, condition, what: str, seconds: float = 30.0):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            value = condition()
            if value:
                return value
            for process in self.processes:
                if process.poll() not in (None, -signal.SIGKILL):
                    logs = "".join(p.read_text() for p in sorted(self.tmp_path.glob("worker-*.log")))
                    raise AssertionError(f"a worker exited with {process.returncode}:\n{logs}")
            time.sleep(0.1)
        logs = "".join(p.read_text() for p in sorted(self.tmp_path.glob("worker-*.log")))
        raise AssertionError(f"gave up waiting for {what}; worker logs:\n{logs}")

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture
def rig(transactional_db, tmp_path):
    rig = WorkerRig(tmp_path)
    yield rig
    rig.stop()


def _queue_for_the_worker(world, kind: str, marker: Path, **params) -> Job:
    """What start_job does with the database backend: the Job row and django-tasks' queued task."""
    job = Job.objects.create(kind=kind, title="Việc chậm", owner=world.officer, params=params)
    job.params["halfway_marker"] = str(marker)
    Job.objects.filter(pk=job.pk).update(params=job.params)
    DatabaseBackend("default", {}).enqueue(run_job, [str(job.pk)], {})
    return job


def test_a_worker_killed_half_way_through_an_import_writes_nothing_and_the_next_worker_fails_the_job(rig):
    world = World()
    marker = rig.tmp_path / "halfway"
    job = _queue_for_the_worker(world, SLOW_IMPORT, marker, rows=40, step=0.1)
    rig.publish()

    first = rig.start_worker()
    rig.wait_for(marker.exists, "the import to be half-way through its transaction")
    assert rig.job(job)["status"] == "running"
    first.send_signal(signal.SIGKILL)
    first.wait()

    assert rig.rows_written() == 0, "the killed transaction left no rows"
    assert rig.job(job)["status"] == "running", "nobody has looked yet"

    rig.start_worker()
    ended = rig.wait_for(lambda: rig.job(job)["status"] != "running" and rig.job(job), "the job to be settled")

    assert ended["status"] == "failed"
    assert ended["message"] == str(INTERRUPTED)
    assert rig.rows_written() == 0
    assert rig.task_statuses(job) == ["FAILED"], "django-tasks' record no longer claims to be running"
    assert AuditEntry.objects.filter(action=ROW_ACTION).count() == 0


def test_an_export_killed_half_way_is_run_again_by_the_next_worker_and_its_file_is_whole(rig):
    world = World()
    marker = rig.tmp_path / "halfway"
    job = _queue_for_the_worker(world, SLOW_EXPORT, marker, rows=40, step=0.1)
    rig.publish()

    first = rig.start_worker()
    rig.wait_for(marker.exists, "the export to be half-way")
    first.send_signal(signal.SIGKILL)
    first.wait()

    rig.start_worker()
    ended = rig.wait_for(lambda: rig.job(job)["status"] in ("done", "failed") and rig.job(job), "the second run")

    assert (ended["status"], ended["attempt"]) == ("done", 2)
    assert (rig.media / ended["result_file"]).read_bytes() == "".join(f"{n}\n" for n in range(40)).encode()
    # django-tasks marks its own record after the function returns, a moment after the job row says
    # "done": wait for it (on a loaded machine it was still RUNNING when read at once).
    rig.wait_for(lambda: "RUNNING" not in rig.task_statuses(job), "django-tasks to record the second run")
    assert sorted(rig.task_statuses(job)) == ["FAILED", "SUCCESSFUL"]


# The database connection dropped in the middle of a request ----------------------------------------


def _drop_this_connection():
    """PostgreSQL: end this test's server backend from another session, as a restart does.
    SQLite (no server): make the next query fail as a dropped connection does."""
    if connection.vendor == "postgresql":
        import psycopg2

        pid = connection.connection.get_backend_pid()
        db = connection.settings_dict
        other = psycopg2.connect(
            dbname=db["NAME"], user=db["USER"], password=db["PASSWORD"], host=db["HOST"], port=db["PORT"] or 5432
        )
        other.autocommit = True
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        other.close()
        return None

    def fail_once(execute, sql, params, many, context):
        connection.execute_wrappers.remove(fail_once)
        raise OperationalError("server closed the connection unexpectedly")

    connection.execute_wrappers.append(fail_once)
    return fail_once


@pytest.mark.django_db(transaction=True)
def test_a_request_that_meets_a_dropped_database_connection_gets_a_503_page_and_the_next_one_works():
    world = World()
    client = Client(raise_request_exception=False)
    client.force_login(world.officer)
    assert client.get(reverse("home")).status_code == 200
    connection.ensure_connection()

    _drop_this_connection()
    response = client.get(reverse("home"))

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    page = response.content.decode()
    assert "Máy chủ dữ liệu đang khởi động lại, hãy thử lại sau ít giây." in page
    assert "chưa được lưu" not in page
    assert client.get(reverse("home")).status_code == 200, "the broken connection was replaced"


@pytest.mark.django_db(transaction=True)
def test_a_form_sent_while_the_database_restarts_saves_nothing_and_says_so():
    world = World()
    failed = Job.objects.create(kind="tests.faults.export", title="Xuất", owner=world.officer, status="failed")
    client = Client(raise_request_exception=False)
    client.force_login(world.officer)
    assert client.get(reverse("jobs:detail", args=[failed.pk])).status_code == 200
    connection.ensure_connection()

    def drop_before_the_insert(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith("INSERT"):
            connection.execute_wrappers.remove(drop_before_the_insert)
            if connection.vendor != "postgresql":
                raise OperationalError("server closed the connection unexpectedly")
            _drop_this_connection()
        return execute(sql, params, many, context)

    connection.execute_wrappers.append(drop_before_the_insert)
    try:
        response = client.post(reverse("jobs:retry", args=[failed.pk]))
    finally:
        for wrapper in list(connection.execute_wrappers):
            connection.execute_wrappers.remove(wrapper)

    assert response.status_code == 503
    assert "Thao tác vừa gửi chưa được lưu" in response.content.decode()
    assert Job.objects.filter(owner=world.officer).count() == 1, "no second job was half-created"
    assert client.get(reverse("jobs:detail", args=[failed.pk])).status_code == 200
