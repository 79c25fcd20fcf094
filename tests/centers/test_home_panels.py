import datetime
import re

from tests.centers import helpers
from units.models import today


def test_the_directors_home_offers_to_log_a_session(world, login):
    helpers.make_activity(world.centre, participants=33)
    html = login(world.director).get("/").content.decode()
    assert "Sổ hoạt động của trung tâm" in html
    # This school year's figures, each in its own tile: activities, then participants.
    assert re.search(r"Hoạt động</div>\s*<div[^>]*>1</div>", html)
    assert re.search(r"Lượt người tham gia</div>\s*<div[^>]*>33</div>", html)
    assert f"/trung-tam/{world.centre.pk}/hoat-dong/them/" in html


def test_the_office_home_names_the_silent_centres(world, login, other_centre):
    helpers.make_activity(world.centre)
    day = today() - datetime.timedelta(days=61)
    helpers.make_activity(other_centre, start_date=day, end_date=day)
    html = login(world.officer).get("/").content.decode()
    assert "1 trung tâm không ghi hoạt động trong 60 ngày" in html
    assert "TTHTCĐ xã Nậm Pồ" in html
