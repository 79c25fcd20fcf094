"""The literacy standard (Nghị định 20/2014/NĐ-CP, Điều 19–21) read from the register: the counts
of every commune by age band, group and level in one aggregate query, each commune's and the
office's attainment, and the name lists MC1 / MC2. Which round and which settings a year reads come
from literacy.selectors (round_for, settings_for); the tables (literacy.tables) only print results."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import BooleanField, Case, F, IntegerField, Q, QuerySet, Sum, Value, When

from units.calendar import today
from units.models import Unit, UnitKind
from units.status import especially_difficult_ids, is_especially_difficult, year_day
from units.text import name_order

from . import rules
from .models import (
    COUNTED_STATUSES,
    EVERY_AGE,
    AgeMethod,
    LiteracyCount,
    LiteracySettings,
    LiteracyStandardSum,
    Person,
    Sex,
    SurveyRound,
)
from .selectors import office_of, round_for, settings_for


@dataclass
class Counts:
    population: int = 0
    exempt: int = 0
    literate1: int = 0
    literate2: int = 0
    literate1_ne: int = 0  # literate and not exempt: the numerator when the exempt leave the denominator
    literate2_ne: int = 0


@dataclass
class LevelResult:
    level: int
    age_from: int
    age_to: int
    population: int
    exempt: int
    literate: int
    denominator: int
    rate: Decimal | None
    met: bool

    def as_json(self) -> dict:
        return {
            "age_from": self.age_from,
            "age_to": self.age_to,
            "population": self.population,
            "exempt": self.exempt,
            "literate": self.literate,
            "rate": float(self.rate) if self.rate is not None else None,
            "met": self.met,
        }


GROUPS = ("all", "female", "minority")


@dataclass
class CommuneStandard:
    commune: Unit
    especially_difficult: bool
    counts: dict[str, dict[str, Counts]]  # band key → group → counts
    level1: LevelResult
    level2: LevelResult
    total_people: int = 0
    exempt_leave: bool = False  # the office's setting: the exempt leave the denominator

    def band(self, band: rules.Band, group: str = "all") -> Counts:
        return self.counts[band.key][group]

    def group_levels(self, band: rules.Band, group: str) -> tuple[LevelResult, LevelResult]:
        """Both literacy levels of one age band and group (CMC-2/CMC-3), counted as level1/level2 are."""
        counts = self.counts[band.key][group]
        return (
            level_result(1, band, counts, exempt_leave=self.exempt_leave),
            level_result(2, band, counts, exempt_leave=self.exempt_leave),
        )


@dataclass
class OfficeStandard:
    office: Unit
    year: int
    survey_round: SurveyRound | None
    settings: LiteracySettings
    communes: list[CommuneStandard] = field(default_factory=list)

    @property
    def communes_meeting_level1(self) -> int:
        return sum(1 for c in self.communes if c.level1.met)

    @property
    def communes_meeting_level2(self) -> int:
        return sum(1 for c in self.communes if c.level2.met)

    def share(self, level: int) -> Decimal | None:
        met = self.communes_meeting_level1 if level == 1 else self.communes_meeting_level2
        return rules.rate(met, len(self.communes))

    def office_met(self, level: int) -> bool:
        met = self.communes_meeting_level1 if level == 1 else self.communes_meeting_level2
        threshold = rules.office_threshold(level, province=rules.is_province_office(self.office))
        return rules.meets(met, len(self.communes), threshold)

    @property
    def share1(self):
        return self.share(1)

    @property
    def share2(self):
        return self.share(2)

    @property
    def met1(self):
        return self.office_met(1)

    @property
    def met2(self):
        return self.office_met(2)

    def level_total(self, level: int) -> LevelResult:
        """Office totals: each commune counted in its own band (ordinary or especially difficult)."""
        items = [c.level1 if level == 1 else c.level2 for c in self.communes]
        population = sum(i.population for i in items)
        exempt = sum(i.exempt for i in items)
        literate = sum(i.literate for i in items)
        denominator = sum(i.denominator for i in items)
        return LevelResult(
            level=level,
            age_from=rules.TARGET_GROUP.age_from,
            age_to=max((i.age_to for i in items), default=0),
            population=population,
            exempt=exempt,
            literate=literate,
            denominator=denominator,
            rate=rules.rate(literate, denominator),
            met=self.office_met(level),
        )


def _band_q(band: rules.Band, year: int, method: str) -> Q:
    if method == AgeMethod.EXACT:
        return Q(age__gte=band.age_from, age__lte=band.age_to)
    # Age = statistics year − birth year (DOMAIN.md §3, default): a plain indexed range on birth_year.
    return Q(birth_year__gte=year - band.age_to, birth_year__lte=year - band.age_from)


_GROUP_Q = {"all": Q(), "female": Q(sex=Sex.FEMALE), "minority": Q(ethnic_minority=True)}


def _exact_age(year: int, born_after_30_9: Q):
    """Full years on 30/9 of the statistics year; a person known by year only counts as born 1/1."""
    return (
        Value(year)
        - F("birth_year")
        - Case(When(born_after_30_9, then=Value(1)), default=Value(0), output_field=IntegerField())
    )


# What each figure of Counts counts among the people of a band and group (the same names).
MEASURES = {
    "population": Q(),
    "exempt": Q(exempt=True),
    "literate1": Q(literacy_level__gte=1),
    "literate2": Q(literacy_level__gte=2),
    "literate1_ne": Q(literacy_level__gte=1, exempt=False),
    "literate2_ne": Q(literacy_level__gte=2, exempt=False),
}


def _flag(condition: Q) -> Case:
    return Case(When(condition, then=Value(True)), default=Value(False), output_field=BooleanField())


def cube_sums(survey_round: SurveyRound, commune_ids) -> dict[str, dict[int, dict[tuple[str, str], dict]]]:
    """The figures of Counts of these communes (None: all of the round) from their kept cells
    (literacy.counts), by age method, commune, band key (and EVERY_AGE) and group: what a scan of
    the register would count. literacy.counts stores them as LiteracyStandardSum, which the
    standard reads.

    One query groups the cells by whether each filter of the standard (`_band_q` for each age
    method, `_GROUP_Q`, `MEASURES`) holds of them, tested in SQL, and sums `n`: a few dozen rows
    per commune, each then added to every band, group and figure it satisfies. Cheaper to build
    than 144 filtered sums, which matters as it runs with every write to the people."""
    year = survey_round.year
    qs = LiteracyCount.objects.filter(round=survey_round, status__in=COUNTED_STATUSES)
    if commune_ids is not None:
        qs = qs.filter(commune_id__in=commune_ids)
    qs = qs.alias(age=_exact_age(year, Q(born_after_30_9=True)))
    # A filter that always holds (Q()) is no column: it is true of every row.
    bands = {(method, band.key): _band_q(band, year, method) for method in AgeMethod.values for band in rules.BANDS}
    tests = {
        **{("band", *key): q for key, q in bands.items()},
        **{("group", group): q for group, q in _GROUP_Q.items() if q},
        **{("measure", name): q for name, q in MEASURES.items() if q},
    }
    columns = {key: f"f{i}" for i, key in enumerate(tests)}
    flags = {columns[key]: _flag(q) for key, q in tests.items()}
    rows = qs.annotate(**flags).values("commune_id", *flags).annotate(cells_n=Sum("n")).order_by()

    def holds(row, key) -> bool:
        return key not in columns or row[columns[key]]

    empty = {(band.key, group): dict.fromkeys(MEASURES, 0) for band in rules.BANDS for group in GROUPS}
    empty |= {(EVERY_AGE, group): dict.fromkeys(MEASURES, 0) for group in GROUPS}
    result: dict[str, dict[int, dict[tuple[str, str], dict]]] = {method: {} for method in AgeMethod.values}
    for row in rows:
        groups = [group for group in GROUPS if holds(row, ("group", group))]
        measures = [name for name in MEASURES if holds(row, ("measure", name))]
        for method, communes in result.items():
            sums = communes.setdefault(row["commune_id"], {key: dict(figures) for key, figures in empty.items()})
            in_bands = [band.key for band in rules.BANDS if holds(row, ("band", method, band.key))]
            for band_key in [*in_bands, EVERY_AGE]:
                for group in groups:
                    for name in measures:
                        sums[(band_key, group)][name] += row["cells_n"]
    return result


def standard_aggregates(
    survey_round: SurveyRound, commune_ids, *, method: str, groups: tuple[str, ...] = GROUPS
) -> dict[int, dict]:
    """One query: per commune with counted people, every band × group × figure of Counts (keys
    "<band>__<group>__<figure>") and `total_people`. A caller that shows only the whole population
    passes groups=("all",).

    It reads the sums literacy.counts keeps of the cells (LiteracyStandardSum: a few rows per
    commune), so its cost follows the communes shown, not the people nor the cells."""
    fields = list(Counts.__dataclass_fields__)
    rows = LiteracyStandardSum.objects.filter(
        round=survey_round, commune_id__in=commune_ids, age_method=method, group__in=sorted({*groups, "all"})
    ).values_list("commune_id", "band", "group", *fields)
    result: dict[int, dict] = {}
    for commune_id, band_key, group, *values in rows:
        row = result.setdefault(commune_id, {"commune_id": commune_id})
        if band_key == EVERY_AGE:
            if group == "all":
                row["total_people"] = values[0]
        elif group in groups:
            prefix = f"{band_key}__{group}__"
            row.update({prefix + name: value for name, value in zip(fields, values, strict=True)})
    return result


def _counts_from(row: dict | None, band: rules.Band, group: str) -> Counts:
    prefix = f"{band.key}__{group}__"
    if not row or prefix + "population" not in row:
        return Counts()
    return Counts(**{name: row[prefix + name] for name in Counts.__dataclass_fields__})


def level_result(level: int, band: rules.Band, counts: Counts, *, exempt_leave: bool) -> LevelResult:
    literate = counts.literate1 if level == 1 else counts.literate2
    if exempt_leave:
        literate = counts.literate1_ne if level == 1 else counts.literate2_ne
        denominator = counts.population - counts.exempt
    else:
        denominator = counts.population
    return LevelResult(
        level=level,
        age_from=band.age_from,
        age_to=band.age_to,
        population=counts.population,
        exempt=counts.exempt,
        literate=literate,
        denominator=denominator,
        rate=rules.rate(literate, denominator),
        met=rules.meets(literate, denominator),
    )


def _commune_standard(commune: Unit, row: dict | None, exempt_leave: bool, difficult: bool) -> CommuneStandard:
    """`difficult`: the commune's especially difficult status on the day the year is judged on."""
    counts = {band.key: {g: _counts_from(row, band, g) for g in GROUPS} for band in rules.BANDS}
    results = {}
    for level in (1, 2):
        band = rules.band_for(level, difficult)
        results[level] = level_result(level, band, counts[band.key]["all"], exempt_leave=exempt_leave)
    return CommuneStandard(
        commune=commune,
        especially_difficult=difficult,
        counts=counts,
        level1=results[1],
        level2=results[2],
        total_people=row["total_people"] if row else 0,
        exempt_leave=exempt_leave,
    )


