"""One rule for a number everywhere (issue 14): documents.numbers.vn_number — dot groups, decimal
comma, at most four places rounded half up, trailing zeros dropped, never "2," nor "-0,". The report
grid's filter prints through it, so a computed cell reads the same on the page, in the PDF and XLSX."""

from decimal import Decimal

import pytest
from django.template import Context, Template

from documents.numbers import MAX_DECIMALS, vn_number
from reports.templatetags.reports_extras import vn_number as grid_number

CASES = [
    ("1234.5", "1.234,5"),
    ("1234567", "1.234.567"),
    ("12.50", "12,5"),
    ("0.33333333", "0,3333"),  # a computed quotient: four places at most
    ("2.00005", "2,0001"),  # half up, as by hand (was "2," in the grid)
    ("2.00004", "2"),  # rounds to a whole number: no trailing comma (was "2,")
    ("-0.00001", "0"),  # never "-0" (was "-0,")
    ("-1234.56785", "-1.234,5679"),  # half up, not half even
]


@pytest.mark.parametrize(("value", "text"), CASES)
def test_the_one_number_rule(value, text):
    assert MAX_DECIMALS == 4
    assert vn_number(Decimal(value)) == text


@pytest.mark.parametrize(("value", "text"), CASES)
def test_the_report_grid_prints_numbers_by_the_same_rule(value, text):
    assert grid_number(Decimal(value)) == text
    rendered = Template("{% load reports_extras %}{{ v|vn_number }}").render(Context({"v": Decimal(value)}))
    assert rendered == text


def test_fixed_places_and_other_values_are_unchanged():
    assert vn_number(Decimal("69.95"), 1) == "70,0"  # fixed places round half up; rates use vn_percent
    assert vn_number(1500000) == "1.500.000" and vn_number(0.5) == "0,5"
    assert grid_number("—") == "—" and grid_number(None) == ""


def test_the_home_pages_headline_figures_print_by_the_same_rule():
    from gdtx_portal.home.reporting import Figure

    figure = Figure("Tổng thu", "", "đồng", Decimal("2.00004"), Decimal("1234.5"))
    assert figure.text == "2" and figure.change_text == "−1.232,5"
    assert Figure("Tỉ lệ", "", "%", Decimal("0.33333333"), None).text == "0,3333"


def test_reports_keeps_no_number_rule_of_its_own():
    import reports.selectors

    assert not hasattr(reports.selectors, "format_number")
