"""A new school year in one action (issue 16): each app that has something to roll over ships
`<app>/newyear.py` with

- `TITLE`: what it rolls over, in Vietnamese (a heading of the page);
- `preview(office, from_year, to_year) -> list[str]`: what would be created, one line each;
- `run(actor, office, from_year, to_year) -> list[str]`: what was created, one line each.

Both are idempotent: what already exists for the new year is left as it is (run twice, nothing
new). School years are named by their first year (units.calendar: "2025" is 2025-2026). The units
app finds the hooks through units.plugins and never names an app."""

import datetime

from django.db import transaction

from . import audit
from .plugins import plugin_modules


def moved(day: datetime.date, years: int) -> datetime.date:
    """`day` moved by whole years; 29 February becomes 28 February in a year without it."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def hooks() -> list[tuple[str, object]]:
    """(title, module) of every app's newyear module, in INSTALLED_APPS order."""
    return [
        (str(getattr(module, "TITLE", config.verbose_name)), module)
        for config, module in plugin_modules("newyear")
        if hasattr(module, "preview") and hasattr(module, "run")
    ]


def preview(office, from_year: int, to_year: int) -> list[tuple[str, list[str]]]:
    return [(title, list(module.preview(office, from_year, to_year))) for title, module in hooks()]


@transaction.atomic
def run(*, actor, office, from_year: int, to_year: int) -> list[tuple[str, list[str]]]:
    """Every hook in one transaction: an error in one leaves nothing of the others."""
    done = [(title, list(module.run(actor, office, from_year, to_year))) for title, module in hooks()]
    audit.record(
        actor=actor,
        action="unit.new_year",
        obj=office,
        unit=office,
        changes={"school_year": [f"{from_year}-{from_year + 1}", f"{to_year}-{to_year + 1}"]}
        | {title: [None, len(lines)] for title, lines in done},
    )
    return done
