import datetime

from centers.models import school_year_range
from reports.providers import get_provider
from tests.centers import helpers
from units.models import Unit


def _value(key, units, year=None):
    start, end = school_year_range(year or helpers.this_year())
    return get_provider(key).func(Unit.objects.filter(pk__in=[u.pk for u in units]), start, end)


def test_the_yearly_report_keys_are_registered():
    for key in [
        "centers.activities",
        "centers.activities.law",
        "centers.activities.agriculture",
        "centers.participants",
        "centers.participants.women",
        "centers.participants.ethnic",
        "centers.funding.total",
        "centers.funding.state_budget",
        "centers.funding.socialised",
        "centers.spending.total",
        "centers.staff.lecturer",
    ]:
        assert get_provider(key) is not None, key


def test_a_commune_and_the_office_get_the_sum_of_their_centres(world, other_centre):
    helpers.make_activity(world.centre, participants=30, women=10)
    helpers.make_activity(world.centre, participants=20, women=5, field="health")
    helpers.make_activity(other_centre, participants=7, women=7)
    values = _value("centers.participants", [world.centre, world.commune, world.office, world.other_office])
    assert values == {world.centre.pk: 50, world.commune.pk: 50, world.office.pk: 57, world.other_office.pk: 0}
    assert _value("centers.activities.law", [world.office])[world.office.pk] == 2
    assert _value("centers.participants.women", [world.centre])[world.centre.pk] == 15


def test_only_the_period_counts(world):
    start, _end = school_year_range(helpers.this_year())
    helpers.make_activity(world.centre, start_date=start - datetime.timedelta(days=1), end_date=start)
    helpers.make_activity(world.centre, start_date=start, end_date=start)
    assert _value("centers.activities", [world.centre])[world.centre.pk] == 1


def test_funding_by_source(world):
    helpers.make_funding(world.centre, amount=20_000_000)
    helpers.make_funding(world.centre, source="commune_budget", amount=5_000_000)
    assert _value("centers.funding.total", [world.office])[world.office.pk] == 25_000_000
    assert _value("centers.funding.commune_budget", [world.centre])[world.centre.pk] == 5_000_000


def test_a_provider_runs_a_fixed_number_of_queries(world, other_centre, django_assert_num_queries):
    helpers.make_activity(world.centre)
    helpers.make_activity(other_centre)
    units = [world.centre, other_centre, world.commune, world.office]
    start, end = school_year_range(helpers.this_year())
    queryset = Unit.objects.filter(pk__in=[u.pk for u in units])
    with django_assert_num_queries(3):
        get_provider("centers.participants").func(queryset, start, end)


def test_every_centre_key_of_the_reports_yearly_form_has_a_provider():
    """reports/standard_forms/tthtcd_nam.json is the TTHTCĐ yearly form: its cells name our keys."""
    import re
    from pathlib import Path

    from django.conf import settings

    form = Path(settings.BASE_DIR) / "reports" / "standard_forms" / "tthtcd_nam.json"
    keys = set(re.findall(r'"provider":\s*"(centers\.[^"]+)"', form.read_text(encoding="utf-8")))
    assert keys, "the yearly form names no centre provider"
    assert sorted(k for k in keys if get_provider(k) is None) == []


def test_women_and_ethnic_learners_by_field(world):
    helpers.make_activity(world.centre, field="health", participants=30, women=18, ethnic_minority=4)
    assert _value("centers.participants.health.women", [world.centre])[world.centre.pk] == 18
    assert _value("centers.participants.health.ethnic", [world.office])[world.office.pk] == 4
