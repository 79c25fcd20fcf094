"""Home panel of the literacy module for the office (gdtx_portal/home/panels.py): the literacy
rate by commune against the standard (Nghị định 20/2014/NĐ-CP, Điều 20: 90%) and the possible
duplicates of the latest survey round still to resolve. A fixed number of queries, and those only
after a change: the panel is kept (units.panel_cache) until a literacy or unit-tree write."""

from django.urls import reverse
from django.utils.translation import gettext as _

from documents import Series, grouped_bar_chart_svg
from units.models import OFFICE_ROLES, UnitKind
from units.panel_cache import STATISTICS, cached_panels

from . import rules
from .attainment import office_standard, standard_years
from .selectors import duplicate_count

# The office home's headline figures from this app (gdtx_portal/home/headlines.py): indicator key
# (literacy/providers.py), icon, tint; and the audit actions of the records it counts.
HEADLINES = [("literacy.learners", "fa-book-open-reader", "tint-red")]
HEADLINE_SOURCES = ("literacy.",)


def panels(request, *, role, unit):
    if unit is None or unit.kind != UnitKind.OFFICE or not (role in OFFICE_ROLES or request.user.is_superuser):
        return []
    return cached_panels(
        request, "literacy", unit=unit, role=role, depends_on=STATISTICS, build=lambda: _build(request, unit)
    )


def _build(request, unit):
    years = standard_years(unit)
    if not years:
        return []
    # The panel shows whole-population rates: the female and minority counts are not needed.
    result = office_standard(unit, years[0], groups=("all",))
    duplicates = duplicate_count(request.user, result.survey_round) if result.survey_round else 0

    def rate(level_result):
        return float(level_result.rate) if level_result.rate is not None else None

    chart = grouped_bar_chart_svg(
        [c.commune.name for c in result.communes],
        [
            Series(_("Mức độ 1"), [rate(c.level1) for c in result.communes]),
            Series(_("Mức độ 2"), [rate(c.level2) for c in result.communes]),
        ],
        title=_("Tỉ lệ biết chữ theo xã, năm %(y)s") % {"y": years[0]},
        unit="%",
        y_max=100,
        target=rules.THRESHOLD_PERCENT,
        target_label=_("Chuẩn %(p)s%%") % {"p": rules.THRESHOLD_PERCENT},
    )
    survey_round = result.survey_round
    duplicates_url = reverse("literacy:duplicates", args=[survey_round.pk]) if survey_round else ""
    return [
        {
            "template": "home/_literacy_panel.html",
            "col": "col-lg-6",
            "chart": chart,
            "year": years[0],
            "met1": result.communes_meeting_level1,
            "met2": result.communes_meeting_level2,
            "communes": len(result.communes),
            "duplicates": duplicates,
            "round": result.survey_round,
            "duplicates_url": duplicates_url,
            "standard_url": reverse("literacy:standard", args=[unit.pk]),
        }
    ]
