"""Background tasks (django-tasks, run by `manage.py db_worker`): large imports with progress."""

import logging

from django_tasks import task

from reports.models import Job

from .models import ImportBatch

logger = logging.getLogger(__name__)


def _fail(batch: ImportBatch, exc: Exception) -> None:
    logger.exception("Literacy import %s failed", batch.pk)
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportBatch.Status.INVALID, errors=[[0, "", "Lỗi hệ thống khi xử lý tệp; chưa có dòng nào được nhập."]]
    )
    if batch.job_id:
        Job.objects.filter(pk=batch.job_id).update(status=Job.Status.FAILED, message=str(exc)[:500])


@task()
def check_import(batch_id: str) -> None:
    from .imports import batch_check

    batch = ImportBatch.objects.select_related("round", "round__office", "commune", "uploaded_by").get(pk=batch_id)
    try:
        batch_check(batch)
    except Exception as exc:  # the user must see a failed job, not a bar stuck at 40%
        _fail(batch, exc)


@task()
def commit_import(batch_id: str) -> None:
    from .imports import batch_commit

    batch = ImportBatch.objects.select_related("round", "round__office", "commune", "uploaded_by").get(pk=batch_id)
    batch.status = ImportBatch.Status.CHECKED
    try:
        batch_commit(batch, actor=batch.uploaded_by)
    except Exception as exc:
        _fail(batch, exc)
