"""The recent changes on the office home, in words. Modules name their audit actions
"<area>.<verb>"; an action without a label of its own still reads as Vietnamese through its area,
which the app that writes it names on its AppConfig:

    audit_areas = {"centre": _("Trung tâm học tập cộng đồng")}
"""

from django.utils.translation import gettext_lazy as _

from units.plugins import app_attribute
from units.views.common import label_audit


def area_labels() -> dict:
    return {area: label for _config, areas in app_attribute("audit_areas") for area, label in areas.items()}


def readable_audit(entries) -> list:
    entries = label_audit(entries)
    labels = area_labels()
    for entry in entries:
        if entry.label == entry.action:
            area = labels.get(entry.action.split(".")[0])
            entry.label = _("Cập nhật %(area)s") % {"area": str(area).lower()} if area else _("Cập nhật")
    return entries
