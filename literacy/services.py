"""Writes to the literacy register. Each is atomic, takes `actor=`, validates with Vietnamese messages
and leaves an audit row (units.audit)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from units import audit, calendar
from units import ethnicity as ethnicity_list
from units.concurrency import check_version
from units.models import Unit, UnitKind
from units.text import fold, nfc

from . import counts, levels, rules
from .models import (
    MIN_BIRTH_YEAR,
    Enrolment,
    Household,
    LiteracyClass,
    LiteracySettings,
    Person,
    PersonStatus,
    SurveyAssignment,
    SurveyRound,
    TermResult,
)
from .selectors import CLASS_UNIT_KINDS

CARRY_BATCH = 2000


def is_minority(ethnicity: str) -> bool:
    """A group's code or name (units.ethnicity); Kinh, blank and unknown are not a minority."""
    return ethnicity_list.is_minority(ethnicity_list.ethnic_group(ethnicity))


def birth_mmdd(birth_date: datetime.date | None) -> int:
    return birth_date.month * 100 + birth_date.day if birth_date else 0


def prepare_person(person: Person) -> Person:
    """Derived columns, kept beside what they derive from (Điều 19 for the level)."""
    person.full_name = nfc(person.full_name)
    # The group's code: a name or other name given by a caller becomes its code, blank is Kinh (the
    # survey form leaves it blank for Kinh), an unknown value stays blank and is not a minority.
    typed = nfc(person.ethnicity)
    person.ethnicity = ethnicity_list.ethnic_group(typed) or ("" if typed else ethnicity_list.KINH)
    if person.ethnicity:
        person.ethnicity_note = ""
    person.relation = nfc(person.relation)
    person.name_folded = fold(person.full_name)[:150]
    if person.birth_date:
        person.birth_year = person.birth_date.year
    person.birth_mmdd = birth_mmdd(person.birth_date)
    person.ethnic_minority = is_minority(person.ethnicity)
    rules.check_exemption(disability=person.disability, exempt=person.exempt)
    person.id_number = (person.id_number or "").strip()
    if message := rules.id_number_error(person.id_number):
        raise ValidationError({"id_number": message})
    person.literacy_level = rules.literacy_level(
        grade=person.grade or 0, stage=person.stage or 0, found_illiterate=person.found_illiterate
    )
    return person


def birth_errors(birth_year: int | None, birth_date: datetime.date | None) -> dict[str, str]:
    """The one birth rule, for the person form (messages next to the field) and the services: a
    date of birth, or a year when only the year is known, from MIN_BIRTH_YEAR to today. The date,
    when given, decides the year."""
    today = calendar.today()
    field, year = ("birth_date", birth_date.year) if birth_date else ("birth_year", birth_year)
    if birth_date and birth_date > today:
        return {"birth_date": _("Ngày sinh ở tương lai.")}
    if year is None:
        return {"birth_year": _("Hãy nhập ngày sinh hoặc năm sinh.")}
    if not MIN_BIRTH_YEAR <= year <= today.year:
        return {field: _("Năm sinh phải từ %(min)d đến %(max)d.") % {"min": MIN_BIRTH_YEAR, "max": today.year}}
    return {}


def check_birth(birth_year: int | None, birth_date: datetime.date | None) -> None:
    if errors := birth_errors(birth_year, birth_date):
        raise ValidationError(errors)


def _check_open(survey_round: SurveyRound) -> None:
    if survey_round.status != SurveyRound.Status.OPEN:
        raise ValidationError(_("Đợt điều tra này đã khóa, không thể sửa số liệu."))


# Settings --------------------------------------------------------------------------------------


@transaction.atomic
def settings_update(
    *, actor, office: Unit, exempt_leave_denominator: bool, age_method: str, recognition_decider: str = ""
) -> LiteracySettings:
    fields = ["exempt_leave_denominator", "age_method", "recognition_decider"]
    conf, _created = LiteracySettings.objects.select_for_update().get_or_create(office=office)
    before = audit.snapshot(conf, fields)
    conf.exempt_leave_denominator = exempt_leave_denominator
    conf.age_method = age_method
    conf.recognition_decider = recognition_decider or ""
    conf.full_clean()
    conf.save()
    changes = audit.diff(conf, fields, before)
    if changes:
        audit.record(actor=actor, action="literacy.settings", obj=conf, unit=office, changes=changes)
    return conf


