"""NUL characters are taken out of what a user sends, in one place, before any view reads it.

PostgreSQL refuses a NUL in text ("A string literal cannot contain NUL (0x00) characters"): a
search for "a%00b" or a comment posted with one was a 500 wherever a view read request.GET or
request.POST by hand instead of through a form field (Django's form fields refuse NUL themselves).
Nobody types a NUL on purpose, so it is dropped from every query-string and posted text value (keys
too). Uploaded files are left as they are; a JSON file that a form reads with json.loads goes
through strip_json_nul() first (its \\u0000 escapes would become NUL).
"""

import re

from django.http import QueryDict

NUL = "\x00"
# A \u0000 escape in JSON text (not an escaped backslash followed by "u0000"): json.loads turns it
# into a NUL inside a string, which then reaches PostgreSQL from an uploaded file.
_JSON_NUL = re.compile(r"(?<!\\)((?:\\\\)*)\\u0000")


def strip_nul(text: str) -> str:
    return text.replace(NUL, "") if NUL in text else text


def strip_json_nul(text: str) -> str:
    """JSON text without its \\u0000 escapes, for files that are read with json.loads (form import)."""
    return _JSON_NUL.sub(r"\1", text) if "\\u0000" in text else text


def _cleaned(query: QueryDict) -> QueryDict | None:
    """A copy of `query` without NUL characters, or None when it has none (nothing to do)."""
    if not any(NUL in key or any(NUL in value for value in values) for key, values in query.lists()):
        return None
    cleaned = QueryDict(mutable=True, encoding=query.encoding)
    for key, values in query.lists():
        cleaned.setlist(strip_nul(key), [strip_nul(value) for value in values])
    cleaned._mutable = False
    return cleaned


class StripNulMiddleware:
    """Runs its work in process_view, after CsrfViewMiddleware has read the posted form (reading it
    here first would change nothing about what the upload handlers see)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if "%00" in request.META.get("QUERY_STRING", "") or NUL in request.META.get("QUERY_STRING", ""):
            cleaned = _cleaned(request.GET)
            if cleaned is not None:
                request.GET = cleaned
        content_type = request.META.get("CONTENT_TYPE", "")
        if request.method == "POST" and content_type.startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")
        ):
            try:
                cleaned = _cleaned(request.POST)
            except OSError:  # the client went away mid-upload: the view meets the same error, as before
                return None
            if cleaned is not None:
                request.POST = cleaned
        return None
