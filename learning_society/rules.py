"""Pure rules of the learning society that are law, not rubric data (../shared/docs/DOMAIN.md §4)."""

import datetime

from units.legal import LegalParameter

# DOMAIN.md §4 (corrected): Thông tư 25/2023/TT-BGDĐT keeps (bảo lưu) a recognition for the 3 years
# following the year of recognition; recognised on 15/06/2024 it counts for 2024 and through 31/12/2027.
# The levels regime starts with the recognitions of 2024 (the points regime before keeps no validity).
VALIDITY = LegalParameter(
    "recognition_validity_years",
    3,
    "năm",
    "tt25_2023",
    "bảo lưu trong 3 năm tiếp theo năm được công nhận",
    2024,
)
PARAMETERS = (VALIDITY,)
VALIDITY_BASIS = VALIDITY.citation
# The same three-year keeping for learning units is Thông tư 24/2023/TT-BGDĐT's (the learning-unit
# circular), not Thông tư 25/2023's (communities): a decision cites the text of its own title.
VALIDITY_SOURCE_BY_TITLE = {"learning_unit": "tt24_2023"}


def validity_source(title: str) -> str:
    """The units.legal key of the rule that keeps a recognition of `title` valid for three years."""
    return VALIDITY_SOURCE_BY_TITLE.get(title, VALIDITY.source)


def recognition_valid_through(recognised_on: datetime.date | None, validity_months: int | None) -> datetime.date | None:
    """The last day a recognition counts: 31 December of the recognition year plus the rubric's
    validity in whole years (36 months = 3 years: 15/06/2024 → 31/12/2027, Thông tư 25/2023/TT-BGDĐT,
    "bảo lưu trong 3 năm tiếp theo năm được công nhận"). None for titles recognised for one year only
    (points regime, no validity in the rubric). The rubric keeps its validity in months (data); a part
    of a year counts as a whole year following the year of recognition."""
    if recognised_on is None or not validity_months:
        return None
    years = -(-validity_months // 12)
    return datetime.date(recognised_on.year + years, 12, 31)


def counts_at_end_of(year: int) -> datetime.date:
    """The day a recognition must still be valid on to count in `year`'s statistics: its last day
    (stored as `Assessment.expires_on`, inclusive) is on or after 31 December of that year."""
    return datetime.date(year, 12, 31)
