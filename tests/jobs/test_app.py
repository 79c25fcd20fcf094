"""The jobs app owns the Job model (issue 13) without moving a row: the table is still reports_job,
the migration state has one Job (in jobs), and literacy's import batches point at it."""

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse

from jobs.models import Job

pytestmark = pytest.mark.django_db


def test_the_job_model_is_the_jobs_apps_and_keeps_its_table():
    assert apps.get_model("jobs", "Job") is Job
    assert Job._meta.db_table == "reports_job"
    with pytest.raises(LookupError):
        apps.get_model("reports", "Job")


def test_after_the_migrations_the_state_knows_one_job_model_on_the_old_table():
    state = MigrationLoader(connection).project_state()
    assert ("reports", "job") not in state.models
    assert state.models["jobs", "job"].options["db_table"] == "reports_job"
    batch_job = state.models["literacy", "importbatch"].fields["job"]
    assert batch_job.remote_field.model == "jobs.job"


def test_a_job_row_written_before_the_move_is_shown_to_its_owner(world, client):
    """A row in reports_job as the old code left it is the same job on /viec/ after the move."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO reports_job (id, kind, title, owner_id, status, progress, total, message, params,"
            " result_file, result_name, created_at, worker, attempt)"
            " VALUES (%s, 'old.kind', 'Xuất bảng cũ', %s, 'failed', 0, 0, 'Lỗi cũ', '{}', '', '', %s, '', 1)",
            ["0b5d6c1e-0000-4000-8000-000000000001", world.officer.pk, "2026-11-01T00:00:00+00:00"],
        )
    client.force_login(world.officer)
    page = client.get(reverse("jobs:list"))
    assert page.status_code == 200 and "Xuất bảng cũ" in page.content.decode()
    assert Job.objects.get(title="Xuất bảng cũ").status == Job.Status.FAILED


def test_purge_jobs_deletes_old_finished_jobs_and_their_files_and_keeps_the_rest(world, settings, tmp_path):
    import datetime

    from django.core.files.base import ContentFile
    from django.core.management import call_command
    from django.utils import timezone

    settings.MEDIA_ROOT = tmp_path
    old_done = Job.objects.create(kind="k", title="Cũ", owner=world.officer, status=Job.Status.DONE)
    old_done.result_file.save("old.xlsx", ContentFile(b"PK"))
    old_running = Job.objects.create(kind="k", title="Đang chạy", owner=world.officer, status=Job.Status.RUNNING)
    recent = Job.objects.create(kind="k", title="Mới", owner=world.officer, status=Job.Status.DONE)
    long_ago = timezone.now() - datetime.timedelta(days=31)
    Job.objects.filter(pk__in=[old_done.pk, old_running.pk]).update(created_at=long_ago)
    stored = old_done.result_file.path

    call_command("purge_jobs", "--days", "30", verbosity=0)

    assert set(Job.objects.values_list("title", flat=True)) == {"Đang chạy", "Mới"}
    assert not (tmp_path / stored).exists()
    assert recent.pk in set(Job.objects.values_list("pk", flat=True))


def test_a_task_queued_by_the_old_code_is_run_by_the_new_one():
    """A task the old code queued names reports.jobs.run_job; after the migration the worker finds it."""
    import importlib

    from django.utils.module_loading import import_string
    from django_tasks_db.models import DBTaskResult

    def queued(path, status):
        return DBTaskResult.objects.create(
            task_path=path, status=status, args_kwargs={"args": ["x"], "kwargs": {}}, backend_name="default"
        )

    waiting = queued("reports.jobs.run_job", "READY")
    finished = queued("reports.jobs.run_job", "SUCCESSFUL")
    importlib.import_module("jobs.migrations.0002_queued_tasks_follow_the_move").follow(apps, None)
    waiting.refresh_from_db()
    finished.refresh_from_db()
    assert import_string(waiting.task_path).name == "run_job"
    assert finished.task_path == "reports.jobs.run_job"  # history stays as it was
