"""The database went away (PostgreSQL restarted, a connection dropped): a calm 503, then recovery.

A request that hits a dead connection raises django.db.OperationalError / InterfaceError. Instead
of the generic 500 page the user gets "Máy chủ dữ liệu đang khởi động lại, hãy thử lại sau ít giây"
with status 503 and Retry-After, and for a form that was sent, that nothing was saved (every write
runs in a transaction, which the database rolled back with the connection). The broken connection
is closed here, so the next request opens a fresh one; between requests CONN_HEALTH_CHECKS (base.py)
replaces a persistent connection that died while idle. The middleware sits after the
authentication middleware and catches both places a request meets the database:

- loading the session and the user, which it does itself before the rest of the chain (otherwise
  that first query would fail inside another middleware and become a plain 500);
- the view (`process_exception`).

`server_error` does the same for a handler500, should a project urls module name it.

The page is rendered without the request's context processors (they query the database) and
without any script, so it works whatever state the database is in.

NoStoreMiddleware (below) keeps private pages and downloads out of every cache.
"""

from __future__ import annotations

import logging
import sys

from django.db import InterfaceError, OperationalError, connections
from django.http import FileResponse, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.views import defaults

logger = logging.getLogger(__name__)

DATABASE_DOWN_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 5


def drop_broken_connections() -> None:
    """Close this thread's connections that no longer answer, so the next query reconnects."""
    for connection in connections.all(initialized_only=True):
        if connection.connection is not None and not connection.is_usable():
            connection.close()


def database_unavailable_response(request) -> HttpResponse:
    sent_a_form = request.method not in ("GET", "HEAD", "OPTIONS")
    html = render_to_string("503.html", {"sent_a_form": sent_a_form, "path": request.get_full_path()})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def _database_down(request, error: BaseException) -> HttpResponse:
    logger.error("Database unavailable during %s %s: %s", request.method, request.path, error, exc_info=error)
    drop_broken_connections()
    return database_unavailable_response(request)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            getattr(request.user, "pk", None)  # the session and user queries, usually a request's first
        except DATABASE_DOWN_ERRORS as error:
            return _database_down(request, error)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_DOWN_ERRORS):
            return _database_down(request, exception)
        return None


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    """handler500: the 503 page when the uncaught error was the database going away."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_DOWN_ERRORS):
        return _database_down(request, error)
    return defaults.server_error(request, template_name)


class NoStoreMiddleware:
    """`Cache-Control: no-store, private` on every response to a logged-in user and on every
    download (a Content-Disposition header or a FileResponse), whoever asked.

    A report, a list of people or an exported file must not stay in a shared computer's browser
    cache, nor in a proxy's, after the person logged out. The 503 page above sets no-store itself.
    Sits after DatabaseUnavailableMiddleware, which has already loaded the user (or answered 503).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        was_logged_in = getattr(user, "is_authenticated", False)
        response = self.get_response(request)
        user = getattr(request, "user", None)  # logging in or out replaces it
        if (
            was_logged_in
            or getattr(user, "is_authenticated", False)
            or response.has_header("Content-Disposition")
            or isinstance(response, FileResponse)
        ):
            patch_cache_control(response, no_store=True, private=True)
        return response
