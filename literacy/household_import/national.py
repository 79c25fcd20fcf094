"""The built-in mapping of the national survey form (phiếu điều tra PCGD-CMC, the layout the
Ministry's PCGD-XMC information system reads and writes), and the register written back in the
portal's template or in that layout, so a commune keeps one register (issue 16).

The column order below is the one the issue lists; it was not checked against a file of the national
system (cần xác minh). Columns are found by their headers, not their places, so another order of the
same headers reads the same. The portal's own columns (số định danh, lớp đã hoàn thành, hoàn thành
XMC, miễn, cư trú) are optional at the end: written by the export so that a file going out and
coming back loses nothing, skipped when a file of the national system does not have them."""

import io

from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from documents.xlsx import is_formula_like, printable
from units import ethnicity

from ..models import Household, Person, PersonStatus, Residence, Sex, Stage
from .columns import COLUMNS

NATIONAL_KEY = "quoc-gia"
NATIONAL_NAME = gettext_lazy("Phiếu điều tra PCGD-CMC (mẫu quốc gia)")
NATIONAL_DESCRIPTION = gettext_lazy(
    "Có sẵn trong hệ thống. Thứ tự cột theo phiếu điều tra PCGD-CMC (cần xác minh với tệp của hệ thống "
    "quốc gia); cột được nhận theo tên nên đổi chỗ cột vẫn đọc được. “Năm tốt nghiệp” được hiểu là tốt "
    "nghiệp THCS (lớp 9, cần xác minh)."
)

# (header, target, optional)
NATIONAL_COLUMNS = [
    ("Số phiếu", "household_code", False),
    ("Thôn", "hamlet", False),
    ("Địa chỉ", "house_number", False),
    ("Chủ hộ", "head_name", False),
    ("Họ tên", "full_name", False),
    ("Ngày sinh", "birth", False),
    ("Quan hệ", "relation", False),
    ("Nữ", "female_tick", False),
    ("Dân tộc", "ethnicity", False),
    ("Lớp đang học", "current_class", False),
    ("Năm tốt nghiệp", "graduation_lower_secondary", False),
    ("Bỏ học", "ignore", False),
    ("Mù chữ", "illiterate_tick", False),
    ("Khuyết tật", "disability", False),
    ("Chuyển đến", "moved_in_tick", False),
    ("Chuyển đi", "moved_out_tick", False),
    ("Chết", "deceased_tick", False),
    ("Số định danh cá nhân", "id_number", True),
    ("Lớp đã hoàn thành", "grade", True),
    ("Hoàn thành XMC", "stage", True),
    ("Miễn", "exempt", True),
    ("Cư trú", "residence", True),
]
NATIONAL_MAPPING = {
    "header_row": 1,
    "columns": [
        {"header": header, "target": target, **({"optional": True} if optional else {})}
        for header, target, optional in NATIONAL_COLUMNS
    ],
}

_STATUS_TEXT = {
    PersonStatus.PRESENT: "",
    PersonStatus.NEWLY_ARRIVED: "Mới chuyển đến",
    PersonStatus.NEWLY_BORN: "Mới sinh",
    PersonStatus.MOVED_AWAY: "Đã chuyển đi",
    PersonStatus.DECEASED: "Đã chết",
}
_STAGE_TEXT = {Stage.NONE: "", Stage.STAGE1: "GĐ1", Stage.STAGE2: "GĐ2"}


def _tick(flag: bool) -> str:
    return "x" if flag else ""


def _common(person: Person, household: Household) -> dict:
    return {
        "household_code": household.code,
        "hamlet": household.hamlet.name,
        "house_number": household.house_number,
        "head_name": household.head_name,
        "full_name": person.full_name,
        "birth": person.birth_date.strftime("%d/%m/%Y") if person.birth_date else person.birth_year,
        "relation": person.relation,
        "ethnicity": ethnicity.name(person.ethnicity) or person.ethnicity_note,
        "id_number": person.id_number,
        "grade": person.grade,
        "stage": _STAGE_TEXT.get(person.stage, ""),
        "disability": _tick(person.disability),
        "exempt": _tick(person.exempt),
        "residence": "Tạm trú" if person.residence == Residence.TEMPORARY else "Thường trú",
    }


def template_row(person: Person) -> list:
    values = _common(person, person.household)
    values |= {
        "sex": "Nữ" if person.sex == Sex.FEMALE else "Nam",
        "status": _STATUS_TEXT.get(person.status, ""),
        "found_illiterate": _tick(person.found_illiterate),
    }
    return [values.get(c.key, "") for c in COLUMNS]


def national_row(person: Person) -> list:
    values = _common(person, person.household)
    values |= {
        "female_tick": _tick(person.sex == Sex.FEMALE),
        # the register keeps the grade completed, not a class or a year: written in "Lớp đã hoàn thành"
        "current_class": "",
        "graduation_lower_secondary": "",
        "ignore": "",
        "illiterate_tick": _tick(person.literacy_level == 0),
        "moved_in_tick": _tick(person.status == PersonStatus.NEWLY_ARRIVED),
        "moved_out_tick": _tick(person.status == PersonStatus.MOVED_AWAY),
        "deceased_tick": _tick(person.status == PersonStatus.DECEASED),
    }
    return [values.get(target, "") for _header, target, _optional in NATIONAL_COLUMNS]


LAYOUTS = {
    "mau": ([c.header for c in COLUMNS], template_row),
    NATIONAL_KEY: ([header for header, _target, _optional in NATIONAL_COLUMNS], national_row),
}


def register_workbook(persons, layout: str) -> bytes:
    """The register (`persons`: one commune of one round) as a workbook in `layout` (LAYOUTS)."""
    headers, row_of = LAYOUTS[layout]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Nhan khau")
    sheet.append(headers)
    for person in persons:
        sheet.append([_cell(sheet, value) for value in row_of(person)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(sheet, value):
    if isinstance(value, str):
        value = printable(value)
        if is_formula_like(value):  # a name typed as "=…" stays text, never a formula
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            return cell
    return value
