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

So literacy and learning-society figures of one report are of the same year. The yearly
milestones shown on the home pages live in units/milestones.py (they need the roles; this module
needs nothing of the project, so units.models can ask it for today's date).
"""

import datetime

from django.utils import timezone


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


def school_year_label(year: int) -> str:
    """School year Y as people write it: "Y–Y+1"."""
    return f"{year}–{year + 1}"


def school_years_around(year: int) -> list[tuple[int, str]]:
    """The choices of a school-year picker: three years back to next year, and `year` itself."""
    current = current_school_year()
    years = sorted({*range(current - 3, current + 2), year}, reverse=True)
    return [(y, school_year_label(y)) for y in years]


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
