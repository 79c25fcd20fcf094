from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiteracyConfig(AppConfig):
    name = "literacy"
    verbose_name = "Xóa mù chữ"
    # Areas of its audit actions, for the home page's recent changes (units/apps.py).
    audit_areas = {"literacy": _("Xóa mù chữ")}

    def ready(self):
        # reports never imports a domain app: literacy tells it which numbers it can answer.
        from reports.providers import register_provider, register_subject_source

        # levels: a deleted result, enrolment or class recomputes the people's levels; counts: a person
        # saved or deleted (also by a cascade) refreshes the kept counts (their receivers).
        from . import counts, levels  # noqa: F401
        from .providers import PROVIDERS, households_of_hamlet

        for key, label, func in PROVIDERS:
            register_provider(key, label, func, source="Sổ theo dõi xóa mù chữ (điều tra hộ gia đình, lớp học)")
        register_subject_source("literacy.households", "Hộ gia đình (điều tra XMC)", households_of_hamlet)

        from jobs.registry import register_job

        from .import_batches import CHECK_KIND, COMMIT_KIND, run_check_job, run_commit_job

        register_job(CHECK_KIND, run_check_job)
        register_job(COMMIT_KIND, run_commit_job)

        from .exports import NAME_LIST_KIND, name_list_file

        register_job(NAME_LIST_KIND, name_list_file, retry_on_interrupt=True)  # only makes a file

        from .survey_form import KIND as SURVEY_FORM_KIND
        from .survey_form import survey_form_file

        register_job(SURVEY_FORM_KIND, survey_form_file, retry_on_interrupt=True)  # only makes a file
