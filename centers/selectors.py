"""Reads for centres, scoped to the user through units.selectors and aggregated in SQL: every
page runs the same number of queries whether an office has 3 centres or 300."""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Sum

from rubrics.models import RubricCriterion
from units.models import Unit, UnitKind, today
from units.selectors import units_visible_to

from .models import (
    Activity,
    ActivityKind,
    CentrePerson,
    CentreProfile,
    Club,
    Field,
    FundingEntry,
    FundingKind,
    FundingSource,
    LearningNeed,
    PersonRole,
    SelfAssessment,
    SpendingPurpose,
    YearPlan,
    school_year_range,
)

# A centre with no activity in this many days is flagged on the office page (issue 5).
INACTIVE_DAYS = 60


def centres_visible_to(user) -> QuerySet[Unit]:
    return units_visible_to(user).filter(kind=UnitKind.CENTRE)


def centre_list(user) -> QuerySet[Unit]:
    return centres_visible_to(user).active_on().select_related("parent").order_by("path")


def activity_stats(centre_ids, start: datetime.date, end: datetime.date) -> dict[int, dict]:
    """{centre_id: {"activities", "classes", "topics", "sessions", "participants", "women", …}} in one query."""
    rows = (
        Activity.objects.filter(centre_id__in=centre_ids, start_date__gte=start, start_date__lte=end)
        .order_by()
        .values("centre_id")
        .annotate(
            activities=Count("id"),
            classes=Count("id", filter=Q(kind=ActivityKind.CLASS)),
            topics=Count("id", filter=Q(kind=ActivityKind.TOPIC)),
            sessions=Sum("sessions"),
            participants=Sum("participants"),
            women=Sum("women"),
            ethnic_minority=Sum("ethnic_minority"),
            elderly=Sum("elderly"),
        )
    )
    return {row.pop("centre_id"): row for row in rows}


def funding_stats(centre_ids, start: datetime.date, end: datetime.date) -> dict[int, dict]:
    rows = (
        FundingEntry.objects.filter(centre_id__in=centre_ids, date__gte=start, date__lte=end)
        .order_by()
        .values("centre_id")
        .annotate(
            receipts=Sum("amount", filter=Q(kind=FundingKind.RECEIPT)),
            spending=Sum("amount", filter=Q(kind=FundingKind.SPENDING)),
        )
    )
    return {row.pop("centre_id"): row for row in rows}


def last_activity_dates(centre_ids) -> dict[int, datetime.date]:
    rows = (
        Activity.objects.filter(centre_id__in=centre_ids, start_date__lte=today())
        .order_by()
        .values("centre_id")
        .annotate(last=Max("start_date"))
    )
    return {row["centre_id"]: row["last"] for row in rows}


def overview_rows(centres: list[Unit], year: int) -> list[dict]:
    """One row per centre for the office page and its exports: the row source of that table."""
    start, end = school_year_range(year)
    ids = [c.pk for c in centres]
    acts = activity_stats(ids, start, end)
    money = funding_stats(ids, start, end)
    last = last_activity_dates(ids)
    assessments = {a.centre_id: a for a in SelfAssessment.objects.filter(centre_id__in=ids, school_year=year)}
    cutoff = today() - datetime.timedelta(days=INACTIVE_DAYS)
    rows = []
    for centre in centres:
        a = acts.get(centre.pk, {})
        m = money.get(centre.pk, {})
        last_date = last.get(centre.pk)
        rows.append(
            {
                "centre": centre,
                "activities": a.get("activities") or 0,
                "classes": a.get("classes") or 0,
                "topics": a.get("topics") or 0,
                "participants": a.get("participants") or 0,
                "women": a.get("women") or 0,
                "receipts": m.get("receipts") or Decimal(0),
                "spending": m.get("spending") or Decimal(0),
                "assessment": assessments.get(centre.pk),
                "last_activity": last_date,
                "inactive": last_date is None or last_date < cutoff,
            }
        )
    return rows


