"""One access helper per owned object: 404 when the user may not see it, 403 when they may see it
but not change it (permissions.py)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from . import permissions
from .models import Committee, Member
from .selectors import committees_visible_to


def get_committee_for_user(user, pk, *, write: bool = False) -> Committee:
    committee = get_object_or_404(committees_visible_to(user).select_related("commune"), pk=pk)
    if write and not permissions.can_manage(user, committee.commune):
        raise PermissionDenied
    return committee


def get_member_for_user(user, pk, *, write: bool = False) -> Member:
    member = get_object_or_404(Member.objects.filter(committee__in=committees_visible_to(user)), pk=pk)
    member.committee = get_committee_for_user(user, member.committee_id, write=write)
    return member
