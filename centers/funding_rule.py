"""Thông tư 96/2008/TT-BTC (DOMAIN.md §5): the state supports a TTHTCĐ only in ethnic-minority and
mountainous communes (Quyết định 301/2006/QĐ-UBDT), at least 20 million đồng a year in region I and
25 million in regions II–III; elsewhere there is no minimum. The region is the centre profile's
setting (marked "cần xác minh"); when it is not known, nothing is checked."""

import datetime
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _

from .models import CentreProfile, FundingEntry, FundingKind, FundingRegion, FundingSource

BASIS = "Thông tư 96/2008/TT-BTC"
YEARLY_MINIMUM = {
    FundingRegion.REGION_1: 20_000_000,
    FundingRegion.REGION_2: 25_000_000,
    FundingRegion.REGION_3: 25_000_000,
}


def yearly_minimum(region: str) -> int | None:
    """The minimum state support a year, or None where the rule does not apply or the region is unknown."""
    return YEARLY_MINIMUM.get(region)


def state_budget_warning(centre, start: datetime.date, end: datetime.date) -> str | None:
    region = CentreProfile.objects.filter(centre=centre).values_list("funding_region", flat=True).first() or ""
    minimum = yearly_minimum(region)
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
