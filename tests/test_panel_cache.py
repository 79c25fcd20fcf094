"""The office dashboard keeps its statistics panels (units.panel_cache) and recounts after a change:
an officer never sees a figure older than the last change made through the portal."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from literacy import services as literacy_services
from tests.literacy.fixtures import literacy_world, make_person
from units import audit

DUPLICATES = "1 nhóm người nghi trùng cần xử lý"


@pytest.fixture
def kept(settings):
    """Local-memory cache as in production (the suite otherwise runs without a cache)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "panels"}}
    cache.clear()
    yield
    cache.clear()


def visit(client, user) -> tuple[str, int]:
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/")
    assert response.status_code == 200
    return response.content.decode(), len(ctx)


@pytest.fixture
def duplicate(world):
    lit = literacy_world(world)
    make_person(lit.household, name="Đinh Văn Trùng", birth_year=1980)
    return make_person(lit.household, name="Đinh Văn Trùng", birth_year=1980)


def test_second_visit_is_answered_from_the_kept_panels(world, client, kept, duplicate):
    first, first_queries = visit(client, world.officer)
    second, second_queries = visit(client, world.officer)
    assert DUPLICATES in first and DUPLICATES in second
    assert second_queries < first_queries


def test_a_literacy_change_shows_at_once(world, client, kept, duplicate):
    assert DUPLICATES in visit(client, world.officer)[0]
    literacy_services.duplicate_resolve(actor=world.officer, person=duplicate, action="distinct")
    html, _ = visit(client, world.officer)
    assert DUPLICATES not in html
    assert "Xóa mù chữ" in html  # the panel is still there, recounted


def test_a_report_save_does_not_recount_the_statistics(world, client, kept, duplicate):
    visit(client, world.officer)
    _, kept_queries = visit(client, world.officer)
    audit.record(actor=world.principal, action="submission.save", unit=world.school)
    html, queries = visit(client, world.officer)
    assert DUPLICATES in html
    assert queries == kept_queries


def test_people_with_other_roles_get_their_own_panels(world, client, kept, duplicate):
    _, officer_kept = visit(client, world.officer)
    _, officer_kept = visit(client, world.officer)
    html, viewer_first = visit(client, world.viewer)
    assert DUPLICATES in html
    assert viewer_first > officer_kept  # counted for the viewer, not taken from the officer's
    outsider_html, _ = visit(client, world.outsider_officer)
    assert DUPLICATES not in outsider_html  # another office: none of office A's figures
