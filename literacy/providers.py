"""Indicator providers offered to `reports` (registered in LiteracyConfig.ready()).

Each answers {unit_id: number} for a queryset of units over a date range in a fixed number of
queries: one aggregate grouped by commune (or by the unit running a class), then summed up the
tree by materialised path, so an office gets the total of its communes."""

import datetime

from django.db.models import Count, Q, Sum

from units.models import Unit

from . import rules
from .models import (
    COUNTED_STATUSES,
    Enrolment,
    Household,
    LiteracyClass,
    LiteracyCount,
    Person,
    Sex,
    SurveyRound,
)


def _roll_up(units, counts_by_unit: dict[int, int]) -> dict[int, int]:
    """Sum counts held by units (communes, centres) into every requested unit above or equal to them."""
    units = list(units)
    if not counts_by_unit:
        return {u.pk: 0 for u in units}
    paths = dict(Unit.objects.filter(pk__in=list(counts_by_unit)).values_list("pk", "path"))
    result = {}
    for unit in units:
        result[unit.pk] = sum(n for pk, n in counts_by_unit.items() if paths.get(pk, "").startswith(unit.path))
    return result


def _latest_rounds(end: datetime.date) -> dict[int, int]:
    """For every office, its last round with a reference date on or before `end`: round id → year."""
    latest: dict[int, tuple[int, int]] = {}
    for office_id, pk, year in (
        SurveyRound.objects.filter(reference_date__lte=end)
        .order_by("office_id", "-reference_date", "-number")
        .values_list("office_id", "pk", "year")
    ):
        latest.setdefault(office_id, (pk, year))
    return dict(latest.values())


def _illiterate(band: rules.Band):
    def provider(units, start, end):
        year = end.year
        rounds = _latest_rounds(end)
        # The kept counts (literacy.counts) tell birth years apart within the bands of their round's
        # own year: a round of that year is summed from its cells, another one counted from its people.
        kept = [pk for pk, round_year in rounds.items() if round_year == year]
        in_band = Q(status__in=COUNTED_STATUSES, exempt=False, literacy_level=0)
        in_band &= Q(birth_year__gte=year - band.age_to, birth_year__lte=year - band.age_from)
        totals: dict[int, int] = {}
        for rows in (
            LiteracyCount.objects.filter(in_band, round_id__in=kept).values("commune_id").annotate(n=Sum("n")),
            Person.objects.filter(in_band, round_id__in=[r for r in rounds if r not in kept])
            .values("commune_id")
            .annotate(n=Count("id")),
        ):
            for row in rows.order_by():
                totals[row["commune_id"]] = totals.get(row["commune_id"], 0) + row["n"]
        return _roll_up(units, totals)

    return provider


def _classes(stage: str):
    def provider(units, start, end):
        rows = (
            LiteracyClass.objects.filter(stage=stage, start_date__lte=end)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
            .values("commune_id")
            .annotate(n=Count("id"))
            .order_by()
        )
        return _roll_up(units, {r["commune_id"]: r["n"] for r in rows})

    return provider


def _learners(stage: str | None = None, extra: Q | None = None, completed: bool = False):
    def provider(units, start, end):
        qs = Enrolment.objects.filter(literacy_class__start_date__lte=end).filter(
            Q(literacy_class__end_date__isnull=True) | Q(literacy_class__end_date__gte=start)
        )
        if stage:
            qs = qs.filter(literacy_class__stage=stage)
        if extra is not None:
            qs = qs.filter(extra)
        if completed:
            qs = qs.filter(completed=True)
        rows = qs.values("literacy_class__commune_id").annotate(n=Count("id")).order_by()
        return _roll_up(units, {r["literacy_class__commune_id"]: r["n"] for r in rows})

    return provider


PROVIDERS = [
    ("literacy.illiterate_15_25", "Người mù chữ 15–25 tuổi", _illiterate(rules.B15_25)),
    ("literacy.illiterate_15_35", "Người mù chữ 15–35 tuổi", _illiterate(rules.B15_35)),
    ("literacy.illiterate_15_60", "Người mù chữ 15–60 tuổi", _illiterate(rules.B15_60)),
    ("literacy.classes_stage1", "Lớp xóa mù chữ giai đoạn 1", _classes("1")),
    ("literacy.classes_stage2", "Lớp xóa mù chữ giai đoạn 2", _classes("2")),
    ("literacy.classes_post", "Lớp giáo dục tiếp tục sau khi biết chữ", _classes("post")),
    ("literacy.learners", "Học viên các lớp xóa mù chữ và sau biết chữ", _learners()),
    ("literacy.learners_stage1", "Học viên giai đoạn 1", _learners("1")),
    ("literacy.learners_stage2", "Học viên giai đoạn 2", _learners("2")),
    ("literacy.learners_post", "Học viên giáo dục tiếp tục sau khi biết chữ", _learners("post")),
    ("literacy.learners_women", "Học viên nữ", _learners(extra=Q(person__sex=Sex.FEMALE))),
    ("literacy.learners_minority", "Học viên dân tộc thiểu số", _learners(extra=Q(person__ethnic_minority=True))),
    ("literacy.completions", "Học viên hoàn thành giai đoạn", _learners(completed=True)),
]


def households_of_hamlet(hamlet: Unit) -> list[dict]:
    """Subject source "literacy.households": a hamlet's households in the latest round, as families."""
    latest = (
        Household.objects.filter(hamlet=hamlet)
        .order_by("-round__reference_date")
        .values_list("round_id", flat=True)
        .first()
    )
    if latest is None:
        return []
    rows = (
        Household.objects.filter(hamlet=hamlet, round_id=latest)
        .annotate(n=Count("members", filter=Q(members__status__in=COUNTED_STATUSES)))
        .order_by("code")
    )
    # The register's household code stays in the register: a family is named by its head (issue 17).
    return [{"ref": f"HH-{h.lineage}", "name": f"Hộ {h.head_name}", "head": h.head_name, "members": h.n} for h in rows]
