"""One access helper per owned object of the reports core: 404 when the user may not see it, 403
when they may see it but not do what they asked."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .models import FormCell, FormColumn, FormRow, FormSection, Notification, ValidationRule
from .permissions import can_edit_form, can_fill, can_manage_period, can_review
from .selectors import forms_visible_to, periods_visible_to, submissions_visible_to


def get_form_for_user(user, pk, *, write: bool = False):
    form = get_object_or_404(forms_visible_to(user).select_related("owner"), pk=pk)
    if write and not can_edit_form(user, form):
        raise PermissionDenied
    return form


def _form_part(model, user, pk, *, write: bool):
    part = get_object_or_404(model.objects.select_related("form"), pk=pk)
    get_form_for_user(user, part.form_id, write=write)
    return part


def get_section_for_user(user, pk, *, write: bool = False) -> FormSection:
    return _form_part(FormSection, user, pk, write=write)


def get_row_for_user(user, pk, *, write: bool = False) -> FormRow:
    return _form_part(FormRow, user, pk, write=write)


def get_column_for_user(user, pk, *, write: bool = False) -> FormColumn:
    return _form_part(FormColumn, user, pk, write=write)


def get_cell_for_user(user, pk, *, write: bool = False) -> FormCell:
    cell = get_object_or_404(FormCell.objects.select_related("form", "row", "column"), pk=pk)
    get_form_for_user(user, cell.form_id, write=write)
    return cell


def get_rule_for_user(user, pk, *, write: bool = False) -> ValidationRule:
    return _form_part(ValidationRule, user, pk, write=write)


def get_period_for_user(user, pk, *, write: bool = False):
    period = get_object_or_404(periods_visible_to(user).select_related("form", "owner"), pk=pk)
    if write and not can_manage_period(user, period):
        raise PermissionDenied
    return period


def get_submission_for_user(user, pk, *, write: bool = False, review: bool = False):
    """write: fill in and submit (people of the unit); review: approve, return, unlock (the office)."""
    submission = get_object_or_404(
        submissions_visible_to(user).select_related("period", "period__form", "period__owner", "unit", "unit__parent"),
        pk=pk,
    )
    if write and not can_fill(user, submission):
        raise PermissionDenied
    if review and not can_review(user, submission):
        raise PermissionDenied
    return submission


def get_notification_for_user(user, pk) -> Notification:
    return get_object_or_404(Notification, pk=pk, user=user)