def overview_totals(centres: QuerySet[Unit], year: int) -> dict:
    start, end = school_year_range(year)
    totals = Activity.objects.filter(centre__in=centres, start_date__gte=start, start_date__lte=end).aggregate(
        activities=Count("id"),
        participants=Sum("participants"),
        women=Sum("women"),
        ethnic_minority=Sum("ethnic_minority"),
    )
    money = FundingEntry.objects.filter(
        centre__in=centres, date__gte=start, date__lte=end, kind=FundingKind.RECEIPT
    ).aggregate(receipts=Sum("amount"))
    return {key: value or 0 for key, value in {**totals, **money}.items()}


def inactive_centres(centres: QuerySet[Unit], *, days: int = INACTIVE_DAYS) -> QuerySet[Unit]:
    """Centres with no activity dated within the last `days` days (none at all counts too)."""
    cutoff = today() - datetime.timedelta(days=days)
    recent = Activity.objects.filter(centre=OuterRef("pk"), start_date__gte=cutoff, start_date__lte=today())
    return centres.exclude(Exists(recent)).select_related("parent").order_by("path")


def activity_list(centre: Unit, *, year: int | None = None, kind: str = "", field: str = "") -> QuerySet[Activity]:
    activities = Activity.objects.filter(centre=centre).select_related("club")
    if year is not None:
        start, end = school_year_range(year)
        activities = activities.filter(start_date__gte=start, start_date__lte=end)
    if kind:
        activities = activities.filter(kind=kind)
    if field:
        activities = activities.filter(field=field)
    return activities.order_by("-start_date", "-id")


def activities_by_field(centre_ids, start: datetime.date, end: datetime.date) -> list[dict]:
    """[{"field", "label", "activities", "participants"}] for every field, zeros included (for the chart)."""
    rows = (
        Activity.objects.filter(centre_id__in=centre_ids, start_date__gte=start, start_date__lte=end)
        .order_by()
        .values("field")
        .annotate(activities=Count("id"), participants=Sum("participants"))
    )
    found = {row["field"]: row for row in rows}
    return [
        {
            "field": value,
            "label": label,
            "activities": found.get(value, {}).get("activities", 0),
            "participants": found.get(value, {}).get("participants") or 0,
        }
        for value, label in Field.choices
    ]


def entry_defaults(user, centre: Unit) -> dict:
    """What the next entry most likely shares with the director's last one: today's date and the last
    kind and field of activity. The lecturer, club and place are left empty (issue 17: kept from the
    last entry they were saved with the next event by mistake); the form offers them as suggestions."""
    fields = ("kind", "field")
    mine = Activity.objects.filter(centre=centre, created_by=user).order_by("-created_at", "-id")
    last = mine.values(*fields).first()
    if last is None:
        last = Activity.objects.filter(centre=centre).order_by("-created_at").values(*fields).first()
    day = today()
    defaults = {"start_date": day, "end_date": day, "sessions": 1}
    if last:
        defaults.update(kind=last["kind"], field=last["field"])
    else:
        defaults.update(kind=ActivityKind.TOPIC)
    return defaults


def lecturer_names(centre: Unit) -> list[str]:
    """Names offered while typing the lecturer: the centre's current teachers, lecturers and collaborators."""
    names = (
        CentrePerson.objects.current()
        .filter(centre=centre)
        .exclude(role=PersonRole.DIRECTOR)
        .order_by("full_name")
        .values_list("full_name", flat=True)
    )
    return list(dict.fromkeys(names))


def place_names(centre: Unit) -> list[str]:
    places = (
        Activity.objects.filter(centre=centre)
        .exclude(place="")
        .order_by()
        .values("place")
        .annotate(n=Count("id"))
        .order_by("-n")[:20]
    )
    return [row["place"] for row in places]


