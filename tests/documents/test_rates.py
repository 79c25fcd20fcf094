"""One rate format (documents.vn_percent): cut toward zero, decimal comma, so a rate below a target
never prints as the target; shares are compared with targets on the counts (DOMAIN.md §4)."""

import io
from decimal import Decimal
from fractions import Fraction

import openpyxl
import pytest

from documents import Column, Row, Table, percent_of, share_meets, table_to_xlsx, truncate_percent, vn_percent
from documents.tables import display_value


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (percent_of(142, 203), "69,9%"),  # 69,95…% is below 70%: never "70,0%"
        (Decimal("69.95"), "69,9%"),
        (69.95, "69,9%"),
        (Decimal("89.99"), "89,9%"),
        (70, "70,0%"),
        (percent_of(70, 100), "70,0%"),
        (0.57 * 100, "57,0%"),  # 56.99999999999999 as a float is 57%
        (percent_of(1999, 2000), "99,9%"),
        (Decimal("1234.56"), "1.234,5%"),
        (Decimal("-0.05"), "0,0%"),
        (None, ""),
    ],
)
def test_a_rate_is_cut_never_rounded_with_a_decimal_comma(value, expected):
    assert vn_percent(value) == expected


def test_two_places_are_cut_too():
    assert vn_percent(Decimal("89.999"), 2) == "89,99%"
    assert truncate_percent(percent_of(142, 203), 2) == Decimal("69.95")


@pytest.mark.parametrize(
    ("part", "whole", "target", "met"),
    [
        (142, 203, 70, False),  # 69,95% does not meet 70%
        (70, 100, 70, True),  # exactly the target meets it
        (71, 100, 70, True),
        (139, 200, Decimal("69.5"), True),
        (138, 200, Fraction(139, 2), False),
        (1, 3, "33,3", True),
        (5, 0, 70, None),  # nothing to count against
        (5, 10, 0, None),  # no target
    ],
)
def test_a_share_meets_a_target_only_at_least_exactly(part, whole, target, met):
    assert share_meets(part, whole, target) is met


def _rate_table(rate):
    return Table(
        title="Tỉ lệ",
        columns=[Column("Danh hiệu", width=30), Column("Tỉ lệ", "percent")],
        rows=[Row(["Gia đình học tập", rate])],
    )


def test_the_page_pdf_text_and_the_xlsx_cell_show_69_9_for_142_of_203():
    assert display_value(percent_of(142, 203), "percent") == "69,9%"  # HTML and PDF
    ws = openpyxl.load_workbook(io.BytesIO(table_to_xlsx(_rate_table(percent_of(142, 203))))).worksheets[0]
    cell = next(c for row in ws.iter_rows() for c in row if c.number_format == "0.0%")
    # The cut value: Excel's "0.0%" would show 0.699507… as 70.0%.
    assert cell.value == pytest.approx(0.699, abs=1e-12)
    assert f"{cell.value * 100:.1f}" == "69.9"


def test_exactly_70_percent_stays_70_0_in_the_xlsx():
    ws = openpyxl.load_workbook(io.BytesIO(table_to_xlsx(_rate_table(percent_of(70, 100))))).worksheets[0]
    cell = next(c for row in ws.iter_rows() for c in row if c.number_format == "0.0%")
    assert cell.value == pytest.approx(0.7, abs=1e-12)


def test_the_template_filter_prints_the_same_cut_rate():
    from django.template import Context, Template

    template = Template("{% load documents_numbers %}{{ a|vn_percent }} {{ b|vn_percent:2 }} {{ c|vn_percent }}")
    assert template.render(Context({"a": percent_of(142, 203), "b": Decimal("89.999"), "c": None})) == "69,9% 89,99% "
