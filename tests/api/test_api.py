"""The read-only API (issue 16): a token reads its unit's subtree and nothing else, a revoked token
reads nothing, and every figure is the one the portal's own page shows."""

import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

from api import services
from api.models import ApiClient
from api.tokens import token_hash
from learning_society.models import Title
from literacy import attainment
from reports import services as report_services
from reports.selectors import rollup_table
from tests.learning_society.conftest import YEAR as LS_YEAR
from tests.learning_society.test_rates import _families
from tests.literacy.fixtures import YEAR, bulk_people, make_round
from tests.reports.helpers import fill_and_submit, open_period, submission_of

pytestmark = pytest.mark.django_db


def test_a_token_reads_the_unit_tree_of_its_office(world, api):
    response = api().get(reverse("api:units"))
    assert response.status_code == 200
    codes = [u["code"] for u in response.json()["results"]]
    assert codes[0] == "OFFA" and {"XA1", "SCH1", "TT1", "TH1"} <= set(codes)
    assert "OFFB" not in codes and "XB1" not in codes
    school = next(u for u in response.json()["results"] if u["code"] == "SCH1")
    assert school["parent"] == world.commune.pk and school["full_name"] == "Trường THCS Đống Đa"


def test_the_unit_list_is_paginated(world, api):
    body = api().get(reverse("api:units")).json()
    assert {"count", "next", "previous", "results"} <= set(body)


def test_without_a_token_the_api_answers_401_not_the_login_page(world):
    response = Client().get(reverse("api:units"))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"


def test_an_unknown_token_is_refused(world):
    response = Client(HTTP_AUTHORIZATION="Bearer gdtx_khongphaikhoa").get(reverse("api:units"))
    assert response.status_code == 401
    assert "Khóa API không hợp lệ" in response.json()["detail"]


def test_a_revoked_token_is_refused(world, issue, api):
    client, token = issue()
    assert api(token).get(reverse("api:units")).status_code == 200
    services.api_client_revoke(actor=world.officer, client=client)
    response = api(token).get(reverse("api:units"))
    assert response.status_code == 401
    assert "đã bị thu hồi" in response.json()["detail"]


def test_the_token_is_stored_hashed_and_its_use_is_remembered(world, issue, api):
    client, token = issue()
    stored = ApiClient.objects.get(pk=client.pk)
    assert stored.token_hash == token_hash(token) and token not in stored.token_hash
    assert token.startswith(stored.token_prefix) and len(stored.token_prefix) < len(token) // 3
    assert stored.last_used_at is None
    api(token).get(reverse("api:units"))
    stored.refresh_from_db()
    assert stored.last_used_at is not None


def test_a_commune_token_reads_only_its_commune(world, issue, api):
    _client, token = issue(unit=world.commune, by=world.officer)
    codes = {u["code"] for u in api(token).get(reverse("api:units")).json()["results"]}
    assert "XA1" in codes and "OFFA" not in codes and "XA2" not in codes
    assert api(token).get(reverse("api:unit", args=[world.office.pk])).status_code == 404


def test_another_offices_unit_is_404(world, api):
    assert api().get(reverse("api:unit", args=[world.other_commune.pk])).status_code == 404
    assert api().get(reverse("api:unit", args=[world.commune.pk])).status_code == 200


def test_only_office_officers_and_leaders_issue_tokens_for_their_unit(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.api_client_create(actor=world.officer, name="Lạ", unit=world.other_office)
    with pytest.raises(ValidationError):
        services.api_client_create(actor=world.principal, name="Trường", unit=world.school)


def test_the_api_reads_nothing_but_get(world, api):
    response = api().post(reverse("api:units"), {})
    assert response.status_code == 405


@override_settings(
    CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "api-throttle"}}
)
def test_each_token_has_its_own_request_budget(world, issue, api, settings):
    from rest_framework.settings import api_settings
    from rest_framework.throttling import SimpleRateThrottle

    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "api_token": "3/hour"}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(SimpleRateThrottle, "THROTTLE_RATES", rates)
        first, second = api(issue()[1]), api(issue(name="Ứng dụng khác")[1])
        assert [first.get(reverse("api:units")).status_code for _ in range(4)] == [200, 200, 200, 429]
        assert second.get(reverse("api:units")).status_code == 200


# Figures ---------------------------------------------------------------------------------------


@pytest.fixture
def period(world):
    """SCH1 approved, TT1 submitted only: the API serves the approved roll-up."""
    period = open_period(world)
    sch1 = fill_and_submit(
        submission_of(period, world.school), world.principal, {"R01.TS": "100", "R01.NU": "40", "R05.TS": "1,5"}
    )
    report_services.submission_approve(actor=world.officer, submission=sch1)
    fill_and_submit(submission_of(period, world.centre), world.director, {"R01.TS": "50", "R01.NU": "35"})
    return period


def _page_figures(table) -> dict:
    return {c.key: c.value for row in table.rows for c in row.cells if c.key}


