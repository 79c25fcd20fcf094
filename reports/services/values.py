"""Values of a submission: parsing what a person typed (Vietnamese messages), displaying stored
values, reading them by cell key, and the checks every value write shares (locked, open dates,
optimistic version)."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from units.models import today
from units.text import nfc

from ..formspec import FormSpec
from ..formulas import parse_number
from ..models import (
    CellType,
    DataValue,
    FormCell,
    Submission,
)

MAX_NUMBER = Decimal("1e15")


class VersionConflict(ValidationError):
    """Someone saved this submission after the page was loaded."""


@dataclass
class CellErrors(Exception):
    """Values that cannot be stored or submitted, by cell key; nothing was saved."""

    errors: dict[str, str] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)
    warnings: dict[str, str] = field(default_factory=dict)


YES_VALUES = {"co": "Có", "có": "Có", "yes": "Có", "1": "Có", "true": "Có", "x": "Có"}
NO_VALUES = {"khong": "Không", "không": "Không", "no": "Không", "0": "Không", "false": "Không"}


def parse_value(cell: FormCell, raw: str) -> tuple[Decimal | None, str]:
    """(number, text) for a typed value; raises ValueError with a Vietnamese message."""
    raw = (raw or "").strip()
    if not raw:
        return None, ""
    if cell.type in (CellType.INTEGER, CellType.DECIMAL):
        try:
            number = parse_number(raw)
        except ValueError:
            raise ValueError(_("“%(raw)s” không phải là số.") % {"raw": raw}) from None
        if number < 0:
            raise ValueError(_("Số liệu không được âm."))
        if abs(number) >= MAX_NUMBER:
            raise ValueError(_("Số quá lớn."))
        if cell.type == CellType.INTEGER:
            if number != number.to_integral_value():
                raise ValueError(_("Ô này chỉ nhận số nguyên."))
            number = number.quantize(Decimal(1))
        elif number.as_tuple().exponent < -4:
            raise ValueError(_("Tối đa 4 chữ số sau dấu phẩy."))
        return number, ""
    if cell.type == CellType.YES_NO:
        folded = raw.lower()
        if folded in YES_VALUES:
            return Decimal(1), "Có"
        if folded in NO_VALUES:
            return Decimal(0), "Không"
        raise ValueError(_("Hãy chọn Có hoặc Không."))
    if cell.type == CellType.CHOICE:
        if nfc(raw) not in cell.choices:
            raise ValueError(_("Hãy chọn một giá trị trong danh sách."))
        return None, nfc(raw)
    if len(raw) > 2000:
        raise ValueError(_("Tối đa 2.000 ký tự."))
    return None, nfc(raw)


def display_value(number: Decimal | None, text: str) -> str:
    if text:
        return text
    if number is None:
        return ""
    normalized = number.normalize()
    return format(normalized, "f") if normalized == normalized.to_integral_value() else format(normalized, "f")


def _storable(number: Decimal | None) -> Decimal | None:
    """A computed value as stored (4 decimals); one too large to store (a formula multiplying two
    big numbers) is left blank rather than overflowing the column."""
    if number is None or abs(number) >= MAX_NUMBER:
        return None
    return number.quantize(Decimal("0.0001"))


def _check_can_edit(submission: Submission) -> None:
    if submission.is_locked:
        raise ValidationError(_("Báo cáo đã nộp hoặc đã duyệt nên bị khóa; cần phòng mở khóa hoặc trả lại để sửa."))
    if today() < submission.period.open_date:
        raise ValidationError(
            _("Kỳ báo cáo mở nhập từ ngày %(date)s.") % {"date": submission.period.open_date.strftime("%d/%m/%Y")}
        )
    if today() > submission.period.lock_date:
        raise ValidationError(
            _("Kỳ báo cáo đã khóa sổ ngày %(date)s; liên hệ phòng GD&ĐT để được mở khóa.")
            % {"date": submission.period.lock_date.strftime("%d/%m/%Y")}
        )


def current_values(submission: Submission) -> dict[int, DataValue]:
    return {v.cell_id: v for v in DataValue.objects.filter(submission=submission)}


def values_by_key(spec: FormSpec, stored: dict[int, DataValue]) -> dict:
    values = {}
    for key, cell in spec.cells.items():
        dv = stored.get(cell.pk)
        if dv is None:
            continue
        values[key] = dv.number if cell.is_numeric or cell.type == CellType.YES_NO else dv.text
        if cell.type == CellType.YES_NO:
            values[key] = dv.number
    return values
