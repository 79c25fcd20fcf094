from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CentersConfig(AppConfig):
    name = "centers"
    verbose_name = "Trung tâm học tập cộng đồng"
    # Areas of its audit actions, for the home page's recent changes (units/apps.py).
    audit_areas = {"centre": _("Trung tâm học tập cộng đồng")}

    def ready(self):
        from . import activity_resources, providers

        providers.register()
        activity_resources.register()
