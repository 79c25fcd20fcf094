"""The yearly dates of continuing-education work (DOMAIN.md §2): which dates are coming for whom.

The dates come from the rules cited beside each one; the home pages show the next few for the
person's role (`upcoming_milestones`). Which day it is and which year counts: units/calendar.py.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from . import legal
from .models import MilestoneSetting, Role, Unit, UnitKind

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
    """A yearly date of continuing-education work, from the rule it comes from (DOMAIN.md §2).

    `legal_key` names the text in units.legal that sets the date (None: no legal source was found,
    the note says where the date comes from); the date applies in the years `years_from`..`years_to`."""

    month: int
    day: int
    title: str
    note: str
    audiences: frozenset
    last_day: int = 0  # for events lasting several days in the same month
    legal_key: str | None = None
    years_from: int = 2000
    years_to: int | None = None
    key: str = ""  # names the office's own date for it (MilestoneSetting) when no text fixes the date

    @property
    def has_source(self) -> bool:
        return bool(self.legal_key)

    @property
    def source(self) -> str:
        """ "Thông tư 24/2023/TT-BGDĐT (cần xác minh): trước ngày 15/01 năm sau", from the registry;
        a date no legal text fixes says so ("cần xác minh") and the office may set its own."""
        if self.legal_key:
            return f"{legal.cite(self.legal_key)}: {self.note}"
        note = str(self.note)
        return note if legal.UNVERIFIED in note else f"{note} {legal.UNVERIFIED}"

    def applies(self, year: int) -> bool:
        return self.years_from <= year and (self.years_to is None or year <= self.years_to)

    def next_on_or_after(self, day: datetime.date) -> tuple[datetime.date, datetime.date] | None:
        """The next occurrence ending on or after `day`, None when the date has no source in that year."""
        for year in (day.year, day.year + 1):
            start = datetime.date(year, self.month, self.day)
            end = datetime.date(year, self.month, self.last_day or self.day)
            if end >= day:
                return (start, end) if self.applies(year) else None
        raise AssertionError("unreachable: next year's date is always ahead")


EVERYONE = frozenset({OFFICE, SCHOOL, CENTRE, DISTRICT_CENTRE, ASSOCIATION})
CALENDAR = [
    Milestone(
        1,
        15,
        _("Hạn tự đánh giá Đơn vị học tập của năm trước"),
        _("trước ngày 15/01 năm sau"),
        frozenset({OFFICE, SCHOOL, CENTRE, DISTRICT_CENTRE}),
        # TT 24/2023 replaced TT 22/2020 (31/3) for the recognitions of 2024, filed in January 2025.
        legal_key="tt24_2023",
        years_from=2025,
    ),
    Milestone(
        4,
        10,
        _("TTHTCĐ tự đánh giá hoạt động năm"),
        _("ngày cụ thể theo hướng dẫn của tỉnh"),
        frozenset({OFFICE, CENTRE}),
        legal_key="cv2553_2013",
        years_from=2013,
    ),
    Milestone(
        4,
        21,
        _("Ngày Sách và Văn hóa đọc Việt Nam"),
        _("Báo cáo kết quả hưởng ứng theo hướng dẫn hằng năm"),
        EVERYONE,
        key="reading-day",
    ),
    Milestone(
        5,
        20,
        _("TTHTCĐ nộp báo cáo hoạt động năm cho Phòng GD&ĐT"),
        _("Hạn nộp theo hướng dẫn GDTX hằng năm"),
        frozenset({OFFICE, CENTRE}),
        key="centre-year-report",
    ),
    Milestone(
        9,
        30,
        _("Xã chốt số liệu phổ cập giáo dục, xóa mù chữ"),
        _("Năm thống kê 01/10 – 30/9; hạn theo hướng dẫn của tỉnh (căn cứ pháp lý cần xác minh)"),
        frozenset({OFFICE, SCHOOL, ASSOCIATION}),
        key="pcgd-xmc-close",
    ),
    Milestone(
        10,
        1,
        _("Tuần lễ hưởng ứng học tập suốt đời"),
        _("Tổ chức từ 01/10 đến 07/10 hằng năm"),
        EVERYONE,
        last_day=7,
        key="lifelong-week",
    ),
    Milestone(
        10,
        5,
        _("Phòng GD&ĐT gửi hồ sơ phổ cập giáo dục, xóa mù chữ của huyện"),
        _("Hạn theo hướng dẫn của tỉnh (căn cứ pháp lý cần xác minh)"),
        frozenset({OFFICE}),
        key="pcgd-xmc-dossier",
    ),
    Milestone(
        12,
        15,
        _("Báo cáo kết quả xây dựng các mô hình học tập"),
        _("gửi tỉnh và Hội Khuyến học trước 15/12"),
        frozenset({OFFICE, ASSOCIATION}),
        legal_key="cv6782_2015",
        years_from=2015,
    ),
]


def office_dates(office: Unit | None) -> dict[str, MilestoneSetting]:
    """The office's own dates for the milestones no legal text fixes, by key (one query)."""
    if office is None:
        return {}
    return {m.key: m for m in MilestoneSetting.objects.filter(office=office)}


