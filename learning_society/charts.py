"""The statistics chart, drawn by the shared export layer as inline SVG so page and PDF match."""

from django.utils.translation import gettext as _

from documents import Series, grouped_bar_chart_svg

from .selectors import TitleStat


def share_chart(stats: list[TitleStat], *, title: str = ""):
    """Recognised share of each title beside the target in force that year (learning_society.targets)."""
    labels = [s.label for s in stats]
    return grouped_bar_chart_svg(
        labels,
        [
            Series(_("Tỉ lệ được công nhận"), [float(s.share) if s.share is not None else None for s in stats]),
            Series(_("Chỉ tiêu (nguồn ghi trong bảng)"), [s.target for s in stats]),
        ],
        title=title or _("Tỉ lệ được công nhận so với chỉ tiêu"),
        unit="%",
        y_max=100,
        decimals=1,
    )
