"""Reads of the learning society, scoped to the user through units.selectors and pre-joined, with a
number of queries that does not grow with the number of families or communes."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.db.models import Q, QuerySet, Sum

from documents import percent_of, share_meets, truncate_percent, vn_percent
from rubrics import engine
from rubrics.models import Rubric
from rubrics.selectors import rubric_criteria
from units.models import Unit, UnitKind, today
from units.selectors import scope_roots, units_visible_to
from units.text import name_order

from . import counts
from .counts import held_in
from .models import Assessment, Decision, KeptCount, Registration, Score, Subject, Title
from .permissions import rules_for
from .targets import target_in_force

AREA_KINDS = [UnitKind.COMMUNE, UnitKind.HAMLET, UnitKind.SCHOOL, UnitKind.CENTRE, UnitKind.OTHER, UnitKind.OFFICE]


def current_year() -> int:
    return today().year


def subjects_visible_to(user) -> QuerySet[Subject]:
    return Subject.objects.filter(area__in=units_visible_to(user))


def assessments_visible_to(user) -> QuerySet[Assessment]:
    return Assessment.objects.filter(subject__area__in=units_visible_to(user))


def decisions_visible_to(user) -> QuerySet[Decision]:
    visible = units_visible_to(user)
    return Decision.objects.filter(Q(issuer__in=visible) | Q(assessments__subject__area__in=visible)).distinct()


def home_root(user) -> Unit | None:
    """The widest unit the user sees: the office for officers, the commune for the association."""
    roots = sorted(scope_roots(user), key=lambda u: (u.depth, u.pk))
    return roots[0] if roots else None


def areas_of(user, *, query: str = "") -> QuerySet[Unit]:
    """Communes and hamlets the user may open, in tree order."""
    units = units_visible_to(user).filter(kind__in=[UnitKind.COMMUNE, UnitKind.HAMLET]).active_on()
    if query:
        from units.selectors import unit_search

        units = unit_search(units, query)
    return units.select_related("parent").order_by("path")


def subject_list(area: Unit, *, title: str = "", query: str = "") -> QuerySet[Subject]:
    subjects = Subject.objects.filter(area__path__startswith=area.path, is_active=True).select_related("area")
    if title:
        subjects = subjects.filter(title=title)
    if query:
        subjects = subjects.filter(name__icontains=query.strip())
    # By title, area and name in the order of the index ls_subject_list_order: a page of an office's
    # tens of thousands of families is read from the index, not sorted (issue 20).
    return subjects.order_by("title", "area_id", "name", "id")


def subject_count(area: Unit, *, title: str = "", query: str = "") -> int | None:
    """How many rows `subject_list` holds, from the kept counts (None when a name is searched)."""
    if query.strip():
        return None
    cells = counts.in_subtree(area.path).filter(measure=KeptCount.Measure.ACTIVE)
    if title:
        cells = cells.filter(title=title)
    return cells.aggregate(n=Sum("n"))["n"] or 0


def attach_year(subjects: list[Subject], year: int) -> list[Subject]:
    """Sets `.registration` and `.assessment` of the year on each subject (two queries)."""
    ids = [s.pk for s in subjects]
    regs = {r.subject_id: r for r in Registration.objects.filter(subject_id__in=ids, year=year)}
    assessments = {
        a.subject_id: a
        for a in Assessment.objects.filter(subject_id__in=ids, year=year).select_related("rubric", "decision")
    }
    for s in subjects:
        s.registration = regs.get(s.pk)
        s.assessment = assessments.get(s.pk)
    return subjects


def subject_assessments(subject: Subject) -> list[Assessment]:
    return list(subject.assessments.select_related("rubric", "decision", "checked_by").order_by("-year"))


def assessment_scores(assessment: Assessment) -> dict[int, Score]:
    return {s.criterion_id: s for s in assessment.scores.all()}


def assessment_of(subject: Subject, year: int) -> Assessment | None:
    return Assessment.objects.filter(subject=subject, year=year).first()


@dataclass
class GridRow:
    subject: Subject
    assessment: Assessment | None
    values: dict = field(default_factory=dict)  # criterion pk → points (Decimal) or met (bool)

    @property
    def locked(self) -> bool:
        return self.assessment is not None and self.assessment.status == Assessment.Status.RECOGNISED


@dataclass
class Grid:
    rubric: Rubric
    criteria: list
    rows: list[GridRow]

    @property
    def is_points(self) -> bool:
        return self.rubric.regime == Rubric.Regime.POINTS

    @property
    def versions(self) -> dict[str, int]:
        """The version of each row's assessment (0: none yet), carried by the page to detect stale saves."""
        return {str(r.subject.pk): r.assessment.version if r.assessment else 0 for r in self.rows}

    def cells(self, typed=None, cell_errors=None) -> list[dict]:
        """The rows as the page shows them: the saved values, or what was typed when a save was
        refused (`typed` = (points, met) as posted), with each cell's error."""
        cell_errors = cell_errors or {}
        rows = []
        for row in self.rows:
            cells = []
            for c in self.criteria:
                if typed is not None:
                    value = (
                        (typed[0].get(row.subject.pk) or {}).get(c.pk, "")
                        if self.is_points
                        else c.pk in (typed[1].get(row.subject.pk) or set())
                    )
                else:
                    value = row.values.get(c.pk, "" if self.is_points else False)
                    if self.is_points and value not in ("", None):
                        value = engine.format_points(value)
                cells.append({"criterion": c, "value": value, "error": cell_errors.get((row.subject.pk, c.pk))})
            rows.append({"row": row, "cells": cells})
        return rows