def managing_office(unit: Unit | None) -> Unit | None:
    """The office (or, since July 2025, a top commune) whose dates a unit's home shows."""
    if unit is None:
        return None
    if unit.kind == UnitKind.OFFICE or (unit.kind == UnitKind.COMMUNE and not unit.parent_id):
        return unit
    ids = unit.ancestor_ids()
    return Unit.objects.filter(pk__in=ids, kind=UnitKind.OFFICE).order_by("-depth").first() or (
        Unit.objects.filter(pk__in=ids, kind=UnitKind.COMMUNE, parent__isnull=True).first()
    )


def effective(milestone: Milestone, dates: dict[str, MilestoneSetting]) -> Milestone | None:
    """The milestone with the office's own date when it set one (only for a date with no source);
    None when the office turned it off."""
    setting = dates.get(milestone.key) if milestone.key and not milestone.has_source else None
    if setting is None:
        return milestone
    if not setting.enabled:
        return None
    from dataclasses import replace

    last_day = milestone.last_day and setting.day + (milestone.last_day - milestone.day)
    return replace(
        milestone,
        month=setting.month,
        day=setting.day,
        last_day=last_day,
        note=_("Ngày do đơn vị quản lý đặt; căn cứ pháp lý cần xác minh"),
    )


def upcoming_milestones(
    role: str | None, day: datetime.date, limit: int = MILESTONES_SHOWN, *, unit: Unit | None = None
) -> list[dict]:
    audience = AUDIENCE.get(role, OFFICE)
    if audience == CENTRE and unit is not None and unit.kind == UnitKind.DISTRICT_CENTRE:
        # The district GDNN-GDTX centre is not a TTHTCĐ: the TTHTCĐ deadlines are not its own.
        audience = DISTRICT_CENTRE
    dates = office_dates(managing_office(unit))
    upcoming = []
    for listed in CALENDAR:
        if audience not in listed.audiences:
            continue
        milestone = effective(listed, dates)
        if milestone is None:
            continue
        occurrence = milestone.next_on_or_after(day)
        if occurrence is None:
            continue
        start, end = occurrence
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


def milestone_dates_save(*, actor, office: Unit, values: dict[str, tuple[int, int, bool]]) -> int:
    """Set the office's own dates ({key: (month, day, enabled)}) for the milestones no legal text
    fixes; a key of a sourced milestone or an impossible date is refused. Audited; returns changes."""
    from django.core.exceptions import ValidationError
    from django.db import transaction

    from . import audit

    editable = {m.key: m for m in CALENDAR if m.key and not m.has_source}
    errors = []
    for key, (month, day, _enabled) in values.items():
        if key not in editable:
            errors.append(_("Mốc “%(k)s” theo văn bản pháp lý, không đổi được.") % {"k": key})
            continue
        try:
            datetime.date(2024, month, day)  # a leap year: 29/02 is a date
        except (TypeError, ValueError):
            errors.append(
                _("Ngày %(d)s/%(m)s của mốc “%(t)s” không có trong lịch.")
                % {"d": day, "m": month, "t": editable[key].title}
            )
    if errors:
        raise ValidationError(errors)
    changed = {}
    with transaction.atomic():
        existing = office_dates(office)
        for key, (month, day, enabled) in values.items():
            listed = editable[key]
            setting = existing.get(key)
            before = (setting.month, setting.day, setting.enabled) if setting else (listed.month, listed.day, True)
            if before == (month, day, enabled):
                continue
            MilestoneSetting.objects.update_or_create(
                office=office, key=key, defaults={"month": month, "day": day, "enabled": enabled}
            )
            changed[key] = [f"{before[1]:02d}/{before[0]:02d}", f"{day:02d}/{month:02d}" + ("" if enabled else " (ẩn)")]
        if changed:
            audit.record(actor=actor, action="unit.milestones", obj=office, unit=office, changes=changed)
    return len(changed)
