from django.apps import AppConfig


class LiteracyConfig(AppConfig):
    name = "literacy"
    verbose_name = "Xóa mù chữ"

    def ready(self):
        # reports never imports a domain app: literacy tells it which numbers it can answer.
        from reports.providers import register_provider, register_subject_source

        from .providers import PROVIDERS, households_of_hamlet

        for key, label, func in PROVIDERS:
            register_provider(key, label, func, source="Sổ theo dõi xóa mù chữ (điều tra hộ gia đình, lớp học)")
        register_subject_source("literacy.households", "Hộ gia đình (điều tra XMC)", households_of_hamlet)
