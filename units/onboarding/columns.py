"""The onboarding workbook's two sheets, their columns and the words a cell may hold.

A header is found by its folded text (accents, case and spaces ignored), so columns may be moved;
every drop-down list of the template is also what the reader accepts (labels, or the codes)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from ..models import Role, SchoolLevel, UnitKind
from ..text import fold

UNITS_SHEET = "Don vi"
PEOPLE_SHEET = "Nguoi dung"
GUIDE_SHEET = "Huong dan"
LISTS_SHEET = "_danh_muc"
EXAMPLE_MARK = "Ví dụ"
MAX_ROWS = 5000  # per sheet: a district's tree and people are a few hundred rows


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: str  # the guide's "Bắt buộc" text
    help: str
    width: int = 18
    text: bool = False  # kept as text in Excel (codes with leading zeros)


def _c(key, header, required, help, width=18, text=False) -> Column:
    return Column(key, str(header), str(required), str(help), width, text)


YES, NO = _("Có"), _("Không")


def unit_columns() -> list[Column]:
    return [
        _c("mark", _("STT"), NO, _("Số thứ tự, tùy ý. Dòng ghi “Ví dụ” ở cột này không được nhập."), 8),
        _c(
            "kind",
            _("Loại đơn vị"),
            YES,
            _("Chọn trong danh sách: xã/phường, thôn, trường, TTHTCĐ, trung tâm GDNN-GDTX, Hội Khuyến học."),
            30,
        ),
        _c(
            "name",
            _("Tên"),
            _("Có (xã: lấy từ danh mục nếu để trống)"),
            _("Không ghi cấp: “Bắc Sơn”, không ghi “Thôn Bắc Sơn”."),
            30,
        ),
        _c(
            "official_code",
            _("Mã xã (mã hành chính)"),
            _("Có với xã, phường"),
            _("Mã đơn vị hành chính 5 chữ số của xã, phường trong danh mục."),
            22,
            True,
        ),
        _c(
            "parent",
            _("Thuộc xã (mã xã hoặc mã đơn vị)"),
            _("Có với thôn, TTHTCĐ; trường và Hội thuộc xã"),
            _("Mã xã 5 chữ số hoặc mã đơn vị của xã; để trống nếu đơn vị trực thuộc phòng."),
            26,
            True,
        ),
        _c("school_level", _("Cấp học"), _("Có với trường"), _("MN, TH hoặc THCS."), 10),
        _c(
            "moet_code",
            _("Mã trường (CSDL ngành)"),
            NO,
            _("Mã trường trên CSDL ngành của Bộ GD&ĐT; dùng để không nhập trùng."),
            20,
            True,
        ),
        _c(
            "code",
            _("Mã đơn vị"),
            NO,
            _("Để trống để hệ thống tự đặt; nếu ghi: chữ không dấu, chữ số, dấu chấm, gạch ngang."),
            18,
            True,
        ),
        _c("level_label", _("Cấp / tên gọi"), NO, _("Ví dụ: Thôn, Tổ dân phố; xã lấy từ danh mục."), 14),
        _c("address", _("Địa chỉ"), NO, _("Địa chỉ của đơn vị."), 30),
        _c("phone", _("Điện thoại"), NO, _("Số điện thoại."), 14, True),
        _c("email", _("Thư điện tử"), NO, _("Địa chỉ thư điện tử."), 24),
    ]


def people_columns() -> list[Column]:
    return [
        _c("mark", _("STT"), NO, _("Số thứ tự, tùy ý. Dòng ghi “Ví dụ” ở cột này không được nhập."), 8),
        _c("full_name", _("Họ và tên"), YES, _("Họ và tên đầy đủ, có dấu."), 26),
        _c("username", _("Tên đăng nhập"), NO, _("Để trống để hệ thống tạo từ họ tên (không dấu, không trùng)."), 18),
        _c("email", _("Thư điện tử"), NO, _("Địa chỉ thư điện tử."), 24),
        _c("phone", _("Điện thoại"), NO, _("Số điện thoại."), 14, True),
        _c("position", _("Chức vụ"), NO, _("Ví dụ: Hiệu trưởng, Chuyên viên."), 18),
        _c(
            "unit",
            _("Đơn vị (mã đơn vị, mã trường hoặc mã xã)"),
            YES,
            _("Mã đơn vị, mã trường (CSDL ngành) hoặc mã xã 5 chữ số."),
            26,
            True,
        ),
        _c(
            "unit_name",
            _("Tên đơn vị trong xã"),
            NO,
            _("Khi cột trước là mã xã: tên trường, TTHTCĐ hoặc Hội của xã đó; để trống nếu vai trò ở chính xã."),
            28,
        ),
        _c("role", _("Vai trò"), YES, _("Chọn trong danh sách."), 28),
    ]


# Which kinds the unit sheet creates, in the order rows are applied (parents first).
KINDS = [
    UnitKind.COMMUNE,
    UnitKind.HAMLET,
    UnitKind.SCHOOL,
    UnitKind.CENTRE,
    UnitKind.DISTRICT_CENTRE,
    UnitKind.ASSOCIATION,
]
KIND_ALIASES = {"tthtcd": UnitKind.CENTRE, "xa": UnitKind.COMMUNE, "phuong": UnitKind.COMMUNE, "thon": UnitKind.HAMLET}


def kind_labels() -> list[str]:
    return [str(UnitKind(kind).label) for kind in KINDS]


def role_labels() -> list[str]:
    return [str(label) for _value, label in Role.choices]


def school_level_values() -> list[str]:
    return [value for value, _label in SchoolLevel.choices]


def parse_kind(text: str) -> str | None:
    key = fold(text)
    for kind in KINDS:
        if key in (fold(str(UnitKind(kind).label)), kind):
            return kind
    return KIND_ALIASES.get(key)


def parse_role(text: str) -> str | None:
    key = fold(text)
    for value, label in Role.choices:
        if key in (fold(str(label)), value):
            return value
    return None


def parse_school_level(text: str) -> str | None:
    key = fold(text)
    for value, label in SchoolLevel.choices:
        if key in (fold(value), fold(str(label))):
            return value
    return None


def first_token(text: str) -> str:
    """A drop-down entry reads "06688 — Phường Hạ Long": the code is its first word."""
    return text.split()[0] if text.split() else ""


def cell_text(value, *, key: str = "") -> str:
    """A cell as text. A code typed as a number lost its leading zeros in Excel: a commune code
    comes back as five digits."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and key in ("official_code", "parent", "unit") and 0 < value < 100000:
        return f"{value:05d}"
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d/%m/%Y")
    return " ".join(str(value).replace("\x00", "").split())


def is_example(row: dict) -> bool:
    return fold(row.get("mark", "")) == fold(EXAMPLE_MARK)
