"""Home page panels (gdtx_portal/home/panels.py): a school's or centre's people trained, linked to
the unit's training page; the office's year of training against its plan. One or two queries."""

from django.urls import reverse
from django.utils.translation import gettext as _

from units.calendar import current_school_year
from units.models import OFFICE_ROLES, Role

from .selectors import trained_counts, year_headline
from .views.common import school_year_label

UNIT_ROLES = (Role.PRINCIPAL, Role.SCHOOL_STAFF, Role.CENTRE_DIRECTOR, Role.CENTRE_STAFF)


def panels(request, *, role, unit):
    if unit is None:
        return []
    if role in UNIT_ROLES:
        return [
            {
                "template": "training/_home_panel.html",
                "col": "col-lg-6",
                "counts": trained_counts(unit),
                "url": reverse("training:unit", args=[unit.pk]),
                "link": _("Xem ai đã được tập huấn"),
            }
        ]
    if role in OFFICE_ROLES:
        year = current_school_year()
        return [
            {
                "template": "training/_home_panel.html",
                "col": "col-lg-6",
                "s": year_headline(unit, year),
                "year_label": school_year_label(year),
                "url": reverse("training:summary"),
                "link": _("Tổng hợp so với kế hoạch"),
            }
        ]
    return []