def judged_on(survey_round: SurveyRound | None, year: int) -> datetime.date:
    """The day a statistics year is judged on: its round's reference date, else the year's last day."""
    return survey_round.reference_date if survey_round else year_day(year)


def communes_for_standard(office: Unit, survey_round: SurveyRound | None) -> list[Unit]:
    day = survey_round.reference_date if survey_round else today()
    return sorted(Unit.objects.subtree_of(office).filter(kind=UnitKind.COMMUNE).active_on(day), key=name_order)


def office_standard(office: Unit, year: int, *, groups: tuple[str, ...] = GROUPS) -> OfficeStandard:
    """The standard of every commune of `office` for a statistics year, in a fixed number of queries."""
    survey_round = round_for(office, year)
    conf = settings_for(office_of(office) or office)
    result = OfficeStandard(office=office, year=year, survey_round=survey_round, settings=conf)
    communes = communes_for_standard(office, survey_round)
    rows = (
        standard_aggregates(survey_round, [c.pk for c in communes], method=conf.age_method, groups=groups)
        if survey_round
        else {}
    )
    # The status each commune had that year (Nghị định 20/2014 Điều 20–21 bands; DOMAIN.md §3).
    difficult = especially_difficult_ids(communes, judged_on(survey_round, year))
    result.communes = [
        _commune_standard(c, rows.get(c.pk), conf.exempt_leave_denominator, c.pk in difficult) for c in communes
    ]
    return result


