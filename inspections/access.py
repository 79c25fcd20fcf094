"""One access helper per owned object: 404 when the user may not see it, 403 when they may see it
but not act on it (permissions.py)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from units.selectors import units_visible_to

from . import permissions
from .models import Content, Inspection, Item, Photo, Recommendation
from .selectors import inspections_visible_to


def get_inspection_for_user(user, pk, *, write: bool = False) -> Inspection:
    inspection = get_object_or_404(inspections_visible_to(user).select_related("office", "unit"), pk=pk)
    if write and not permissions.can_inspect(user, inspection.office):
        raise PermissionDenied
    return inspection


def get_recommendation_for_user(user, pk, *, write: bool = False, answer: bool = False) -> Recommendation:
    rec = get_object_or_404(Recommendation.objects.select_related("inspection"), pk=pk)
    inspection = get_inspection_for_user(user, rec.inspection_id, write=write)
    if answer and not permissions.can_answer(user, inspection.unit):
        raise PermissionDenied
    rec.inspection = inspection
    return rec


def get_photo_for_user(user, pk) -> Photo:
    photo = get_object_or_404(Photo, pk=pk)
    get_inspection_for_user(user, photo.inspection_id)
    return photo


def get_content_for_user(user, pk) -> Content:
    content = get_object_or_404(
        Content.objects.filter(office__in=units_visible_to(user)).select_related("office"), pk=pk
    )
    if not permissions.can_inspect(user, content.office):
        raise PermissionDenied
    return content


def get_item_for_user(user, pk) -> Item:
    item = get_object_or_404(Item, pk=pk)
    get_content_for_user(user, item.content_id)
    return item
