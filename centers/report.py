"""The rows of the TTHTCĐ yearly activity report as provider keys (the reports module's form cells
carry the same keys, so its pre-fill and this page agree)."""

from django.utils.translation import gettext_lazy as _

from .models import Field, FundingSource, PersonRole

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
