"""A new school year (issue 16, units.new_year): the office's reporting periods of last school year
opened again for the new one, same forms and same reporting units, every date moved by a year."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from units.calendar import school_year_dates
from units.models import Unit
from units.new_year import moved

from .models import ReportingPeriod
from .services.periods import period_open

TITLE = gettext_lazy("Kỳ báo cáo")

DATES = ("start_date", "end_date", "open_date", "due_date", "lock_date")
YEAR = re.compile(r"(?<!\d)(19|20)(\d\d)(?!\d)")


def _label(label: str, years: int) -> str:
    """The label with each year in it moved: "Năm học 2025-2026" → "Năm học 2026-2027"."""
    return YEAR.sub(lambda m: str(int(m.group(0)) + years), label)


def _plan(office, from_year: int, to_year: int) -> list[tuple[ReportingPeriod, dict]]:
    """(last year's period, the new period's values) for each period not yet opened again."""
    first, last = school_year_dates(from_year)
    years = to_year - from_year
    periods = (
        ReportingPeriod.objects.filter(owner=office, start_date__range=(first, last))
        .select_related("form")
        .order_by("start_date", "form__code", "id")
    )
    plan = []
    for period in periods:
        values = {name: moved(getattr(period, name), years) for name in DATES}
        values["label"] = _label(period.label, years)
        if ReportingPeriod.objects.filter(owner=office, form=period.form, start_date=values["start_date"]).exists():
            continue
        plan.append((period, values))
    return plan


def _line(period: ReportingPeriod, values: dict) -> str:
    return _("%(form)s — %(label)s: số liệu %(start)s–%(end)s, hạn nộp %(due)s.") % {
        "form": period.form.title,
        "label": values["label"],
        "start": values["start_date"].strftime("%d/%m/%Y"),
        "end": values["end_date"].strftime("%d/%m/%Y"),
        "due": values["due_date"].strftime("%d/%m/%Y"),
    }


def preview(office, from_year: int, to_year: int) -> list[str]:
    plan = _plan(office, from_year, to_year)
    if not plan:
        return [_("Không có kỳ báo cáo nào của năm học %(y)d-%(n)d cần mở lại.") % {"y": from_year, "n": from_year + 1}]
    lines = []
    for period, values in plan:
        line = _line(period, values)
        if not period.form.is_published:
            line += " " + _("(Biểu mẫu chưa ban hành: sẽ không mở.)")
        lines.append(line)
    return lines


def run(actor, office, from_year: int, to_year: int) -> list[str]:
    lines = []
    for period, values in _plan(office, from_year, to_year):
        units = None
        if not period.expected_kinds:
            units = list(Unit.objects.filter(submissions__period=period))
        try:
            period_open(
                actor=actor,
                form=period.form,
                owner=office,
                kinds=list(period.expected_kinds),
                school_levels=list(period.expected_school_levels),
                units=units,
                allow_past_due=True,
                **values,
            )
        except ValidationError as error:
            lines.append(
                _("Không mở được %(line)s Lý do: %(why)s")
                % {"line": _line(period, values), "why": " ".join(error.messages)}
            )
        else:
            lines.append(_line(period, values))
    return lines
