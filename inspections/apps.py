from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "inspections"
    verbose_name = "Kiểm tra, giám sát"
    # Areas of its audit actions, for the home page's recent changes (units/apps.py).
    audit_areas = {"inspections": _("Kiểm tra, giám sát")}
    # Its entry in the top menu's "Công tác năm" (units/navigation.py).
    nav_entry = {"label": _("Kiểm tra"), "url": "inspections:index", "icon": "fa-solid fa-clipboard-check", "order": 20}

    def ready(self):
        from . import providers

        providers.register()