# Rounds ----------------------------------------------------------------------------------------


@transaction.atomic
def round_create(
    *,
    actor,
    office: Unit,
    year: int,
    number: int,
    reference_date: datetime.date,
    carry_over: bool = True,
    is_demo: bool = False,
) -> SurveyRound:
    """Open a survey round. With `carry_over` the round starts from the previous round's households
    and people (update, not re-enter); those who moved away or died stay behind in the old round."""
    if office.kind != UnitKind.OFFICE:
        raise ValidationError({"office": _("Đợt điều tra do cơ quan quản lý giáo dục mở.")})
    if SurveyRound.objects.filter(office=office, year=year, number=number).exists():
        raise ValidationError({"number": _("Đợt %(n)d năm %(y)d đã có.") % {"n": number, "y": year}})
    previous = (
        SurveyRound.objects.filter(office=office)
        .filter(Q(year__lt=year) | Q(year=year, number__lt=number))
        .order_by("-year", "-number")
        .first()
    )
    survey_round = SurveyRound(
        office=office, year=year, number=number, reference_date=reference_date, previous=previous, is_demo=is_demo
    )
    survey_round.full_clean()
    survey_round.save()
    carried = 0
    if carry_over and previous is not None:
        carried = _carry_over(previous, survey_round)
    audit.record(
        actor=actor,
        action="literacy.round_create",
        obj=survey_round,
        unit=office,
        changes={"carried_persons": ["", carried]},
    )
    return survey_round


@counts.batch()  # the new round's kept counts, once after all its people are copied
def _carry_over(previous: SurveyRound, survey_round: SurveyRound) -> int:
    SurveyAssignment.objects.bulk_create(
        SurveyAssignment(round=survey_round, hamlet_id=a.hamlet_id, unit_id=a.unit_id)
        for a in previous.assignments.all()
    )
    gone = [PersonStatus.MOVED_AWAY, PersonStatus.DECEASED]
    households = list(previous.households.all())
    Household.objects.bulk_create(
        [
            Household(
                round=survey_round,
                commune_id=h.commune_id,
                hamlet_id=h.hamlet_id,
                code=h.code,
                house_number=h.house_number,
                head_name=h.head_name,
                residence=h.residence,
                lineage=h.lineage,
                is_demo=h.is_demo,
            )
            for h in households
        ],
        batch_size=CARRY_BATCH,
    )
    new_ids = dict(survey_round.households.values_list("lineage", "id"))
    old_to_new = {h.pk: new_ids[h.lineage] for h in households}
    fields = [
        "commune_id",
        "lineage",
        "full_name",
        "name_folded",
        "birth_date",
        "birth_year",
        "birth_mmdd",
        "sex",
        "ethnicity",
        "ethnicity_note",
        "ethnic_minority",
        "relation",
        "id_number",
        "grade",
        "stage",
        "found_illiterate",
        "literacy_level",
        "disability",
        "exempt",
        "residence",
        "duplicate_cleared",
        "is_demo",
    ]
    batch, carried = [], 0
    for values in previous.persons.exclude(status__in=gone).values("household_id", *fields).iterator(CARRY_BATCH):
        household_id = old_to_new[values.pop("household_id")]
        batch.append(Person(round=survey_round, household_id=household_id, status=PersonStatus.PRESENT, **values))
        if len(batch) >= CARRY_BATCH:
            Person.objects.bulk_create(batch)
            carried += len(batch)
            batch = []
    Person.objects.bulk_create(batch)
    return carried + len(batch)


@transaction.atomic
def round_set_status(*, actor, survey_round: SurveyRound, status: str) -> SurveyRound:
    before = survey_round.status
    survey_round.status = status
    survey_round.full_clean()
    survey_round.save(update_fields=["status"])
    audit.record(
        actor=actor,
        action="literacy.round_status",
        obj=survey_round,
        unit=survey_round.office,
        changes={"status": [before, status]},
    )
    return survey_round


