"""The home page knows no domain app: the headline figures and the words for audit areas come from
the apps themselves (their home.py, their AppConfig), found by the plugin loader."""

import pytest
from django.apps import apps

from centers import home as centers_home
from gdtx_portal.home.headlines import headline_sources, headlines
from tests.centers.helpers import make_activity
from units.audit import record
from units.plugins import plugin_modules

from .test_home import home_html

pytestmark = pytest.mark.django_db


@pytest.fixture
def fresh_plugins():
    plugin_modules.cache_clear()
    yield
    plugin_modules.cache_clear()


def test_the_headline_figures_are_those_the_domain_apps_declare(fresh_plugins):
    assert [key for key, _icon, _tint in headlines()] == [
        "centers.activities",
        "centers.participants",
        "literacy.learners",
    ]
    assert headline_sources() == ("centre.", "literacy.", "unit.")


def test_an_app_changes_its_headline_figures_in_its_own_home_module(world, client, monkeypatch, fresh_plugins):
    make_activity(world.centre, world.director, participants=1500)
    monkeypatch.setattr(centers_home, "HEADLINES", [("centers.topics", "fa-lightbulb", "tint-violet")])
    html = home_html(client, world.officer)
    assert "Số chuyên đề" in html  # the figure the app now declares
    assert "Tổng số hoạt động" not in html  # the one it no longer does


def test_an_action_without_a_label_reads_through_the_area_its_app_names(world, client, monkeypatch):
    record(actor=world.director, action="centre.something_new", unit=world.centre)
    assert "Cập nhật trung tâm học tập cộng đồng" in home_html(client, world.officer)
    monkeypatch.setattr(apps.get_app_config("centers"), "audit_areas", {"centre": "Nhà văn hóa"})
    assert "Cập nhật nhà văn hóa" in home_html(client, world.officer)
