"""One access helper per owned object: 404 when the user may not see it, 403 when they may see it
but not act on it (permissions.py)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from . import permissions
from .models import GoodModel, ModelPhoto, Resource
from .selectors import models_visible_to, resources_visible_to


def get_resource_for_user(user, pk, *, write: bool = False, curate: bool = False) -> Resource:
    resource = get_object_or_404(resources_visible_to(user).select_related("unit", "office", "created_by"), pk=pk)
    if curate and not permissions.can_curate(user, resource.office):
        raise PermissionDenied
    if write and not permissions.can_edit_resource(user, resource):
        raise PermissionDenied
    return resource


def get_model_for_user(user, pk, *, write: bool = False, curate: bool = False) -> GoodModel:
    good_model = get_object_or_404(models_visible_to(user).select_related("unit", "office", "published_by"), pk=pk)
    if curate and not permissions.can_curate(user, good_model.office):
        raise PermissionDenied
    if write and not permissions.can_edit_model(user, good_model):
        raise PermissionDenied
    return good_model


def get_photo_for_user(user, pk, *, write: bool = False) -> ModelPhoto:
    photo = get_object_or_404(ModelPhoto.objects.select_related("good_model"), pk=pk)
    photo.good_model = get_model_for_user(user, photo.good_model_id, write=write)
    return photo
