from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Báo cáo"

    def ready(self):
        # Job kinds register when their module is imported; the worker must know them without
        # loading the URL configuration first.
        from .views import annual  # noqa: F401
