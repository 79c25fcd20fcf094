"""HTTP answers about jobs: the result's download, and export_or_job (small exports answer in the
request, large ones become a job with a progress page)."""

from __future__ import annotations

import mimetypes

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from .access import job_detail_url
from .models import Job
from .registry import JobError, job_function
from .runner import start_job

# Rows above which an export runs as a job rather than in the request (shared SETUP-NOTES: a
# 10-page PDF takes ~1.3 s, 48 pages ~8 s; XLSX writes ~10,000 rows/s). Callers may pass their own.
DIRECT_EXPORT_MAX_ROWS = 2000
STREAM_DOWNLOADS_ABOVE = 25 * 1024 * 1024  # bytes; larger results are streamed from disk


def job_download_response(job: Job) -> HttpResponse:
    if job.status != Job.Status.DONE or not job.result_file:
        raise Http404(_("Việc này chưa có tệp kết quả."))
    try:
        handle = job.result_file.open("rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404(_("Tệp kết quả không còn trên máy chủ; hãy chạy lại.")) from error
    content_type = mimetypes.guess_type(job.result_name)[0] or "application/octet-stream"
    if job.result_file.size <= STREAM_DOWNLOADS_ABOVE:
        # Ordinary exports are a few MB: answer in one piece (middleware and tests can read it).
        with handle:
            response = HttpResponse(handle.read(), content_type=content_type)
    else:
        response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, job.result_name or "ket-qua")
    return response


def export_or_job(
    request,
    *,
    kind: str,
    title: str,
    params: dict,
    estimated_rows: int,
    unit=None,
    threshold: int = DIRECT_EXPORT_MAX_ROWS,
) -> HttpResponse:
    """Answer a small export in the request; start a job and show its progress for a large one.

    Both paths run the same registered function, so the file is the same either way."""
    if estimated_rows <= threshold:
        func = job_function(kind)
        if func is None:
            raise KeyError(kind)
        transient = Job(kind=kind, title=title, owner=request.user, unit=unit, params=params)
        try:
            result = func(transient, **params)
        except JobError as error:
            # Back to the page the export was asked from, with the reason; never a bare error page.
            messages.error(request, str(error))
            back = request.META.get("HTTP_REFERER", "")
            safe = url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()})
            return redirect(back if back and safe else "home")
        if result is None:
            raise ValueError(f"Job kind {kind!r} returned no file; export_or_job needs one.")
        name, content = result
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = content_disposition_header(True, name)
        return response
    job = start_job(actor=request.user, kind=kind, title=title, params=params, unit=unit)
    messages.info(request, _("Tệp lớn được tạo ở chế độ nền; trang này cho biết tiến độ và nút tải về khi xong."))
    return redirect(job_detail_url(job))
