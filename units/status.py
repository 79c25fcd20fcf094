"""Dated statuses of a unit (UnitStatusPeriod): is a commune "xã đặc biệt khó khăn" on a given day.

The status changes the literacy standard's age bands (Nghị định 20/2014/NĐ-CP, Điều 20–21) and it
comes from the Prime Minister's list of a period, so it is dated data (DOMAIN.md §3): a past year is
computed with the status the commune had then. A unit without any recorded period (created before
the history existed, or outside the services) has its current flag for every day.
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from . import audit
from .models import Unit, UnitFlag, UnitKind, UnitStatusPeriod, today

DIFFICULT = UnitFlag.ESPECIALLY_DIFFICULT


def especially_difficult_ids(units: Iterable[Unit], on: datetime.date) -> set[int]:
    """The ids of `units` that were especially difficult on `on`, in one query."""
    units = list(units)
    periods = UnitStatusPeriod.objects.filter(unit__in=units, flag=DIFFICULT).values_list(
        "unit_id", "valid_from", "valid_to"
    )
    with_history, on_day = set(), set()
    for unit_id, valid_from, valid_to in periods:
        with_history.add(unit_id)
        if valid_from <= on and (valid_to is None or valid_to >= on):
            on_day.add(unit_id)
    return {u.pk for u in units if (u.pk in on_day if u.pk in with_history else u.especially_difficult)}


def is_especially_difficult(unit: Unit, on: datetime.date | None = None) -> bool:
    return unit.pk in especially_difficult_ids([unit], on or today())


def year_day(year: int) -> datetime.date:
    """The day a statistics year is judged on when no survey round gives one: its last day."""
    return datetime.date(year, 12, 31)


def open_period(unit: Unit, valid_from: datetime.date, source: str = "") -> UnitStatusPeriod:
    return UnitStatusPeriod.objects.create(unit=unit, flag=DIFFICULT, valid_from=valid_from, source=source)


def set_especially_difficult(
    *, actor, unit: Unit, value: bool, effective: datetime.date | None = None, source: str = ""
) -> None:
    """Change the status from `effective` (today by default): the open period closes the day before,
    a new one opens on that day when the status is set. Audited as unit.status."""
    effective = effective or today()
    if unit.kind != UnitKind.COMMUNE and value:
        raise ValidationError({"especially_difficult": _("Chỉ xã, phường, thị trấn mới là xã đặc biệt khó khăn.")})
    if effective > today():
        raise ValidationError({"status_from": _("Ngày thay đổi tình trạng không thể ở tương lai.")})
    periods = UnitStatusPeriod.objects.select_for_update().filter(unit=unit, flag=DIFFICULT)
    if not periods.exists() and not value:
        # The flag had no dated history yet: it held from the unit's start until now.
        open_period(unit, unit.valid_from, _("Có từ trước khi ghi lịch sử"))
    current = periods.filter(valid_to__isnull=True).order_by("-valid_from").first()
    if bool(current) == value:
        return
    if current is not None:
        if effective <= current.valid_from:
            raise ValidationError(
                {
                    "status_from": _("Ngày thay đổi phải sau ngày %(day)s, ngày bắt đầu tình trạng hiện tại.")
                    % {"day": f"{current.valid_from:%d/%m/%Y}"}
                }
            )
        current.valid_to = effective - datetime.timedelta(days=1)
        current.save(update_fields=["valid_to"])
    else:
        last = periods.order_by("-valid_to").first()
        if last is not None and last.valid_to >= effective:
            raise ValidationError(
                {
                    "status_from": _("Ngày thay đổi phải sau ngày %(day)s, ngày kết thúc tình trạng trước.")
                    % {"day": f"{last.valid_to:%d/%m/%Y}"}
                }
            )
        open_period(unit, max(effective, unit.valid_from), source)
    audit.record(
        actor=actor,
        action="unit.status",
        obj=unit,
        unit=unit,
        changes={
            "especially_difficult": [str(not value), str(value)],
            "status_from": ["", f"{effective:%d/%m/%Y}"],
            "source": ["", source],
        },
    )
