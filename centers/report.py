"""The rows of the TTHTCĐ yearly activity report as provider keys (the reports module's form cells
carry the same keys, so its pre-fill and this page agree)."""

from django.utils.translation import gettext_lazy as _

from reports.providers import get_provider

from . import selectors
from .models import Field, FundingSource, PersonRole, school_year_range

REPORT_ROWS = [
    (
        _("Tổ chức, nhân sự"),
        ["centers.staff.board", *[f"centers.staff.{r}" for r in PersonRole.values if r not in ("director", "deputy")]],
    ),
    (
        _("Lớp học, chuyên đề"),
        ["centers.classes", "centers.topics", "centers.sessions", *[f"centers.activities.{f}" for f in Field.values]],
    ),
    (
        _("Người tham gia"),
        [
            "centers.participants",
            "centers.participants.women",
            "centers.participants.ethnic",
            "centers.participants.elderly",
        ],
    ),
    (
        _("Câu lạc bộ, văn hóa đọc, học tập suốt đời"),
        [
            "centers.clubs",
            "centers.kind.club_meeting",
            "centers.kind.reading",
            "centers.kind.book_day",
            "centers.kind.lifelong_week",
        ],
    ),
    (
        _("Kinh phí (đồng)"),
        ["centers.funding.total", *[f"centers.funding.{s}" for s in FundingSource.values], "centers.spending.total"],
    ),
]


def report_sections(centre, year: int) -> list[tuple[str, list[dict]]]:
    """[(section, [{"key", "label", "value"}])]: the yearly report's figures from the records, through
    the same indicator providers the report form's pre-fill uses (one place for the page and paper)."""
    start, end = school_year_range(year)
    units = selectors.centre_as_queryset(centre)
    sections = []
    for section, keys in REPORT_ROWS:
        rows = []
        for key in keys:
            provider = get_provider(key)
            if provider is None:
                continue
            rows.append(
                {"key": key, "label": provider.label, "value": provider.func(units, start, end).get(centre.pk, 0)}
            )
        sections.append((section, rows))
    return sections
