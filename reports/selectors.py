"""Reads of the reports core, scoped to the user, each a fixed number of queries: forms, periods,
the inbox, the completeness board, the roll-up and the row sources that feed HTML, XLSX and PDF."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents import Column, HeaderCell, Row, Table
from documents.tables import DECIMAL
from units.models import AuditEntry, Unit, UnitKind, today
from units.selectors import is_office_user, units_visible_to
from units.text import name_order, vn_sort_key

from .formspec import FormSpec, load_form_spec
from .grid import GridCell, form_table
from .models import (
    CellType,
    DataValue,
    FormCell,
    Notification,
    ReportForm,
    ReportingPeriod,
    Submission,
    ValueChange,
)
from .permissions import fill_unit_ids
from .services import current_values, display_value, values_by_key

# ----------------------------------------------------------------------------------------------
# Lists
# ----------------------------------------------------------------------------------------------


def forms_visible_to(user) -> QuerySet[ReportForm]:
    if user.is_superuser:
        return ReportForm.objects.all()
    if not is_office_user(user):
        return ReportForm.objects.none()
    return ReportForm.objects.filter(Q(owner__isnull=True) | Q(owner__in=units_visible_to(user)))


def form_list(user, *, query: str = "") -> QuerySet[ReportForm]:
    forms = forms_visible_to(user).select_related("owner").annotate(period_count=Count("periods"))
    if query:
        forms = forms.filter(Q(title__icontains=query) | Q(code__icontains=query))
    return forms.order_by("code", "-version")


def periods_visible_to(user) -> QuerySet[ReportingPeriod]:
    if user.is_superuser:
        return ReportingPeriod.objects.all()
    if not is_office_user(user):
        return ReportingPeriod.objects.none()
    return ReportingPeriod.objects.filter(owner__in=units_visible_to(user))


# The office home's counters, each opening the period list filtered to what it counts (?state=):
# the state of the units' page (period_units) that lists the same submissions of one period.
PERIOD_LIST_STATES = {
    "overdue": ("overdue", gettext_lazy("Quá hạn, chưa nộp")),
    "returned": ("returned", gettext_lazy("Bị trả lại, chờ sửa")),
    "waiting": ("waiting", gettext_lazy("Đã nộp, chờ duyệt")),
}


def overdue_q(day: datetime.date, prefix: str = "") -> Q:
    """Not sent and past its deadline on `day`: a draft past the period's due date; a returned report
    past its resubmission deadline (the period's due date when the reviewer set none)."""
    returned = Q(**{f"{prefix}status": Submission.Status.RETURNED})
    return Q(**{f"{prefix}status": Submission.Status.DRAFT, f"{prefix}period__due_date__lt": day}) | (
        returned
        & (
            Q(**{f"{prefix}resubmit_due__lt": day})
            | Q(**{f"{prefix}resubmit_due__isnull": True, f"{prefix}period__due_date__lt": day})
        )
    )


def state_q(state: str, day: datetime.date, prefix: str = "") -> Q:
    if state == "overdue":
        return overdue_q(day, prefix)
    if state == "returned":
        return Q(**{f"{prefix}status": Submission.Status.RETURNED})
    if state == "waiting":
        return Q(**{f"{prefix}status": Submission.Status.SUBMITTED})
    return Q()


def period_list(user, *, state: str = "") -> QuerySet[ReportingPeriod]:
    """The user's periods, newest deadline first; with a `state` of PERIOD_LIST_STATES only the periods
    holding such submissions, each with how many (`matching`)."""
    periods = (
        periods_visible_to(user)
        .select_related("form", "owner")
        .annotate(
            expected=Count("submissions"),
            sent=Count(
                "submissions",
                filter=Q(submissions__status__in=[Submission.Status.SUBMITTED, Submission.Status.APPROVED]),
            ),
        )
    )
    if state in PERIOD_LIST_STATES:
        periods = periods.annotate(
            matching=Count("submissions", filter=state_q(state, today(), "submissions__"))
        ).filter(matching__gt=0)
    return periods.order_by("-due_date", "-id")


def submissions_visible_to(user) -> QuerySet[Submission]:
    return Submission.objects.filter(unit__in=units_visible_to(user))


def days_left(due: datetime.date, *, on: datetime.date | None = None) -> int:
    return (due - (on or today())).days


def submission_due(submission: Submission) -> datetime.date:
    """The day the unit must send by: the resubmission deadline of a returned report, else the period's."""
    if submission.status == Submission.Status.RETURNED and submission.resubmit_due:
        return submission.resubmit_due
    return submission.period.due_date


def deadline_label(submission: Submission, *, on: datetime.date | None = None) -> tuple[str, str]:
    """("còn 3 ngày", "warning") — the words and a colour for the inbox and the board. A returned
    report counts from its resubmission deadline; a sent one is on time when first sent by the due date."""
    due = submission.period.due_date
    # An approved report's status badge, shown beside this one, already says "Đã duyệt" (issue 17: the
    # word came twice): this one says whether it came on time, as for a report waiting for review.
    if submission.status in (Submission.Status.SUBMITTED, Submission.Status.APPROVED):
        first = submission.first_submitted_at or submission.submitted_at
        late = first and timezone.localdate(first) > due
        return (_("Nộp muộn") if late else _("Đã nộp đúng hạn")), ("warning" if late else "info")
    resubmit = submission.status == Submission.Status.RETURNED and submission.resubmit_due
    left = days_left(submission_due(submission), on=on)
    if left < 0:
        if resubmit:
            return _("quá hạn nộp lại %(n)s ngày") % {"n": -left}, "danger"
        return _("quá hạn %(n)s ngày") % {"n": -left}, "danger"
    if left == 0:
        return (_("hạn nộp lại hôm nay") if resubmit else _("hạn nộp hôm nay")), "danger"
    if resubmit:
        return _("nộp lại trong %(n)s ngày") % {"n": left}, ("warning" if left <= 7 else "secondary")
    return _("còn %(n)s ngày") % {"n": left}, ("warning" if left <= 7 else "secondary")


def inbox(user) -> QuerySet[Submission]:
    """What the user's units must report: open periods, returned ones first, then by deadline."""
    units = fill_unit_ids(user)
    return (
        Submission.objects.filter(unit_id__in=units, period__open_date__lte=today())
        .select_related("period", "period__form", "unit")
        .annotate(
            waiting=Case(
                When(status=Submission.Status.RETURNED, then=Value(2)),
                When(status=Submission.Status.DRAFT, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .order_by("-waiting", "period__due_date", "unit__name")
    )


def unread_notifications(user) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user, read_at__isnull=True)


# ----------------------------------------------------------------------------------------------
# Completeness board
# ----------------------------------------------------------------------------------------------


@dataclass
class Completeness:
    label: str
    expected: int = 0
    submitted: int = 0
    on_time: int = 0
    late: int = 0
    returned: int = 0
    missing: int = 0
    approved: int = 0
    key: str = ""

    @property
    def percent(self) -> int:
        # Cut toward zero like every rate of the portal: 199 of 200 is 99%, never "100%".
        return 100 * self.submitted // self.expected if self.expected else 0


def _submitted_q():
    return Q(status__in=[Submission.Status.SUBMITTED, Submission.Status.APPROVED])


def period_submissions(period: ReportingPeriod, *, commune: Unit | None = None, kind: str = "", state: str = ""):
    subs = Submission.objects.filter(period=period).select_related("period", "unit", "unit__parent")
    if commune is not None:
        subs = subs.filter(unit__path__startswith=commune.path)
    if kind:
        subs = subs.filter(unit__kind=kind)
    due_end = datetime.datetime.combine(period.due_date + datetime.timedelta(days=1), datetime.time.min)
    due_end = timezone.make_aware(due_end)
    if state == "missing":
        subs = subs.filter(status__in=[Submission.Status.DRAFT, Submission.Status.RETURNED])
    elif state == "overdue":
        subs = subs.filter(overdue_q(today()))
    elif state == "returned":
        subs = subs.filter(status=Submission.Status.RETURNED)
    elif state == "submitted":
        subs = subs.filter(_submitted_q())
    elif state == "waiting":
        subs = subs.filter(status=Submission.Status.SUBMITTED)
    elif state == "on_time":
        subs = subs.filter(_submitted_q(), first_submitted_at__lt=due_end)
    elif state == "late":
        subs = subs.filter(_submitted_q(), first_submitted_at__gte=due_end)
    return subs.order_by("unit__path")


def board(period: ReportingPeriod) -> dict:
    """Expected / submitted / on time / late / returned / missing, overall, by commune and by unit
    kind: one grouped query. On time means first sent by the due date (DHIS2's timeliness)."""
    due_end = timezone.make_aware(
        datetime.datetime.combine(period.due_date + datetime.timedelta(days=1), datetime.time.min)
    )
    sent = _submitted_q()
    rows = (
        Submission.objects.filter(period=period)
        .values(
            "unit__parent_id", "unit__parent__name", "unit__parent__level_label", "unit__parent__kind", "unit__kind"
        )
        .annotate(
            expected=Count("id"),
            submitted=Count("id", filter=sent),
            on_time=Count("id", filter=sent & Q(first_submitted_at__lt=due_end)),
            returned=Count("id", filter=Q(status=Submission.Status.RETURNED)),
            approved=Count("id", filter=Q(status=Submission.Status.APPROVED)),
        )
        .order_by("unit__parent__name")
    )
    total = Completeness(label=_("Toàn bộ"))
    communes: dict[int, Completeness] = {}
    kinds: dict[str, Completeness] = {}
    for row in rows:
        parent_label = row["unit__parent__name"] or ""
        if row["unit__parent__kind"] == UnitKind.COMMUNE and row["unit__parent__level_label"]:
            parent_label = f"{row['unit__parent__level_label']} {parent_label}"
        elif row["unit__parent__kind"] != UnitKind.COMMUNE:
            parent_label = _("Trực thuộc phòng")
        targets = [
            total,
            communes.setdefault(
                row["unit__parent_id"], Completeness(label=parent_label, key=str(row["unit__parent_id"]))
            ),
            kinds.setdefault(
                row["unit__kind"], Completeness(label=UnitKind(row["unit__kind"]).label, key=row["unit__kind"])
            ),
        ]
        for target in targets:
            target.expected += row["expected"]
            target.submitted += row["submitted"]
            target.on_time += row["on_time"]
            target.late += row["submitted"] - row["on_time"]
            target.returned += row["returned"]
            target.approved += row["approved"]
            target.missing += row["expected"] - row["submitted"]
    return {
        "total": total,
        "communes": sorted(communes.values(), key=lambda c: vn_sort_key(c.label)),
        "kinds": sorted(kinds.values(), key=lambda c: vn_sort_key(str(c.label))),
    }


# ----------------------------------------------------------------------------------------------
# Row sources: one per table, feeding the HTML template, the XLSX and the PDF (reports/grid.py).
# ----------------------------------------------------------------------------------------------


def submission_table(
    submission: Submission,
    *,
    spec: FormSpec | None = None,
    overrides: dict | None = None,
    figures: dict | None = None,
) -> Table:
    """The submission as the paper form: sections, rows × columns. `overrides` are values typed on
    the page that were not saved (shown again after a refused save); `figures` (services.provider_figures)
    mark the pre-filled cells whose source now answers otherwise."""
    spec = spec or load_form_spec(submission.period.form)
    stored = current_values(submission)
    values = spec.compute(values_by_key(spec, stored))
    overrides = overrides or {}
    figures = figures or {}

    def cell_for(cell) -> GridCell:
        dv = stored.get(cell.pk)
        if cell.type == CellType.COMPUTED:
            value = values.get(cell.key)
        elif cell.type in (CellType.TEXT, CellType.CHOICE, CellType.YES_NO):
            value = dv.text if dv else None
        else:
            value = dv.number if dv else None
        if cell.key in overrides:
            value = overrides[cell.key]
        return GridCell(
            value=value,
            key=cell.key,
            cell_id=cell.pk,
            type=cell.type,
            editable=cell.is_typed,
            required=cell.required,
            computed=cell.type == CellType.COMPUTED,
            source=dv.source if dv and dv.from_provider else "",
            choices=cell.choices,
            figure=figure if (figure := figures.get(cell.key)) is not None and figure.differs else None,
        )

    return form_table(
        spec,
        title=f"{spec.form.title}",
        subtitle=f"{submission.unit.full_name} — {submission.period.label}",
        cell_for=cell_for,
    )


def submission_history(submission: Submission) -> QuerySet[ValueChange]:
    return ValueChange.objects.filter(submission=submission).select_related("cell__row", "cell__column", "changed_by")


def submission_events(submission: Submission) -> QuerySet[AuditEntry]:
    return (
        AuditEntry.objects.filter(object_type=Submission._meta.label, object_id=str(submission.pk))
        .exclude(action="submission.save")
        .select_related("actor")
    )


# ----------------------------------------------------------------------------------------------
# Roll-up
# ----------------------------------------------------------------------------------------------


SENT_STATUSES = [Submission.Status.SUBMITTED, Submission.Status.APPROVED]


def rollup_filter(period: ReportingPeriod, *, commune: Unit | None = None, kind: str = "", approved_only: bool = False):
    subs = Submission.objects.filter(period=period, unit__path__startswith=(commune or period.owner).path)
    if kind:
        subs = subs.filter(unit__kind=kind)
    statuses = (
        [Submission.Status.APPROVED] if approved_only else [Submission.Status.SUBMITTED, Submission.Status.APPROVED]
    )
    return subs.filter(status__in=statuses)


def rollup_sums(period: ReportingPeriod, **filters) -> tuple[dict[int, Decimal], int]:
    """{cell_id: SUM(number)} over the filtered submissions, and how many submissions that is. Two
    queries: the submissions' ids (their number is the count), then one aggregate of their values by
    the (submission, cell) index. Half the time of joining values to submissions and units and
    filtering by the unit path, which reads every period's values (bench/rollup.py)."""
    ids = list(rollup_filter(period, **filters).values_list("pk", flat=True))
    if not ids:
        return {}, 0
    rows = (
        DataValue.objects.filter(submission_id__in=ids, number__isnull=False)
        .values_list("cell_id")
        .annotate(total=Sum("number"))
        .order_by()
    )
    return dict(rows), len(ids)


def rollup_values(spec: FormSpec, sums: dict[int, Decimal]) -> dict:
    """Keyed values: sums of typed numbers; totals and rates recomputed from the sums (a rate of the
    office is never the sum of the units' rates)."""
    values = {}
    for key, cell in spec.cells.items():
        if cell.type in (CellType.INTEGER, CellType.DECIMAL, CellType.YES_NO):
            values[key] = sums.get(cell.pk)
    return spec.compute(values)


def rollup_table(
    period: ReportingPeriod, *, spec: FormSpec | None = None, link_for=None, **filters
) -> tuple[Table, int]:
    spec = spec or load_form_spec(period.form)
    sums, count = rollup_sums(period, **filters)
    values = rollup_values(spec, sums)

    def cell_for(cell) -> GridCell:
        numeric = cell.type in (CellType.INTEGER, CellType.DECIMAL, CellType.YES_NO, CellType.COMPUTED)
        return GridCell(
            value=values.get(cell.key) if numeric else None,
            key=cell.key,
            cell_id=cell.pk,
            type=cell.type,
            computed=cell.type == CellType.COMPUTED,
            link=link_for(cell) if (link_for and numeric and cell.type != CellType.COMPUTED) else "",
        )

    counted = _("tổng hợp %(n)s báo cáo đã duyệt") if filters.get("approved_only") else _("tổng hợp %(n)s báo cáo")
    subtitle = " — ".join(
        [period.owner.full_name, period.label, *rollup_filter_labels(**filters), counted % {"n": count}]
    )
    return form_table(spec, title=spec.form.title, subtitle=subtitle, cell_for=cell_for), count


# A page of the per-unit table holds this many figures beside the unit's name (landscape A4, 12 pt).
UNIT_TABLE_PAGE_COLUMNS = 10


def rollup_unit_table(period: ReportingPeriod, *, spec: FormSpec | None = None, **filters) -> Table:
    """The roll-up unit by unit, for sending upward: one row per unit counted in the roll-up, one
    column per numeric cell of the form (grouped under its indicator), the office's sums as the
    total row. Titled with the filters applied, so a commune's table never reads as the district's.
    Computed cells (totals, rates) are computed for each unit from its own figures. Two queries."""
    spec = spec or load_form_spec(period.form)
    keys = []  # (FormRow, FormColumn, FormCell) of each numeric cell, in the form's order
    for section in spec.sections:
        for form_row in spec.rows_by_section.get(section.pk, []):
            for column in spec.columns:
                cell = spec.cells.get(f"{form_row.code}.{column.code}")
                if cell is not None and cell.is_numeric:
                    keys.append((form_row, column, cell))
    subs = list(rollup_filter(period, **filters).select_related("unit", "unit__parent"))
    numbers: dict[int, dict[int, Decimal]] = {sub.pk: {} for sub in subs}
    stored = DataValue.objects.filter(submission__in=[s.pk for s in subs], number__isnull=False)
    for submission_id, cell_id, number in stored.values_list("submission_id", "cell_id", "number"):
        numbers[submission_id][cell_id] = number
    subs.sort(key=lambda s: (vn_sort_key(s.unit.parent.name if s.unit.parent_id else ""), name_order(s.unit)))

    def figures(values: dict) -> list:
        return [values.get(cell.key) for _row, _column, cell in keys]

    rows = []
    for sub in subs:
        commune = sub.unit.parent.name if sub.unit.parent_id and sub.unit.parent.kind == UnitKind.COMMUNE else ""
        rows.append(Row([sub.unit.name, commune, *figures(rollup_values(spec, numbers[sub.pk]))]))
    sums, _count = rollup_sums(period, **filters)
    rows.append(Row.total([_("Cộng"), "", *figures(rollup_values(spec, sums))]))
    header = [HeaderCell(_("Đơn vị"), rowspan=2), HeaderCell(_("Xã, phường"), rowspan=2)]
    sub_header = []
    for form_row in dict.fromkeys(form_row for form_row, _column, _cell in keys):
        span = sum(1 for r, _column, _cell in keys if r is form_row)
        header.append(HeaderCell(f"{form_row.code}. {form_row.label}", colspan=span))
        sub_header += [HeaderCell(column.label) for r, column, _cell in keys if r is form_row]
    title = " — ".join([_("Số liệu từng đơn vị"), spec.form.title])
    return Table(
        title=title,
        subtitle=" — ".join([period.owner.full_name, period.label, *rollup_filter_labels(**filters)]),
        columns=[
            Column(_("Đơn vị"), width=30),
            Column(_("Xã, phường"), width=16),
            # a rate (unit "%") prints with one decimal, "100,0"; other figures as they are
            *[
                Column(f"{r.code}.{c.code}", DECIMAL, decimals=1 if _is_rate(r) else None, width=10)
                for r, c, _cell in keys
            ],
        ],
        header_rows=[header, sub_header],
        rows=rows,
        number_rows=True,
    )


def _is_rate(form_row) -> bool:
    return form_row.unit_label.strip() == "%"


def split_columns(table: Table, per_page: int = UNIT_TABLE_PAGE_COLUMNS, lead: int = 2) -> list[Table]:
    """A table too wide for one landscape page as several, each with the `lead` columns (the unit)
    repeated and at most `per_page` figures; the title says which part it is."""
    figures = len(table.columns) - lead
    if figures <= per_page:
        return [table]
    parts = []
    header, sub_header = table.header_rows
    owners = []  # the top header cell of each figure column
    for cell in header[lead:]:
        owners += [cell] * cell.colspan
    count = -(-figures // per_page)
    for part, start in enumerate(range(lead, len(table.columns), per_page), 1):
        stop = min(start + per_page, len(table.columns))
        top = []
        for cell in owners[start - lead : stop - lead]:
            if top and top[-1][0] is cell:
                top[-1][1] += 1
            else:
                top.append([cell, 1])
        parts.append(
            Table(
                title=f"{table.title} ({_('phần %(i)s/%(n)s') % {'i': part, 'n': count}})",
                subtitle=table.subtitle,
                columns=table.columns[:lead] + table.columns[start:stop],
                header_rows=[
                    header[:lead] + [HeaderCell(cell.text, colspan=span) for cell, span in top],
                    sub_header[start - lead : stop - lead],
                ],
                rows=[Row(row.cells[:lead] + row.cells[start:stop], style=row.style) for row in table.rows],
                number_rows=table.number_rows,
            )
        )
    return parts


def rollup_filter_labels(*, commune: Unit | None = None, kind: str = "", approved_only: bool = False) -> list[str]:
    """The commune and unit kind a roll-up is filtered by, as words for its title on the page, the
    XLSX and the PDF: a roll-up of one commune's schools must not read as the whole district's."""
    labels = []
    if commune is not None:
        labels.append(commune.full_name)
    if kind:
        labels.append(str(UnitKind(kind).label))
    return labels


def rollup_drilldown(period: ReportingPeriod, cell, **filters) -> QuerySet[Submission]:
    """The units behind one office figure, each with its value (one query, paginated by the view)."""
    subs = rollup_filter(period, **filters)
    value = DataValue.objects.filter(submission=OuterRef("pk"), cell=cell)
    return (
        subs.select_related("unit", "unit__parent")
        .annotate(value=Subquery(value.values("number")[:1]), has_value=Exists(value))
        .order_by("unit__path")
    )


def communes_for_filter(period: ReportingPeriod) -> list[Unit]:
    return sorted(Unit.objects.subtree_of(period.owner).filter(kind=UnitKind.COMMUNE), key=name_order)


def display(number, text="") -> str:
    return display_value(number, text)


def commune_in_period(period: ReportingPeriod, commune_id: int) -> Unit | None:
    """A commune filter of a period's pages: only a unit under the period's owner."""
    return Unit.objects.filter(pk=commune_id, path__startswith=period.owner.path).first()


def selected_submissions(period: ReportingPeriod, *, ids: list[int], which: str = "") -> list[Submission]:
    """The submissions a bulk action names: the ticked ids, else all missing or all waiting ones."""
    subs = Submission.objects.filter(period=period)
    if ids:
        return list(subs.filter(pk__in=ids))
    if which == "missing":
        return list(subs.filter(status__in=[Submission.Status.DRAFT, Submission.Status.RETURNED]))
    if which == "waiting":
        return list(subs.filter(status=Submission.Status.SUBMITTED))
    return []


def period_cells(period: ReportingPeriod) -> QuerySet[FormCell]:
    return FormCell.objects.filter(form=period.form).select_related("row", "column", "row__section")


def notifications_of(user) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user)
