"""One access helper per owned object: 404 when the user may not see it, 403 when they may see it
but not do what they ask (units/access.py, healthchecks' _get_check_for_user)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from units.models import Unit
from units.selectors import units_visible_to

from .models import Assessment, Decision, Subject
from .permissions import can_check, can_configure, can_enter, can_recognise, rules_for
from .selectors import AREA_KINDS, decisions_visible_to

READ, ENTER, CHECK, RECOGNISE = "read", "enter", "check", "recognise"


def _allowed(user, area: Unit, action: str, title: str | None) -> bool:
    if action == READ:
        return True
    if action == ENTER:
        return can_enter(user, area)
    rule = rules_for(area)[title] if title else None
    if action == CHECK:
        return rule is not None and can_check(user, area, rule)
    if action == RECOGNISE:
        return rule is not None and can_recognise(user, area, rule)
    raise ValueError(action)


def get_area_for_user(user, pk, *, action: str = READ, title: str | None = None) -> Unit:
    area = get_object_or_404(units_visible_to(user).filter(kind__in=AREA_KINDS).select_related("parent"), pk=pk)
    if not _allowed(user, area, action, title):
        raise PermissionDenied
    return area


def get_subject_for_user(user, pk, *, action: str = READ) -> Subject:
    subject = get_object_or_404(
        Subject.objects.filter(area__in=units_visible_to(user)).select_related("area", "area__parent", "unit"), pk=pk
    )
    if not _allowed(user, subject.area, action, subject.title):
        raise PermissionDenied
    return subject


def get_assessment_for_user(user, pk, *, action: str = READ) -> Assessment:
    assessment = get_object_or_404(
        Assessment.objects.filter(subject__area__in=units_visible_to(user)).select_related(
            "subject", "subject__area", "subject__area__parent", "rubric", "decision"
        ),
        pk=pk,
    )
    if not _allowed(user, assessment.subject.area, action, assessment.subject.title):
        raise PermissionDenied
    return assessment


def get_decision_for_user(user, pk) -> Decision:
    return get_object_or_404(decisions_visible_to(user).select_related("issuer", "issuer__parent"), pk=pk)


def get_office_for_settings(user, pk) -> Unit:
    unit = get_object_or_404(units_visible_to(user), pk=pk)
    if not can_configure(user, unit):
        raise PermissionDenied
    return unit