def grid_for(area: Unit, title: str, year: int, rubric: Rubric) -> Grid:
    """Every active subject of the title in the area with its scores of the year: four queries
    (subjects, assessments, scores, plus the rubric's criteria already prefetched)."""
    subjects = list(Subject.objects.filter(area=area, title=title, is_active=True).order_by("name", "id"))
    assessments = {
        a.subject_id: a
        for a in Assessment.objects.filter(subject__in=subjects, year=year).select_related("rubric", "decision")
    }
    values = defaultdict(dict)
    for score in Score.objects.filter(assessment__in=list(assessments.values())).only(
        "assessment_id", "criterion_id", "points", "met"
    ):
        values[score.assessment_id][score.criterion_id] = (
            score.points if rubric.regime == Rubric.Regime.POINTS else score.met
        )
    rows = []
    for s in subjects:
        a = assessments.get(s.pk)
        rows.append(GridRow(subject=s, assessment=a, values=values.get(a.pk, {}) if a else {}))
    return Grid(rubric=rubric, criteria=rubric_criteria(rubric), rows=rows)


def recognisable(area: Unit, title: str, year: int) -> QuerySet[Assessment]:
    """Checked, passing assessments of the area waiting for a decision."""
    return (
        Assessment.objects.filter(
            subject__area__path__startswith=area.path,
            subject__title=title,
            year=year,
            status=Assessment.Status.CHECKED,
            passed=True,
        )
        .select_related("subject", "subject__area", "rubric")
        .order_by("subject__area__path", "subject__name")
    )


def checkable(area: Unit, title: str, year: int) -> QuerySet[Assessment]:
    return Assessment.objects.filter(
        subject__area__path__startswith=area.path,
        subject__title=title,
        year=year,
        status=Assessment.Status.SELF_ASSESSED,
    )


def recognised_list(user, *, year: int | None = None, title: str = "", query: str = "") -> QuerySet[Assessment]:
    rows = assessments_visible_to(user).filter(status=Assessment.Status.RECOGNISED)
    if year:
        rows = held_in(rows, year)  # the same recognitions the year's statistics count
    if title:
        rows = rows.filter(subject__title=title)
    if query:
        rows = rows.filter(subject__name__icontains=query.strip())
    # The newest first, in the order of the index ls_recognised_order: a page reads its 50 rows from
    # the index instead of sorting every recognition of the province (issue 20).
    return rows.select_related("subject", "subject__area", "subject__area__parent", "decision", "rubric").order_by(
        "-year", "-pk"
    )


