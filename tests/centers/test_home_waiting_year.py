"""The office home's "n trung tâm chờ Phòng chấm" opens the school year those centres are in (issue 17:
it opened a year with none)."""

from django.urls import reverse

from tests.centers import helpers


def test_the_waiting_link_opens_the_year_of_the_self_assessments_to_score(world, client):
    year = helpers.this_year() - 2
    helpers.make_assessment(world.centre, world.director, year=year, submitted=True)
    client.force_login(world.officer)
    home = client.get("/").content.decode()
    link = f'{reverse("centers:ranking")}?nam={year}"'
    assert link in home and "1 trung tâm chờ Phòng chấm tự đánh giá" in home
    ranking = client.get(f"{reverse('centers:ranking')}?nam={year}").content.decode()
    assert "TTHTCĐ xã Đống Đa" in ranking
