"""The annual draft's tables that nothing feeds yet say so, with a way to start (issue 17)."""

import pytest
from django.urls import reverse

from annual.services import annual_report_create

pytestmark = pytest.mark.django_db


def test_an_empty_table_says_nothing_feeds_it_yet_and_where_to_start(world, client):
    """Issue 17: the draft read "Cộng: đã kiểm tra 0/0 đợt" when no inspection was planned."""
    draft = annual_report_create(actor=world.officer, office=world.office, school_year=2025)
    client.force_login(world.officer)
    page = client.get(reverse("annual:detail", args=[draft.pk])).content.decode()
    assert "0/0" not in page
    assert "Chưa có đợt kiểm tra nào được lập kế hoạch trong năm học này" in page
    assert f'href="{reverse("inspections:inspection_add")}"' in page and "Lập kế hoạch đợt kiểm tra" in page
    assert "Chưa có kỳ báo cáo nào có hạn nộp trong năm học này" in page
    assert f'href="{reverse("reports:period_create")}"' in page
    assert "Chưa có lớp tập huấn nào trong năm học này" in page
    client.force_login(world.viewer)  # a reader is told, not sent to a page they cannot use
    page = client.get(reverse("annual:detail", args=[draft.pk])).content.decode()
    assert "Chưa có đợt kiểm tra nào" in page and reverse("inspections:inspection_add") not in page
