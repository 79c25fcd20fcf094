"""Thông tư 96/2008/TT-BTC (DOMAIN.md §5): the state supports a TTHTCĐ only in ethnic-minority and
mountainous communes (Quyết định 301/2006/QĐ-UBDT), at least 20 million đồng a year in region I and
25 million in regions II–III; elsewhere there is no minimum. The region is the centre profile's
setting (marked "cần xác minh"); when it is not known, nothing is checked."""

import datetime
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _

from units.legal import LegalParameter, cite, parameter

from .models import CentreProfile, FundingEntry, FundingKind, FundingRegion, FundingSource

TT96 = "tt96_2008"
BASIS = cite(TT96)
# The yearly minimum by region (Quyết định 301/2006/QĐ-UBDT regions), from 2008 with no end year found;
# the article of TT 96/2008 that sets it was not read in a public copy (the citation says cần xác minh).
PARAMETERS = (
    LegalParameter(f"yearly_minimum_{FundingRegion.REGION_1}", 20_000_000, "đồng/năm", TT96, "", 2008),
    LegalParameter(f"yearly_minimum_{FundingRegion.REGION_2}", 25_000_000, "đồng/năm", TT96, "", 2008),
    LegalParameter(f"yearly_minimum_{FundingRegion.REGION_3}", 25_000_000, "đồng/năm", TT96, "", 2008),
    LegalParameter("setup_minimum", 30_000_000, "đồng", TT96, "", 2008, note="kinh phí ban đầu để thành lập"),
)


def yearly_minimum(region: str, year: int | None = None) -> int | None:
    """The minimum state support a year, or None where the rule does not apply, the region is unknown
    or (with `year`) no sourced minimum applies that year."""
    found = [p for p in PARAMETERS if p.key == f"yearly_minimum_{region}"] if region else []
    if not found:
        return None
    if year is None:
        return found[0].value
    in_force = parameter(PARAMETERS, found[0].key, year)
    return in_force.value if in_force else None


def state_budget_warning(centre, start: datetime.date, end: datetime.date) -> str | None:
    region = CentreProfile.objects.filter(centre=centre).values_list("funding_region", flat=True).first() or ""
    minimum = yearly_minimum(region, start.year)
    if minimum is None:
        return None
    received = FundingEntry.objects.filter(
        centre=centre, kind=FundingKind.RECEIPT, source=FundingSource.STATE_BUDGET, date__gte=start, date__lte=end
    ).aggregate(total=Sum("amount"))["total"] or Decimal(0)
    if received >= minimum:
        return None
    return _(
        "Ngân sách nhà nước hỗ trợ trong năm học là %(got)s đồng, dưới mức tối thiểu %(min)s đồng/năm của %(region)s "
        "theo %(basis)s: hãy giải trình."
    ) % {
        "got": f"{int(received):,}".replace(",", "."),
        "min": f"{minimum:,}".replace(",", "."),
        "region": FundingRegion(region).label,
        "basis": BASIS,
    }