def commune_standard(commune: Unit, year: int) -> tuple[CommuneStandard | None, SurveyRound | None, LiteracySettings]:
    survey_round = round_for(commune, year)
    conf = settings_for(office_of(commune))
    if survey_round is None:
        return None, None, conf
    rows = standard_aggregates(survey_round, [commune.pk], method=conf.age_method)
    difficult = is_especially_difficult(commune, judged_on(survey_round, year))
    standard = _commune_standard(commune, rows.get(commune.pk), conf.exempt_leave_denominator, difficult)
    return standard, survey_round, conf


@dataclass
class NameList:
    """MC1 / MC2 of a commune for a statistics year: the round it reads, the office's settings, the
    age band, and the people (none when the year has no round)."""

    commune: Unit
    level: int
    year: int
    survey_round: SurveyRound | None
    settings: LiteracySettings
    band: rules.Band
    persons: QuerySet[Person]


def name_list_for(commune: Unit, year: int, level: int) -> NameList:
    """The one way from a commune and a year to its name list: the page and the export job alike."""
    survey_round = round_for(commune, year)
    conf = settings_for(office_of(commune))
    persons = name_list(survey_round, commune, level, conf) if survey_round else Person.objects.none()
    band = rules.band_for(level, is_especially_difficult(commune, judged_on(survey_round, year)))
    return NameList(commune, level, year, survey_round, conf, band, persons)


def name_list(survey_round: SurveyRound, commune: Unit, level: int, conf: LiteracySettings) -> QuerySet[Person]:
    """MC1 / MC2: people of the level's band who are not yet literate at that level (exempt people
    are listed in their own column of the tables, not here)."""
    band = rules.band_for(level, is_especially_difficult(commune, survey_round.reference_date))
    qs = Person.objects.filter(
        round=survey_round, commune=commune, status__in=COUNTED_STATUSES, exempt=False, literacy_level__lt=level
    )
    year = survey_round.year
    if conf.age_method == AgeMethod.EXACT:
        qs = qs.alias(age=_exact_age(year, Q(birth_mmdd__gt=930)))
    return (
        qs.filter(_band_q(band, year, conf.age_method))
        .select_related("household", "household__hamlet")
        .order_by("household__hamlet__path", "household__code", "id")
    )


def standard_years(unit: Unit) -> list[int]:
    ids = [*unit.ancestor_ids(), unit.pk]
    years = SurveyRound.objects.filter(Q(office_id__in=ids) | Q(office__path__startswith=unit.path))
    return sorted(set(years.values_list("year", flat=True)), reverse=True)
