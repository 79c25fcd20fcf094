from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "units"
    verbose_name = "Đơn vị và người dùng"
    # The home page's recent changes name an action without a label of its own by its area
    # ("<area>.<verb>"): each app names the areas of the actions it writes.
    audit_areas = {"unit": _("Đơn vị"), "person": _("Người dùng"), "membership": _("Vai trò")}
