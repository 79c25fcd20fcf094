"""The downloadable onboarding workbook: the unit sheet, the people sheet, the guide in Vietnamese,
and a hidden sheet of lists behind the drop-downs (Excel data validation)."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .. import national
from ..models import Unit, UnitKind
from ..selectors import communes_of
from ..text import sorted_vn
from .columns import (
    EXAMPLE_MARK,
    GUIDE_SHEET,
    LISTS_SHEET,
    PEOPLE_SHEET,
    UNITS_SHEET,
    Column,
    kind_labels,
    people_columns,
    role_labels,
    school_level_values,
    unit_columns,
)

ROWS = 500  # rows that carry the drop-downs and the text format
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
EXAMPLE_FONT = Font(italic=True, color="808080")


def _entry(code: str, name: str) -> str:
    return f"{code} — {name}"


def _lists(root: Unit) -> dict[str, list[str]]:
    existing = sorted_vn(communes_of(root), key=lambda u: u.name)
    taken = {u.official_code for u in existing if u.official_code}
    province = national.province_of(root)
    in_province = [c for c in national.communes(province) if c.code not in taken] if province else []
    return {
        "kinds": kind_labels(),
        "levels": school_level_values(),
        "roles": role_labels(),
        "communes": [_entry(u.official_code or u.code, u.full_name) for u in existing]
        + [_entry(c.code, c.name) for c in in_province],
        "national": [_entry(c.code, c.name) for c in in_province],
    }


def _write_lists(book: Workbook, lists: dict[str, list[str]]) -> dict[str, str]:
    sheet = book.create_sheet(LISTS_SHEET)
    sheet.sheet_state = "hidden"
    ranges = {}
    for index, (key, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(index)
        sheet.cell(row=1, column=index, value=key)
        for row, value in enumerate(values, start=2):
            sheet.cell(row=row, column=index, value=value)
        last = max(2, len(values) + 1)
        ranges[key] = f"'{LISTS_SHEET}'!${letter}$2:${letter}${last}"
    return ranges


def _sheet(book: Workbook, title: str, columns: list[Column], example: dict, validations: dict) -> None:
    sheet = book.create_sheet(title)
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        if column.text:
            for row in range(2, ROWS + 2):
                sheet.cell(row=row, column=index).number_format = "@"
        example_cell = sheet.cell(row=2, column=index, value=example.get(column.key, ""))
        example_cell.font = EXAMPLE_FONT
        if column.key in validations:
            source, strict = validations[column.key]
            rule = DataValidation(type="list", formula1=f"={source}", allow_blank=True)
            rule.showErrorMessage = strict
            rule.error = _("Hãy chọn một giá trị trong danh sách.")
            rule.errorTitle = _("Giá trị không có trong danh sách")
            sheet.add_data_validation(rule)
            rule.add(f"{letter}2:{letter}{ROWS + 1}")
    sheet.freeze_panes = "B2"


def _guide(book: Workbook) -> None:
    sheet = book.create_sheet(GUIDE_SHEET)
    lines = [
        [_("Nhập đơn vị và người dùng từ Excel")],
        [
            _(
                "1. Trang “%(s)s”: mỗi dòng một đơn vị (xã/phường, thôn, trường, "
                "TTHTCĐ, trung tâm GDNN-GDTX, Hội Khuyến học)."
            )
            % {"s": UNITS_SHEET}
        ],
        [
            _(
                "   Xã, phường ghi theo mã đơn vị hành chính (danh mục theo %(d)s); "
                "thôn, trường, TTHTCĐ ghi mã xã ở cột “Thuộc xã”."
            )
            % {"d": national.DECISION}
        ],
        [
            _(
                "2. Trang “%(s)s”: mỗi dòng một người với vai trò đầu tiên; "
                "người giữ hai vai trò ghi hai dòng cùng tên đăng nhập."
            )
            % {"s": PEOPLE_SHEET}
        ],
        [
            _("3. Dòng có chữ “%(m)s” ở cột STT là dòng ví dụ, không được nhập; có thể xóa hoặc ghi đè.")
            % {"m": EXAMPLE_MARK}
        ],
        [
            _(
                "4. Tải tệp lên, xem kết quả kiểm tra (chưa ghi gì), sửa các dòng lỗi rồi tải lại; "
                "chỉ khi không còn lỗi mới nhập chính thức, trọn vẹn một lần."
            )
        ],
        [_("5. Nhập lại cùng một tệp không tạo đơn vị hay tài khoản trùng.")],
        [
            _(
                "6. Mỗi tài khoản mới có mật khẩu dùng một lần, phải đổi khi đăng nhập lần đầu; "
                "danh sách đăng nhập chỉ lấy được một lần."
            )
        ],
        [],
        [_("Trang"), _("Cột"), _("Bắt buộc"), _("Cách ghi")],
    ]
    for title, columns in ((UNITS_SHEET, unit_columns()), (PEOPLE_SHEET, people_columns())):
        lines += [[title, c.header, c.required, c.help] for c in columns]
    for line in lines:
        sheet.append(line)
    sheet["A1"].font = Font(bold=True, size=13)
    for cell in sheet[10]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCD", (14, 36, 34, 90), strict=True):
        sheet.column_dimensions[letter].width = width


def template_workbook(root: Unit) -> bytes:
    lists = _lists(root)
    book = Workbook()
    book.remove(book.active)
    _guide(book)
    ranges = _write_lists(book, lists)
    commune_example = lists["national"][0] if lists["national"] else "06688 — Phường Hạ Long"
    _sheet(
        book,
        UNITS_SHEET,
        unit_columns(),
        {
            "mark": EXAMPLE_MARK,
            "kind": str(UnitKind(UnitKind.SCHOOL).label),
            "name": _("Trường Tiểu học Kim Đồng"),
            "parent": commune_example,
            "school_level": "TH",
            "moet_code": "22000123",
        },
        {
            "kind": (ranges["kinds"], True),
            "school_level": (ranges["levels"], True),
            "official_code": (ranges["national"], False),
            "parent": (ranges["communes"], False),
        },
    )
    _sheet(
        book,
        PEOPLE_SHEET,
        people_columns(),
        {
            "mark": EXAMPLE_MARK,
            "full_name": _("Nguyễn Văn An"),
            "email": "an.nguyen@example.com",
            "position": _("Hiệu trưởng"),
            "unit": "22000123",
            "role": role_labels()[2],
        },
        {"role": (ranges["roles"], True), "unit": (ranges["communes"], False)},
    )
    book.active = book.sheetnames.index(UNITS_SHEET)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