def people_of(centre: Unit) -> QuerySet[CentrePerson]:
    return CentrePerson.objects.filter(centre=centre).order_by("role", "until", "full_name", "-since")


def clubs_of(centre: Unit) -> QuerySet[Club]:
    return Club.objects.filter(centre=centre).annotate(
        meeting_count=Count("meetings"), last_meeting=Max("meetings__start_date")
    )


def needs_of(centre: Unit, year: int | None = None) -> QuerySet[LearningNeed]:
    needs = LearningNeed.objects.filter(centre=centre)
    if year is not None:
        needs = needs.filter(school_year=year)
    return needs.order_by("-school_year", "-people", "id")


def needs_by_field(centre: Unit, year: int) -> list[dict]:
    rows = (
        LearningNeed.objects.filter(centre=centre, school_year=year)
        .order_by()
        .values("field")
        .annotate(people=Sum("people"), lines=Count("id"))
        .order_by("-people")
    )
    labels = dict(Field.choices)
    return [{**row, "label": labels.get(row["field"], row["field"])} for row in rows]


def funding_of(centre: Unit, year: int) -> QuerySet[FundingEntry]:
    start, end = school_year_range(year)
    return FundingEntry.objects.filter(centre=centre, date__gte=start, date__lte=end).order_by("-date", "-id")


def funding_summary(centre_ids, start: datetime.date, end: datetime.date) -> dict:
    """Receipts by source and spending by purpose (every line shown, zeros included), with totals."""
    rows = (
        FundingEntry.objects.filter(centre_id__in=centre_ids, date__gte=start, date__lte=end)
        .order_by()
        .values("kind", "source", "purpose")
        .annotate(total=Sum("amount"))
    )
    receipts = defaultdict(Decimal)
    spending = defaultdict(Decimal)
    for row in rows:
        if row["kind"] == FundingKind.RECEIPT:
            receipts[row["source"]] += row["total"]
        else:
            spending[row["purpose"]] += row["total"]
    receipt_lines = [(label, receipts.get(value, Decimal(0))) for value, label in FundingSource.choices]
    spending_lines = [(label, spending.get(value, Decimal(0))) for value, label in SpendingPurpose.choices]
    total_in = sum(receipts.values(), Decimal(0))
    total_out = sum(spending.values(), Decimal(0))
    return {
        "receipts": receipt_lines,
        "spending": spending_lines,
        "total_in": total_in,
        "total_out": total_out,
        "balance": total_in - total_out,
    }


def ranking(centres: QuerySet[Unit], year: int) -> list[SelfAssessment]:
    """Centres ranked by the office's score, then their own; unrated ones after the rated."""
    assessments = list(
        SelfAssessment.objects.filter(centre__in=centres, school_year=year).select_related("centre", "centre__parent")
    )
    assessments.sort(key=lambda a: (a.office_total is None, -(a.office_total or 0), -a.self_total, a.centre.name))
    return assessments


# One centre's records of a year ------------------------------------------------------------------


def self_assessment_of(centre: Unit, year: int) -> SelfAssessment | None:
    return SelfAssessment.objects.filter(centre=centre, school_year=year).select_related("rubric").first()


def assessment_criteria(assessment: SelfAssessment) -> QuerySet[RubricCriterion]:
    """The criteria of the rubric the assessment is scored on, in the rubric's order."""
    return (
        RubricCriterion.objects.filter(group__rubric=assessment.rubric_id)
        .select_related("group")
        .order_by("group__order", "order")
    )


def plan_of(centre: Unit, year: int) -> YearPlan | None:
    return YearPlan.objects.filter(centre=centre, school_year=year).first()


def profile_of(centre: Unit) -> CentreProfile | None:
    return CentreProfile.objects.filter(centre=centre).first()


def centre_as_queryset(centre: Unit) -> QuerySet[Unit]:
    """The one centre as a queryset, for providers that take a set of units."""
    return Unit.objects.filter(pk=centre.pk)
