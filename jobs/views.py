"""Pages of background jobs: my recent jobs, one job's progress (polled by htmx), its download.

Thin views: the access helper decides (the job's owner only; anyone else gets 404)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .access import get_job_for_user, job_detail_url, job_looks_stuck, jobs_of
from .responses import job_download_response
from .runner import retry_job

JOBS_PER_PAGE = 20


@require_GET
def job_list(request):
    page = Paginator(jobs_of(request.user), JOBS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "jobs/list.html", {"page_obj": page, "jobs": page.object_list})


@require_GET
def job_detail(request, pk):
    job = get_job_for_user(request.user, pk)
    return render(request, "jobs/detail.html", {"job": job, "stuck": job_looks_stuck(job)})


@require_GET
def job_progress(request, pk):
    """The htmx partial; it stops polling itself once the job has finished."""
    job = get_job_for_user(request.user, pk)
    return render(request, "jobs/_progress.html", {"job": job, "stuck": job_looks_stuck(job)})


@require_GET
def job_download(request, pk):
    return job_download_response(get_job_for_user(request.user, pk))


@require_POST
def job_retry(request, pk):
    job = get_job_for_user(request.user, pk)
    try:
        new_job = retry_job(actor=request.user, job=job)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(job_detail_url(job))
    messages.success(request, _("Đã chạy lại việc."))
    return redirect(job_detail_url(new_job))
