"""The reporting panels of the home pages: for the office, what needs attention in the reporting
periods (and the year's annual report and guidance), beside the year's headline figures; for a
school or centre, what is due and what was returned.

For a school or centre, "Số liệu mới nhất": the headline cells of its latest approved (else
submitted) report, with the change against the same form's previous period."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.urls import reverse

from annual.blocks import current_school_year
from annual.guidance import PLAN_KINDS
from annual.models import AnnualReport
from reports.formspec import FormSpec, load_form_spec
from reports.models import CellType, DataValue, FormCell, ReportingPeriod, Submission
from reports.permissions import FILL_ROLES
from reports.selectors import deadline_label, inbox, state_q

# The one number rule (documents.numbers) as the report grid prints it; no arrow of its own to documents.
from reports.templatetags.reports_extras import vn_number
from units.models import OFFICE_ROLES, today

from .headlines import headline_panels

INBOX_SHOWN = 6
OPEN_SHOWN = 4
WAITING = [Submission.Status.DRAFT, Submission.Status.RETURNED]
SENT = [Submission.Status.APPROVED, Submission.Status.SUBMITTED]


def _office_panels(request, office, role):
    day = today()
    year = current_school_year(day)
    periods = ReportingPeriod.objects.filter(owner__path__startswith=office.path)
    # Each counter opens the period list filtered to what it counts (reports.selectors.state_q).
    counts = Submission.objects.filter(period__in=periods).aggregate(
        late=Count("id", filter=state_q("overdue", day)),
        returned=Count("id", filter=state_q("returned", day)),
        to_review=Count("id", filter=state_q("waiting", day)),
    )
    closing = list(
        periods.filter(due_date__gte=day, due_date__lte=day + datetime.timedelta(days=7))
        .select_related("form")
        .annotate(
            missing=Count(
                "submissions", filter=Q(submissions__status__in=[Submission.Status.DRAFT, Submission.Status.RETURNED])
            )
        )
        .order_by("due_date")[:5]
    )
    # Where each open period stands: the card's second glance after what is late (one query).
    progress = list(
        periods.filter(open_date__lte=day, lock_date__gte=day)
        .select_related("form")
        .annotate(expected=Count("submissions"), sent=Count("submissions", filter=Q(submissions__status__in=SENT)))
        .order_by("due_date", "pk")[:OPEN_SHOWN]
    )
    annual = AnnualReport.objects.filter(office=office, school_year=year - 1, status=AnnualReport.Status.DRAFT).first()
    return [
        {
            "template": "home/_attention_reports.html",
            "col": "col-lg-6",
            "counts": counts,
            "closing": closing,
            "progress": progress,
            "annual": annual,
            "annual_year": f"{year - 1}-{year}",
        },
        *headline_panels(request, office, role, year),
    ]


# ----------------------------------------------------------------------------------------------
# Latest figures of a school or centre
# ----------------------------------------------------------------------------------------------

MIN_FIGURES, MAX_FIGURES = 4, 6
# A form's first columns hold its counts and totals (Số lớp, Tổng số); later ones are breakdowns
# (of which women, ethnic minorities) that read poorly on their own.
MAIN_COLUMNS = 2
TYPED_NUMBERS = (CellType.INTEGER, CellType.DECIMAL)


@dataclass
class Figure:
    """One headline number of a report: what it counts, its value, and the same cell's value in the
    unit's previous report of the same form (None when there is none or it was left blank)."""

    label: str
    detail: str  # the column, when the row has several numbers (Số lớp / Tổng số)
    unit_label: str
    value: Decimal | None
    before: Decimal | None

    @property
    def text(self) -> str:
        return "—" if self.value is None else vn_number(self.value)

    @property
    def change(self) -> Decimal | None:
        if self.value is None or self.before is None:
            return None
        return self.value - self.before

    @property
    def change_text(self) -> str:
        change = self.change
        if change is None:
            return ""
        sign = "+" if change > 0 else ("−" if change < 0 else "")
        return sign + vn_number(abs(change))


def headline_cells(spec: FormSpec, values: dict | None = None) -> list[FormCell]:
    """The cells a unit's home shows of any form built in the portal: the form's own summaries
    (computed totals and rates) in its first two columns and, when these are fewer than four, the
    typed numbers of its first numeric column (rows that stand alone before the parts of a total);
    in the form's order, at most six. Given the report's `values`, cells left blank are passed over."""
    ordered = [
        cell
        for section in spec.sections
        for row in spec.rows_by_section.get(section.pk, [])
        for column in spec.columns
        if (cell := spec.cells.get(f"{row.code}.{column.code}")) is not None
        and (values is None or values.get(cell.key) is not None)
    ]
    position = {cell.key: i for i, cell in enumerate(ordered)}
    main = {column.code for column in spec.columns[:MAIN_COLUMNS]}
    chosen = [cell for cell in ordered if cell.type == CellType.COMPUTED and cell.column.code in main]
    typed = [cell for cell in ordered if cell.type in TYPED_NUMBERS]
    if len(chosen) < MIN_FIGURES and typed:
        column_index = {column.code: i for i, column in enumerate(spec.columns)}
        first = min(column_index[cell.column.code] for cell in typed)
        taken = {cell.row.code for cell in chosen}
        parts = set()
        for cell in chosen:
            if cell.key in spec.formulas and "SUM" in cell.formula.upper():
                parts |= spec.formulas[cell.key].refs
        fill = [c for c in typed if column_index[c.column.code] == first and c.row.code not in taken]
        fill.sort(key=lambda cell: cell.key in parts)  # stable: the form's order otherwise
        chosen += fill[: MIN_FIGURES - len(chosen)]
    return sorted(chosen, key=lambda cell: position[cell.key])[:MAX_FIGURES]


