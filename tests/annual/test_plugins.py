"""The annual report finds each app's blocks through the plugin loader, and the provider keys it
reads are the apps' own: a renamed key is followed, or named at start-up, never silently dropped."""

import pytest
from django.apps import AppConfig, apps

from annual.blocks import compute_blocks, school_year_dates
from annual.checks import annual_blocks_name_registered_providers
from reports import providers as registry
from tests.plugin_app import providers as plugin_providers
from units.plugins import plugin_modules

from .conftest import SCHOOL_YEAR

pytestmark = pytest.mark.django_db


@pytest.fixture
def install_plugin_app(monkeypatch):
    """Installs tests/plugin_app as Django would (in the app registry, its ready() run), without
    reloading every other app; the indicator registry and the loader's cache are restored after."""
    saved = dict(registry._registry)

    def install():
        config = AppConfig.create("tests.plugin_app")
        config.apps = apps
        config.models = {}
        monkeypatch.setitem(apps.app_configs, config.label, config)
        plugin_modules.cache_clear()
        config.ready()
        return config

    yield install
    registry._registry.clear()
    registry._registry.update(saved)
    plugin_modules.cache_clear()


def _visits_block(world):
    start, end = school_year_dates(SCHOOL_YEAR)
    return next(b for b in compute_blocks(world.office, start, end) if b["key"] == "plugin_app.visits")


def test_a_renamed_provider_key_is_followed_by_the_annual_report(world, install_plugin_app, monkeypatch):
    # The app renames its indicator: one edit in its providers.py, nothing in the engine.
    monkeypatch.setattr(plugin_providers, "VISITS", "plugin_app.library_visits")
    install_plugin_app()
    assert registry.get_provider("plugin_app.visits") is None
    table = _visits_block(world)["table"]
    assert [c["label"] for c in table["columns"]] == ["Xã, phường", "Lượt tham quan thư viện"]
    commune_rows = [r for r in table["rows"] if r["style"] != "total"]
    assert commune_rows and all(r["cells"][1]["v"] == plugin_providers.VISITS_PER_COMMUNE for r in commune_rows)
    assert table["rows"][-1]["cells"][1]["v"] == plugin_providers.VISITS_PER_COMMUNE * len(commune_rows)
    assert annual_blocks_name_registered_providers() == []


def test_the_project_s_blocks_read_only_registered_indicators():
    assert annual_blocks_name_registered_providers() == []


def test_a_key_renamed_in_one_place_only_is_an_error_at_start_up():
    # centers/providers.py renames "centers.activities" but centers/annual.py still names it: before,
    # the column left the report without a word; now `manage.py check` (and every deploy) stops on it.
    provider = registry._registry.pop("centers.activities")
    try:
        registry._registry["centers.activity_count"] = provider
        errors = annual_blocks_name_registered_providers()
    finally:
        registry._registry.pop("centers.activity_count")
        registry._registry["centers.activities"] = provider
    assert [(e.id, e.obj) for e in errors] == [("annual.E001", "providers.centres")]
    assert "'centers.activities'" in errors[0].msg
