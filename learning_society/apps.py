from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningSocietyConfig(AppConfig):
    name = "learning_society"
    verbose_name = "Xây dựng xã hội học tập"
    # Areas of its audit actions, for the home page's recent changes (units/apps.py).
    audit_areas = {"learning_society": _("Xã hội học tập")}

    def ready(self):
        from .providers import register_all

        register_all()
