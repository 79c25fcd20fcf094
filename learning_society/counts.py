"""Kept counts of the learning society (issue 20): the figures the statistics, the index, the office
home's panel, the annual report and the providers show, kept per area × title × year in
`KeptCount` cells instead of scanning every family on each page.

One function writes them: `refresh(area_ids=…)` recomputes every cell of the given areas (the unit a
subject belongs to: a hamlet, a commune, a school) from the raw rows, inside the caller's
transaction. Every service that writes subjects, registrations, assessments or recognitions calls
it with the areas it touched, so a page never sees a figure the rows do not give. The cells are
computed by the same queries the pages used to run (`held_in` for the recognitions held in a year),
restricted to those areas: a hamlet holds a few hundred families, so a refresh costs a few small
queries. `rebuild()` (`manage.py rebuild_counts`) recomputes every cell from the raw rows.

Concurrency: `refresh` locks the areas' unit rows (FOR NO KEY UPDATE on PostgreSQL, in id order)
before it reads, so two transactions refreshing one hamlet run one after the other and the second
counts the first's committed rows; nothing else locks units after learning-society rows, so no
deadlock cycle can form.
"""

import contextlib
import threading
from collections import Counter
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum

from .models import Assessment, KeptCount, Registration, Subject
from .rules import counts_at_end_of

Measure = KeptCount.Measure
Cell = tuple  # (area_id, title, measure, year, level, band, day, until)


def held_in(rows: QuerySet[Assessment], year: int) -> QuerySet[Assessment]:
    """The recognitions among `rows` that count in `year`: that year's, plus earlier ones still valid
    at its end (.rules.recognition_valid_through: kept for the 3 years following the year of
    recognition, Thông tư 25/2023/TT-BGDĐT), each subject once at its latest recognition (one
    assessment per subject and year). The statistics and the recognised list of a year use it."""
    end = counts_at_end_of(year)
    held = rows.filter(status=Assessment.Status.RECOGNISED).filter(
        Q(year=year) | Q(year__lt=year, expires_on__gte=end, recognised_on__lte=end)
    )
    later = held.filter(subject=OuterRef("subject"), year__gt=OuterRef("year"))
    return held.filter(~Exists(later))


def cells(area_ids: Iterable[int] | None = None, *, models=None) -> Counter:
    """{cell key: n} recomputed from the raw rows (of `area_ids` only, or all). `models`: the
    (Subject, Registration, Assessment) classes, the historical ones in a migration."""
    subject_model, registration_model, assessment_model = models or (Subject, Registration, Assessment)
    subjects = subject_model.objects.all()
    registrations = registration_model.objects.all()
    assessments = assessment_model.objects.all()
    if area_ids is not None:
        ids = sorted(set(area_ids))
        subjects = subjects.filter(area_id__in=ids)
        registrations = registrations.filter(subject__area_id__in=ids)
        assessments = assessments.filter(subject__area_id__in=ids)
    found = Counter()
    for area, title, n in (
        subjects.filter(is_active=True).values_list("area_id", "title").annotate(n=Count("id")).order_by()
    ):
        found[(area, title, Measure.ACTIVE, 0, 0, "", None, None)] += n
    for area, title, year, n in (
        registrations.values_list("subject__area_id", "subject__title", "year").annotate(n=Count("id")).order_by()
    ):
        found[(area, title, Measure.REGISTERED, year, 0, "", None, None)] += n
    for area, title, year, n in (
        assessments.exclude(status="draft")
        .values_list("subject__area_id", "subject__title", "year")
        .annotate(n=Count("id"))
        .order_by()
    ):
        found[(area, title, Measure.ASSESSED, year, 0, "", None, None)] += n
    # The recognitions, read once: the decisions, and for each year they may count in the ones held
    # then (held_in's rule, applied here in Python to these rows: a correlated NOT EXISTS per year
    # is at the mercy of the planner's estimates, and took 40 s for 203 families on a freshly
    # written PostgreSQL table that had not been analysed yet).
    recognised = list(
        assessments.filter(status="recognised").values_list(
            "subject_id", "subject__area_id", "subject__title", "year", "level", "band", "recognised_on", "expires_on"
        )
    )
    years = set()
    for _subject, area, title, year, level, _band, day, until in recognised:
        found[(area, title, Measure.DECIDED, 0, level or 0, "", day, until)] += 1
        # The years a recognition may count in: its own, through the year its validity ends.
        last = max(year, until.year if until else year)
        years.update(range(year, last + 1))
    for year in sorted(years):
        end = counts_at_end_of(year)
        latest = {}  # subject → its latest recognition held in `year` (one assessment per subject and year)
        for row in recognised:
            subject, _area, _title, of_year, _level, _band, day, until = row
            held = of_year == year or (
                of_year < year and until is not None and until >= end and day is not None and day <= end
            )
            if held and (subject not in latest or latest[subject][3] < of_year):
                latest[subject] = row
        for _subject, area, title, _year, level, band, _day, _until in latest.values():
            found[(area, title, Measure.HELD, year, level or 0, band or "", None, None)] += 1
    return found