@transaction.atomic
def assignment_set(*, actor, survey_round: SurveyRound, hamlet: Unit, unit: Unit) -> SurveyAssignment:
    if hamlet.kind != UnitKind.HAMLET or not hamlet.path.startswith(survey_round.office.path):
        raise ValidationError({"hamlet": _("Hãy chọn một thôn, tổ dân phố thuộc phạm vi của đợt điều tra.")})
    if unit.kind not in CLASS_UNIT_KINDS or not unit.path.startswith(survey_round.office.path):
        raise ValidationError({"unit": _("Đơn vị điều tra phải là trường học hoặc trung tâm thuộc phạm vi quản lý.")})
    assignment, created = SurveyAssignment.objects.update_or_create(
        round=survey_round, hamlet=hamlet, defaults={"unit": unit}
    )
    audit.record(
        actor=actor,
        action="literacy.assign",
        obj=assignment,
        unit=hamlet,
        changes={"unit": ["" if created else "?", str(unit)]},
    )
    return assignment


@transaction.atomic
def assignment_delete(*, actor, assignment: SurveyAssignment) -> None:
    audit.record(actor=actor, action="literacy.unassign", obj=assignment, unit=assignment.hamlet)
    assignment.delete()


# Households and persons ------------------------------------------------------------------------

HOUSEHOLD_FIELDS = ["code", "hamlet", "house_number", "head_name", "residence"]
PERSON_FIELDS = [
    "full_name",
    "birth_date",
    "birth_year",
    "sex",
    "ethnicity",
    "relation",
    "id_number",
    "grade",
    "stage",
    "found_illiterate",
    "disability",
    "exempt",
    "residence",
    "status",
]


def _check_code_free(survey_round, commune, code, exclude_pk=None):
    clash = Household.objects.filter(round=survey_round, commune=commune, code=code)
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError({"code": _("Mã hộ %(code)s đã có trong xã ở đợt này.") % {"code": code}})


@transaction.atomic
def household_create(*, actor, survey_round: SurveyRound, hamlet: Unit, **fields) -> Household:
    _check_open(survey_round)
    if hamlet.kind != UnitKind.HAMLET or hamlet.parent_id is None:
        raise ValidationError({"hamlet": _("Hãy chọn thôn, tổ dân phố.")})
    household = Household(round=survey_round, hamlet=hamlet, commune_id=hamlet.parent_id, **fields)
    household.code = nfc(household.code)
    household.head_name = nfc(household.head_name)
    household.house_number = nfc(household.house_number)
    _check_code_free(survey_round, household.commune_id, household.code)
    household.full_clean()
    household.save()
    audit.record(
        actor=actor,
        action="literacy.household_create",
        obj=household,
        unit=hamlet,
        changes=audit.diff(household, HOUSEHOLD_FIELDS, {}),
    )
    return household


@transaction.atomic
def household_update(*, actor, household: Household, expected_version: int | None = None, **fields) -> Household:
    """`expected_version` is the version the edit page showed (views always pass it): a save from a
    page older than the last save is refused with StaleEdit instead of overwriting it."""
    _check_open(household.round)
    household = Household.objects.select_for_update().select_related("round", "hamlet").get(pk=household.pk)
    check_version(
        household,
        expected_version,
        _(
            "Hộ này vừa được %(who)s sửa lúc %(at)s; trang của bạn đã cũ. Số liệu bạn nhập vẫn còn bên dưới — "
            "hãy xem lại rồi lưu lại."
        ),
    )
    before = audit.snapshot(household, HOUSEHOLD_FIELDS)
    for key, value in fields.items():
        setattr(household, key, nfc(value) if isinstance(value, str) and key != "residence" else value)
    if household.hamlet.parent_id != household.commune_id:
        raise ValidationError({"hamlet": _("Chỉ chuyển hộ sang thôn khác trong cùng xã.")})
    _check_code_free(household.round, household.commune_id, household.code, exclude_pk=household.pk)
    household.full_clean()
    household.version += 1
    household.save()
    changes = audit.diff(household, HOUSEHOLD_FIELDS, before)
    if changes:
        Person.objects.filter(household=household).update(commune_id=household.commune_id)
        audit.record(
            actor=actor, action="literacy.household_update", obj=household, unit=household.hamlet, changes=changes
        )
    return household


