from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The read-only JSON API a province pulls figures from (issue 16), and the page where an office
    issues and revokes the clients' tokens."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "api"
    verbose_name = _("API số liệu")
