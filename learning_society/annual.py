"""Learning society's blocks of the office's annual report (annual/blocks.py discovers this module).

Figures come from learning_society.selectors.statistics, the same numbers as the module's own
statistics page: recognitions held at the end of the year (kept for the 3 years following
the year of recognition, learning_society.rules, Thông tư 25/2023/TT-BGDĐT) against the year's targets with
their source (learning_society.targets).
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from annual.blocks import AnnualBlock
from documents import Cell, Column, Row, Series, Table, grouped_bar_chart_svg
from units import calendar

from .selectors import COUNTED_TITLES, statistics


def recognitions_block(office, start, end):
    # Recognitions are decided by calendar year: the calendar says which one belongs to the school
    # year (units.calendar.recognition_year), the same year as the literacy section's.
    year = calendar.recognition_year(calendar.school_year_of(start))
    _areas, total = statistics(office, year, shown=[])  # the total only
    rows = []
    for title in COUNTED_TITLES:
        stat = total.titles[title]
        href = reverse("learning_society:recognised") + f"?nam={year}&danh_hieu={title}"
        rows.append(
            Row(
                [
                    stat.label,
                    Cell(stat.total, href=href),
                    Cell(stat.registered, href=href),
                    Cell(stat.recognised, href=href),
                    stat.share,  # cut to 0.1, never rounded up to the target (documents.vn_percent)
                    stat.target,
                ]
            )
        )
    table = Table(
        title=_("Kết quả công nhận các danh hiệu học tập năm %(year)s") % {"year": year},
        columns=[
            Column(_("Danh hiệu"), width=30),
            Column(_("Tổng số"), "int"),
            Column(_("Đăng ký"), "int"),
            Column(_("Được công nhận"), "int"),
            Column(_("Tỉ lệ công nhận"), "percent"),
            Column(_("Chỉ tiêu (%)"), "int"),
        ],
        rows=rows,
        number_rows=True,
        notes=[
            _("Chỉ tiêu: %(sources)s. Số được công nhận gồm các danh hiệu còn hiệu lực đến cuối năm.")
            % {
                "sources": "; ".join(
                    f"{total.titles[t].label}: {total.titles[t].target_citation}" for t in COUNTED_TITLES
                )
            }
        ],
    )
    labels = [total.titles[t].label for t in COUNTED_TITLES]
    chart = grouped_bar_chart_svg(
        labels,
        [
            Series(_("Đăng ký"), [total.titles[t].registered for t in COUNTED_TITLES]),
            Series(_("Được công nhận"), [total.titles[t].recognised for t in COUNTED_TITLES]),
        ],
        title=_("Danh hiệu học tập: đăng ký và công nhận"),
    )
    return table, chart


def blocks():
    return [
        AnnualBlock(
            "learning_society.recognitions",
            "learning_society",
            gettext_lazy("Kết quả công nhận các danh hiệu học tập"),
            recognitions_block,
        )
    ]