@transaction.atomic
def person_create(*, actor, household: Household, **fields) -> Person:
    _check_open(household.round)
    person = Person(round_id=household.round_id, household=household, commune_id=household.commune_id, **fields)
    check_birth(person.birth_year if not person.birth_date else person.birth_date.year, person.birth_date)
    prepare_person(person)
    person.full_clean()
    person.save()
    audit.record(
        actor=actor,
        action="literacy.person_create",
        obj=person,
        unit=household.hamlet,
        changes=audit.diff(person, PERSON_FIELDS, {}),
    )
    return person


@transaction.atomic
def person_update(*, actor, person: Person, expected_version: int | None = None, **fields) -> Person:
    """`expected_version`: as for household_update, a save from a stale page is refused (StaleEdit)."""
    person = Person.objects.select_for_update().select_related("household__hamlet", "round").get(pk=person.pk)
    _check_open(person.round)
    check_version(
        person,
        expected_version,
        _(
            "Nhân khẩu này vừa được %(who)s sửa lúc %(at)s; trang của bạn đã cũ. Số liệu bạn nhập vẫn còn bên "
            "dưới — hãy xem lại rồi lưu lại."
        ),
    )
    before = audit.snapshot(person, PERSON_FIELDS)
    for key, value in fields.items():
        setattr(person, key, value)
    check_birth(person.birth_year if not person.birth_date else person.birth_date.year, person.birth_date)
    prepare_person(person)
    # The survey's answers and the classes the person completed (literacy.levels).
    person.literacy_level = levels.level_of(person)
    person.full_clean()
    person.version += 1
    person.save()
    changes = audit.diff(person, PERSON_FIELDS, before)
    if changes:
        audit.record(
            actor=actor, action="literacy.person_update", obj=person, unit=person.household.hamlet, changes=changes
        )
    return person


@transaction.atomic
@counts.batch()
def duplicate_resolve(*, actor, person: Person, action: str) -> None:
    """Resolve a possible duplicate: either the people are different (clear the whole group) or this
    record is a double entry (remove it from the round)."""
    _check_open(person.round)
    group = Person.objects.filter(
        round_id=person.round_id,
        commune_id=person.commune_id,
        name_folded=person.name_folded,
        birth_year=person.birth_year,
    )
    if action == "distinct":
        group.update(duplicate_cleared=True)
        audit.record(actor=actor, action="literacy.duplicate_distinct", obj=person, unit=person.commune)
    elif action == "remove":
        if person.enrolments.exists():
            raise ValidationError(_("Người này đang có tên trong lớp học; hãy giữ bản ghi này và xóa bản ghi còn lại."))
        audit.record(
            actor=actor,
            action="literacy.duplicate_remove",
            obj=person,
            unit=person.commune,
            changes={"full_name": [person.full_name, ""], "birth_year": [person.birth_year, ""]},
        )
        person.delete()
        if group.count() <= 1:
            group.update(duplicate_cleared=True)
    else:
        raise ValidationError(_("Thao tác không hợp lệ."))


# Classes ---------------------------------------------------------------------------------------

CLASS_FIELDS = ["name", "stage", "start_date", "end_date", "teacher", "location"]


def _class_commune(run_by: Unit, commune: Unit | None) -> Unit:
    if run_by.kind in (UnitKind.CENTRE, UnitKind.SCHOOL) and run_by.parent and run_by.parent.kind == UnitKind.COMMUNE:
        return run_by.parent
    if commune is None or commune.kind != UnitKind.COMMUNE:
        raise ValidationError({"commune": _("Hãy chọn xã nơi mở lớp.")})
    return commune


