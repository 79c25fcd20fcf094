"""Home page panels (gdtx_portal/home/panels.py): for a school's or centre's head and staff, the
movements open to register or report, and the unit's awards; for the office, its movements of the
year by stage. Two queries at most."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from units.calendar import current_school_year
from units.models import OFFICE_ROLES, Role

from .models import Award, Movement, Stage
from .selectors import open_movements_for

UNIT_ROLES = (Role.PRINCIPAL, Role.SCHOOL_STAFF, Role.CENTRE_DIRECTOR, Role.CENTRE_STAFF)


def panels(request, *, role, unit):
    if unit is None:
        return []
    if role in UNIT_ROLES:
        movements = open_movements_for(unit)
        awards = Award.objects.filter(unit=unit, decision__isnull=False).count()
        if not movements and not awards:
            return []
        return [
            {
                "template": "emulation/_home_panel.html",
                "col": "col-lg-6",
                "movements": movements,
                "awards": awards,
                "url": reverse("emulation:unit", args=[unit.pk]),
                "link": _("Khen thưởng của đơn vị"),
            }
        ]
    if role in OFFICE_ROLES:
        counts = dict(
            Movement.objects.filter(office__path__startswith=unit.path, school_year=current_school_year())
            .order_by()
            .values_list("stage")
            .annotate(n=Count("id"))
        )
        if not counts:
            return []
        return [
            {
                "template": "emulation/_home_panel.html",
                "col": "col-lg-6",
                "stages": [(label, counts.get(value, 0)) for value, label in Stage.choices],
                "url": reverse("emulation:index"),
                "link": _("Các phong trào thi đua"),
            }
        ]
    return []
