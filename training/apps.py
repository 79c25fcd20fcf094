from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = "Tập huấn, bồi dưỡng"
    # Areas of its audit actions, for the home page's recent changes (units/apps.py).
    audit_areas = {"training": _("Tập huấn, bồi dưỡng")}
    # Its entry in the top menu's "Công tác năm" (units/navigation.py).
    nav_entry = {"label": _("Tập huấn"), "url": "training:index", "icon": "fa-solid fa-chalkboard-user", "order": 10}

    def ready(self):
        from . import providers

        providers.register()
