"""Cells the portal can answer itself (indicator providers, reports.providers): the pre-fill when
a period opens, and refreshing a draft later. A value a person typed over a provider's number wins."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from units import audit
from units.models import Unit

from ..formspec import load_form_spec
from ..providers import get_provider
from ..report_models import (
    CellType,
    DataValue,
    FormCell,
    ReportingPeriod,
    Submission,
    ValueChange,
)
from .values import VersionConflict, _check_can_edit, _storable, current_values, display_value, values_by_key


def prefill_from_providers(period: ReportingPeriod, submissions: list[Submission]) -> None:
    """Cells with a registered provider start with the number the portal already holds (one
    provider call for all units); unregistered providers simply leave the cell to be typed."""
    cells = FormCell.objects.filter(form=period.form).exclude(provider="")
    units = Unit.objects.filter(pk__in=[s.unit_id for s in submissions])
    by_unit = {s.unit_id: s for s in submissions}
    values = []
    for cell in cells:
        provider = get_provider(cell.provider)
        if provider is None:
            continue
        answers = provider.func(units, period.start_date, period.end_date) or {}
        source = provider.source or provider.label
        for unit_id, number in answers.items():
            if unit_id in by_unit and number is not None:
                values.append(
                    DataValue(
                        submission=by_unit[unit_id],
                        cell=cell,
                        number=Decimal(str(number)),
                        from_provider=True,
                        source=source,
                    )
                )
    DataValue.objects.bulk_create(values)


@transaction.atomic
def submission_refresh_from_providers(*, actor, submission: Submission, expected_version: int) -> int:
    """Fill again the cells the portal can answer (indicator providers) for a draft, e.g. after the
    centre recorded more activities. Values the person typed over a provider's number are kept.
    Returns how many values changed."""
    submission = (
        Submission.objects.select_for_update().select_related("period", "period__form", "unit").get(pk=submission.pk)
    )
    _check_can_edit(submission)
    if submission.version != expected_version:
        raise VersionConflict(_("Báo cáo vừa được người khác lưu sau khi bạn mở trang; hãy tải lại trang."))
    period = submission.period
    spec = load_form_spec(period.form)
    stored = current_values(submission)
    units = Unit.objects.filter(pk=submission.unit_id)
    user = actor if getattr(actor, "pk", None) else None
    changes, creates, updates = [], [], []
    for cell in spec.cells.values():
        provider = get_provider(cell.provider) if cell.provider else None
        if provider is None:
            continue
        answer = (provider.func(units, period.start_date, period.end_date) or {}).get(submission.unit_id)
        if answer is None:
            continue
        number = Decimal(str(answer))
        source = provider.source or provider.label
        dv = stored.get(cell.pk)
        if dv is not None and not dv.from_provider:
            continue  # typed by a person: theirs wins
        old = display_value(dv.number, dv.text) if dv else ""
        if dv is None:
            creates.append(
                DataValue(submission=submission, cell=cell, number=number, from_provider=True, source=source)
            )
        elif dv.number != number:
            dv.number, dv.source = number, source
            updates.append(dv)
        else:
            continue
        changes.append(
            ValueChange(
                submission=submission,
                cell=cell,
                old_value=old,
                new_value=display_value(number, ""),
                changed_by=user,
                note=(_("Lấy từ: %(source)s") % {"source": source})[:255],
            )
        )
    DataValue.objects.bulk_create(creates)
    DataValue.objects.bulk_update(updates, ["number", "source"])
    ValueChange.objects.bulk_create(changes)
    if changes:
        # Totals that depend on the refreshed cells.
        values = spec.compute(values_by_key(spec, current_values(submission)))
        computed = {c.pk: c for c in spec.cells.values() if c.type == CellType.COMPUTED}
        existing = {v.cell_id: v for v in DataValue.objects.filter(submission=submission, cell_id__in=computed)}
        for cell_id, cell in computed.items():
            number = _storable(values.get(cell.key))
            if cell_id in existing:
                DataValue.objects.filter(pk=existing[cell_id].pk).update(number=number)
            elif number is not None:
                DataValue.objects.create(submission=submission, cell=cell, number=number)
    submission.version += 1
    submission.save(update_fields=["version", "updated_at"])
    audit.record(
        actor=actor,
        action="submission.refresh",
        obj=submission,
        unit=submission.unit,
        changes={"values": [None, len(changes)]},
    )
    return len(changes)
