"""Ids typed into a query string or posted by a tampered form: only a real 64-bit id reaches a query."""

import pytest

from units.text import as_id, ids_from


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("42", 42), (" 7 ", 7), ("٣", 3), ("²", None), ("0", None), ("-1", None), ("1e3", None), ("", None), (None, None)],
)
def test_as_id_reads_only_digits(typed, expected):
    assert as_id(typed) == expected


def test_an_id_beyond_64_bits_is_not_an_id():
    assert as_id(str(2**63 - 1)) == 2**63 - 1
    assert as_id(str(2**63)) is None
    assert as_id("1" + "0" * 30) is None


def test_ids_from_keeps_the_ids_in_order():
    assert ids_from(["3", "x", "10000000000000000000000000", "1"]) == [3, 1]
