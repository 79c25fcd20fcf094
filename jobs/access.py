"""Who sees a job: its owner only (jobs may hold data of many units); anyone else gets 404."""

from __future__ import annotations

from datetime import timedelta

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from .models import Job
from .supervision import settle_if_orphaned

STUCK_AFTER = timedelta(hours=1)


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


def job_looks_stuck(job: Job, *, now=None) -> bool:
    """Queued or running for over an hour: the worker may be down (make run starts it)."""
    if job.is_finished:
        return False
    since = job.started_at or job.created_at
    return since is not None and (now or timezone.now()) - since > STUCK_AFTER