@transaction.atomic
def class_create(*, actor, run_by: Unit, commune: Unit | None = None, is_demo: bool = False, **fields) -> LiteracyClass:
    if run_by.kind not in CLASS_UNIT_KINDS:
        raise ValidationError({"run_by": _("Lớp do trung tâm học tập cộng đồng, trường học hoặc TT GDNN-GDTX mở.")})
    literacy_class = LiteracyClass(run_by=run_by, commune=_class_commune(run_by, commune), is_demo=is_demo, **fields)
    literacy_class.name = nfc(literacy_class.name)
    if literacy_class.end_date and literacy_class.end_date < literacy_class.start_date:
        raise ValidationError({"end_date": _("Ngày kết thúc không thể trước ngày khai giảng.")})
    literacy_class.full_clean()
    literacy_class.save()
    audit.record(
        actor=actor,
        action="literacy.class_create",
        obj=literacy_class,
        unit=run_by,
        changes=audit.diff(literacy_class, CLASS_FIELDS, {}),
    )
    return literacy_class


@transaction.atomic
def class_update(*, actor, literacy_class: LiteracyClass, **fields) -> LiteracyClass:
    before = audit.snapshot(literacy_class, CLASS_FIELDS)
    if "stage" in fields and fields["stage"] != literacy_class.stage and literacy_class.enrolments.exists():
        raise ValidationError({"stage": _("Lớp đã có học viên, không thể đổi giai đoạn.")})
    for key, value in fields.items():
        setattr(literacy_class, key, nfc(value) if key == "name" else value)
    if literacy_class.end_date and literacy_class.end_date < literacy_class.start_date:
        raise ValidationError({"end_date": _("Ngày kết thúc không thể trước ngày khai giảng.")})
    literacy_class.full_clean()
    literacy_class.save()
    changes = audit.diff(literacy_class, CLASS_FIELDS, before)
    if changes:
        audit.record(
            actor=actor, action="literacy.class_update", obj=literacy_class, unit=literacy_class.run_by, changes=changes
        )
    return literacy_class


@transaction.atomic
def enrol(*, actor, literacy_class: LiteracyClass, persons: list[Person]) -> int:
    existing = set(literacy_class.enrolments.values_list("lineage", flat=True))
    new = []
    for person in persons:
        if person.commune_id != literacy_class.commune_id:
            raise ValidationError(_("%(name)s không thuộc xã của lớp.") % {"name": person.full_name})
        if person.lineage not in existing:
            existing.add(person.lineage)
            new.append(Enrolment(literacy_class=literacy_class, person=person, lineage=person.lineage))
    Enrolment.objects.bulk_create(new)
    if new:
        audit.record(
            actor=actor,
            action="literacy.enrol",
            obj=literacy_class,
            unit=literacy_class.run_by,
            changes={"learners": ["", ", ".join(e.person.full_name for e in new)[:500]]},
        )
    return len(new)


@transaction.atomic
def enrolment_remove(*, actor, enrolment: Enrolment) -> None:
    if enrolment.results.exists():
        raise ValidationError(_("Học viên đã có kết quả học tập, không thể xóa khỏi lớp."))
    audit.record(actor=actor, action="literacy.unenrol", obj=enrolment, unit=enrolment.literacy_class.run_by)
    enrolment.delete()


@transaction.atomic
def result_record(*, actor, enrolment: Enrolment, term: int, result: str, comment: str = "") -> TermResult:
    """Record or correct a term's result (Thông tư 10/2022/TT-BGDĐT). A pass at term 3 completes stage 1
    and at term 5 stage 2 (Thông tư 33/2021); the person's level in every round is then recomputed
    from all their records (literacy.levels), so a corrected result also takes a completion back."""
    literacy_class = enrolment.literacy_class
    if term not in literacy_class.terms:
        raise ValidationError({"term": _("Kỳ %(t)d không thuộc giai đoạn của lớp.") % {"t": term}})
    if result not in TermResult.Result.values:
        raise ValidationError({"result": _("Kết quả không hợp lệ.")})
    before = TermResult.objects.filter(enrolment=enrolment, term=term).values_list("result", flat=True).first()
    term_result, _created = TermResult.objects.update_or_create(
        enrolment=enrolment, term=term, defaults={"result": result, "comment": nfc(comment)}
    )
    levels.refresh([enrolment.lineage])
    audit.record(
        actor=actor,
        action="literacy.result",
        obj=enrolment,
        unit=literacy_class.run_by,
        changes={f"term_{term}": [before or "", result]},
    )
    return term_result
