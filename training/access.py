"""One access helper per owned object: 404 when the user may not see it, 403 when they may see it
but not act on it (permissions.py)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from units.models import Unit
from units.selectors import units_visible_to

from . import permissions
from .models import Course, NeedsSurvey, Participant
from .selectors import courses_visible_to, surveys_visible_to


def get_course_for_user(user, pk, *, write: bool = False) -> Course:
    course = get_object_or_404(courses_visible_to(user).select_related("organiser", "created_by"), pk=pk)
    if write and not permissions.can_organise(user, course.organiser):
        raise PermissionDenied
    return course


def get_participant_for_user(user, pk, *, write: bool = False) -> Participant:
    participant = get_object_or_404(Participant.objects.select_related("course", "unit"), pk=pk)
    get_course_for_user(user, participant.course_id, write=write)
    return participant


def get_unit_for_user(user, pk) -> Unit:
    return get_object_or_404(units_visible_to(user).select_related("parent"), pk=pk)


def get_survey_for_user(user, pk) -> NeedsSurvey:
    return get_object_or_404(surveys_visible_to(user).select_related("organiser"), pk=pk)
