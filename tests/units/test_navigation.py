"""The top menu's "Công tác năm" lists the modules that declare AppConfig.nav_entry (units/navigation.py):
a new module adds its entry on its own AppConfig, base.html names none of them."""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

from tests.test_home import home_html

pytestmark = pytest.mark.django_db


def year_menu(html: str) -> str:
    start = html.index('id="yearNav"')
    return html[start : html.index("</ul>", start)]


def test_training_and_inspections_are_in_the_year_menu_in_their_order(world, client):
    menu = year_menu(home_html(client, world.officer))
    assert 'href="/tap-huan/"' in menu and 'href="/kiem-tra/"' in menu
    assert menu.index("Tập huấn") < menu.index("Kiểm tra")  # order 10 before 20


def test_an_app_that_declares_a_nav_entry_appears_in_the_menu(world, client, monkeypatch):
    entry = {"label": "Thi đua – khen thưởng", "url": "centers:index", "icon": "fa-solid fa-trophy", "order": 5}
    monkeypatch.setattr(apps.get_app_config("centers"), "nav_entry", entry, raising=False)
    menu = year_menu(home_html(client, world.officer))
    assert "Thi đua – khen thưởng" in menu and "fa-solid fa-trophy" in menu
    assert menu.index("Thi đua – khen thưởng") < menu.index("Tập huấn")  # order 5 comes first


def test_the_open_module_is_marked_in_the_menu(world, client):
    client.force_login(world.officer)
    html = client.get("/kiem-tra/").content.decode()
    assert 'aria-current="page"' in year_menu(html).split("Kiểm tra")[0].rsplit("<a", 1)[1]


def test_base_html_names_no_year_module():
    base = (Path(settings.BASE_DIR) / "templates" / "base.html").read_text()
    assert "training:index" not in base and "inspections:index" not in base
