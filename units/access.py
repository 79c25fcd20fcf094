"""One access helper per owned object: 404 when the user may not see it, 403 when they may see
but not change it. Views call these; they never filter by unit on their own."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .models import Membership, Unit, User
from .selectors import can_manage_person, can_manage_unit, people_visible_to, units_visible_to


def get_unit_for_user(user, pk, *, write: bool = False) -> Unit:
    unit = get_object_or_404(units_visible_to(user).select_related("parent"), pk=pk)
    if write and not can_manage_unit(user, unit):
        raise PermissionDenied
    return unit


def get_person_for_user(user, pk, *, write: bool = False) -> User:
    person = get_object_or_404(people_visible_to(user), pk=pk)
    if write and not can_manage_person(user, person):
        raise PermissionDenied
    return person


def get_membership_for_user(user, pk, *, write: bool = False) -> Membership:
    membership = get_object_or_404(
        Membership.objects.filter(unit__in=units_visible_to(user)).select_related("unit", "user"), pk=pk
    )
    if write and not can_manage_unit(user, membership.unit):
        raise PermissionDenied
    return membership


def get_onboarding_batch_for_user(user, pk):
    """An onboarding batch is seen only by the officers who manage its unit (they alone uploaded
    it, and it may hold one-time passwords): anyone else gets 404."""
    from django.http import Http404

    from .models import OnboardingBatch

    batch = get_object_or_404(OnboardingBatch.objects.select_related("root", "created_by", "logins_taken_by"), pk=pk)
    if not can_manage_unit(user, batch.root):
        raise Http404
    return batch
