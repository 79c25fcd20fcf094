from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class CommunicationConfig(AppConfig):
    name = "communication"
    verbose_name = "Thông tin, tuyên truyền"
    # Areas of its audit actions, for the home page's recent changes (units/apps.py).
    audit_areas = {"communication": gettext_lazy("Thông tin, tuyên truyền")}
    # The main menu reads this (another engineer's menu code): label, URL name, icon, order.
    nav_entry = {
        "label": gettext_lazy("Truyền thông"),
        "url": "communication:index",
        "icon": "fa-solid fa-bullhorn",
        "order": 40,
    }

    def ready(self):
        from . import providers

        providers.register()
