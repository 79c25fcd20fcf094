"""Reads of the literacy register, scoped to the user (the standard computed from it: literacy.attainment).

Scope (docs/architecture.md): office roles see their whole subtree; an association officer the
commune of the branch; a school or centre the households of the hamlets assigned to it in a round
and the classes it runs. Everything else is 404 (units.access convention).
"""

from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When

from units.calendar import today
from units.models import Role, Unit, UnitKind
from units.selectors import (
    active_memberships,
    can_manage_unit,
    scope_roots,
    units_editable_by,
    units_visible_to,
)
from units.text import vn_sort_key

from . import rules
from .models import (
    COUNTED_STATUSES,
    DuplicateGroup,
    Enrolment,
    Household,
    ImportBatch,
    LiteracyClass,
    LiteracySettings,
    Person,
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


def assignments_for(user, survey_round: SurveyRound) -> QuerySet[SurveyAssignment]:
    """The round's assignments the user is shown: all of them for the office (and whoever manages the
    round), only their own school's or centre's for a field user (issue 17: an assigned school was
    told "Chưa phân công thôn nào")."""
    from units.selectors import is_office_user

    assignments = assignments_of(survey_round)
    if user.is_superuser or can_manage_round(user, survey_round) or is_office_user(user):
        return assignments
    # A school or centre sees its own; the commune's association officer those of its hamlets.
    return assignments.filter(Q(unit_id__in=field_unit_ids(user)) | Q(hamlet__in=units_visible_to(user)))


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
    # No member count here (with_member_counts adds it to the page shown): a GROUP BY of the round's
    # households joined to its people, the whole register, ran for each page and for its count (issue 20).
    return qs.order_by("hamlet__path", "code", "id")


def with_member_counts(households) -> list[Household]:
    """Sets `.member_count` on each of the households of a page (one query, whatever the register's size)."""
    households = list(households)
    counts = dict(
        Person.objects.filter(household__in=households).order_by().values_list("household").annotate(n=Count("id"))
    )
    for household in households:
        household.member_count = counts.get(household.pk, 0)
    return households


def with_previous_level(persons: QuerySet[Person], survey_round: SurveyRound) -> QuerySet[Person]:
    """`previous_level`: the person's literacy level in the round before (same human, by lineage), in
    the list's own query; None when there is no previous round or they were not in it."""
    if survey_round.previous_id is None:
        return persons.annotate(previous_level=Value(None, output_field=IntegerField()))
    before = Person.objects.filter(round_id=survey_round.previous_id, lineage=OuterRef("lineage"))
    return persons.annotate(previous_level=Subquery(before.values("literacy_level")[:1]))


def previous_level(person: Person) -> int | None:
    return with_previous_level(Person.objects.filter(pk=person.pk), person.round).values_list(
        "previous_level", flat=True
    )[0]


def members_of(household: Household) -> QuerySet[Person]:
    """Members with their age in the round's statistics year (year − birth year, DOMAIN.md §3) and
    their level in the previous round."""
    members = household.members.annotate(age=Value(household.round.year) - F("birth_year")).order_by("id")
    return with_previous_level(members, household.round)


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


def duplicate_count(user, survey_round: SurveyRound) -> int:
    """How many groups duplicate_groups lists for a user who sees whole communes (the office home),
    read from the groups kept by literacy.counts: a count of the few groups, never a grouping of
    the register, whatever its size."""
    groups = DuplicateGroup.objects.filter(round=survey_round)
    if not user.is_superuser:
        groups = groups.filter(commune__in=units_visible_to(user))
    return groups.count()


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
    return qs.annotate(
        learners=Count("enrolments", distinct=True),
        dropouts=Count("enrolments", filter=Q(enrolments__dropout__isnull=False), distinct=True),
    ).order_by("-start_date", "name")


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


def grid_enrolments_of(literacy_class: LiteracyClass) -> QuerySet[Enrolment]:
    """Every learner of the class for the one-page grids (results, attendance): no pagination, the
    queries do not grow with the class (results prefetched); `dropped` marks who left the class."""
    from .models import Dropout

    return enrolments_of(literacy_class).annotate(dropped=Exists(Dropout.objects.filter(enrolment=OuterRef("pk"))))


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
    ).exclude(
        # NOT EXISTS, an anti-join: NOT IN (subquery) cannot be one (NULL semantics) and, planned
        # as a per-row subplan, took 180 s over the demo's 10,000 people on PostgreSQL.
        Exists(Enrolment.objects.filter(literacy_class=literacy_class, lineage=OuterRef("lineage")))
    )
    if literacy_class.stage == "post":
        # Post-literacy education (GDTTSKBC) follows literacy: it enrols people already literate.
        qs = qs.filter(literacy_level__gte=1)
    else:
        qs = qs.filter(literacy_level__lt=target_level)
    for word in fold(query).split():
        qs = qs.filter(name_folded__contains=word)
    year = survey_round.year
    in_target = Case(
        When(
            birth_year__gte=year - rules.TARGET_GROUP.age_to,
            birth_year__lte=year - rules.TARGET_GROUP.age_from,
            then=Value(0),
        ),
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
    return latest or today().year


# Imports ---------------------------------------------------------------------------------------


def imports_visible_to(user) -> QuerySet[ImportBatch]:
    qs = ImportBatch.objects.select_related("round", "commune", "uploaded_by", "job")
    if user.is_superuser:
        return qs
    return qs.filter(Q(uploaded_by=user) | Q(commune__in=units_visible_to(user)))


# Choices of the entry pages -------------------------------------------------------------------


def can_manage_office(user, office: Unit) -> bool:
    return offices_managed_by(user).filter(pk=office.pk).exists()


def round_hamlet_counts(user, survey_round: SurveyRound) -> list[dict]:
    """Households and people of a round by hamlet, as far as the user reads them, communes and their
    hamlets in Vietnamese alphabetical order (one row per hamlet of the office: a bounded list)."""
    rows = (
        households_visible_to(user)
        .filter(round=survey_round)
        .values("hamlet_id", "hamlet__name", "hamlet__level_label", "commune__name", "commune_id")
        .annotate(households=Count("id", distinct=True), persons=Count("members"))
        .order_by()
    )
    return sorted(rows, key=lambda row: (vn_sort_key(row["commune__name"]), vn_sort_key(row["hamlet__name"])))


def hamlets_for_household(user, household: Household) -> QuerySet[Unit]:
    """The hamlets of the household's commune the user may move it to."""
    return Unit.objects.filter(parent_id=household.commune_id, kind=UnitKind.HAMLET).filter(
        pk__in=editable_hamlets(user, household.round).values("pk")
    )


def open_rounds_for_import(user) -> QuerySet[SurveyRound]:
    return rounds_visible_to(user).filter(status=SurveyRound.Status.OPEN).order_by("-year", "-number")


def communes_for_import(user) -> QuerySet[Unit]:
    """Communes with a hamlet the user edits (office scope) or is assigned to survey."""
    assigned = SurveyAssignment.objects.filter(unit_id__in=field_unit_ids(user)).values("hamlet_id")
    hamlets = Unit.objects.filter(kind=UnitKind.HAMLET).filter(
        Q(pk__in=units_editable_by(user).values("pk")) | Q(pk__in=assigned)
    )
    return Unit.objects.filter(kind=UnitKind.COMMUNE, pk__in=hamlets.values("parent_id")).order_by("name")


def template_communes_for(user) -> QuerySet[Unit]:
    """Communes whose hamlets the template's drop-down may list: those the user sees, and those
    with a hamlet their school or centre is assigned to survey."""
    visible = units_visible_to(user).filter(kind=UnitKind.COMMUNE).values("pk")
    return Unit.objects.filter(Q(pk__in=visible) | Q(pk__in=communes_for_import(user).values("pk"))).order_by("path")


def may_import_into(user, survey_round: SurveyRound, commune: Unit) -> bool:
    return editable_hamlets(user, survey_round).filter(parent=commune).exists()


def communes_for_class(user, run_units: QuerySet[Unit]) -> QuerySet[Unit]:
    """Where a new class may be held: the communes the user sees, else those of the units running it."""
    communes = units_visible_to(user).filter(kind=UnitKind.COMMUNE).active_on()
    if not communes.exists():
        communes = Unit.objects.filter(pk__in=run_units.values("parent_id"), kind=UnitKind.COMMUNE)
    return communes
