"""The panels of a home page, in order: the reporting panels (reporting.py, with the headline
figures), then those each app ships in `home.py` as `panels(request, *, role, unit)` returning
[{"template": ..., **context}] (optional "col": the Bootstrap column class), found by the plugin
loader. Each panel keeps its own query count independent of data, like the page."""

from units.models import Unit
from units.plugins import plugins

from . import reporting


def module_panels(request, *, role: str | None, unit: Unit | None) -> list[dict]:
    panels = list(reporting.panels(request, role=role, unit=unit))
    for app_panels in plugins("home", "panels"):
        panels.extend(app_panels(request, role=role, unit=unit) or [])
    return panels
