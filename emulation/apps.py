from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmulationConfig(AppConfig):
    name = "emulation"
    verbose_name = "Thi đua, khen thưởng"
    # Areas of its audit actions, for the home page's recent changes (units/apps.py).
    audit_areas = {"emulation": _("Thi đua, khen thưởng")}
    # The menu of the year's work (units/navigation.py) reads this.
    nav_entry = {
        "label": _("Thi đua – khen thưởng"),
        "url": "emulation:index",
        "icon": "fa-solid fa-trophy",
        "order": 30,
    }
