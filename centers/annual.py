"""Centres' blocks of the office's annual report (annual/blocks.py discovers this module): the
centres' indicator figures by commune (activities, staff, funding — the keys are this app's own,
centers/providers.py) and the TTHTCĐ activities month by month over the school year
(1 Sep – 31 Aug), one SQL aggregate. The home page draws the same chart (centers/home.py).

Centres count the school year itself: `start`–`end` are units.calendar.school_year_dates of the
report's school year (the calendar's rule, as for the literacy and learning-society sections)."""

import datetime

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from annual.blocks import AnnualBlock, provider_block
from documents import Cell, Column, Row, Series, Table, line_chart_svg
from resources.selectors import library_count, year_models
from units.models import Unit, UnitKind

from .models import Activity


def _months(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    months, day = [], start.replace(day=1)
    while day <= end:
        months.append(day)
        day = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return months


def activities_by_month(office, start, end) -> tuple[Table, str]:
    centres = Unit.objects.filter(path__startswith=office.path, kind=UnitKind.CENTRE)
    rows = (
        Activity.objects.filter(centre__in=centres, start_date__gte=start, start_date__lte=end)
        .annotate(month=TruncMonth("start_date"))
        .order_by()
        .values("month")
        .annotate(n=Count("id"), people=Sum("participants"))
    )
    found = {(r["month"].year, r["month"].month): r for r in rows}
    months = _months(start, end)
    href = reverse("centers:index")
    table_rows, counts = [], []
    for m in months:
        r = found.get((m.year, m.month), {})
        counts.append(r.get("n", 0))
        table_rows.append(Row([f"{m.month:02d}/{m.year}", Cell(r.get("n", 0), href=href), r.get("people") or 0]))
    table_rows.append(
        Row.total([_("Cộng"), sum(counts), sum((found.get((m.year, m.month), {}).get("people") or 0) for m in months)])
    )
    table = Table(
        title=_("Hoạt động của các TTHTCĐ theo tháng"),
        columns=[
            Column(_("Tháng"), width=12),
            Column(_("Số hoạt động"), "int"),
            Column(_("Lượt người tham gia"), "int"),
        ],
        rows=table_rows,
    )
    chart = line_chart_svg(
        [f"{m.month:02d}/{m.year % 100:02d}" for m in months],
        [Series(_("Số hoạt động"), counts)],
        title=_("Hoạt động của các TTHTCĐ theo tháng"),
    )
    return table, chart


def good_models_table(office, start, end) -> Table:
    """The good models the office published in the school year (resources/, a shared app that cannot
    build report tables itself), and how its library of resources served the centres' activities."""
    models = list(year_models(office, start, end))
    rows = [
        Row(
            [
                Cell(m.title, href=reverse("resources:model", args=[m.pk])),
                m.get_kind_display(),
                m.unit.full_name,
                m.published_at.date(),
            ]
        )
        for m in models
    ]
    used = (
        Activity.resources.through.objects.filter(
            activity__centre__path__startswith=office.path,
            activity__start_date__gte=start,
            activity__start_date__lte=end,
        )
        .values("activity_id")
        .distinct()
        .count()
    )
    return Table(
        title=_("Mô hình điển hình được đăng tải để nhân rộng"),
        columns=[
            Column(_("Mô hình"), width=40),
            Column(_("Loại mô hình"), width=24),
            Column(_("Đơn vị"), width=24),
            Column(_("Ngày đăng"), "date"),
        ],
        rows=rows,
        number_rows=True,
        notes=[
            _(
                "Thư viện học liệu của phòng: %(n)s học liệu đã đăng; "
                "%(a)s hoạt động của TTHTCĐ trong năm học có dùng học liệu."
            )
            % {"n": library_count(office), "a": used}
        ],
    )


def blocks():
    return [
        provider_block(
            "providers.centres",
            "centres",
            gettext_lazy("Hoạt động của các TTHTCĐ"),
            [
                "centers.centres",
                "centers.activities",
                "centers.classes",
                "centers.topics",
                "centers.clubs",
                "centers.participants",
                "centers.participants.women",
                "centers.participants.ethnic",
            ],
        ),
        AnnualBlock(
            "centers.activities_by_month", "centres", gettext_lazy("Hoạt động theo tháng"), activities_by_month
        ),
        AnnualBlock(
            "resources.good_models",
            "learning_society",
            gettext_lazy("Mô hình điển hình và học liệu dùng chung"),
            good_models_table,
        ),
        provider_block(
            "providers.staff",
            "staff",
            gettext_lazy("Đội ngũ của các TTHTCĐ"),
            [
                "centers.staff.director",
                "centers.staff.deputy",
                "centers.staff.teacher",
                "centers.staff.lecturer",
                "centers.staff.collaborator",
            ],
            unit_note=gettext_lazy("Đơn vị tính: người"),
        ),
        provider_block(
            "providers.funding",
            "funding",
            gettext_lazy("Kinh phí hoạt động của các TTHTCĐ"),
            [
                "centers.funding.state_budget",
                "centers.funding.commune_budget",
                "centers.funding.socialised",
                "centers.funding.total",
                "centers.spending.total",
            ],
            unit_note=gettext_lazy("Đơn vị tính: đồng"),
            kind="decimal",
        ),
    ]
