"""Logging filters named in settings LOGGING.

A refused page (PermissionDenied → 403) is an everyday event: someone followed an old link or tried
another office's address. Django's "django.request" logger writes it as a warning with the whole
traceback (1,188 of them in one test run), which buries the errors that matter. OneLineForbidden
turns it into a single line: method, path and the user's id, enough to see who keeps knocking.
"""

import logging

from django.core.exceptions import PermissionDenied


def _escaped(text: str) -> str:
    """As django.utils.log.log_response does: a path with a line break cannot forge a log line."""
    return text.encode("unicode_escape").decode("ascii")


class OneLineForbidden(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, PermissionDenied):
            request = getattr(record, "request", None)
            user = getattr(request, "user", None)
            record.msg = "Forbidden (403): %s %s user=%s"
            record.args = (
                _escaped(getattr(request, "method", None) or "-"),
                _escaped(getattr(request, "path", None) or "-"),
                getattr(user, "pk", None) or "-",
            )
            record.exc_info = None
            record.exc_text = None
        return True
