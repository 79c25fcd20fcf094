"""Reads of the literacy register, scoped to the user, and the commune standard computed in SQL.

Scope (docs/architecture.md): office roles see their whole subtree; an association officer the
commune of the branch; a school or centre the households of the hamlets assigned to it in a round
and the classes it runs. Everything else is 404 (units.access convention).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Value, When

from units.models import Role, Unit, UnitKind
from units.selectors import active_memberships, can_manage_unit, scope_roots, units_visible_to

from . import rules
from .models import (
    COUNTED_STATUSES,
    AgeMethod,
    Enrolment,
    Household,
    ImportBatch,
    LiteracyClass,
    LiteracySettings,
    Person,
    Sex,
    SurveyAssignment,
    SurveyRound,
)

# Roles that survey hamlets and run classes for the unit they belong to.
FIELD_ROLES = {Role.PRINCIPAL, Role.SCHOOL_STAFF, Role.CENTRE_DIRECTOR, Role.CENTRE_STAFF}
CLASS_UNIT_KINDS = {UnitKind.CENTRE, UnitKind.SCHOOL, UnitKind.DISTRICT_CENTRE}


def field_unit_ids(user) -> set[int]:
    """Schools and centres the user works for (principal, staff, director)."""
    return {m.unit_id for m in active_memberships(user) if m.role in FIELD_ROLES}


def _ancestor_and_root_ids(user) -> set[int]:
    ids = set()
    for root in scope_roots(user):
        ids.update(root.ancestor_ids())
        ids.add(root.pk)
    return ids


# Rounds ---------------------------------------------------------------------------------------


def rounds_visible_to(user) -> QuerySet[SurveyRound]:
    """Rounds of the office above the user, or of any office inside their scope."""
    if user.is_superuser:
        return SurveyRound.objects.select_related("office")
    return SurveyRound.objects.filter(
        Q(office_id__in=_ancestor_and_root_ids(user)) | Q(office__in=units_visible_to(user))
    ).select_related("office")


def can_manage_round(user, survey_round: SurveyRound) -> bool:
    return can_manage_unit(user, survey_round.office)


def offices_managed_by(user) -> QuerySet[Unit]:
    from units.selectors import units_editable_by

    return units_editable_by(user).filter(kind=UnitKind.OFFICE).active_on()


def round_for(unit: Unit, year: int) -> SurveyRound | None:
    """The round a year's standard is computed from: the last round of that statistics year held by
    the nearest office above (or at) `unit`."""
    ids = [*unit.ancestor_ids(), unit.pk]
    return (
        SurveyRound.objects.filter(office_id__in=ids, year=year)
        .select_related("office")
        .order_by("-office__depth", "-number")
        .first()
    )


def office_of(unit: Unit) -> Unit | None:
    ids = [*unit.ancestor_ids(), unit.pk]
    return Unit.objects.filter(pk__in=ids, kind=UnitKind.OFFICE).order_by("-depth").first()


def settings_for(office: Unit | None) -> LiteracySettings:
    """The office's settings, or the DOMAIN.md defaults when it has never changed them."""
    if office is not None:
        found = LiteracySettings.objects.filter(office=office).first()
        if found:
            return found
    return LiteracySettings(office=office)


def assignments_of(survey_round: SurveyRound) -> QuerySet[SurveyAssignment]:
    return survey_round.assignments.select_related("hamlet", "hamlet__parent", "unit").order_by("hamlet__path")


# Households and persons -----------------------------------------------------------------------


def _assigned_hamlets_q(user, prefix: str = "") -> Q:
    units = field_unit_ids(user)
    if not units:
        return Q(pk__in=[])
    assigned = SurveyAssignment.objects.filter(
        round=OuterRef(f"{prefix}round"), hamlet=OuterRef(f"{prefix}hamlet"), unit_id__in=units
    )
    return Q(Exists(assigned))


def households_visible_to(user) -> QuerySet[Household]:
    qs = Household.objects.select_related("hamlet", "commune", "round")
    if user.is_superuser:
        return qs
    return qs.filter(Q(hamlet__in=units_visible_to(user)) | _assigned_hamlets_q(user))


def can_edit_household(user, household: Household) -> bool:
    return can_edit_hamlet(user, household.round, household.hamlet)


