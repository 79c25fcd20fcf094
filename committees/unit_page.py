"""Panels of a unit's page (units' detail page finds `unit_page.panels` through the plugin loader):
a commune's steering committees."""

from units.models import UnitKind

from .home import commune_panel


def panels(request, *, unit):
    if unit.kind != UnitKind.COMMUNE:
        return []
    return [commune_panel(request, unit)]
