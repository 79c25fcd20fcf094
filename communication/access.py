"""One access helper per owned object: 404 when the user may not see it, 403 when they may see it
but not change it (permissions.py)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from . import permissions
from .models import NewsItem
from .selectors import items_visible_to


def get_item_for_user(user, pk, *, write: bool = False) -> NewsItem:
    item = get_object_or_404(items_visible_to(user).select_related("unit", "created_by"), pk=pk)
    if write and not permissions.can_log(user, item.unit):
        raise PermissionDenied
    return item
