"""Inspection block of the office's annual report (annual/blocks.py discovers this module), in its
"Công tác chỉ đạo, quản lý" section: the year's visits against the plan and the recommendations
by state. `start`–`end` are the report's school year (units.calendar.school_year_dates)."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from annual.blocks import AnnualBlock
from documents import Cell, Column, Row, Table

from .models import Inspection, RecStatus, Status


def inspections_table(office, start, end) -> Table:
    visits = (
        Inspection.objects.filter(office__path__startswith=office.path, planned_date__gte=start, planned_date__lte=end)
        .select_related("unit")
        .annotate(
            recs=Count("recommendations"),
            closed=Count("recommendations", filter=Q(recommendations__status=RecStatus.CLOSED)),
        )
        .order_by("planned_date", "id")
    )
    rows, done, recs, closed = [], 0, 0, 0
    for visit in visits:
        done += visit.status == Status.DONE
        recs += visit.recs
        closed += visit.closed
        rows.append(
            Row(
                [
                    Cell(visit.unit.name, href=reverse("inspections:inspection", args=[visit.pk])),
                    visit.planned_date,
                    visit.done_date or "",
                    visit.get_status_display(),
                    visit.recs,
                    visit.closed,
                ]
            )
        )
    if rows:  # no "0/0 đợt" line when nothing is planned: the page says so (AnnualBlock.empty_text)
        rows.append(
            Row.total([_("Cộng: đã kiểm tra %(d)s/%(p)s đợt") % {"d": done, "p": len(rows)}, "", "", "", recs, closed])
        )
    return Table(
        title=_("Công tác kiểm tra trong năm học"),
        columns=[
            Column(_("Đơn vị được kiểm tra"), width=34),
            Column(_("Ngày dự kiến"), "date"),
            Column(_("Ngày kiểm tra"), "date"),
            Column(_("Tình trạng"), width=14),
            Column(_("Kiến nghị"), "int"),
            Column(_("Đã khắc phục (đóng)"), "int"),
        ],
        rows=rows,
        number_rows=True,
        notes=[_("Số liệu lấy trực tiếp từ kế hoạch và biên bản kiểm tra trên cổng.")],
    )


def blocks():
    return [
        AnnualBlock(
            "inspections.visits",
            "direction",
            gettext_lazy("Công tác kiểm tra, giám sát"),
            inspections_table,
            empty_text=gettext_lazy(
                "Chưa có đợt kiểm tra nào được lập kế hoạch trong năm học này, nên bảng này chưa có số liệu."
            ),
            empty_url="inspections:inspection_add",
            empty_link=gettext_lazy("Lập kế hoạch đợt kiểm tra"),
        )
    ]
