from django.apps import AppConfig


class RubricsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "rubrics"
    verbose_name = "Bộ tiêu chí đánh giá"

    def ready(self):
        # Each app that scores with rubrics registers its kinds of subject, its shipped national
        # defaults and the section the pages are shown in (rubrics/registry.py).
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("rubric_kinds")
