"""Indicator providers: the numbers the TTHTCĐ yearly activity report (due 20 May) and the office's
annual report take from the centres' records, so nobody types them twice.

Every provider answers for any units — a centre, its commune, the office — by summing the centres
in each unit's subtree: two queries whatever the number of units and centres.
"""

import datetime
from decimal import Decimal

from django.db.models import Count, Q, Sum

from reports.providers import register_provider
from units.models import Unit, UnitKind

from .models import (
    Activity,
    ActivityKind,
    CentrePerson,
    Club,
    Field,
    FundingEntry,
    FundingKind,
    FundingSource,
    PersonRole,
    SpendingPurpose,
)

SOURCE = "Sổ hoạt động, thu chi của TTHTCĐ (phân hệ Trung tâm học tập cộng đồng)"


def _centres_under(units):
    q = Q(pk__in=[])
    for path in {u.path for u in units}:
        q |= Q(path__startswith=path)
    return Unit.objects.filter(q, kind=UnitKind.CENTRE)


def _activity_sum(expression, activity_filter: Q | None = None):
    def provider(units, start: datetime.date, end: datetime.date):
        units = list(units.only("id", "path"))
        rows = (
            Activity.objects.filter(centre__in=_centres_under(units), start_date__gte=start, start_date__lte=end)
            .filter(activity_filter or Q())
            .order_by()
            .values("centre_id")
            .annotate(value=expression)
        )
        per_centre = {row["centre_id"]: row["value"] or 0 for row in rows}
        return _roll_up_list(units, per_centre)

    return provider


def _roll_up_list(units: list, per_centre: dict) -> dict:
    if not per_centre:
        return {u.pk: 0 for u in units}
    paths = dict(Unit.objects.filter(pk__in=per_centre.keys()).values_list("pk", "path"))
    return {u.pk: sum(v for cid, v in per_centre.items() if paths[cid].startswith(u.path)) for u in units}


def _funding_sum(funding_filter: Q):
    def provider(units, start: datetime.date, end: datetime.date):
        units = list(units.only("id", "path"))
        rows = (
            FundingEntry.objects.filter(centre__in=_centres_under(units), date__gte=start, date__lte=end)
            .filter(funding_filter)
            .order_by()
            .values("centre_id")
            .annotate(value=Sum("amount"))
        )
        return _roll_up_list(units, {row["centre_id"]: row["value"] or Decimal(0) for row in rows})

    return provider


def _people_count(role_filter: Q):
    def provider(units, start: datetime.date, end: datetime.date):
        units = list(units.only("id", "path"))
        # People in post at the end of the period.
        rows = (
            CentrePerson.objects.filter(centre__in=_centres_under(units), since__lte=end)
            .filter(Q(until__isnull=True) | Q(until__gte=end))
            .filter(role_filter)
            .order_by()
            .values("centre_id")
            .annotate(value=Count("id"))
        )
        return _roll_up_list(units, {row["centre_id"]: row["value"] for row in rows})

    return provider


def _centre_count(units, start, end):
    units = list(units.only("id", "path"))
    centres = (
        _centres_under(units).filter(valid_from__lte=end).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start))
    )
    return _roll_up_list(units, dict.fromkeys(centres.values_list("pk", flat=True), 1))


def _club_count(units, start, end):
    units = list(units.only("id", "path"))
    rows = (
        Club.objects.filter(centre__in=_centres_under(units))
        .filter(Q(founded_on__isnull=True) | Q(founded_on__lte=end))
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=start))
        .order_by()
        .values("centre_id")
        .annotate(value=Count("id"))
    )
    return _roll_up_list(units, {row["centre_id"]: row["value"] for row in rows})


LEARNING = Q(kind__in=[ActivityKind.CLASS, ActivityKind.TOPIC])


def register() -> None:
    add = register_provider
    add("centers.centres", "Số TTHTCĐ", _centre_count, source=SOURCE)
    add("centers.activities", "Tổng số hoạt động", _activity_sum(Count("id")), source=SOURCE)
    add("centers.classes", "Số lớp học", _activity_sum(Count("id"), Q(kind=ActivityKind.CLASS)), source=SOURCE)
    add("centers.topics", "Số chuyên đề", _activity_sum(Count("id"), Q(kind=ActivityKind.TOPIC)), source=SOURCE)
    add("centers.sessions", "Số buổi học, sinh hoạt", _activity_sum(Sum("sessions")), source=SOURCE)
    for value, label in Field.choices:
        add(
            f"centers.activities.{value}",
            f"Lớp học, chuyên đề: {label}",
            _activity_sum(Count("id"), LEARNING & Q(field=value)),
            source=SOURCE,
        )
        add(
            f"centers.participants.{value}",
            f"Lượt người học: {label}",
            _activity_sum(Sum("participants"), LEARNING & Q(field=value)),
            source=SOURCE,
        )
        add(
            f"centers.participants.{value}.women",
            f"Lượt người học là nữ: {label}",
            _activity_sum(Sum("women"), LEARNING & Q(field=value)),
            source=SOURCE,
        )
        add(
            f"centers.participants.{value}.ethnic",
            f"Lượt người học là người dân tộc thiểu số: {label}",
            _activity_sum(Sum("ethnic_minority"), LEARNING & Q(field=value)),
            source=SOURCE,
        )
    for kind, label in ActivityKind.choices:
        add(f"centers.kind.{kind}", f"Số hoạt động: {label}", _activity_sum(Count("id"), Q(kind=kind)), source=SOURCE)
    add("centers.participants", "Lượt người tham gia", _activity_sum(Sum("participants")), source=SOURCE)
    add("centers.participants.women", "Lượt người tham gia là nữ", _activity_sum(Sum("women")), source=SOURCE)
    add(
        "centers.participants.ethnic",
        "Lượt người tham gia là người dân tộc thiểu số",
        _activity_sum(Sum("ethnic_minority")),
        source=SOURCE,
    )
    add("centers.participants.elderly", "Lượt người cao tuổi tham gia", _activity_sum(Sum("elderly")), source=SOURCE)
    add("centers.clubs", "Số câu lạc bộ", _club_count, source=SOURCE)
    add("centers.funding.total", "Tổng thu (đồng)", _funding_sum(Q(kind=FundingKind.RECEIPT)), source=SOURCE)
    for value, label in FundingSource.choices:
        add(
            f"centers.funding.{value}",
            f"Thu: {label} (đồng)",
            _funding_sum(Q(kind=FundingKind.RECEIPT, source=value)),
            source=SOURCE,
        )
    add("centers.spending.total", "Tổng chi (đồng)", _funding_sum(Q(kind=FundingKind.SPENDING)), source=SOURCE)
    for value, label in SpendingPurpose.choices:
        add(
            f"centers.spending.{value}",
            f"Chi: {label} (đồng)",
            _funding_sum(Q(kind=FundingKind.SPENDING, purpose=value)),
            source=SOURCE,
        )
    add(
        "centers.staff.board",
        "Ban giám đốc",
        _people_count(Q(role__in=[PersonRole.DIRECTOR, PersonRole.DEPUTY])),
        source=SOURCE,
    )
    for value, label in PersonRole.choices:
        add(f"centers.staff.{value}", f"Số {label.lower()}", _people_count(Q(role=value)), source=SOURCE)
