"""Home panel of learning society for the office (gdtx_portal/home/panels.py): recognitions by
title this year, and recognitions expiring within 6 months (kept for the 3 years following
the year of recognition, learning_society.rules, Thông tư 25/2023/TT-BGDĐT). A fixed number of
queries, and those only after a change: the panel is kept (units.panel_cache) until a
learning-society or unit-tree write."""

from django.urls import reverse
from django.utils.translation import gettext as _

from documents import Series, grouped_bar_chart_svg
from units.models import OFFICE_ROLES, UnitKind, today
from units.panel_cache import STATISTICS, cached_panels

from .selectors import COUNTED_TITLES, expiring, expiring_count, statistics

EXPIRING_SHOWN = 4


def panels(request, *, role, unit):
    if unit is None or unit.kind != UnitKind.OFFICE or not (role in OFFICE_ROLES or request.user.is_superuser):
        return []
    return cached_panels(
        request, "learning_society", unit=unit, role=role, depends_on=STATISTICS, build=lambda: _build(request, unit)
    )


def _build(request, unit):
    year = today().year
    _areas, now = statistics(unit, year, shown=[])  # the total only
    labels = [now.titles[t].label for t in COUNTED_TITLES]
    chart = grouped_bar_chart_svg(
        labels,
        [
            Series(_("Đăng ký"), [now.titles[t].registered for t in COUNTED_TITLES]),
            Series(_("Được công nhận"), [now.titles[t].recognised for t in COUNTED_TITLES]),
        ],
        title=_("Danh hiệu học tập năm %(y)s") % {"y": year},
    )
    soon = expiring(request.user)
    return [
        {
            "template": "home/_learning_society_panel.html",
            "col": "col-lg-6",
            "chart": chart,
            "year": year,
            "expiring": list(soon.select_related("subject", "subject__area")[:EXPIRING_SHOWN]),
            "expiring_count": expiring_count(request.user),
            "expiring_url": reverse("learning_society:recognised") + "?sap_het_han=1",
        }
    ]
