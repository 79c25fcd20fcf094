"""One access helper per owned object: 404 when the user may not see it, 403 when they may see it
but not change it (units.access convention)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from units.models import Unit, UnitKind
from units.selectors import is_office_user, units_visible_to

from . import selectors
from .models import (
    Enrolment,
    Household,
    ImportBatch,
    LiteracyClass,
    MappingProfile,
    Person,
    SurveyAssignment,
    SurveyRound,
)


def get_round_for_user(user, pk, *, write: bool = False) -> SurveyRound:
    survey_round = get_object_or_404(selectors.rounds_visible_to(user), pk=pk)
    if write and not selectors.can_manage_round(user, survey_round):
        raise PermissionDenied
    return survey_round


def get_assignment_for_user(user, pk, *, write: bool = False) -> SurveyAssignment:
    assignment = get_object_or_404(
        SurveyAssignment.objects.filter(round__in=selectors.rounds_visible_to(user)).select_related(
            "round", "round__office", "hamlet", "unit"
        ),
        pk=pk,
    )
    if write and not selectors.can_manage_round(user, assignment.round):
        raise PermissionDenied
    return assignment


def get_household_for_user(user, pk, *, write: bool = False) -> Household:
    household = get_object_or_404(selectors.households_visible_to(user), pk=pk)
    if write and not selectors.can_edit_household(user, household):
        raise PermissionDenied
    return household


def get_person_for_user(user, pk, *, write: bool = False) -> Person:
    person = get_object_or_404(selectors.persons_visible_to(user), pk=pk)
    if write and not selectors.can_edit_household(user, person.household):
        raise PermissionDenied
    return person


def get_class_for_user(user, pk, *, write: bool = False) -> LiteracyClass:
    literacy_class = get_object_or_404(selectors.classes_visible_to(user), pk=pk)
    if write and not selectors.can_edit_class(user, literacy_class):
        raise PermissionDenied
    return literacy_class


def get_enrolment_for_user(user, pk, *, write: bool = False) -> Enrolment:
    enrolment = get_object_or_404(
        Enrolment.objects.filter(literacy_class__in=selectors.classes_visible_to(user)).select_related(
            "literacy_class", "literacy_class__run_by", "person", "person__round"
        ),
        pk=pk,
    )
    if write and not selectors.can_edit_class(user, enrolment.literacy_class):
        raise PermissionDenied
    return enrolment


def get_import_for_user(user, pk, *, write: bool = False) -> ImportBatch:
    batch = get_object_or_404(selectors.imports_visible_to(user), pk=pk)
    if write and batch.uploaded_by_id != user.pk and not user.is_superuser:
        raise PermissionDenied
    return batch


def get_standard_unit_for_user(user, pk) -> Unit:
    """A commune or office whose standard the user may read: office roles and the commune's
    association officers. Schools and centres work on households, not on the commune's figures."""
    unit = get_object_or_404(units_visible_to(user).filter(kind__in=[UnitKind.COMMUNE, UnitKind.OFFICE]), pk=pk)
    return unit


def get_office_for_settings(user, pk, *, write: bool = False) -> Unit:
    office = get_object_or_404(units_visible_to(user).filter(kind=UnitKind.OFFICE), pk=pk)
    if write and not selectors.offices_managed_by(user).filter(pk=office.pk).exists():
        raise PermissionDenied
    if not write and not is_office_user(user):
        raise PermissionDenied
    return office


def get_mapping_profile_for_user(user, pk) -> MappingProfile:
    """An office's mapping profile: only its own officers see or change it (another office's → 404)."""
    from .mapping_profiles import profiles_managed_by

    return get_object_or_404(profiles_managed_by(user), pk=pk)


def get_register_commune_for_user(user, survey_round: SurveyRound, pk) -> Unit:
    """A commune of the round whose households the user reads (their scope or their assignment)."""
    hamlets = selectors.readable_hamlets(user, survey_round)
    return get_object_or_404(Unit.objects.filter(kind=UnitKind.COMMUNE, pk__in=hamlets.values("parent_id")), pk=pk)
