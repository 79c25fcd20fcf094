"""Thông tư 96/2008/TT-BTC (issue 14 item 14, DOMAIN.md §5): the yearly minimum state support is
warned about only for centres in ethnic-minority and mountainous communes, by region (20 million
region I, 25 million regions II–III); elsewhere, or when the region is unknown, nothing is said."""

import json
import pathlib
from decimal import Decimal

import pytest
from django.urls import reverse

from centers.models import CentreProfile, FundingRegion, FundingSource
from tests.centers import helpers
from units.calendar import today

pytestmark = pytest.mark.django_db


def _page(client, world, region):
    CentreProfile.objects.update_or_create(centre=world.centre, defaults={"funding_region": region})
    client.force_login(world.director)
    return client.get(reverse("centers:funding", kwargs={"pk": world.centre.pk})).content.decode()


@pytest.mark.parametrize(
    ("region", "warned"),
    [("", False), (FundingRegion.NONE, False), (FundingRegion.REGION_1, True), (FundingRegion.REGION_2, True)],
)
def test_the_minimum_is_warned_only_where_the_rule_applies(world, client, region, warned):
    helpers.make_funding(world.centre, source=FundingSource.STATE_BUDGET, amount=Decimal(15_000_000), date=today())
    page = _page(client, world, region)
    assert ("dưới mức tối thiểu" in page) is warned


def test_region_ii_needs_25_million_and_region_i_20(world, client):
    helpers.make_funding(world.centre, source=FundingSource.STATE_BUDGET, amount=Decimal(22_000_000), date=today())
    assert "dưới mức tối thiểu" not in _page(client, world, FundingRegion.REGION_1)
    page = _page(client, world, FundingRegion.REGION_3)
    assert "dưới mức tối thiểu 25.000.000 đồng/năm của Vùng III" in page


def test_the_standard_form_no_longer_warns_every_centre_below_20_million():
    root = pathlib.Path(__file__).resolve().parents[2]
    form = json.loads((root / "reports" / "standard_forms" / "tthtcd_nam.json").read_text(encoding="utf-8"))
    assert not any(rule.get("right") == "20000000" for rule in form.get("rules", form.get("validation_rules", [])))
