"""Subjects of the learning society (families, clans, communities, units) and their registrations."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from reports.providers import get_subject_source
from rubrics import engine
from rubrics.selectors import rubric_in_force
from units import audit
from units.calendar import today
from units.models import Unit, UnitKind
from units.text import nfc

from .. import counts
from ..models import Assessment, Registration, Subject, Title

HOUSEHOLD_SOURCE = "literacy.households"


# --- subjects and registration -----------------------------------------------------------------


def _check_area(title: str, area: Unit) -> None:
    allowed = {
        Title.FAMILY: {UnitKind.HAMLET},
        Title.CLAN: {UnitKind.HAMLET, UnitKind.COMMUNE},
        Title.HAMLET_COMMUNITY: {UnitKind.HAMLET},
        Title.COMMUNE_COMMUNITY: {UnitKind.COMMUNE},
        Title.LEARNING_UNIT: {UnitKind.COMMUNE, UnitKind.SCHOOL, UnitKind.CENTRE, UnitKind.OTHER, UnitKind.OFFICE},
        Title.CITIZEN: {UnitKind.HAMLET, UnitKind.COMMUNE, UnitKind.SCHOOL, UnitKind.CENTRE},
    }[title]
    if area.kind not in allowed:
        raise ValidationError(
            {"area": _("%(title)s không thể thuộc %(area)s.") % {"title": Title(title).label, "area": area.full_name}}
        )


@transaction.atomic
def subject_create(
    *,
    actor,
    area: Unit,
    title: str,
    name: str,
    head_name: str = "",
    members: int | None = None,
    address: str = "",
    unit_type: str = "",
    unit: Unit | None = None,
    source_ref: str = "",
    is_demo: bool = False,
) -> Subject:
    _check_area(title, area)
    subject = Subject(
        area=area,
        title=title,
        name=nfc(name).strip(),
        head_name=nfc(head_name).strip(),
        members=members,
        address=nfc(address).strip(),
        unit_type=unit_type,
        unit=unit,
        source_ref=source_ref,
        is_demo=is_demo,
    )
    subject.full_clean()
    subject.save()
    counts.refresh(area_ids=[area.pk])
    audit.record(actor=actor, action="learning_society.subject_create", obj=subject, unit=area)
    return subject


def households_available(hamlet: Unit) -> bool:
    return hamlet.kind == UnitKind.HAMLET and get_subject_source(HOUSEHOLD_SOURCE) is not None


@transaction.atomic
def families_import_from_register(*, actor, hamlet: Unit) -> int:
    """Creates a family for each household of the hamlet's register not yet listed (literacy module's
    households, offered through reports.providers so neither app imports the other)."""
    source = get_subject_source(HOUSEHOLD_SOURCE)
    if source is None or hamlet.kind != UnitKind.HAMLET:
        raise ValidationError(_("Chưa có sổ điều tra hộ gia đình cho thôn này; hãy nhập danh sách gia đình."))
    known = set(
        Subject.objects.filter(area=hamlet, title=Title.FAMILY)
        .exclude(source_ref="")
        .values_list("source_ref", flat=True)
    )
    rows = [
        Subject(
            area=hamlet,
            title=Title.FAMILY,
            name=nfc(str(h["name"]))[:200],
            head_name=nfc(str(h.get("head") or ""))[:150],
            members=h.get("members"),
            source_ref=str(h["ref"])[:60],
        )
        for h in source(hamlet)
        if str(h["ref"]) not in known
    ]
    Subject.objects.bulk_create(rows)
    counts.refresh(area_ids=[hamlet.pk])
    audit.record(
        actor=actor, action="learning_society.families_import", unit=hamlet, changes={"families": [None, len(rows)]}
    )
    return len(rows)


def _level1_dates(subject_ids) -> dict[int, datetime.date]:
    """The latest level-1 recognition date of each subject (one query)."""
    dates = {}
    for sid, day in (
        Assessment.objects.filter(subject_id__in=subject_ids, status=Assessment.Status.RECOGNISED, level=1)
        .order_by("recognised_on")
        .values_list("subject_id", "recognised_on")
    ):
        dates[sid] = day
    return dates


@transaction.atomic
def registrations_create(
    *,
    actor,
    subjects: list[Subject],
    year: int,
    requested_level: int | None = None,
    on: datetime.date | None = None,
    audit_each: bool = False,
) -> int:
    """Registers subjects for the year; those already registered are left as they are. A level-2
    request is refused before the waiting time after level 1 (Thông tư 25/2023: 12 months).
    `audit_each`: one audit row per subject, naming it (a chosen few), instead of one for the area."""
    on = on or today()
    subjects = list(subjects)
    if requested_level == 2:
        rubric_by_title = {}
        level1 = _level1_dates([s.pk for s in subjects])
        problems = []
        for subject in subjects:
            key = (subject.title, subject.area_id)
            if key not in rubric_by_title:
                rubric_by_title[key] = rubric_in_force(subject.title, subject.area, year)
            rubric = rubric_by_title[key]
            wait = rubric.level2_wait_months if rubric else 12
            message = engine.check_level2_request(
                level1_recognised_on=level1.get(subject.pk), requested_on=on, wait_months=wait
            )
            if message:
                problems.append(f"{subject.name}: {message}")
        if problems:
            raise ValidationError(problems)
    existing = set(Registration.objects.filter(subject__in=subjects, year=year).values_list("subject_id", flat=True))
    rows = [
        Registration(subject=s, year=year, requested_level=requested_level, registered_on=on, registered_by=actor)
        for s in subjects
        if s.pk not in existing
    ]
    Registration.objects.bulk_create(rows)
    counts.refresh(area_ids={s.area_id for s in subjects} if rows else ())
    if audit_each:
        for row in rows:
            audit.record(
                actor=actor,
                action="learning_society.register",
                obj=row.subject,
                unit=row.subject.area,
                changes={"year": [None, year], "subject": [None, row.subject.plain_name]},
            )
    elif rows:
        audit.record(
            actor=actor,
            action="learning_society.register",
            unit=subjects[0].area,
            changes={"year": [None, year], "subjects": [None, len(rows)]},
        )
    return len(rows)


@transaction.atomic
def registrations_create_chosen(
    *, actor, subjects: list[Subject], year: int, requested_level: int | None = None, on: datetime.date | None = None
) -> int:
    """Registers the families (or other subjects) the officer picked, one or a few at a time (issue
    17). Unlike the whole-area registration, a subject already registered for the year is refused by
    name with the day it was registered, and nothing is written; each new registration is audited
    with the subject's name."""
    subjects = list(subjects)
    if not subjects:
        raise ValidationError(_("Hãy chọn ít nhất một đối tượng để đăng ký."))
    already = Registration.objects.filter(subject__in=subjects, year=year).select_related("subject")
    refused = [
        _("%(name)s đã đăng ký năm %(y)s (ngày %(d)s); không đăng ký lại.")
        % {"name": r.subject.plain_name, "y": year, "d": r.registered_on.strftime("%d/%m/%Y")}
        for r in already.order_by("subject__name")
    ]
    if refused:
        raise ValidationError(refused)
    return registrations_create(
        actor=actor, subjects=subjects, year=year, requested_level=requested_level, on=on, audit_each=True
    )


# --- assessment ------------------------------------------------------------------------------