def test_the_rollup_equals_the_approved_rollup_of_the_page(world, api, period):
    body = api().get(reverse("api:rollup", args=[period.pk])).json()
    page = _page_figures(rollup_table(period, approved_only=True)[0])
    served = {f"{row['code']}.{col}": value for row in body["rows"] for col, value in row["values"].items()}
    assert body["approved_reports"] == 1
    assert served["R01.TS"] == 100 and served["R01.NU"] == 40  # the centre's 50 is not approved yet
    assert served["R04.TS"] == 40  # ROUND(40 / 100 * 100, 1)
    assert served["R05.TS"] == 1.5
    for key, value in page.items():
        expected = int(value) if isinstance(value, Decimal) and value == int(value) else value
        assert served[key] == (float(expected) if isinstance(expected, Decimal) else expected), key
    total = next(row for row in body["rows"] if row["code"] == "R03")
    assert total["is_total"] is True and total["section"] == "I"


def test_the_rollup_period_list_and_another_offices_period(world, issue, api, period):
    listed = api().get(reverse("api:periods")).json()["results"]
    assert [p["id"] for p in listed] == [period.pk]
    _client, token_b = issue(unit=world.other_office, by=world.outsider_officer)
    assert api(token_b).get(reverse("api:rollup", args=[period.pk])).status_code == 404
    assert api(token_b).get(reverse("api:periods")).json()["results"] == []


def test_the_rollup_of_one_commune(world, api, period):
    url = reverse("api:rollup", args=[period.pk])
    body = api().get(url + f"?xa={world.commune.pk}").json()
    assert body["unit"] == world.commune.pk
    assert api().get(url + f"?xa={world.other_commune.pk}").status_code == 404
    assert api().get(url + "?xa=abc").status_code == 404


def test_the_literacy_standard_equals_the_standard_page(world, api):
    survey_round = make_round(world.office)
    people = [{"birth_year": YEAR - 20, "grade": 3}] * 9 + [{"birth_year": YEAR - 20, "grade": 0}]
    bulk_people(survey_round, world.hamlet, people)
    commune = api().get(reverse("api:literacy_standard", args=[world.commune.pk]) + f"?nam={YEAR}").json()
    result, _round, _conf = attainment.commune_standard(world.commune, YEAR)
    assert commune["level1"] == result.level1.as_json()
    assert commune["level1"]["rate"] == 90.0 and commune["level1"]["met"] is True
    assert commune["survey_round"] == survey_round.pk
    office = api().get(reverse("api:literacy_standard", args=[world.office.pk]) + f"?nam={YEAR}").json()
    whole = attainment.office_standard(world.office, YEAR)
    assert office["level1"] == whole.level_total(1).as_json()
    assert {c["code"] for c in office["communes"]} == {c.commune.code for c in whole.communes}


def test_the_literacy_standard_refuses_a_school_another_office_and_a_bad_year(world, api):
    assert api().get(reverse("api:literacy_standard", args=[world.school.pk])).status_code == 404
    assert api().get(reverse("api:literacy_standard", args=[world.other_commune.pk])).status_code == 404
    response = api().get(reverse("api:literacy_standard", args=[world.commune.pk]) + "?nam=20x6")
    assert response.status_code == 400 and "không hợp lệ" in response.json()["nam"]


def test_the_learning_society_statistics_equal_the_commands_json(world, api, shipped):
    _families(world, shipped, 7, 10)
    out = io.StringIO()
    call_command("learning_society_stats", unit=world.office.code, year=LS_YEAR, json=True, stdout=out)
    body = api().get(reverse("api:learning_society", args=[world.office.pk]) + f"?nam={LS_YEAR}").json()
    assert body == json.loads(out.getvalue())
    family = next(r for r in body["titles"] if r["title"] == Title.FAMILY)
    assert family["recognised"] == 7 and family["eligible"] == 10


def test_the_schema_generates_without_warnings(world, client):
    out, err = io.StringIO(), io.StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out, stderr=err)
    assert err.getvalue() == ""
    assert "/api/v1/ky-bao-cao/{id}/tong-hop/" in out.getvalue()
    response = client.get(reverse("api:schema"))
    assert response.status_code == 200 and b"openapi" in response.content
    as_json = client.get(reverse("api:schema") + "?format=json").json()
    assert "khoaApi" in as_json["components"]["securitySchemes"]


def test_a_commune_token_reads_the_districts_rollup_for_its_commune_only(world, issue, api, period):
    _client, token = issue(unit=world.commune)
    listed = api(token).get(reverse("api:periods")).json()["results"]
    assert [p["id"] for p in listed] == [period.pk]
    url = reverse("api:rollup", args=[period.pk])
    body = api(token).get(url).json()
    assert body["unit"] == world.commune.pk
    page = _page_figures(rollup_table(period, commune=world.commune, approved_only=True)[0])
    served = {f"{row['code']}.{col}": value for row in body["rows"] for col, value in row["values"].items()}
    assert served["R01.TS"] == page["R01.TS"] == 100
    assert api(token).get(url + f"?xa={world.difficult_commune.pk}").status_code == 404


def test_more_units_and_periods_never_mean_more_queries(world, issue, api, period):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import make_unit
    from units.models import UnitKind

    client = api(issue()[1])

    def count(name):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(name)).status_code == 200
        return len(queries)

    before = {name: count(name) for name in ("api:units", "api:periods")}
    for n in range(5):
        make_unit(UnitKind.SCHOOL, parent=world.commune, name=f"Trường thêm {n}", code=f"THEM{n}")
        open_period(world, label=f"Kỳ thêm {n}")
    assert {name: count(name) for name in before} == before