def _computed_values(spec: FormSpec, stored: dict[str, Decimal]) -> dict:
    values = {key: number for key, number in stored.items() if key in spec.cells}
    return spec.compute(values)


def _figures(spec: FormSpec, now: dict, before: dict | None) -> list[Figure]:
    sections = {section.pk: section for section in spec.sections}
    numeric_in_row: dict[str, int] = {}
    for cell in spec.cells.values():
        if cell.is_numeric:
            numeric_in_row[cell.row.code] = numeric_in_row.get(cell.row.code, 0) + 1
    figures = []
    for cell in headline_cells(spec, now):
        row = cell.row
        # "Cộng" alone says nothing on a home page: the total is named by its section.
        label = sections[row.section_id].title if row.is_total else row.label
        several = numeric_in_row.get(row.code, 0) > 1
        figures.append(
            Figure(
                label=label,
                detail=cell.column.label if several else "",
                unit_label="" if several else row.unit_label,
                value=now.get(cell.key),
                before=before.get(cell.key) if before is not None else None,
            )
        )
    return figures


def latest_figures(unit) -> dict | None:
    """The headline figures of the unit's latest approved report (else its latest submitted one),
    against the previous period of the same form. Three queries, plus the form's (five, none once
    this process has loaded the published form), whatever the number of periods."""
    approved_first = Case(
        When(status=Submission.Status.APPROVED, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    latest = (
        Submission.objects.filter(unit=unit, status__in=SENT)
        .select_related("period", "period__form")
        .order_by(approved_first, "-period__end_date", "-period__due_date", "-pk")
        .first()
    )
    if latest is None:
        return None
    form = latest.period.form
    earlier = (
        Submission.objects.filter(
            unit=unit,
            status__in=SENT,
            period__form__code=form.code,
            period__form__owner_id=form.owner_id,
            period__end_date__lt=latest.period.end_date,
        )
        .select_related("period")
        .order_by("-period__end_date", "-pk")
        .first()
    )
    stored: dict[int, dict[str, Decimal]] = {latest.pk: {}, **({earlier.pk: {}} if earlier else {})}
    values = DataValue.objects.filter(submission_id__in=list(stored), number__isnull=False)
    for submission_id, row_code, column_code, number in values.values_list(
        "submission_id", "cell__row__code", "cell__column__code", "number"
    ):
        stored[submission_id][f"{row_code}.{column_code}"] = number
    # The earlier period may use an older version of the form: its cells are matched by code and
    # its totals recomputed with today's formulas, so both sides of a change are counted alike.
    spec = load_form_spec(form)
    now = _computed_values(spec, stored[latest.pk])
    before = _computed_values(spec, stored[earlier.pk]) if earlier else None
    return {"submission": latest, "earlier": earlier, "figures": _figures(spec, now, before)}


def _unit_panels(request, unit):
    rows = list(inbox(request.user)[:50])
    due = [s for s in rows if s.status in (Submission.Status.DRAFT, Submission.Status.RETURNED)]
    returned = [s for s in rows if s.status == Submission.Status.RETURNED]
    done = [s for s in rows if s.status in (Submission.Status.SUBMITTED, Submission.Status.APPROVED)]
    done.sort(key=lambda s: (s.period.due_date, s.pk), reverse=True)  # the newest report first
    return [
        {
            "template": "home/_unit_reports.html",
            "col": "col-lg-6",
            "due": [(s, *deadline_label(s)) for s in due[:INBOX_SHOWN]],
            "due_count": len(due),
            "returned_count": len(returned),
            "latest": done[:3],
            "unit": unit,
            "inbox_url": reverse("reports:inbox"),
            "plans": unit.kind in PLAN_KINDS,  # schools and centres answer the year's guidance
        },
        {
            "template": "home/_latest_figures.html",
            "col": "col-lg-6",
            "latest": latest_figures(unit),
            "inbox_url": reverse("reports:inbox"),
        },
    ]


def panels(request, *, role, unit):
    if unit is None:
        return []
    if role in OFFICE_ROLES or request.user.is_superuser:
        return _office_panels(request, unit, role)
    if role in FILL_ROLES:
        return _unit_panels(request, unit)
    return []
