"""What the unit and people pages share: who may open them, dates from the query string,
pagination and readable audit labels."""

import datetime

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from ..audit import action_label
from ..models import today
from ..selectors import is_office_user, manage_roots
from ..text import as_id

PER_PAGE = 25


def require_office(user) -> None:
    """The tree and people pages are for office roles (officer, leader, viewer): principals,
    directors and association officers have their own pages and do not manage the tree."""
    if not is_office_user(user):
        raise PermissionDenied


def require_manager(user) -> None:
    """Only office officers (and superusers) change the tree, people and roles."""
    if not (user.is_superuser or manage_roots(user)):
        raise PermissionDenied


def parse_pk(value) -> int:
    """A pk from the query string; anything that is not a number is simply not found."""
    pk = as_id(value)
    if pk is None:
        raise Http404
    return pk


def parse_day(value: str | None, default: datetime.date | None = None) -> datetime.date:
    """?on=dd/mm/yyyy from links inside the tree; an unreadable date falls back to the default."""
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime((value or "").strip(), fmt).date()
        except ValueError:
            continue
    return default or today()


def paginate(request, items, per_page: int = PER_PAGE) -> Page:
    return Paginator(items, per_page).get_page(request.GET.get("page"))


def label_audit(entries) -> list:
    """Each entry with its action in words (units.audit.action_label: every app's audit_labels.py)."""
    entries = list(entries)
    for entry in entries:
        entry.label = action_label(entry.action)
    return entries


def render_partial_or_page(request, partial: str, page: str, context: dict):
    """Live search swaps only the results; a full page when htmx restores history after a cache
    miss (it needs the whole document), and Vary so a browser never shows a fragment as a page."""
    htmx = request.htmx
    template = partial if htmx and not htmx.history_restore_request else page
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response
