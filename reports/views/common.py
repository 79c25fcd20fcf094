"""What the reports pages share: who may open them, pagination, readable audit labels."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator

from units.audit import action_label
from units.selectors import is_office_user

from ..permissions import can_open_periods

PER_PAGE = 25


def require_office(user) -> None:
    """Forms, periods, boards and roll-ups are the office's pages."""
    if not is_office_user(user):
        raise PermissionDenied


def require_period_opener(user) -> None:
    if not can_open_periods(user):
        raise PermissionDenied


def paginate(request, items, per_page: int = PER_PAGE, param: str = "page") -> Page:
    return Paginator(items, per_page).get_page(request.GET.get(param))


def label_events(entries) -> list:
    entries = list(entries)
    for entry in entries:
        entry.label = action_label(entry.action)
    return entries
