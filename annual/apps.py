from django.apps import AppConfig


class AnnualConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "annual"
    verbose_name = "Báo cáo tổng kết và hướng dẫn năm học"

    def ready(self):
        # Job kinds register when their module is imported; the worker must know them without
        # loading the URL configuration first.
        from . import checks  # noqa: F401
        from .views import reports  # noqa: F401
