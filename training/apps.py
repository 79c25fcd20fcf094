from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = "Tập huấn, bồi dưỡng"
    # Areas of its audit actions, for the home page's recent changes (units/apps.py).
    audit_areas = {"training": _("Tập huấn, bồi dưỡng")}

    def ready(self):
        from . import providers

        providers.register()
