"""Pages of background jobs: my recent jobs, one job's progress (polled by htmx), its download.

Thin views: the access helper decides (the job's owner only; anyone else gets 404)."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from reports.jobs import get_job_for_user, job_download_response, jobs_of

JOBS_PER_PAGE = 20


@require_GET
def job_list(request):
    page = Paginator(jobs_of(request.user), JOBS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "documents/jobs/list.html", {"page_obj": page, "jobs": page.object_list})


@require_GET
def job_detail(request, pk):
    job = get_job_for_user(request.user, pk)
    return render(request, "documents/jobs/detail.html", {"job": job})


@require_GET
def job_progress(request, pk):
    """The htmx partial; it stops polling itself once the job has finished."""
    job = get_job_for_user(request.user, pk)
    return render(request, "documents/jobs/_progress.html", {"job": job})


@require_GET
def job_download(request, pk):
    return job_download_response(get_job_for_user(request.user, pk))
