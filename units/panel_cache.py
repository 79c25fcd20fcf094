"""Home panels built from whole-office aggregates (the literacy standard over every person of a
survey round, the learning-society statistics over every family), kept in Django's cache so the
office dashboard does not recount tens of thousands of rows on every visit.

A kept panel is never stale: its key holds the last audit entry of the areas it depends on (every
service that changes data leaves one, units.audit.record), so the first page after a change
recounts. It also holds the day (deadlines and "expiring within 6 months" move with it) and the
viewer's current roles (two people with the same roles see the same units). TIMEOUT bounds how
long a change made without the services (the admin site, a shell) can go unseen. The cache is
Django's default: per process, local memory, nothing shared between workers.
"""

from django.core.cache import cache
from django.db.models import Max, Q

from .models import AuditEntry, today
from .selectors import active_memberships

TIMEOUT = 10 * 60
# The yearly statistics of the office dashboard (literacy, learning society) read those modules'
# records and the unit tree: one audit look-up per page serves every panel that names this tuple.
STATISTICS = ("literacy.", "learning_society.", "unit.")
_MARKS_ATTR = "_gdtx_panel_marks"


def last_change(prefixes: tuple[str, ...]) -> int:
    """The id of the latest audit entry whose action starts with one of `prefixes` ("literacy.")."""
    condition = Q(pk__in=[])
    for prefix in prefixes:
        condition |= Q(action__startswith=prefix)
    return AuditEntry.objects.filter(condition).aggregate(last=Max("id"))["last"] or 0


def _viewer(user) -> str:
    if user.is_superuser:
        return "superuser"
    return ",".join(sorted(f"{m.role}@{m.unit_id}" for m in active_memberships(user)))


def cached_panels(request, name: str, *, unit, role, depends_on: tuple[str, ...], build) -> list[dict]:
    """`build()`'s panels for this viewer, recomputed only after a change in `depends_on` (audit
    action prefixes), on a new day, or after TIMEOUT."""
    marks = getattr(request, _MARKS_ATTR, None)
    if marks is None:
        marks = {}
        setattr(request, _MARKS_ATTR, marks)
    if depends_on not in marks:
        marks[depends_on] = last_change(depends_on)
    key = f"home-panel:{name}:{unit.pk}:{role}:{_viewer(request.user)}:{today().isoformat()}:{marks[depends_on]}"
    panels = cache.get(key)
    if panels is None:
        panels = build()
        cache.set(key, panels, TIMEOUT)
    return panels
