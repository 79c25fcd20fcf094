"""Home panels built from whole-office aggregates (the literacy standard by commune, the
learning-society statistics, the year's headline figures), kept in the shared cache so the office
dashboard does not recount them on every visit.

Shared: CACHES default is Django's database cache (gdtx_portal/settings/base.py; its table comes
with units migration 0010), so every gunicorn worker and thread reads the panel one of them built.

Per office: a kept panel carries a version — the day (deadlines and "expiring within 6 months"
move with it) and, for each area it depends on ("literacy.", "unit." …), the last audit entry of
that area below the office (PanelGeneration, written after each commit by units.audit.record for
every unit on the changed unit's path). A change in office A leaves office B's panels as they are.

Once per change: the first request that finds an older version (or none) takes a "building" marker
with cache.add (atomic in every backend) and rebuilds; other requests meanwhile serve the previous
value when there is one, or wait briefly for the builder. TIMEOUT bounds how long a change made
without the services (the admin site, a shell, a bulk load) can go unseen.
"""

import hashlib
import time

from django.core.cache import cache
from django.db import connection, transaction

from .models import PanelGeneration, today
from .selectors import active_memberships

TIMEOUT = 10 * 60
# How long a builder may hold the marker (a crashed builder frees it after this), and how long a
# request with nothing to serve waits for the builder before building itself.
BUILD_SECONDS = 30
WAIT_SECONDS = 3.0
WAIT_STEP = 0.05
# The yearly statistics of the office dashboard (literacy, learning society) read those modules'
# records and the unit tree: one version look-up per page serves every panel that names this tuple.
STATISTICS = ("literacy.", "learning_society.", "unit.")
NO_UNIT = 0  # PanelGeneration.scope of changes recorded without a unit
_VERSIONS_ATTR = "_gdtx_panel_versions"
_PENDING_ATTR = "_gdtx_panel_pending"


def area_of(action_or_prefix: str) -> str:
    """ "literacy.person_edit" and "literacy." → "literacy"."""
    return action_or_prefix.split(".", 1)[0]


# Writing side ------------------------------------------------------------------------------------


def _scopes(unit) -> list[int]:
    if unit is None or unit.pk is None:
        return [NO_UNIT]
    ids = [int(part) for part in (unit.path or "").strip("/").split("/") if part]
    return ids or [unit.pk]


def changed(entry) -> None:
    """Called by units.audit.record: after the transaction commits, the entry's area below every
    unit on its unit's path reads this entry's id. Changes of one transaction are written together
    (one upsert at commit however many entries it leaves); a rolled-back entry only makes a panel
    rebuild once more, never keeps a stale one."""
    pending = getattr(connection, _PENDING_ATTR, None)
    if pending is None:
        pending = {}
        setattr(connection, _PENDING_ATTR, pending)
    area = area_of(entry.action)
    for scope in _scopes(entry.unit):
        pending[(scope, area)] = max(pending.get((scope, area), 0), entry.pk)
    transaction.on_commit(flush)


def flush() -> None:
    """The versions of the changes recorded since the last commit, written (runs at commit)."""
    pending = getattr(connection, _PENDING_ATTR, None)
    if not pending:
        return
    rows = [PanelGeneration(scope=scope, area=area, last_entry=last) for (scope, area), last in pending.items()]
    pending.clear()
    PanelGeneration.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["scope", "area"], update_fields=["last_entry"]
    )


# Reading side ------------------------------------------------------------------------------------


def _versions(request, unit) -> dict[tuple[int, str], int]:
    """Every area's last change below `unit` and without a unit: one query per request and office."""
    kept = getattr(request, _VERSIONS_ATTR, None)
    if kept is None:
        kept = {}
        setattr(request, _VERSIONS_ATTR, kept)
    if unit.pk not in kept:
        kept[unit.pk] = {
            (scope, area): last
            for scope, area, last in PanelGeneration.objects.filter(scope__in=[unit.pk, NO_UNIT]).values_list(
                "scope", "area", "last_entry"
            )
        }
    return kept[unit.pk]


