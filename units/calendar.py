"""The calendar of continuing-education work (DOMAIN.md §2): what day it is, which school year,
and for a school year which data year each module counts; plus which dates are coming for whom.

THE one home for "which date, which year": no other module calls `date.today()` or
`datetime.now()` (tests/test_calendar.py refuses them). Today is the local date in
settings.TIME_ZONE (Asia/Ho_Chi_Minh): the server runs in UTC, and between 00:00 and 07:00 Vietnam
time the UTC date is still yesterday.

For a school year Y (Y–Y+1, 1/9/Y – 31/8/Y+1) the annual report (annual/) reads:

- literacy: statistics year Y (`statistics_year`, `survey_year`), the PCGD-XMC year whose
  30/9 snapshot falls in the school year;
- learning society: recognitions of calendar year Y (`recognition_year`), whose cycle
  (families and clans at year end, learning units by 15/1/Y+1, commune communities by 31/3/Y+1)
  completes inside the school year;
- centres: the school year itself (`school_year_dates`).

So literacy and learning-society figures of one report are of the same year.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Role, Unit, UnitKind

MILESTONES_SHOWN = 4


def today() -> datetime.date:
    """The local date in settings.TIME_ZONE (Asia/Ho_Chi_Minh), never the server's UTC date."""
    return timezone.localdate()


def now() -> datetime.datetime:
    """The aware local date and time in settings.TIME_ZONE."""
    return timezone.localtime()


# The school year (năm học) runs 1 September – 31 August (DOMAIN.md §2, the seeds' guidance);
# the school year starting in September of year Y is called "Y" (shown "Y-Y+1").
SCHOOL_YEAR_START_MONTH = 9


def school_year_of(day: datetime.date) -> int:
    """The school year `day` falls in: 1/9/Y – 31/8/Y+1 is school year Y (DOMAIN.md §2)."""
    return day.year if day.month >= SCHOOL_YEAR_START_MONTH else day.year - 1


def school_year_dates(year: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of school year `year`: 1 September – 31 August (DOMAIN.md §2)."""
    return datetime.date(year, SCHOOL_YEAR_START_MONTH, 1), datetime.date(year + 1, 8, 31)


def current_school_year() -> int:
    """The school year of today's local date."""
    return school_year_of(today())


def statistics_year(school_year: int) -> int:
    """The PCGD-XMC statistics year whose literacy figures belong to school year Y: Y.

    A statistics year runs 1 Oct – 30 Sep and is named by the year of its 30/9 snapshot
    (DOMAIN.md §2, provincial procedures: commune 30/9, district 5/10, province 10/10; literacy
    counts ages "on 30/9 of the statistics year", literacy/attainment.py, and the survey round's
    `year` is that statistics year). Statistics year Y (1/10/Y-1 – 30/9/Y) is the only one whose
    snapshot and reporting (30/9/Y – 10/10/Y) fall inside school year Y (1/9/Y – 31/8/Y+1); the
    next one closes on 30/9/Y+1, after the school year has ended, so its figures cannot be in the
    report of school year Y."""
    return school_year


def survey_year(school_year: int) -> int:
    """The statistics year of the household survey rounds (điều tra, rà soát, twice a year,
    DOMAIN.md §2) that school year Y counts: the rounds of `statistics_year(Y)`
    (literacy.models.SurveyRound.year is the statistics year)."""
    return statistics_year(school_year)


def recognition_year(school_year: int) -> int:
    """The calendar year of learning-society recognitions that belong to school year Y: Y.

    Titles are recognised by calendar year (DOMAIN.md §4). The cycle of calendar year Y ends inside
    school year Y: families and clans are recognised at the end of year Y, the learning-model
    review goes to the province before 15/12/Y (Công văn 6782/BGDĐT-GDTX), learning units file
    their self-assessment before 15/1/Y+1 (Thông tư 24/2023/TT-BGDĐT), commune learning communities
    file by 28/2/Y+1 and are recognised by 31/3/Y+1 (Thông tư 25/2023/TT-BGDĐT). Year Y+1's
    recognitions are only decided after the school year has ended. It is also the year of
    `statistics_year(Y)`, so one report's literacy and learning-society figures are of the same
    year."""
    return school_year


def same_day_last_year(day: datetime.date) -> datetime.date:
    """The same date a year earlier, for "against the same months of last year"; 29 February
    becomes 28 February."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


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
        3,
        31,
        _("Hạn tự đánh giá Đơn vị học tập của năm trước"),
        _("Thông tư 22/2020/TT-BGDĐT: hết quý I năm sau"),
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
        _("Thông tư 19/2020/TT-BGDĐT: năm thống kê 01/10 – 30/9"),
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
        _("Thông tư 19/2020/TT-BGDĐT; hạn theo hướng dẫn của tỉnh"),
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
