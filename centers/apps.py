from django.apps import AppConfig


class CentersConfig(AppConfig):
    name = "centers"
    verbose_name = "Trung tâm học tập cộng đồng"

    def ready(self):
        from . import providers

        providers.register()
