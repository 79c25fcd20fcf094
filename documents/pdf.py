"""HTML → PDF with WeasyPrint, never touching the network.

The PDF is the HTML view of the same template rendered with documents/static/css/print.css (STYLE.md,
habit 8). Stylesheets and images are read from disk: /static/... through the staticfiles finders
(then STATIC_ROOT), /media/... from MEDIA_ROOT, data: URLs as they are; every other URL is
refused, so a document can never make the server fetch anything from the internet or the LAN.

Rendering is CPU-bound (shared SETUP-NOTES: ~1.3 s for 10 pages, ~8 s for 48): documents beyond a
few pages belong in a background job (the jobs app, `export_or_job`)."""

from __future__ import annotations

import functools
import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header

logger = logging.getLogger(__name__)
# WeasyPrint logs every parsing and layout step at INFO; the worker's log is for our own messages.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

# Relative URLs in documents resolve against this; the host is never contacted (see LocalFetcher).
DOCUMENT_BASE_URL = "http://gdtx.invalid/"


def _url_prefix(setting: str) -> str:
    value = getattr(settings, setting) or ""
    path = urlsplit(value).path if "://" in value else value
    return "/" + path.strip("/") + "/"


def _inside(root: Path, relative: str) -> Path | None:
    """The file `relative` under `root`, or None if it escapes the root ("../../etc/passwd")."""
    try:
        root = root.resolve()
        candidate = (root / relative).resolve()
    except (OSError, ValueError):
        return None
    if root != candidate and root not in candidate.parents:
        return None
    return candidate if candidate.is_file() else None


def local_path_for_url(url: str) -> Path | None:
    """Map a /static/ or /media/ URL (any host) to the file on disk, or None."""
    path = unquote(urlsplit(url).path)
    static_prefix = _url_prefix("STATIC_URL")
    media_prefix = _url_prefix("MEDIA_URL")
    if path.startswith(static_prefix):
        relative = path[len(static_prefix) :]
        if ".." in Path(relative).parts:
            return None
        found = finders.find(relative)
        if found:
            return Path(found)
        if settings.STATIC_ROOT:
            return _inside(Path(settings.STATIC_ROOT), relative)
        return None
    if path.startswith(media_prefix):
        return _inside(Path(settings.MEDIA_ROOT), path[len(media_prefix) :])
    return None


@functools.cache
def _local_fetcher_class():
    # WeasyPrint is imported on first use: it takes half a second and parses its own stylesheets,
    # which every web and worker process would otherwise pay at start-up.
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalFetcher(URLFetcher):
        """WeasyPrint URL fetcher that serves only local files and data: URLs."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            local = local_path_for_url(url)
            if local is None:
                logger.warning("PDF rendering refused to fetch %s", url)
                raise ValueError(f"Only local /static/ and /media/ files may be used in documents: {url}")
            mime_type = mimetypes.guess_type(local.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, local.read_bytes(), {"Content-Type": mime_type})

    return LocalFetcher


def local_fetcher():
    """A WeasyPrint url_fetcher that never leaves the machine (see the module docstring)."""
    return _local_fetcher_class()()


def render_pdf(html: str, base_url: str = DOCUMENT_BASE_URL) -> bytes:
    """Render an HTML string to PDF bytes. Links to /static/ and /media/ are read from disk."""
    from weasyprint import HTML

    return HTML(string=html, base_url=base_url or DOCUMENT_BASE_URL, url_fetcher=local_fetcher()).write_pdf()


def render_official_pdf(template_name: str, context: dict, request=None) -> bytes:
    """Render a template that extends documents/official.html and return the PDF's bytes.

    The same template with `preview=True` in its context is the browser preview; here
    `for_pdf=True` hides the preview toolbar."""
    context = {**context, "for_pdf": True, "preview": False}
    html = render_to_string(template_name, context, request=request)
    return render_pdf(html, DOCUMENT_BASE_URL)


def pdf_response(data: bytes, filename: str, *, inline: bool = False) -> HttpResponse:
    """PDF download (or inline view); the Vietnamese name travels as RFC 5987 `filename*`."""
    if not filename.lower().endswith(".pdf"):
        filename += ".pdf"
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
    response["Content-Length"] = str(len(data))
    return response


def official_document_response(
    request,
    template_name: str,
    context: dict,
    *,
    filename: str,
    back_url: str = "",
    xlsx_url: str = "",
    docx_url: str = "",
) -> HttpResponse:
    """One view, two outputs of the same template: `?pdf=1` downloads the PDF, otherwise the browser
    shows the preview on an A4 sheet with "Tải PDF" (and "Tải Word", "Tải Excel" when given) and
    "Quay lại" buttons."""
    if request.GET.get("pdf"):
        return pdf_response(render_official_pdf(template_name, context, request=request), filename)
    query = request.GET.copy()
    query["pdf"] = "1"
    preview = {
        "preview": True,
        "pdf_url": f"?{query.urlencode()}",
        "back_url": back_url,
        "xlsx_url": xlsx_url,
        "docx_url": docx_url,
    }
    return render(request, template_name, {**context, **preview})