def recognised_count(user, *, year: int | None = None, title: str = "", query: str = "") -> int | None:
    """How many rows `recognised_list` holds, read from the kept cells (learning_society.counts):
    the recognitions held in `year`, or every recognition. None when a name is searched (the
    list then counts its own rows, narrowed by the name)."""
    if query.strip():
        return None
    cells = KeptCount.objects.filter(area__in=units_visible_to(user))
    if year:
        cells = cells.filter(measure=KeptCount.Measure.HELD, year=year)
    else:
        cells = cells.filter(measure=KeptCount.Measure.DECIDED)
    if title:
        cells = cells.filter(title=title)
    return cells.aggregate(n=Sum("n"))["n"] or 0


def _window(on: datetime.date | None, months: int) -> tuple[datetime.date, datetime.date]:
    on = on or today()
    return on, engine.add_months(on, months)


def expiring(user, *, on: datetime.date | None = None, months: int = 6) -> QuerySet[Assessment]:
    """Recognitions whose last valid day falls within `months` (.rules.recognition_valid_through),
    in the order of the index ls_recognised_expires."""
    start, end = _window(on, months)
    return recognised_list(user).filter(expires_on__gte=start, expires_on__lt=end).order_by("expires_on", "pk")


def expiring_count(user, *, on: datetime.date | None = None, months: int = 6) -> int:
    """len(expiring(...)) read from the kept cells of every recognition by its last valid day."""
    start, end = _window(on, months)
    cells = KeptCount.objects.filter(
        area__in=units_visible_to(user), measure=KeptCount.Measure.DECIDED, until__gte=start, until__lt=end
    )
    return cells.aggregate(n=Sum("n"))["n"] or 0


def decision_annex(decision: Decision) -> list[Assessment]:
    return list(
        decision.assessments.select_related("subject", "subject__area", "subject__area__parent", "rubric").order_by(
            "subject__area__path", "subject__name"
        )
    )


# --- statistics ------------------------------------------------------------------------------


@dataclass
class TitleStat:
    title: str
    label: str
    total: int = 0
    registered: int = 0
    assessed: int = 0
    recognised: int = 0
    target: int | None = None  # the target in force (learning_society.targets), None: not set
    target_citation: str = ""  # its source, or the office that set it, or "(cần xác minh)"
    target_overridden_by: str | None = None
    breakdown: dict = field(default_factory=dict)  # band or "Mức độ n" → count of recognised

    @property
    def rate(self) -> Fraction | None:
        """The recognised share in percent, exact (142/203 → 69.9507…%)."""
        return percent_of(self.recognised, self.total)

    @property
    def share(self) -> Decimal | None:
        """The share cut to 0.1 (69.9 for 142/203), for bars and charts; never compared with the target."""
        return truncate_percent(self.rate, 1)

    @property
    def share_text(self) -> str:
        """The share as printed on pages and PDFs: "69,9%" (documents.vn_percent: cut, decimal comma)."""
        return vn_percent(self.rate) if self.rate is not None else ""

    @property
    def meets_target(self) -> bool | None:
        """At least the target exactly, on the counts (DOMAIN.md §4: 142/203 does not meet 70%)."""
        return share_meets(self.recognised, self.total, self.target)


@dataclass
class AreaStat:
    unit: Unit
    titles: dict[str, TitleStat]


COUNTED_TITLES = [Title.FAMILY, Title.CLAN, Title.HAMLET_COMMUNITY, Title.LEARNING_UNIT, Title.COMMUNE_COMMUNITY]


def _new_stats(rules, difficult: bool, year: int) -> dict[str, TitleStat]:
    stats = {}
    for t in COUNTED_TITLES:
        target = target_in_force(t, year, difficult=difficult, rule=rules[t])
        stats[t] = TitleStat(
            title=t,
            label=Title(t).label,
            target=target.percent,
            target_citation=target.citation,
            target_overridden_by=target.overridden_by,
        )
    return stats


