"""One access helper per owned object: 404 when the user may not see it, 403 when they may see it
but not act on it (permissions.py)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from units.models import Unit
from units.selectors import units_visible_to

from . import permissions
from .models import Award, Criterion, Evidence, Movement, Registration
from .selectors import movements_visible_to, registrations_visible_to


def get_movement_for_user(user, pk, *, write: bool = False) -> Movement:
    movement = get_object_or_404(movements_visible_to(user).select_related("office"), pk=pk)
    if write and not permissions.can_manage(user, movement.office):
        raise PermissionDenied
    return movement


def get_criterion_for_user(user, pk) -> Criterion:
    criterion = get_object_or_404(Criterion, pk=pk)
    criterion.movement = get_movement_for_user(user, criterion.movement_id, write=True)
    return criterion


def get_registration_for_user(
    user, pk, *, score: bool = False, prepare: bool = False, head: bool = False
) -> Registration:
    registration = get_object_or_404(
        registrations_visible_to(user).select_related("movement", "movement__office", "unit"), pk=pk
    )
    if score and not permissions.can_manage(user, registration.movement.office):
        raise PermissionDenied
    if prepare and not permissions.can_prepare(user, registration.unit):
        raise PermissionDenied
    if head and not permissions.can_register(user, registration.unit):
        raise PermissionDenied
    return registration


def get_evidence_for_user(user, pk, *, prepare: bool = False) -> Evidence:
    evidence = get_object_or_404(Evidence, pk=pk)
    evidence.registration = get_registration_for_user(user, evidence.registration_id, prepare=prepare)
    return evidence


def get_award_for_user(user, pk) -> Award:
    award = get_object_or_404(Award.objects.select_related("unit"), pk=pk)
    award.movement = get_movement_for_user(user, award.movement_id, write=True)
    return award


def get_unit_for_user(user, pk) -> Unit:
    return get_object_or_404(units_visible_to(user).select_related("parent"), pk=pk)
