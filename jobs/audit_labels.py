"""The Vietnamese names of the audit actions of the background files (jobs)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "job.start": _("Yêu cầu tạo tệp"),
}
