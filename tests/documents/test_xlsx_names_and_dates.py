"""The workbook as an office opens it: sheet names are whole words within Excel's 31 characters and
never repeat; a date is an Excel date shown dd/mm/yyyy, which sorts and filters as a date; a table
too wide for a portrait page prints landscape."""

import datetime
import io

import openpyxl
import pytest

from documents import Column, Row, Table, table_to_xlsx
from documents.xlsx import as_date, sheet_title

LONG = "Biểu XMC-4. Thống kê đạt chuẩn xóa mù chữ theo xã"


def _book(tables) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(table_to_xlsx(tables)))


def _cells(ws):
    return [c for row in ws.iter_rows() for c in row if c.value is not None]


def _is_whole_words_of(name: str, title: str) -> bool:
    words = name.removesuffix(" (2)").removesuffix(" (3)").split()
    return words == title.split()[: len(words)]


def test_a_long_sheet_name_is_cut_between_words():
    book = _book([Table(title=LONG, columns=[Column("Xã")], rows=[Row(["Đống Đa"])])])

    name = book.sheetnames[0]
    assert len(name) <= 31
    assert name == "Biểu XMC-4. Thống kê đạt chuẩn"  # not "… đạt chuẩn xó"
    assert _is_whole_words_of(name, LONG)


def test_repeated_long_titles_get_distinct_names_of_whole_words():
    tables = [Table(title=LONG, columns=[Column("Xã")], rows=[Row([str(i)])]) for i in range(3)]

    names = _book(tables).sheetnames

    assert len(set(names)) == 3
    assert all(len(n) <= 31 and _is_whole_words_of(n, LONG) for n in names)
    assert names[1].endswith(" (2)") and names[2].endswith(" (3)")


def test_one_word_longer_than_a_sheet_name_is_cut_where_it_must_be():
    assert sheet_title("Ủyban" * 10, set()) == ("Ủyban" * 10)[:31]


def _dates_sheet(values, kind="date"):
    table = Table(
        title="Hạn nộp", columns=[Column("Đơn vị"), Column("Ngày", kind)], rows=[Row(["Trường A", v]) for v in values]
    )
    ws = _book([table]).active
    return [ws.cell(row=r, column=2) for r in range(3, 3 + len(values))]


def test_dates_are_excel_dates_shown_day_month_year():
    (cell,) = _dates_sheet([datetime.date(2025, 10, 5)])

    assert cell.is_date and cell.value.date() == datetime.date(2025, 10, 5)
    assert cell.number_format == "dd/mm/yyyy"


@pytest.mark.parametrize("kind", ["date", "text"])
def test_a_date_a_module_wrote_as_text_is_stored_as_a_date(kind):
    # The annual report's frozen snapshot keeps dates as "05/10/2025" (JSON has no date type).
    (cell,) = _dates_sheet(["05/10/2025"], kind)

    assert cell.is_date and cell.value.date() == datetime.date(2025, 10, 5)
    assert cell.number_format == "dd/mm/yyyy"


@pytest.mark.parametrize("text", ["31/02/2025", "2006", "15/QĐ-UBND", "05/10/2025 và 06/10/2025"])
def test_text_that_is_not_exactly_one_date_stays_text(text):
    assert as_date(text) is None
    (cell,) = _dates_sheet([text], "text")
    assert cell.value == text and cell.data_type == "s"


@pytest.mark.parametrize(("columns", "orientation"), [(7, "portrait"), (8, "landscape")])
def test_a_table_too_wide_for_portrait_prints_landscape_from_excel(columns, orientation):
    table = Table(title="Biểu", columns=[Column(f"Cột {i}", "int") for i in range(columns)], rows=[Row([1] * columns)])

    assert table.is_wide is (orientation == "landscape")
    assert _book([table]).active.page_setup.orientation == orientation
