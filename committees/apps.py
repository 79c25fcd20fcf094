from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class CommitteesConfig(AppConfig):
    name = "committees"
    verbose_name = "Ban chỉ đạo"
    # Areas of its audit actions, for the home page's recent changes (units/apps.py).
    audit_areas = {"committees": gettext_lazy("Ban chỉ đạo")}
