from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Báo cáo"
    # Areas of its audit actions, for the home page's recent changes (units/apps.py).
    audit_areas = {"submission": _("Báo cáo"), "period": _("Kỳ báo cáo"), "report_form": _("Biểu mẫu báo cáo")}
    # seed_demo: after the apps that hold records, since the demo submissions are pre-filled from
    # them through the indicator providers.
    demo_stage = 1
