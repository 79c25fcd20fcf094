"""Tasks queued by the code before the move name `reports.jobs.run_job`, which no longer exists: the
worker could not import them and their jobs would wait "Đang chờ" for ever. Point them at the task's
new home. Only tasks not yet finished are touched; finished ones keep their history."""

from django.db import migrations

OLD, NEW = "reports.jobs.run_job", "jobs.runner.run_job"


def follow(apps, schema_editor):
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    DBTaskResult.objects.filter(task_path=OLD, status__in=["READY", "RUNNING"]).update(task_path=NEW)


def back(apps, schema_editor):
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    DBTaskResult.objects.filter(task_path=NEW, status__in=["READY", "RUNNING"]).update(task_path=OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0001_initial"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(follow, back)]