def version(request, unit, depends_on: tuple[str, ...]) -> str:
    versions = _versions(request, unit)
    parts = [today().isoformat()]
    for area in sorted({area_of(prefix) for prefix in depends_on}):
        parts.append(f"{area}={versions.get((unit.pk, area), 0)}/{versions.get((NO_UNIT, area), 0)}")
    return ";".join(parts)


# Areas whose changes feed no figure: the annual report's own text and state, API clients, the
# task runner's jobs, two-factor settings. Every other area may (a report form, a literacy person,
# a centre's activity …), so a kept table of figures follows them all.
NOT_FIGURES = ("annual_report", "api_client", "job", "two_factor")


# The report engine's own records (forms, periods, submissions): in a reporting season the most
# frequent writes of all, and read by few kept tables (the annual report's roll-up of periods).
REPORT_ENGINE = ("report_form", "period", "submission")


def figures_versions(unit, *, without: tuple[str, ...] = ()) -> tuple[str, str]:
    """The day and the last change below `unit` (and without a unit) in every area that feeds
    figures; and the same leaving out the areas `without`. One query for both. For tables computed
    outside a request (annual.blocks.kept_blocks)."""
    rows = list(
        PanelGeneration.objects.filter(scope__in=[unit.pk, NO_UNIT])
        .exclude(area__in=NOT_FIGURES)
        .order_by("scope", "area")
        .values_list("scope", "area", "last_entry")
    )

    def joined(chosen) -> str:
        return ";".join([today().isoformat(), *(f"{scope}:{area}={last}" for scope, area, last in chosen)])

    return joined(rows), joined([row for row in rows if row[1] not in without])


def figures_version(unit) -> str:
    """`figures_versions`' first: every area that feeds figures."""
    return figures_versions(unit)[0]


def _viewer(user) -> str:
    if user.is_superuser:
        return "superuser"
    roles = ",".join(sorted(f"{m.role}@{m.unit_id}" for m in active_memberships(user)))
    return hashlib.sha1(roles.encode()).hexdigest()


def building_marker(key: str, current: str) -> str:
    """The key of "someone is building `key` for version `current`". The version is hashed: the
    database cache's keys hold 255 characters and a version naming every area of an office is
    longer (the marker's INSERT would fail, add() would answer False, and every request would wait
    for a builder that never was)."""
    return f"{key}:building:{hashlib.sha1(current.encode()).hexdigest()[:20]}"


def kept_value(key: str, current: str, build):
    """`build()` kept under `key` for the version `current`: rebuilt by one request per version
    while the others serve the previous value (or wait for the builder when there is none)."""
    entry = cache.get(key)
    if entry is not None and entry[0] == current:
        return entry[1]
    marker = building_marker(key, current)
    if cache.add(marker, 1, BUILD_SECONDS):
        try:
            value = build()
            cache.set(key, (current, value), TIMEOUT)
        finally:
            cache.delete(marker)
        return value
    if entry is not None:
        return entry[1]  # another request is rebuilding: the previous value meanwhile
    waited = 0.0
    while waited < WAIT_SECONDS:
        time.sleep(WAIT_STEP)
        waited += WAIT_STEP
        entry = cache.get(key)
        if entry is not None and entry[0] == current:
            return entry[1]
    return build()  # the builder is too slow or gone: answer rather than wait longer


def cached_panels(request, name: str, *, unit, role, depends_on: tuple[str, ...], build) -> list[dict]:
    """`build()`'s panels for this viewer, recomputed only after a change below `unit` in
    `depends_on` (audit action prefixes), on a new day, or after TIMEOUT."""
    key = f"home-panel:{name}:{unit.pk}:{role}:{_viewer(request.user)}"
    return kept_value(key, version(request, unit, depends_on), build)
