"""The downloadable household template (Tải mẫu, issue 17): the header row of COLUMNS, one example row
the importer skips (EXAMPLE_MARK in Mã hộ, reader.is_example), drop-downs (Excel data validation) on
the hamlet — the commune's own hamlets when a commune is given —, sex, ethnicity (the 54 groups of
Quyết định 121-TCTK/PP), residence and XMC stage columns, and the guide sheet whose "Bắt buộc" is
each column's guide_label (the same Column that rows.py reads, so the two cannot disagree)."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from units import ethnicity
from units.models import Unit, UnitKind
from units.text import sorted_vn

from .columns import COLUMNS
from .reader import EXAMPLE_MARK

DATA_SHEET = "Nhan khau"
GUIDE_SHEET = "Huong dan"
LISTS_SHEET = "Danh muc"
ROWS = 3000  # rows that carry the drop-downs
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
EXAMPLE_FONT = Font(italic=True, color="808080")


def hamlet_names(commune: Unit | None) -> list[str]:
    if commune is None:
        return []
    hamlets = Unit.objects.filter(parent=commune, kind=UnitKind.HAMLET).active_on()
    return [h.full_name for h in sorted_vn(hamlets, key=lambda u: u.name)]


def _lists(commune: Unit | None) -> dict[str, tuple[list[str], bool]]:
    """Column key → (values offered, refuse anything else). The hamlet and ethnicity lists only warn:
    the importer also reads a hamlet's code and an ethnic group's code or other names."""
    lists = {
        "sex": (["Nam", "Nữ"], True),
        "ethnicity": ([name for _code, name, _aliases in ethnicity.GROUPS], False),
        "residence": (["Thường trú", "Tạm trú"], True),
        "stage": (["GĐ1", "GĐ2"], True),
    }
    hamlets = hamlet_names(commune)
    if hamlets:
        lists["hamlet"] = (hamlets, False)
    return lists


def _example(hamlet: str) -> dict[str, str]:
    return {
        "household_code": EXAMPLE_MARK,
        "hamlet": hamlet or "Thôn Đông",
        "house_number": "12",
        "head_name": "Nguyễn Văn An",
        "full_name": "Nguyễn Văn An",
        "birth": "05/03/1980",
        "sex": "Nam",
        "ethnicity": "Kinh",
        "relation": "Chủ hộ",
        "grade": "9",
        "residence": "Thường trú",
    }


def workbook(commune: Unit | None = None) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = DATA_SHEET
    lists = _lists(commune)
    catalogue = book.create_sheet(LISTS_SHEET)
    catalogue.sheet_state = "hidden"
    sources = {}
    for index, (key, (values, _strict)) in enumerate(lists.items(), start=1):
        letter = get_column_letter(index)
        catalogue.cell(row=1, column=index, value=key)
        for row, value in enumerate(values, start=2):
            catalogue.cell(row=row, column=index, value=value)
        sources[key] = f"'{LISTS_SHEET}'!${letter}$2:${letter}${len(values) + 1}"
    example = _example(lists["hamlet"][0][0] if "hamlet" in lists else "")
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        head = sheet.cell(row=1, column=index, value=column.header)
        head.font, head.fill = Font(bold=True), HEADER_FILL
        head.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[letter].width = max(12, len(column.header) + 4)
        sheet.cell(row=2, column=index, value=example.get(column.key, "")).font = EXAMPLE_FONT
        if column.key in ("household_code", "birth", "id_number"):
            for row in range(2, ROWS + 2):  # text: "01/02/1990" and leading zeros stay as typed
                sheet.cell(row=row, column=index).number_format = "@"
        if column.key in sources:
            values, strict = lists[column.key]
            rule = DataValidation(type="list", formula1=f"={sources[column.key]}", allow_blank=True)
            rule.showErrorMessage = True
            rule.errorStyle = "stop" if strict else "warning"
            rule.errorTitle = _("Giá trị không có trong danh sách")
            rule.error = _("Hãy chọn một giá trị trong danh sách của cột “%(c)s”.") % {"c": column.header}
            sheet.add_data_validation(rule)
            rule.add(f"{letter}2:{letter}{ROWS + 1}")
    sheet.freeze_panes = "A2"
    _guide(book, commune)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _guide(book: Workbook, commune: Unit | None) -> None:
    guide = book.create_sheet(GUIDE_SHEET)
    guide.append([_("Cột"), _("Bắt buộc"), _("Cách ghi")])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for column in COLUMNS:
        guide.append([column.header, str(column.guide_label), str(column.help)])
    guide.append([])
    notes = [
        _("Mỗi dòng là một nhân khẩu; các nhân khẩu cùng hộ ghi cùng Mã hộ, Thôn và Chủ hộ."),
        _("Dòng 2 (chữ “%(m)s” ở cột Mã hộ) là dòng ví dụ, không được nhập; có thể xóa hoặc ghi đè.")
        % {"m": EXAMPLE_MARK},
        _("Các cột Giới tính, Dân tộc, Cư trú, Hoàn thành XMC có danh sách để chọn."),
    ]
    if commune is not None:
        notes.append(_("Cột Thôn/Tổ dân phố có danh sách các thôn, tổ dân phố của %(c)s.") % {"c": commune.full_name})
    for line in notes:
        guide.append([line])
    guide.column_dimensions["A"].width = 24
    guide.column_dimensions["B"].width = 30
    guide.column_dimensions["C"].width = 80
