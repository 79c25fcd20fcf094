from django.apps import AppConfig


class LearningSocietyConfig(AppConfig):
    name = "learning_society"
    verbose_name = "Xây dựng xã hội học tập"

    def ready(self):
        from .providers import register_all

        register_all()