def can_edit_hamlet(user, survey_round: SurveyRound, hamlet: Unit) -> bool:
    if survey_round.status != SurveyRound.Status.OPEN:
        return False
    if can_manage_unit(user, hamlet):
        return True
    units = field_unit_ids(user)
    return (
        bool(units) and SurveyAssignment.objects.filter(round=survey_round, hamlet=hamlet, unit_id__in=units).exists()
    )


def editable_hamlets(user, survey_round: SurveyRound) -> QuerySet[Unit]:
    """Hamlets the user may enter households for in this round."""
    hamlets = Unit.objects.filter(kind=UnitKind.HAMLET).subtree_of(survey_round.office).active_on()
    if user.is_superuser:
        return hamlets.order_by("path")
    from units.selectors import units_editable_by

    assigned = SurveyAssignment.objects.filter(round=survey_round, unit_id__in=field_unit_ids(user)).values("hamlet_id")
    return hamlets.filter(Q(pk__in=units_editable_by(user).values("pk")) | Q(pk__in=assigned)).order_by("path")


def readable_hamlets(user, survey_round: SurveyRound) -> QuerySet[Unit]:
    """Hamlets of the round's office whose households the user may read: inside their scope, or
    assigned to their school or centre in this round (households_visible_to, per hamlet)."""
    hamlets = Unit.objects.filter(kind=UnitKind.HAMLET).subtree_of(survey_round.office)
    if user.is_superuser:
        return hamlets
    assigned = SurveyAssignment.objects.filter(round=survey_round, unit_id__in=field_unit_ids(user)).values("hamlet_id")
    return hamlets.filter(Q(pk__in=units_visible_to(user).values("pk")) | Q(pk__in=assigned))


def household_list(
    user, survey_round: SurveyRound, *, commune: Unit | None = None, hamlet: Unit | None = None, query: str = ""
) -> QuerySet[Household]:
    from units.text import fold

    qs = households_visible_to(user).filter(round=survey_round)
    if commune:
        qs = qs.filter(commune=commune)
    if hamlet:
        qs = qs.filter(hamlet=hamlet)
    for word in fold(query).split():
        qs = qs.filter(Q(members__name_folded__contains=word) | Q(code__icontains=word)).distinct()
    return qs.annotate(member_count=Count("members", distinct=True)).order_by("hamlet__path", "code")


def members_of(household: Household) -> QuerySet[Person]:
    """Members with their age in the round's statistics year (year − birth year, DOMAIN.md §3)."""
    return household.members.annotate(age=Value(household.round.year) - F("birth_year")).order_by("id")


def persons_visible_to(user) -> QuerySet[Person]:
    qs = Person.objects.select_related("household", "household__hamlet", "commune", "round")
    if user.is_superuser:
        return qs
    return qs.filter(Q(household__hamlet__in=units_visible_to(user)) | _assigned_hamlets_q(user, "household__"))


def relapses(user, survey_round: SurveyRound) -> QuerySet[Person]:
    """Tái mù chữ: illiterate in this round, literate (level ≥ 1) in the previous one."""
    if survey_round.previous_id is None:
        return Person.objects.none()
    # An IN list rather than a correlated EXISTS: SQLite would otherwise probe the previous round by
    # round_id for every person (quadratic on 20,000 people).
    was_literate = Person.objects.filter(round_id=survey_round.previous_id, literacy_level__gte=1).values("lineage")
    return (
        persons_visible_to(user)
        .filter(round=survey_round, literacy_level=0, status__in=COUNTED_STATUSES)
        .filter(lineage__in=was_literate)
        .order_by("commune__path", "household__hamlet__path", "name_folded")
    )


def duplicate_groups(user, survey_round: SurveyRound) -> QuerySet:
    """Possible duplicates: same folded name and birth year in the same commune, not yet cleared."""
    return (
        persons_visible_to(user)
        .filter(round=survey_round, duplicate_cleared=False)
        .values("commune_id", "commune__name", "name_folded", "birth_year")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .order_by("commune__name", "name_folded", "birth_year")
    )


def duplicate_members(user, survey_round: SurveyRound, groups: list[dict]) -> dict[tuple, list[Person]]:
    """The persons of the groups on one page, in one query."""
    if not groups:
        return {}
    q = Q(pk__in=[])
    for g in groups:
        q |= Q(commune_id=g["commune_id"], name_folded=g["name_folded"], birth_year=g["birth_year"])
    found: dict[tuple, list[Person]] = {}
    for person in persons_visible_to(user).filter(round=survey_round, duplicate_cleared=False).filter(q):
        found.setdefault((person.commune_id, person.name_folded, person.birth_year), []).append(person)
    return found


