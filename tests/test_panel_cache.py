"""The office dashboard keeps its statistics panels (units.panel_cache) in the cache every worker
shares and recounts after a change in that office: an officer never sees a figure older than the
last change made through the portal, and a change in one office leaves another's panels kept."""

import pytest
from django.core.cache import cache
from django.core.cache.backends.db import DatabaseCache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from literacy import services as literacy_services
from tests.literacy.fixtures import literacy_world, make_person
from units import audit, panel_cache

DUPLICATES = "1 nhóm người nghi trùng cần xử lý"


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


@pytest.fixture
def shared(settings, db):
    """The production cache: Django's database cache on the table units migration 0010 created."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "gdtx_cache"}}
    cache.clear()
    yield
    cache.clear()


def test_a_literacy_change_shows_at_once(world, client, kept, duplicate, django_capture_on_commit_callbacks):
    assert DUPLICATES in visit(client, world.officer)[0]
    with django_capture_on_commit_callbacks(execute=True):
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


def test_a_change_in_another_office_keeps_this_offices_panels(
    world, client, kept, duplicate, django_capture_on_commit_callbacks
):
    panel_cache.flush()  # the set-up's changes, as if committed (the test's transaction never commits)
    visit(client, world.outsider_officer)
    _, outsider_kept = visit(client, world.outsider_officer)
    with django_capture_on_commit_callbacks(execute=True):
        literacy_services.duplicate_resolve(actor=world.officer, person=duplicate, action="distinct")
    _, outsider_after = visit(client, world.outsider_officer)
    assert outsider_after == outsider_kept  # office B not recounted for office A's change
    assert DUPLICATES not in visit(client, world.officer)[0]  # office A recounted


def test_workers_share_the_panels_through_the_database_cache(world, client, shared, duplicate):
    first, first_queries = visit(client, world.officer)
    # Another worker: its own cache object over the same table, as a second gunicorn process has.
    other_worker = DatabaseCache("gdtx_cache", {})
    kept_keys = [key for key in _cache_keys() if key.startswith(":1:home-panel:literacy:")]
    assert kept_keys
    version, panels = other_worker.get(kept_keys[0].removeprefix(":1:"))
    assert panels[0]["duplicates"] == 1
    second, second_queries = visit(client, world.officer)
    assert DUPLICATES in first and DUPLICATES in second
    assert second_queries < first_queries


def _cache_keys() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM gdtx_cache")
        return [row[0] for row in cursor.fetchall()]


def test_while_one_request_rebuilds_the_others_serve_the_previous_value(shared):
    key = "home-panel:test:1"
    assert panel_cache.kept_value(key, "v1", lambda: ["old"]) == ["old"]
    assert cache.add(panel_cache.building_marker(key, "v2"), 1)  # another worker started rebuilding version v2

    def must_not_build():
        raise AssertionError("rebuilt by a second request")

    assert panel_cache.kept_value(key, "v2", must_not_build) == ["old"]
    cache.delete(panel_cache.building_marker(key, "v2"))  # the builder finished:
    cache.set(key, ("v2", ["new"]))
    assert panel_cache.kept_value(key, "v2", must_not_build) == ["new"]


def test_a_change_is_rebuilt_once(shared):
    key = "home-panel:test:2"
    builds = []
    for _ in range(3):
        panel_cache.kept_value(key, "v1", lambda: builds.append(1) or ["x"])
    assert len(builds) == 1


def test_a_long_version_is_kept_in_the_database_cache(shared):
    """A version naming every area of an office runs past the cache table's 255-character keys: it
    is kept, and built once, all the same (the building marker once failed to insert, so every
    request waited three seconds for a builder that never was, then built anyway)."""
    key = "annual-blocks:test"
    current = ";".join(f"1:area{i}=123456" for i in range(40))
    assert len(current) > 255
    builds = []
    for _ in range(3):
        assert panel_cache.kept_value(key, current, lambda: builds.append(1) or ["x"]) == ["x"]
    assert len(builds) == 1