def _rows(found: Counter, model) -> list:
    return [
        model(area_id=a, title=t, measure=m, year=y, level=lv, band=b, day=d, until=u, n=n)
        for (a, t, m, y, lv, b, d, u), n in sorted(found.items(), key=lambda kv: tuple(str(x) for x in kv[0]))
        if n
    ]


_deferred = threading.local()


@contextlib.contextmanager
def deferred():
    """Bulk work (the demo district: hundreds of service calls on the same areas): the services'
    refreshes inside only note their areas, refreshed once each when the block ends without error,
    still inside the caller's transaction. The cells are the same as with a refresh per call."""
    if getattr(_deferred, "areas", None) is not None:
        yield  # already inside a deferred block: its end refreshes
        return
    _deferred.areas = set()
    try:
        yield
        areas = _deferred.areas
    finally:
        _deferred.areas = None
    refresh(area_ids=areas)


def refresh(*, area_ids: Iterable[int]) -> None:
    """Recompute every kept cell of the areas, in the caller's transaction (the one function every
    writing service calls, with the areas of the subjects it wrote)."""
    from units.models import Unit

    ids = sorted({int(i) for i in area_ids if i is not None})
    if not ids:
        return
    if getattr(_deferred, "areas", None) is not None:
        _deferred.areas.update(ids)
        return
    with transaction.atomic():
        # Serialise refreshes of the same areas (see the module docstring); a no-op on SQLite.
        list(Unit.objects.select_for_update(no_key=True).filter(pk__in=ids).order_by("pk").values_list("pk"))
        found = cells(ids)
        KeptCount.objects.filter(area_id__in=ids).delete()
        KeptCount.objects.bulk_create(_rows(found, KeptCount), batch_size=2000)


def kept(area_ids: Iterable[int] | None = None) -> Counter:
    """{cell key: n} as kept (for the rebuild check and the tests)."""
    rows = KeptCount.objects.all()
    if area_ids is not None:
        rows = rows.filter(area_id__in=sorted(set(area_ids)))
    found = Counter()
    for key in rows.values_list("area_id", "title", "measure", "year", "level", "band", "day", "until", "n"):
        found[key[:-1]] += key[-1]
    return found


def rebuild(*, models=None) -> int:
    """Every cell recomputed from the raw rows (`manage.py rebuild_counts`); returns the cells written."""
    model = models[3] if models else KeptCount
    with transaction.atomic():
        found = cells(models=models[:3] if models else None)
        model.objects.all().delete()
        rows = _rows(found, model)
        model.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


# --- readers ---------------------------------------------------------------------------------


def in_subtree(root_path: str):
    """The kept cells of the areas under a unit path."""
    return KeptCount.objects.filter(area__path__startswith=root_path)


def statistics_cells(root_path: str, year: int):
    """(area path, title, measure, level, band, n) of the statistics of `year` under `root_path`:
    one grouped query over the kept cells."""
    return (
        in_subtree(root_path)
        .filter(
            Q(measure=Measure.ACTIVE) | Q(year=year, measure__in=[Measure.REGISTERED, Measure.ASSESSED, Measure.HELD])
        )
        .values_list("area__path", "title", "measure", "level", "band")
        .annotate(total=Sum("n"))
        .order_by()
    )
