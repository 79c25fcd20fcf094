"""The one plugin loader: how the engine and the home page find what each app plugs in, without
importing the app (docs/architecture.md: the arrows point down, a domain app is found, not named).

An app plugs in by shipping a module of a known name — `annual.py` (blocks of the annual report),
`home.py` (home page panels and headline figures), `demo.py` (demo data), `newyear.py` (what it
rolls into a new school year, units.new_year) — and, for a few facts
that are not code, by attributes on its AppConfig (`audit_areas`, `demo_stage`). Modules are
imported through Django's `autodiscover_modules` (an error inside a module is raised, never
mistaken for "this app has none"), once per process and per name; the order is INSTALLED_APPS'.
"""

import functools
import sys
from pathlib import Path
from types import ModuleType

from django.apps import AppConfig, apps
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.module_loading import autodiscover_modules


def project_app_configs() -> list[AppConfig]:
    """The apps of this project (not Django's nor third-party ones), in INSTALLED_APPS order."""
    base_dir = Path(settings.BASE_DIR).resolve()
    return [c for c in apps.get_app_configs() if Path(c.path).resolve().is_relative_to(base_dir)]


@functools.cache
def plugin_modules(name: str) -> tuple[tuple[AppConfig, ModuleType], ...]:
    """(app config, module) of every project app that ships `<app>/<name>.py`; found once per
    process (code, not data: every process finds the same)."""
    autodiscover_modules(name)
    found = []
    for config in project_app_configs():
        module = sys.modules.get(f"{config.name}.{name}")
        if module is not None:
            found.append((config, module))
    return tuple(found)


def plugins(name: str, attribute: str) -> list:
    """`attribute` of every project app's `<name>` module that defines it, in INSTALLED_APPS order."""
    return [getattr(module, attribute) for _config, module in plugin_modules(name) if hasattr(module, attribute)]


def app_attribute(attribute: str) -> list[tuple[AppConfig, object]]:
    """(app config, value) of every project app whose AppConfig declares `attribute`."""
    return [(c, getattr(c, attribute)) for c in project_app_configs() if hasattr(c, attribute)]


@receiver(setting_changed)
def _forget_on_new_apps(*, setting, **kwargs):
    # Tests that install another app (override_settings(INSTALLED_APPS=...)) find its modules.
    if setting == "INSTALLED_APPS":
        plugin_modules.cache_clear()
