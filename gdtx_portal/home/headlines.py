"""The office's headline figures of the school year against the same months of last year, and a
chart beside them. The domain apps declare them in their `home.py` (found by the plugin loader):

    HEADLINES = [("centers.activities", "fa-people-roof", "tint-amber")]  # indicator key, icon, tint
    HEADLINE_SOURCES = ("centre.",)  # audit actions of the records they count
    def headline_chart(office, start, end) -> str: ...  # optional; the first app's is drawn

Figures come from the indicator providers (each a fixed number of queries), so the page's query
count does not grow with the number of units."""

from annual.blocks import school_year_dates
from reports.providers import get_provider
from units.calendar import same_day_last_year
from units.models import Unit, today
from units.panel_cache import cached_panels
from units.plugins import plugins

# The unit tree the figures are summed over: a change to it changes them too.
TREE_SOURCES = ("unit.",)


def headlines() -> list[tuple[str, str, str]]:
    """(indicator key, icon, tint) of every app's headline figures, in INSTALLED_APPS order."""
    return [headline for declared in plugins("home", "HEADLINES") for headline in declared]


def headline_sources() -> tuple[str, ...]:
    return (*(source for declared in plugins("home", "HEADLINE_SOURCES") for source in declared), *TREE_SOURCES)


def _provider_total(key, office, start, end):
    provider = get_provider(key)
    if provider is None:
        return None
    return provider.func(Unit.objects.filter(pk=office.pk), start, end).get(office.pk) or 0


def headline_figures(office, year: int) -> list[dict]:
    """Each figure for the school year so far and for the same months of last year (DOMAIN.md §2:
    1 Sep – 31 Aug), with its trend."""
    start, end = school_year_dates(year)
    end = min(end, today())
    last_start, last_end = same_day_last_year(start), same_day_last_year(end)
    figures = []
    for key, icon, tint in headlines():
        provider = get_provider(key)
        if provider is None:
            continue
        now = _provider_total(key, office, start, end)
        before = _provider_total(key, office, last_start, last_end)
        change = None if not before else round(100 * (now - before) / before, 1)
        figures.append(
            {"label": provider.label, "value": now, "before": before, "change": change, "icon": icon, "tint": tint}
        )
    return figures


def headline_chart(office, year: int) -> str:
    """The chart an app offers beside the figures (the centres' activities by month, the very chart
    the annual report prints); months not yet come are left off rather than drawn as zeros."""
    charts = plugins("home", "headline_chart")
    if not charts:
        return ""
    start, end = school_year_dates(year)
    return charts[0](office, start, min(end, today()))


def headline_panels(request, office, role, year) -> list[dict]:
    """The year's figures and chart count every record of the office they name: kept
    (units.panel_cache) until a write to those records or the unit tree, a new day or ten minutes,
    while the attention counts beside them stay live."""

    def build():
        return [
            {
                "template": "home/_headlines.html",
                "col": "col-lg-6",
                "figures": headline_figures(office, year),
                "year_label": f"{year}-{year + 1}",
                "chart": headline_chart(office, year),
            }
        ]

    return cached_panels(request, "home.headlines", unit=office, role=role, depends_on=headline_sources(), build=build)
