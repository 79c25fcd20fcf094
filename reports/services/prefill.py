"""Cells the portal can answer itself (indicator providers, reports.providers): the pre-fill when
a period opens; later, each pre-filled cell against what its provider answers now (stale cells are
marked, the unit takes the new figure through the ordinary save, submitting asks to confirm). A value a
person typed over a provider's number wins."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from units.models import Unit

from ..formspec import load_form_spec
from ..models import DataValue, FormCell, ReportingPeriod, Submission
from ..providers import get_provider
from .values import current_values


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


@dataclass
class ProviderFigure:
    """A pre-filled cell against what its provider answers now. `stale`: the portal's figure changed
    since the cell was filled (the unit can take the new one); `typed`: a person wrote over the
    portal's figure, which is then shown beside it as information only."""

    key: str
    label: str  # "Số người tham gia" (with the column when several cells of the row are pre-filled)
    stored: Decimal | None
    current: Decimal
    source: str
    typed: bool = False

    @property
    def stale(self) -> bool:
        if self.stored is None and not self.current:
            return False  # never filled and nothing to fill: no news
        return not self.typed and self.stored != self.current

    @property
    def differs(self) -> bool:
        return self.stored != self.current


def provider_figures(submission: Submission, spec=None, stored: dict | None = None) -> dict[str, ProviderFigure]:
    """Every provider cell of the submission's form against its provider's answer now, by cell key.
    One call per provider the form names (providers are aggregates: a fixed number of queries each),
    whatever the number of values, activities or units. Cells whose provider is not registered or
    does not answer for this unit are left out."""
    spec = spec or load_form_spec(submission.period.form)
    cells = [c for c in spec.cells.values() if c.provider and c.is_numeric]
    if not cells:
        return {}
    stored = current_values(submission) if stored is None else stored
    period = submission.period
    units = Unit.objects.filter(pk=submission.unit_id)
    answers: dict[str, object] = {}
    figures = {}
    per_row: dict[int, int] = {}
    for cell in cells:
        per_row[cell.row_id] = per_row.get(cell.row_id, 0) + 1
    for cell in cells:
        provider = get_provider(cell.provider)
        if provider is None:
            continue
        if cell.provider not in answers:
            answers[cell.provider] = (provider.func(units, period.start_date, period.end_date) or {}).get(
                submission.unit_id
            )
        answer = answers[cell.provider]
        if answer is None:
            continue
        dv = stored.get(cell.pk)
        label = cell.row.label
        if per_row[cell.row_id] > 1:  # several figures of the row come from the portal: name the column
            label = f"{label} ({cell.column.label})"
        figures[cell.key] = ProviderFigure(
            key=cell.key,
            label=label,
            stored=dv.number if dv is not None else None,
            current=Decimal(str(answer)),
            source=provider.source or provider.label,
            typed=dv is not None and not dv.from_provider,
        )
    return figures


def stale_figures(submission: Submission, spec=None) -> list[ProviderFigure]:
    """The pre-filled cells whose source changed since they were filled, in the form's order."""
    return [f for f in provider_figures(submission, spec).values() if f.stale]


class StaleFigures(ValidationError):
    """Submitting a report whose pre-filled cells no longer match the portal's records: the person
    confirms (or takes the new figures first). `figures` lists them."""

    def __init__(self, figures: list[ProviderFigure]):
        super().__init__(
            _("Số liệu điền sẵn của một số ô đã thay đổi trong dữ liệu của cổng; hãy cập nhật hoặc xác nhận nộp.")
        )
        self.figures = figures
