"""Permission cases of the background-job pages: a job is private to the person who asked for it.

tests/test_permission_matrix.py collects these cases with every tests/<app>/matrix.py."""

from django.core.files.base import ContentFile

from jobs.models import Job
from jobs.registry import register_job
from tests.permission_matrix import ALL_ROLES, EVERYONE, UrlCase
from units.models import Role

NOT_OWNER = set(ALL_ROLES) - {Role.OFFICE_OFFICER}


def _example(job, **params):
    return "Ví dụ.xlsx", b"PK"


register_job("matrix.example", _example)


def officer_job(world, *, done: bool = False, failed: bool = False) -> Job:
    """A job of world.officer (running, failed, or done with a small result file), made once per World."""
    status = Job.Status.DONE if done else Job.Status.FAILED if failed else Job.Status.RUNNING
    attr = f"_matrix_job_{status}"
    job = getattr(world, attr, None)
    if job is None:
        job = Job.objects.create(
            kind="matrix.example",
            title="Xuất bảng tổng hợp",
            owner=world.officer,
            unit=world.office,
            status=status,
            progress=3 if done else 1,
            total=3,
        )
        if done:
            job.result_file.save(f"{job.pk}.xlsx", ContentFile(b"PK-not-really-a-workbook"), save=False)
            job.result_name = "Tổng hợp.xlsx"
            job.save()
        setattr(world, attr, job)
    return job


JOB_CASES = [
    UrlCase("jobs:list", ok=EVERYONE, outsider=200),
    UrlCase("jobs:detail", kwargs=lambda w: {"pk": officer_job(w).pk}, ok={Role.OFFICE_OFFICER}, hidden=NOT_OWNER),
    UrlCase(
        "jobs:progress",
        kwargs=lambda w: {"pk": officer_job(w).pk},
        ok={Role.OFFICE_OFFICER},
        hidden=NOT_OWNER,
        htmx=True,
    ),
    UrlCase(
        "jobs:download",
        kwargs=lambda w: {"pk": officer_job(w, done=True).pk},
        ok={Role.OFFICE_OFFICER},
        hidden=NOT_OWNER,
    ),
    UrlCase(
        "jobs:retry",
        kwargs=lambda w: {"pk": officer_job(w, failed=True).pk},
        ok={Role.OFFICE_OFFICER},
        hidden=NOT_OWNER,
        method="post",
    ),
]


CASES = JOB_CASES
