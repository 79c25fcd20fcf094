"""The "Tải Excel" / "Bản in (PDF)" buttons of a submission and of a roll-up.

Apart from reports/views/exports.py so that the pages showing the buttons (periods, submissions)
do not import the export views, which themselves read the roll-up of reports/views/periods.py
(that pair was an import cycle)."""

from django.urls import reverse
from django.utils.translation import gettext as _


def with_query(query: str, extra: str) -> str:
    """`?<query>&<extra>`, or `?<extra>` when there is no query."""
    return f"?{query}&{extra}" if query else f"?{extra}"


def submission_export_links(submission) -> list:
    return [
        (_("Tải Excel"), reverse("reports:submission_document", args=[submission.pk]) + "?xlsx=1", "fa-file-excel"),
        (_("Bản in (PDF)"), reverse("reports:submission_document", args=[submission.pk]), "fa-file-pdf"),
    ]


def rollup_export_links(request, period) -> list:
    query = request.GET.urlencode()
    suffix = f"?{query}" if query else ""
    return [
        (
            _("Tải Excel"),
            reverse("reports:rollup_document", args=[period.pk]) + with_query(query, "xlsx=1"),
            "fa-file-excel",
        ),
        (_("Bản in (PDF)"), reverse("reports:rollup_document", args=[period.pk]) + suffix, "fa-file-pdf"),
    ]
