"""Issue 14 item 14 for the centres: a learner typed without a sex is not a man, and an activity
cannot start in the future (it would be counted in this year's report before it happened)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from centers.models import Activity
from tests.centers import helpers
from units.calendar import today

pytestmark = pytest.mark.django_db


def test_a_learner_without_a_sex_is_neither_a_woman_nor_a_man(world):
    activity = helpers.make_activity(
        world.centre, learners="Nguyễn Thị Lan; nữ; 1962\nTrần Văn Bình; nam; 1970\nLê Minh; ; 1980"
    )
    activity.refresh_from_db()
    assert (activity.participants, activity.women) == (3, 1)
    by_name = {p.full_name: p.is_woman for p in activity.learners.all()}
    assert by_name == {"Nguyễn Thị Lan": True, "Trần Văn Bình": False, "Lê Minh": None}
    men = sum(1 for p in activity.learners.all() if p.is_woman is False)
    assert men == 1


def test_the_learner_page_shows_an_unknown_sex_as_unknown(world, client):
    from django.urls import reverse

    activity = helpers.make_activity(world.centre, learners="Lê Minh; ; 1980")
    client.force_login(world.director)
    page = client.get(reverse("centers:activity_detail", kwargs={"pk": activity.pk})).content.decode()
    row = page.split("Lê Minh", 1)[1].split("</tr>", 1)[0]
    assert "Nam" not in row and "Nữ" not in row


def test_an_activity_starting_after_today_is_refused_in_vietnamese(world):
    tomorrow = today() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        helpers.make_activity(world.centre, start_date=tomorrow, end_date=tomorrow)
    assert "ở tương lai" in refused.value.message_dict["start_date"][0]
    assert not Activity.objects.filter(start_date=tomorrow).exists()
    helpers.make_activity(world.centre, start_date=today(), end_date=tomorrow)  # today is fine
