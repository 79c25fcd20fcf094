"""Literacy's blocks of the office's annual report (annual/blocks.py discovers this module).

The commune standard comes from literacy's own selector (Nghị định 20/2014/NĐ-CP, Điều 20–21:
≥ 90% literate in the commune's age band, lower bands for especially difficult communes), so the
annual report prints exactly what the literacy module shows.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from annual.blocks import AnnualBlock, provider_block
from documents import Cell, Column, HeaderCell, Row, Series, Table, grouped_bar_chart_svg
from units import calendar

from . import rules
from .attainment import office_standard, standard_years


def statistics_year(office, start) -> int | None:
    """The statistics year the calendar assigns to the school year starting on `start`
    (units.calendar.statistics_year: the PCGD-XMC year whose 30/9 snapshot falls in the school
    year), or None when the office has no survey round of that year. Never an earlier year: the
    report's literacy and learning-society figures must be of the same year."""
    year = calendar.statistics_year(calendar.school_year_of(start))
    return year if year in standard_years(office) else None


def _rate(result):
    return float(result.rate) if result.rate is not None else None


def standard_block(office, start, end):
    year = statistics_year(office, start)
    if year is None:
        return None
    # The annual table shows the whole population only; the by-sex and ethnic tables live on the
    # standard page.
    result = office_standard(office, year, groups=("all",))
    rows = []
    for c in result.communes:
        href = reverse("literacy:standard", args=[c.commune.pk])
        rows.append(
            Row(
                [
                    Cell(c.commune.name + (" (ĐBKK)" if c.especially_difficult else ""), href=href),
                    Cell(c.level1.population, href=href),
                    Cell(c.level1.exempt, href=href),
                    Cell(c.level1.literate, href=href),
                    _rate(c.level1),
                    _("Đạt") if c.level1.met else _("Chưa đạt"),
                    Cell(c.level2.population, href=href),
                    Cell(c.level2.exempt, href=href),
                    Cell(c.level2.literate, href=href),
                    _rate(c.level2),
                    _("Đạt") if c.level2.met else _("Chưa đạt"),
                ]
            )
        )
    t1, t2 = result.level_total(1), result.level_total(2)
    rows.append(
        Row.total(
            [
                _("Cộng"),
                t1.population,
                t1.exempt,
                t1.literate,
                _rate(t1),
                f"{result.communes_meeting_level1}/{len(result.communes)}",
                t2.population,
                t2.exempt,
                t2.literate,
                _rate(t2),
                f"{result.communes_meeting_level2}/{len(result.communes)}",
            ]
        )
    )
    table = Table(
        title=_("Kết quả xóa mù chữ theo xã (năm thống kê %(year)s)") % {"year": year},
        columns=[
            Column(_("Xã, phường"), width=24),
            Column(_("Số người trong độ tuổi"), "int"),
            Column(_("Miễn"), "int"),
            Column(_("Biết chữ mức độ 1"), "int"),
            Column(_("Tỉ lệ"), "percent"),
            Column(_("Xã đạt mức độ 1"), width=10),
            Column(_("Số người trong độ tuổi"), "int"),
            Column(_("Miễn"), "int"),
            Column(_("Biết chữ mức độ 2"), "int"),
            Column(_("Tỉ lệ"), "percent"),
            Column(_("Xã đạt mức độ 2"), width=10),
        ],
        header_rows=[
            [
                HeaderCell(_("Xã, phường"), rowspan=2),
                HeaderCell(_("Xóa mù chữ mức độ 1"), colspan=5),
                HeaderCell(_("Xóa mù chữ mức độ 2"), colspan=5),
            ],
            [
                HeaderCell(_("Số người trong độ tuổi")),
                HeaderCell(_("Miễn")),
                HeaderCell(_("Biết chữ")),
                HeaderCell(_("Tỉ lệ")),
                HeaderCell(_("Đạt chuẩn")),
                HeaderCell(_("Số người trong độ tuổi")),
                HeaderCell(_("Miễn")),
                HeaderCell(_("Biết chữ")),
                HeaderCell(_("Tỉ lệ")),
                HeaderCell(_("Đạt chuẩn")),
            ],
        ],
        rows=rows,
        number_rows=True,
        notes=[
            _(
                "%(basis)s: xã đạt chuẩn khi ít nhất %(p)s%% người trong độ tuổi biết chữ "
                "(mức độ 1: %(b1)s tuổi, xã đặc biệt khó khăn %(b1d)s; mức độ 2: %(b2)s tuổi, xã ĐBKK %(b2d)s)."
            )
            % {
                "basis": rules.standard_basis(year),
                "p": rules.THRESHOLD_PERCENT,
                "b1": rules.band_for(1, False).label,
                "b1d": rules.band_for(1, True).label,
                "b2": rules.band_for(2, False).label,
                "b2d": rules.band_for(2, True).label,
            },
            _(
                "Số người trong độ tuổi: mọi người của độ tuổi; Miễn: người khuyết tật không có khả năng học "
                "(quy định của địa phương / hướng dẫn điều tra). Tỉ lệ tính trên số người trong độ tuổi trừ "
                "số miễn khi phòng chọn như vậy (trang Cài đặt xóa mù chữ)."
            ),
        ],
    )
    chart = grouped_bar_chart_svg(
        [c.commune.name for c in result.communes],
        [
            Series(_("Mức độ 1"), [_rate(c.level1) for c in result.communes]),
            Series(_("Mức độ 2"), [_rate(c.level2) for c in result.communes]),
        ],
        title=_("Tỉ lệ biết chữ theo xã"),
        unit="%",
        y_max=100,
        target=rules.THRESHOLD_PERCENT,
        target_label=_("Chuẩn %(p)s%% (%(basis)s)")
        % {"p": rules.THRESHOLD_PERCENT, "basis": rules.standard_basis(year, "")},
    )
    return table, chart


def blocks():
    return [
        provider_block(
            "providers.literacy_classes",
            "literacy",
            gettext_lazy("Lớp học và học viên xóa mù chữ, sau biết chữ"),
            # This app's own indicator keys (literacy/providers.py).
            [
                "literacy.classes_stage1",
                "literacy.classes_stage2",
                "literacy.classes_post",
                "literacy.learners",
                "literacy.learners_women",
                "literacy.learners_minority",
                "literacy.completions",
            ],
        ),
        AnnualBlock("literacy.standard", "literacy", gettext_lazy("Kết quả xóa mù chữ theo xã"), standard_block),
        AnnualBlock(
            "literacy.recognitions",
            "literacy",
            gettext_lazy("Xã được công nhận đạt chuẩn xóa mù chữ trong năm học"),
            recognitions_block,
        ),
    ]


def recognitions_block(office, start, end):
    """The decisions recognising communes of the office, dated in the school year (issue 18)."""
    from .models import RecognitionDossier

    rows = [
        Row([d.commune.name, d.level, d.year, d.decision_number, d.decision_date])
        for d in RecognitionDossier.objects.filter(
            office=office,
            status=RecognitionDossier.Status.RECOGNISED,
            decision_date__gte=start,
            decision_date__lte=end,
        )
        .select_related("commune")
        .order_by("decision_date", "commune__path", "level")
    ]
    return Table(
        title=_("Xã được công nhận đạt chuẩn xóa mù chữ"),
        columns=[
            Column(_("Xã"), width=30),
            Column(_("Mức độ"), "int", width=10),
            Column(_("Năm đạt chuẩn"), "int", width=12),
            Column(_("Số quyết định"), width=16),
            Column(_("Ngày quyết định"), "date", width=16),
        ],
        rows=rows,
    )