# Classes ---------------------------------------------------------------------------------------


def classes_visible_to(user) -> QuerySet[LiteracyClass]:
    qs = LiteracyClass.objects.select_related("run_by", "commune")
    if user.is_superuser:
        return qs
    visible = units_visible_to(user)
    return qs.filter(Q(run_by__in=visible) | Q(commune__in=visible))


def class_list(user, *, stage: str = "") -> QuerySet[LiteracyClass]:
    qs = classes_visible_to(user)
    if stage:
        qs = qs.filter(stage=stage)
    return qs.annotate(learners=Count("enrolments", distinct=True)).order_by("-start_date", "name")


def can_edit_class(user, literacy_class: LiteracyClass) -> bool:
    return can_manage_unit(user, literacy_class.run_by) or literacy_class.run_by_id in field_unit_ids(user)


def class_units_for(user) -> QuerySet[Unit]:
    """Units in whose name the user may open a class: their own centre/school, or any in an officer's subtree."""
    from units.selectors import units_editable_by

    return (
        Unit.objects.filter(kind__in=CLASS_UNIT_KINDS)
        .filter(Q(pk__in=units_editable_by(user).values("pk")) | Q(pk__in=field_unit_ids(user)))
        .active_on()
        .order_by("path")
    )


def enrolments_of(literacy_class: LiteracyClass) -> QuerySet[Enrolment]:
    return literacy_class.enrolments.select_related("person", "person__household__hamlet").prefetch_related("results")


