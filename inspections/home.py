"""Home page panels (gdtx_portal/home/panels.py): an inspected unit's open recommendations with
their deadlines; the office's year of inspections against its plan. One or two queries."""

from django.urls import reverse
from django.utils.translation import gettext as _

from units.calendar import current_school_year, today
from units.models import OFFICE_ROLES, Role

from .selectors import open_recommendations_of, year_figures
from .views.common import school_year_label

UNIT_ROLES = (Role.PRINCIPAL, Role.SCHOOL_STAFF, Role.CENTRE_DIRECTOR, Role.CENTRE_STAFF, Role.ASSOCIATION_OFFICER)


def panels(request, *, role, unit):
    if unit is None:
        return []
    if role in UNIT_ROLES:
        recs = list(open_recommendations_of(unit)[:5])
        if not recs:
            return []
        return [
            {
                "template": "inspections/_home_panel.html",
                "col": "col-lg-6",
                "recs": recs,
                "today": today(),
                "url": reverse("inspections:inspection", args=[recs[0].inspection_id]),
                "link": _("Xem và trả lời"),
            }
        ]
    if role in OFFICE_ROLES:
        year = current_school_year()
        return [
            {
                "template": "inspections/_home_panel.html",
                "col": "col-lg-6",
                "figures": year_figures(unit, year),
                "year_label": school_year_label(year),
                "url": reverse("inspections:index"),
                "link": _("Kế hoạch kiểm tra"),
            }
        ]
    return []
