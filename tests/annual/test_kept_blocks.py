"""Issue 20: the annual report's draft page keeps its computed and rendered tables in the shared cache
(annual.blocks.kept_blocks) until a change below the office in an area that feeds figures. The
officer never sees a figure older than the last change made through the portal; a change in another
office, or the report's own text, leaves the kept tables as they are; a frozen version is always
computed afresh."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from annual.models import AnnualReport
from annual.services import annual_report_create, annual_report_freeze, annual_report_update, report_blocks
from literacy import services as literacy_services
from tests.literacy.fixtures import make_household
from units import audit, panel_cache

from .conftest import SCHOOL_YEAR, add_people


@pytest.fixture
def draft(world, modules):
    return annual_report_create(actor=world.officer, office=world.office, school_year=SCHOOL_YEAR)


def visit(client, user, report) -> tuple[str, int]:
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("annual:detail", args=[report.pk]))
    assert response.status_code == 200
    return response.content.decode(), len(ctx)


def in_age_band(html: str) -> str:
    """Đống Đa's "số người trong độ tuổi" in the literacy standard table, as the page shows it."""
    table = html.split("Kết quả xóa mù chữ theo xã", 1)[1]
    row = table.split(">Đống Đa<", 1)[1]
    return re.search(r"<a [^>]*>([^<]+)</a>", row).group(1).strip()


def test_the_second_visit_reads_the_kept_tables(world, client, kept, draft):
    first, first_queries = visit(client, world.officer, draft)
    second, second_queries = visit(client, world.officer, draft)
    assert in_age_band(first) == in_age_band(second) == "10"
    assert second_queries < first_queries - 20  # the modules' aggregates are not run again


def test_a_change_through_the_portal_shows_at_once(
    world, client, kept, draft, modules, django_capture_on_commit_callbacks
):
    visit(client, world.officer, draft)
    household = make_household(modules.round, world.hamlet)
    with django_capture_on_commit_callbacks(execute=True):
        literacy_services.person_create(
            actor=world.officer, household=household, full_name="Lò Văn Mới", birth_year=2000, sex="M", grade=0
        )
    html, _ = visit(client, world.officer, draft)
    assert in_age_band(html) == "11"


def test_writing_the_reports_text_keeps_the_tables(world, client, kept, draft, django_capture_on_commit_callbacks):
    panel_cache.flush()  # the set-up's changes, as if committed (the test's transaction never commits)
    visit(client, world.officer, draft)
    _, kept_queries = visit(client, world.officer, draft)
    with django_capture_on_commit_callbacks(execute=True):
        annual_report_update(actor=world.officer, report=draft, narrative={"situation": "Năm học có nhiều đổi mới"})
    html, queries = visit(client, world.officer, draft)
    assert "Năm học có nhiều đổi mới" in html
    assert queries == kept_queries


def test_a_schools_report_save_recomputes_only_the_roll_up(
    world, client, kept, draft, django_capture_on_commit_callbacks
):
    """The most frequent write of a reporting season leaves the modules' tables kept: only the
    blocks that read the report engine's records (the roll-up of the periods) are computed again."""
    panel_cache.flush()
    _, first_queries = visit(client, world.officer, draft)
    _, kept_queries = visit(client, world.officer, draft)
    with django_capture_on_commit_callbacks(execute=True):
        audit.record(actor=world.principal, action="submission.save", unit=world.school)
    html, queries = visit(client, world.officer, draft)
    assert kept_queries < queries < first_queries - 20
    assert in_age_band(html) == "10"
    assert "Kết quả thực hiện chế độ báo cáo" in html


def test_a_change_in_another_office_keeps_this_offices_tables(world, kept, draft, django_capture_on_commit_callbacks):
    panel_cache.flush()
    before = panel_cache.figures_version(world.office)
    with django_capture_on_commit_callbacks(execute=True):
        audit.record(actor=world.outsider_officer, action="literacy.person_create", unit=world.other_commune)
    assert panel_cache.figures_version(world.office) == before
    with django_capture_on_commit_callbacks(execute=True):
        audit.record(actor=world.officer, action="literacy.person_create", unit=world.commune)
    assert panel_cache.figures_version(world.office) != before


def test_a_frozen_version_never_holds_a_kept_figure(world, client, kept, draft, modules):
    visit(client, world.officer, draft)
    # Rows written around the services (a shell, a bulk load): no audit entry, so the kept draft
    # does not see them until the cache's timeout...
    add_people(modules.round, world.hamlet, [0] * 5)
    html, _ = visit(client, world.officer, draft)
    assert in_age_band(html) == "10"
    # ...but the version the officer sends is computed from the records as they are.
    frozen = annual_report_freeze(actor=world.officer, report=draft, on=datetime.date(2026, 6, 30))
    literacy = next(b for b in report_blocks(frozen) if b["key"] == "literacy.standard")
    row = next(r for r in literacy["table"]["rows"] if r["cells"][0]["v"] == "Đống Đa")
    assert row["cells"][1]["v"] == 15
    assert in_age_band(visit(client, world.officer, frozen)[0]) == "15"
    assert AnnualReport.objects.get(pk=frozen.pk).is_frozen


def test_the_kept_parts_read_as_the_report_computed_at_once(world, kept, draft):
    from annual.blocks import compute_blocks, kept_blocks, school_year_dates

    start, end = school_year_dates(draft.school_year)
    fresh = compute_blocks(world.office, start, end)
    for _ in range(2):  # built, then read from the cache
        kept_now = kept_blocks(world.office, start, end)
        assert [b["key"] for b in kept_now] == [b["key"] for b in fresh]
        assert [b["table"] for b in kept_now] == [b["table"] for b in fresh]