def enrol_candidates(literacy_class: LiteracyClass, *, query: str = "") -> QuerySet[Person]:
    """People of the class's commune in the latest round, not yet at the class's level, aged 15–60
    first (the MC1 / MC2 lists), the youngest of the target group first."""
    from units.text import fold

    survey_round = round_for(literacy_class.commune, _latest_year(literacy_class.commune))
    if survey_round is None:
        return Person.objects.none()
    target_level = 1 if literacy_class.stage == "1" else 2
    qs = Person.objects.filter(
        round=survey_round, commune=literacy_class.commune, status__in=COUNTED_STATUSES, exempt=False
    ).exclude(lineage__in=literacy_class.enrolments.values("lineage"))
    if literacy_class.stage == "post":
        # Post-literacy education (GDTTSKBC) follows literacy: it enrols people already literate.
        qs = qs.filter(literacy_level__gte=1)
    else:
        qs = qs.filter(literacy_level__lt=target_level)
    for word in fold(query).split():
        qs = qs.filter(name_folded__contains=word)
    year = survey_round.year
    in_target = Case(
        When(birth_year__gte=year - 60, birth_year__lte=year - 15, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return (
        qs.select_related("household__hamlet")
        .annotate(outside=in_target)
        .order_by("outside", "literacy_level", "name_folded")
    )


def _latest_year(unit: Unit) -> int:
    ids = [*unit.ancestor_ids(), unit.pk]
    latest = SurveyRound.objects.filter(office_id__in=ids).order_by("-year").values_list("year", flat=True).first()
    return latest or datetime.date.today().year


# Imports ---------------------------------------------------------------------------------------


def imports_visible_to(user) -> QuerySet[ImportBatch]:
    qs = ImportBatch.objects.select_related("round", "commune", "uploaded_by", "job")
    if user.is_superuser:
        return qs
    return qs.filter(Q(uploaded_by=user) | Q(commune__in=units_visible_to(user)))


# The standard (Nghị định 20/2014/NĐ-CP, Điều 19–21) ---------------------------------------------


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
        return rules.meets(met, len(self.communes), rules.OFFICE_THRESHOLD_PERCENT)

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
            age_from=15,
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


def standard_aggregates(
    survey_round: SurveyRound, commune_ids, *, method: str, groups: tuple[str, ...] = GROUPS
) -> dict[int, dict]:
    """One SQL query: conditional counts per commune for every band, group and literacy level.
    A caller that shows only the whole population passes groups=("all",): a third of the work."""
    year = survey_round.year
    qs = Person.objects.filter(round=survey_round, commune_id__in=commune_ids, status__in=COUNTED_STATUSES)
    if method == AgeMethod.EXACT:
        # Full years on 30/9 of the statistics year; a person known by year only counts as born 1/1.
        qs = qs.alias(
            age=Value(year)
            - F("birth_year")
            - Case(When(birth_mmdd__gt=930, then=Value(1)), default=Value(0), output_field=IntegerField())
        )
    annotations = {"total_people": Count("id")}
    for band in rules.BANDS:
        in_band = _band_q(band, year, method)
        for group in groups:
            base = in_band & _GROUP_Q[group]
            prefix = f"{band.key}__{group}__"
            annotations[prefix + "population"] = Count("id", filter=base)
            annotations[prefix + "exempt"] = Count("id", filter=base & Q(exempt=True))
            annotations[prefix + "literate1"] = Count("id", filter=base & Q(literacy_level__gte=1))
            annotations[prefix + "literate2"] = Count("id", filter=base & Q(literacy_level__gte=2))
            annotations[prefix + "literate1_ne"] = Count("id", filter=base & Q(literacy_level__gte=1, exempt=False))
            annotations[prefix + "literate2_ne"] = Count("id", filter=base & Q(literacy_level__gte=2, exempt=False))
    rows = qs.values("commune_id").annotate(**annotations).order_by()
    return {row["commune_id"]: row for row in rows}


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


def _commune_standard(commune: Unit, row: dict | None, exempt_leave: bool) -> CommuneStandard:
    counts = {band.key: {g: _counts_from(row, band, g) for g in GROUPS} for band in rules.BANDS}
    results = {}
    for level in (1, 2):
        band = rules.band_for(level, commune.especially_difficult)
        results[level] = level_result(level, band, counts[band.key]["all"], exempt_leave=exempt_leave)
    return CommuneStandard(
        commune=commune,
        especially_difficult=commune.especially_difficult,
        counts=counts,
        level1=results[1],
        level2=results[2],
        total_people=row["total_people"] if row else 0,
        exempt_leave=exempt_leave,
    )


def communes_for_standard(office: Unit, survey_round: SurveyRound | None) -> list[Unit]:
    day = survey_round.reference_date if survey_round else datetime.date.today()
    return list(Unit.objects.subtree_of(office).filter(kind=UnitKind.COMMUNE).active_on(day).order_by("name"))


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
    result.communes = [_commune_standard(c, rows.get(c.pk), conf.exempt_leave_denominator) for c in communes]
    return result


def commune_standard(commune: Unit, year: int) -> tuple[CommuneStandard | None, SurveyRound | None, LiteracySettings]:
    survey_round = round_for(commune, year)
    conf = settings_for(office_of(commune))
    if survey_round is None:
        return None, None, conf
    rows = standard_aggregates(survey_round, [commune.pk], method=conf.age_method)
    return _commune_standard(commune, rows.get(commune.pk), conf.exempt_leave_denominator), survey_round, conf


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
    band = rules.band_for(level, commune.especially_difficult)
    return NameList(commune, level, year, survey_round, conf, band, persons)


def name_list(survey_round: SurveyRound, commune: Unit, level: int, conf: LiteracySettings) -> QuerySet[Person]:
    """MC1 / MC2: people of the level's band who are not yet literate at that level (exempt people
    are listed in their own column of the tables, not here)."""
    band = rules.band_for(level, commune.especially_difficult)
    qs = Person.objects.filter(
        round=survey_round, commune=commune, status__in=COUNTED_STATUSES, exempt=False, literacy_level__lt=level
    )
    year = survey_round.year
    if conf.age_method == AgeMethod.EXACT:
        qs = qs.alias(
            age=Value(year)
            - F("birth_year")
            - Case(When(birth_mmdd__gt=930, then=Value(1)), default=Value(0), output_field=IntegerField())
        )
    return (
        qs.filter(_band_q(band, year, conf.age_method))
        .select_related("household", "household__hamlet")
        .order_by("household__hamlet__path", "household__code", "id")
    )


def standard_years(unit: Unit) -> list[int]:
    ids = [*unit.ancestor_ids(), unit.pk]
    years = SurveyRound.objects.filter(Q(office_id__in=ids) | Q(office__path__startswith=unit.path))
    return sorted(set(years.values_list("year", flat=True)), reverse=True)
