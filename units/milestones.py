"""The yearly dates of continuing-education work (DOMAIN.md §2): which dates are coming for whom.

The dates come from the rules cited beside each one; the home pages show the next few for the
person's role (`upcoming_milestones`). Which day it is and which year counts: units/calendar.py.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import Role, Unit, UnitKind

MILESTONES_SHOWN = 4


OFFICE, SCHOOL, CENTRE, DISTRICT_CENTRE, ASSOCIATION = "office", "school", "centre", "district_centre", "association"
AUDIENCE = {
    Role.OFFICE_OFFICER: OFFICE,
    Role.OFFICE_LEADER: OFFICE,
    Role.VIEWER: OFFICE,
    Role.PRINCIPAL: SCHOOL,
    Role.SCHOOL_STAFF: SCHOOL,
    Role.CENTRE_DIRECTOR: CENTRE,
    Role.CENTRE_STAFF: CENTRE,
    Role.ASSOCIATION_OFFICER: ASSOCIATION,
}


@dataclass(frozen=True)
class Milestone:
    """A yearly date of continuing-education work, from the rule it comes from (DOMAIN.md §2)."""

    month: int
    day: int
    title: str
    source: str
    audiences: frozenset
    last_day: int = 0  # for events lasting several days in the same month

    def next_on_or_after(self, day: datetime.date) -> tuple[datetime.date, datetime.date]:
        for year in (day.year, day.year + 1):
            start = datetime.date(year, self.month, self.day)
            end = datetime.date(year, self.month, self.last_day or self.day)
            if end >= day:
                return start, end
        raise AssertionError("unreachable: next year's date is always ahead")


EVERYONE = frozenset({OFFICE, SCHOOL, CENTRE, DISTRICT_CENTRE, ASSOCIATION})
CALENDAR = [
    Milestone(
        1,
        15,
        _("Hạn tự đánh giá Đơn vị học tập của năm trước"),
        _("Thông tư 24/2023/TT-BGDĐT: trước ngày 15/01 năm sau"),
        frozenset({OFFICE, SCHOOL, CENTRE, DISTRICT_CENTRE}),
    ),
    Milestone(
        4,
        10,
        _("TTHTCĐ tự đánh giá hoạt động năm"),
        _("Công văn 2553/BGDĐT-GDTX; ngày cụ thể theo hướng dẫn của tỉnh"),
        frozenset({OFFICE, CENTRE}),
    ),
    Milestone(
        4,
        21,
        _("Ngày Sách và Văn hóa đọc Việt Nam"),
        _("Báo cáo kết quả hưởng ứng theo hướng dẫn hằng năm"),
        EVERYONE,
    ),
    Milestone(
        5,
        20,
        _("TTHTCĐ nộp báo cáo hoạt động năm cho Phòng GD&ĐT"),
        _("Hạn nộp theo hướng dẫn GDTX hằng năm"),
        frozenset({OFFICE, CENTRE}),
    ),
    Milestone(
        9,
        30,
        _("Xã chốt số liệu phổ cập giáo dục, xóa mù chữ"),
        _("Năm thống kê 01/10 – 30/9; hạn theo hướng dẫn của tỉnh (căn cứ pháp lý cần xác minh)"),
        frozenset({OFFICE, SCHOOL, ASSOCIATION}),
    ),
    Milestone(
        10,
        1,
        _("Tuần lễ hưởng ứng học tập suốt đời"),
        _("Tổ chức từ 01/10 đến 07/10 hằng năm"),
        EVERYONE,
        last_day=7,
    ),
    Milestone(
        10,
        5,
        _("Phòng GD&ĐT gửi hồ sơ phổ cập giáo dục, xóa mù chữ của huyện"),
        _("Hạn theo hướng dẫn của tỉnh (căn cứ pháp lý cần xác minh)"),
        frozenset({OFFICE}),
    ),
    Milestone(
        12,
        15,
        _("Báo cáo kết quả xây dựng các mô hình học tập"),
        _("Công văn 6782/BGDĐT-GDTX: gửi tỉnh và Hội Khuyến học trước 15/12"),
        frozenset({OFFICE, ASSOCIATION}),
    ),
]


def upcoming_milestones(
    role: str | None, day: datetime.date, limit: int = MILESTONES_SHOWN, *, unit: Unit | None = None
) -> list[dict]:
    audience = AUDIENCE.get(role, OFFICE)
    if audience == CENTRE and unit is not None and unit.kind == UnitKind.DISTRICT_CENTRE:
        # The district GDNN-GDTX centre is not a TTHTCĐ: the TTHTCĐ deadlines are not its own.
        audience = DISTRICT_CENTRE
    upcoming = []
    for milestone in CALENDAR:
        if audience not in milestone.audiences:
            continue
        start, end = milestone.next_on_or_after(day)
        upcoming.append(
            {
                "start": start,
                "end": end,
                "title": milestone.title,
                "source": milestone.source,
                "days_left": (start - day).days,
                "ongoing": start <= day <= end,
            }
        )
    upcoming.sort(key=lambda item: item["start"])
    return upcoming[:limit]
