from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = "Học liệu và mô hình điển hình"
    # Areas of its audit actions, for the home page's recent changes (units/apps.py).
    audit_areas = {"resources": gettext_lazy("Học liệu và mô hình điển hình")}
    # The demo links the demo centres' activities to resources: after the apps that hold records.
    demo_stage = 1
    # The main menu reads this (templates/base.html is built by whoever owns the menu).
    nav_entry = {
        "label": gettext_lazy("Học liệu & mô hình"),
        "url": "resources:index",
        "icon": "fa-solid fa-book-open",
        "order": 50,
    }
