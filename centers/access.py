"""One access helper per owned object: 404 when the user may not see it, 403 when they may see it
but not do what they asked (`need` is "log", "manage" or "rate", see permissions.py)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from units.models import Unit

from . import permissions
from .models import Activity, CentrePerson, Club, Evidence, FundingEntry, LearningNeed, SelfAssessment
from .selectors import centres_visible_to

_CHECKS = {"log": permissions.can_log, "manage": permissions.can_manage, "rate": permissions.can_rate}


def _check(user, centre: Unit, need: str | None) -> None:
    if need and not _CHECKS[need](user, centre):
        raise PermissionDenied


def get_centre_for_user(user, pk, *, need: str | None = None) -> Unit:
    centre = get_object_or_404(centres_visible_to(user).select_related("parent"), pk=pk)
    _check(user, centre, need)
    return centre


def _owned(model, user, pk, need, related=()):
    obj = get_object_or_404(
        model.objects.filter(centre__in=centres_visible_to(user)).select_related("centre", *related), pk=pk
    )
    _check(user, obj.centre, need)
    return obj


def get_activity_for_user(user, pk, *, write: bool = False) -> Activity:
    return _owned(Activity, user, pk, "log" if write else None, ("club", "created_by"))


def get_person_for_user(user, pk, *, write: bool = False) -> CentrePerson:
    return _owned(CentrePerson, user, pk, "manage" if write else None)


def get_club_for_user(user, pk, *, write: bool = False) -> Club:
    return _owned(Club, user, pk, "log" if write else None)


def get_need_for_user(user, pk, *, write: bool = False) -> LearningNeed:
    return _owned(LearningNeed, user, pk, "log" if write else None)


def get_funding_for_user(user, pk, *, write: bool = False) -> FundingEntry:
    return _owned(FundingEntry, user, pk, "log" if write else None)


def get_assessment_for_user(user, pk, *, need: str | None = None) -> SelfAssessment:
    return _owned(SelfAssessment, user, pk, need, ("rubric",))


def get_evidence_for_user(user, pk, *, write: bool = False) -> Evidence:
    evidence = get_object_or_404(
        Evidence.objects.filter(assessment__centre__in=centres_visible_to(user)).select_related(
            "assessment", "assessment__centre"
        ),
        pk=pk,
    )
    _check(user, evidence.assessment.centre, "manage" if write else None)
    return evidence