def statistics_communes(root: Unit) -> list[Unit]:
    """The communes the statistics of `root` count, in name order: `root` itself when it is a commune."""
    if root.kind == UnitKind.COMMUNE:
        return [root]
    return sorted(Unit.objects.subtree_of(root).filter(kind=UnitKind.COMMUNE).active_on(), key=name_order)


def statistics(
    root: Unit, year: int, *, communes: list[Unit] | None = None, shown: list[Unit] | None = None
) -> tuple[list[AreaStat], AreaStat]:
    """Per commune under `root` (or `root` itself when it is a commune) and in total: subjects,
    registered, assessed, recognised and the recognised share of all families / clans / hamlets /
    units against the targets in force that year (learning_society.targets: QĐ 281/QĐ-TTg for
    2014–2020, QĐ 387/QĐ-TTg for 2021–2030, or the office's own; lower in especially difficult communes).
    A fixed number of queries whatever the number of communes and families.
    `communes` is statistics_communes(root) when the caller already has it; `shown` (a page of them)
    limits the per-commune rows built, the total is always the whole of `root`'s."""
    rules = rules_for(root)
    if communes is None:
        communes = statistics_communes(root)
    shown = communes if shown is None else list(shown)
    by_id = {c.pk: c for c in shown}
    rows = {c.pk: AreaStat(unit=c, titles=_new_stats(rules, c.especially_difficult, year)) for c in shown}
    total = AreaStat(unit=root, titles=_new_stats(rules, False, year))

    owner = {}
    sums = defaultdict(int)  # (commune id or None, title, attribute, breakdown key or None) → n

    def add(path, title, attr, n, key=None):
        if path not in owner:
            owner[path] = next((int(p) for p in path.strip("/").split("/") if p and int(p) in by_id), None)
        sums[(owner[path], title, attr, key)] += n

    # Communities are counted against the hamlets and communes of the tree, not against the list.
    hamlets = Unit.objects.subtree_of(root).filter(kind=UnitKind.HAMLET).active_on()
    for row in hamlets.values("path"):
        add(row["path"], Title.HAMLET_COMMUNITY, "total", 1)
    for c in communes:
        add(c.path, Title.COMMUNE_COMMUNITY, "total", 1)
    # Subjects followed, registered, assessed (not a draft) and the recognitions held in the year
    # (held_in), read from the cells the services keep (learning_society.counts): one query over a
    # few cells per hamlet, whatever the number of families.
    communities = (Title.HAMLET_COMMUNITY, Title.COMMUNE_COMMUNITY)
    for path, title, measure, level, band, n in counts.statistics_cells(root.path, year):
        if measure == KeptCount.Measure.ACTIVE:
            if title not in communities:
                add(path, title, "total", n)
        elif measure == KeptCount.Measure.HELD:
            add(path, title, "recognised", n)
            add(path, title, None, n, key=f"Mức độ {level}" if level else band or "—")
        else:
            add(path, title, measure, n)
    for (cid, title, attr, key), n in sums.items():
        if title not in total.titles:
            continue
        for stat in ([rows[cid].titles[title]] if cid else []) + [total.titles[title]]:
            if key is None:
                setattr(stat, attr, getattr(stat, attr) + n)
            else:
                stat.breakdown[key] = stat.breakdown.get(key, 0) + n
    return [rows[c.pk] for c in shown], total


def all_in_area(ids: set[int], area: Unit) -> bool:
    """Whether every posted assessment id belongs to the area (ids typed from elsewhere do not)."""
    found = Assessment.objects.filter(pk__in=ids, subject__area__path__startswith=area.path).count()
    return found == len(ids)


def issuer_for(area: Unit, recogniser: str) -> Unit:
    """The People's Committee that signs: the commune's, or the office's for titles the office handles."""
    chain = list(Unit.objects.filter(pk__in=[int(p) for p in area.path.strip("/").split("/") if p]).order_by("-depth"))
    wanted = UnitKind.OFFICE if recogniser == "office" else UnitKind.COMMUNE
    for unit in chain:
        if unit.kind == wanted:
            return unit
    return chain[0] if chain else area
