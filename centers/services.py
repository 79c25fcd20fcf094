"""Writes for centres. Each is atomic, takes `actor=` keyword-only, validates with Vietnamese
messages and leaves an audit row (units.audit). Views and forms never write on their own."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rubrics import engine
from rubrics.models import Rubric, RubricCriterion
from rubrics.selectors import rubric_in_force
from units import audit, calendar
from units.concurrency import check_version
from units.models import Unit, UnitKind
from units.text import nfc

from . import learners as learner_list
from .activity_resources import check_resources as _check_resources
from .activity_resources import resource_names as _resource_names
from .files import check_evidence
from .models import (
    Activity,
    AssessmentScore,
    AssessmentStatus,
    CentrePerson,
    CentreProfile,
    Club,
    Evidence,
    FundingEntry,
    FundingKind,
    Learner,
    LearningNeed,
    SelfAssessment,
    YearPlan,
    school_year_label,
    school_year_of,
)
from .permissions import check_rate
from .rubric_kinds import RUBRIC_SUBJECT

PROFILE_FIELDS = [
    "decision_number",
    "decision_date",
    "decision_issuer",
    "address",
    "has_seal",
    "bank_account",
    "bank_name",
    "rooms",
    "computers",
    "books",
    "facilities",
    "equipment",
    "funding_region",
]
ACTIVITY_FIELDS = [
    "kind",
    "field",
    "title",
    "start_date",
    "end_date",
    "sessions",
    "place",
    "lecturer",
    "club",
    "participants",
    "women",
    "ethnic_minority",
    "elderly",
    "notes",
]


def _require_centre(centre: Unit) -> None:
    if centre.kind != UnitKind.CENTRE:
        raise ValidationError(_("Đơn vị này không phải trung tâm học tập cộng đồng."))


def _clean_text(fields: dict, names) -> None:
    for name in names:
        if isinstance(fields.get(name), str):
            fields[name] = nfc(fields[name])


# Profile and people ---------------------------------------------------------------------------


@transaction.atomic
def profile_update(*, actor, centre: Unit, **fields) -> CentreProfile:
    _require_centre(centre)
    profile, _created = CentreProfile.objects.select_for_update().get_or_create(centre=centre)
    before = audit.snapshot(profile, PROFILE_FIELDS)
    _clean_text(fields, ["decision_number", "decision_issuer", "address", "bank_name", "facilities", "equipment"])
    for key, value in fields.items():
        setattr(profile, key, value)
    profile.updated_by = actor if getattr(actor, "pk", None) else None
    profile.full_clean()
    profile.save()
    changes = audit.diff(profile, PROFILE_FIELDS, before)
    if changes:
        audit.record(actor=actor, action="centre.profile_update", obj=profile, unit=centre, changes=changes)
    return profile


@transaction.atomic
def person_add(*, actor, centre: Unit, **fields) -> CentrePerson:
    """A new dated row. Replacing someone is: end the old row (person_end), add the new one."""
    _require_centre(centre)
    _clean_text(fields, ["full_name", "origin_detail", "position", "phone"])
    person = CentrePerson(centre=centre, **fields)
    person.full_clean()
    person.save()
    audit.record(
        actor=actor,
        action="centre.person_add",
        obj=person,
        unit=centre,
        changes={"role": [None, person.role], "since": [None, person.since]},
    )
    return person


@transaction.atomic
def person_end(*, actor, person: CentrePerson, until: datetime.date, reason: str = "") -> CentrePerson:
    person = CentrePerson.objects.select_for_update().get(pk=person.pk)
    if person.until is not None:
        raise ValidationError(_("Người này đã thôi từ ngày %(d)s.") % {"d": person.until.strftime("%d/%m/%Y")})
    if until < person.since:
        raise ValidationError(
            {"until": _("Ngày thôi không thể trước ngày bắt đầu (%(d)s).") % {"d": person.since.strftime("%d/%m/%Y")}}
        )
    person.until = until
    person.end_reason = nfc(reason)
    person.full_clean()
    person.save()
    audit.record(
        actor=actor, action="centre.person_end", obj=person, unit=person.centre, changes={"until": [None, until]}
    )
    return person


# Activities -----------------------------------------------------------------------------------


def _check_activity(activity: Activity) -> None:
    errors = {}
    if activity.start_date and activity.end_date and activity.end_date < activity.start_date:
        errors["end_date"] = _("Ngày kết thúc không thể trước ngày bắt đầu.")
    if activity.start_date and activity.start_date > calendar.today():
        # A future activity would be counted in this year's report before it happened.
        errors["start_date"] = _(
            "Ngày bắt đầu %(day)s ở tương lai: chỉ ghi hoạt động đã diễn ra (hôm nay là %(today)s)."
        ) % {"day": activity.start_date.strftime("%d/%m/%Y"), "today": calendar.today().strftime("%d/%m/%Y")}
    for name, label in (
        ("women", _("nữ")),
        ("ethnic_minority", _("người dân tộc thiểu số")),
        ("elderly", _("người cao tuổi")),
    ):
        if (getattr(activity, name) or 0) > (activity.participants or 0):
            errors[name] = _("Số %(what)s không thể lớn hơn tổng số người tham gia (%(n)d).") % {
                "what": label,
                "n": activity.participants or 0,
            }
    if activity.club_id and activity.club.centre_id != activity.centre_id:
        errors["club"] = _("Câu lạc bộ này không thuộc trung tâm.")
    if errors:
        raise ValidationError(errors)


def _apply_learners(activity: Activity, learners_text: str | None) -> None:
    """When a learner list is given, it is the truth: counts come from it."""
    if learners_text is None:
        return
    year = activity.start_date.year
    lines = learner_list.parse(learners_text, year=year)
    activity.has_learner_list = bool(lines)
    if lines:
        for key, value in learner_list.counts(lines, year=year).items():
            setattr(activity, key, value)
    activity._learner_lines = lines


def _save_learners(activity: Activity) -> None:
    lines = getattr(activity, "_learner_lines", None)
    if lines is None:
        return
    activity.learners.all().delete()
    Learner.objects.bulk_create(
        [
            Learner(
                activity=activity,
                order=i,
                full_name=p.full_name,
                is_woman=p.is_woman,
                birth_year=p.birth_year,
                ethnicity=p.ethnicity,
                is_ethnic_minority=p.is_ethnic_minority,
            )
            for i, p in enumerate(lines)
        ]
    )


@transaction.atomic
def activity_create(*, actor, centre: Unit, learners: str | None = None, resources=None, **fields) -> Activity:
    _require_centre(centre)
    _clean_text(fields, ["title", "place", "lecturer", "notes"])
    activity = Activity(centre=centre, created_by=actor if getattr(actor, "pk", None) else None, **fields)
    _apply_learners(activity, learners)
    _check_activity(activity)
    chosen = _check_resources(activity, resources)
    activity.full_clean()
    activity.save()
    _save_learners(activity)
    changes = audit.diff(activity, ACTIVITY_FIELDS, {})
    if chosen:
        activity.resources.set(chosen)
        changes["resources"] = ("", _resource_names(chosen))
    audit.record(actor=actor, action="centre.activity_create", obj=activity, unit=centre, changes=changes)
    return activity


@transaction.atomic
def activity_update(*, actor, activity: Activity, learners: str | None = None, resources=None, **fields) -> Activity:
    """`resources`: the resources used, replacing the old ones; None leaves them as they are."""
    activity = Activity.objects.select_for_update().select_related("centre").get(pk=activity.pk)
    before = audit.snapshot(activity, ACTIVITY_FIELDS)
    _clean_text(fields, ["title", "place", "lecturer", "notes"])
    for key, value in fields.items():
        setattr(activity, key, value)
    _apply_learners(activity, learners)
    _check_activity(activity)
    chosen = _check_resources(activity, resources)
    activity.full_clean()
    activity.save()
    _save_learners(activity)
    changes = audit.diff(activity, ACTIVITY_FIELDS, before)
    if chosen is not None:
        old = list(activity.resources.all())
        if {r.pk for r in old} != {r.pk for r in chosen}:
            activity.resources.set(chosen)
            changes["resources"] = (_resource_names(old), _resource_names(chosen))
    if changes:
        audit.record(actor=actor, action="centre.activity_update", obj=activity, unit=activity.centre, changes=changes)
    return activity


@transaction.atomic
def activity_delete(*, actor, activity: Activity) -> None:
    audit.record(actor=actor, action="centre.activity_delete", obj=activity, unit=activity.centre)
    activity.delete()


# Clubs, needs, money --------------------------------------------------------------------------


@transaction.atomic
def club_create(*, actor, centre: Unit, **fields) -> Club:
    _require_centre(centre)
    _clean_text(fields, ["name", "leader"])
    club = Club(centre=centre, **fields)
    club.full_clean()
    club.save()
    audit.record(actor=actor, action="centre.club_create", obj=club, unit=centre)
    return club


CLUB_FIELDS = ["name", "field", "is_reading_club", "founded_on", "leader", "members", "closed_on"]


@transaction.atomic
def club_update(*, actor, club: Club, **fields) -> Club:
    """Edit a club; closing it is setting `closed_on` (its meetings stay in the records)."""
    club = Club.objects.select_for_update().select_related("centre").get(pk=club.pk)
    before = audit.snapshot(club, CLUB_FIELDS)
    _clean_text(fields, ["name", "leader"])
    for key, value in fields.items():
        setattr(club, key, value)
    if club.closed_on and club.founded_on and club.closed_on < club.founded_on:
        raise ValidationError({"closed_on": _("Ngày ngừng hoạt động không thể trước ngày thành lập.")})
    club.full_clean()
    club.save()
    changes = audit.diff(club, CLUB_FIELDS, before)
    if changes:
        audit.record(actor=actor, action="centre.club_update", obj=club, unit=club.centre, changes=changes)
    return club


@transaction.atomic
def need_create(*, actor, centre: Unit, **fields) -> LearningNeed:
    _require_centre(centre)
    _clean_text(fields, ["topic", "notes"])
    need = LearningNeed(centre=centre, **fields)
    if need.surveyed_on and not need.school_year:
        need.school_year = school_year_of(need.surveyed_on)
    need.full_clean()
    need.save()
    audit.record(actor=actor, action="centre.need_create", obj=need, unit=centre)
    return need


@transaction.atomic
def need_delete(*, actor, need: LearningNeed) -> None:
    audit.record(actor=actor, action="centre.need_delete", obj=need, unit=need.centre)
    need.delete()


@transaction.atomic
def funding_create(*, actor, centre: Unit, **fields) -> FundingEntry:
    _require_centre(centre)
    _clean_text(fields, ["description", "voucher"])
    entry = FundingEntry(centre=centre, created_by=actor if getattr(actor, "pk", None) else None, **fields)
    errors = {}
    if entry.amount is not None and entry.amount <= 0:
        errors["amount"] = _("Số tiền phải lớn hơn 0 đồng.")
    if entry.kind == FundingKind.RECEIPT:
        entry.purpose = ""
        if not entry.source:
            errors["source"] = _("Hãy chọn nguồn thu.")
    else:
        entry.source = ""
        if not entry.purpose:
            errors["purpose"] = _("Hãy chọn nội dung chi.")
    if errors:
        raise ValidationError(errors)
    entry.full_clean()
    entry.save()
    audit.record(
        actor=actor, action="centre.funding_create", obj=entry, unit=centre, changes={"amount": [None, entry.amount]}
    )
    return entry


@transaction.atomic
def funding_delete(*, actor, entry: FundingEntry) -> None:
    audit.record(
        actor=actor,
        action="centre.funding_delete",
        obj=entry,
        unit=entry.centre,
        changes={"amount": [entry.amount, None]},
    )
    entry.delete()


PLAN_FIELDS = ["goals", "content", "planned_classes", "planned_topics", "planned_participants", "planned_budget"]


@transaction.atomic
def plan_save(*, actor, centre: Unit, school_year: int, **fields) -> YearPlan:
    _require_centre(centre)
    plan, _created = YearPlan.objects.select_for_update().get_or_create(centre=centre, school_year=school_year)
    before = audit.snapshot(plan, PLAN_FIELDS)
    _clean_text(fields, ["goals", "content"])
    for key, value in fields.items():
        setattr(plan, key, value)
    if plan.planned_budget is not None and plan.planned_budget < 0:
        raise ValidationError({"planned_budget": _("Kinh phí không thể âm.")})
    plan.updated_by = actor if getattr(actor, "pk", None) else None
    plan.full_clean()
    plan.save()
    changes = audit.diff(plan, PLAN_FIELDS, before)
    if changes:
        audit.record(actor=actor, action="centre.plan_save", obj=plan, unit=centre, changes=changes)
    return plan


# Self-assessment (Công văn 2553/BGDĐT-GDTX) ---------------------------------------------------


def rubric_for_year(year: int, centre: Unit | None = None) -> Rubric | None:
    """The centre rubric in force for the school year starting in `year`: the copy of the centre's
    office (or the nearest office above it), else the national default (rubrics.selectors)."""
    return rubric_in_force(RUBRIC_SUBJECT, centre, year)


def _criteria(rubric: Rubric) -> dict[int, RubricCriterion]:
    return {c.pk: c for c in RubricCriterion.objects.filter(group__rubric=rubric).select_related("group")}


def _score(rubric: Rubric, criteria: dict[int, RubricCriterion], points: dict) -> engine.PointsResult:
    """Total and rating of Công văn 2553's points through the rubric engine, the one scoring code of
    the portal (the learning society's titles use it too): points below zero or above a criterion's
    maximum are refused, and while a criterion is unscored there is a total but no rating — a
    rating is never given from a partial total (issue 14, item 13)."""
    result = engine.score_points(criteria.values(), points, rubric.bands or [])
    if result.errors:
        raise ValidationError(result.messages)
    return result


@transaction.atomic
def assessment_start(*, actor, centre: Unit, school_year: int) -> SelfAssessment:
    _require_centre(centre)
    existing = SelfAssessment.objects.filter(centre=centre, school_year=school_year).first()
    if existing:
        return existing
    rubric = rubric_for_year(school_year, centre)
    if rubric is None:
        raise ValidationError(
            _("Chưa có bộ tiêu chí đánh giá TTHTCĐ cho năm học %(y)s. Đề nghị Phòng GD&ĐT nạp bộ tiêu chí.")
            % {"y": school_year_label(school_year)}
        )
    assessment = SelfAssessment.objects.create(centre=centre, school_year=school_year, rubric=rubric)
    AssessmentScore.objects.bulk_create(
        [AssessmentScore(assessment=assessment, criterion=c) for c in _criteria(rubric).values()]
    )
    audit.record(actor=actor, action="centre.assessment_start", obj=assessment, unit=centre)
    return assessment


def _stale_message() -> str:
    return _(
        "Bản tự đánh giá vừa được %(who)s lưu lúc %(at)s; trang của bạn đã cũ. Số liệu bạn nhập vẫn còn "
        "bên dưới — hãy xem lại rồi lưu lại."
    )


@transaction.atomic
def assessment_save_scores(
    *, actor, assessment: SelfAssessment, scores: dict, expected_version: int | None = None
) -> SelfAssessment:
    """`scores` is {criterion_id: (points or None, note)}. Only a draft may change. `expected_version`
    is the version the page showed (views always pass it): a save from a stale page is refused."""
    assessment = SelfAssessment.objects.select_for_update().select_related("rubric", "centre").get(pk=assessment.pk)
    if assessment.status != AssessmentStatus.DRAFT:
        raise ValidationError(_("Bản tự đánh giá đã gửi Phòng, không sửa được nữa."))
    check_version(assessment, expected_version, _stale_message())
    criteria = _criteria(assessment.rubric)
    rows = {s.criterion_id: s for s in assessment.scores.all()}
    points = {cid: row.self_points for cid, row in rows.items()}
    points.update({cid: value for cid, (value, _note) in scores.items() if cid in criteria})
    result = _score(assessment.rubric, criteria, points)
    changed = []
    for cid, (points, note) in scores.items():
        if cid not in criteria:
            continue
        row = rows.get(cid) or AssessmentScore(assessment=assessment, criterion_id=cid)
        row.self_points, row.note = points, nfc(note or "")[:255]
        if row.pk:
            changed.append(row)
        else:
            row.save()
    AssessmentScore.objects.bulk_update(changed, ["self_points", "note"])
    total = result.total.quantize(Decimal("0.01"))
    assessment.self_total = total
    assessment.self_rating = result.band  # empty while a criterion is unscored
    assessment.version += 1
    assessment.save(update_fields=["self_total", "self_rating", "version"])
    audit.record(
        actor=actor,
        action="centre.assessment_score",
        obj=assessment,
        unit=assessment.centre,
        changes={"self_total": [None, total]},
    )
    return assessment


@transaction.atomic
def assessment_submit(*, actor, assessment: SelfAssessment) -> SelfAssessment:
    assessment = SelfAssessment.objects.select_for_update().select_related("centre").get(pk=assessment.pk)
    if assessment.status != AssessmentStatus.DRAFT:
        raise ValidationError(_("Bản tự đánh giá đã được gửi."))
    missing = (
        assessment.scores.filter(self_points__isnull=True)
        .select_related("criterion")
        .order_by("criterion__group__order", "criterion__order")
    )
    codes = [s.criterion.code for s in missing]
    if codes:
        raise ValidationError(_("Còn tiêu chí chưa chấm điểm: %(codes)s.") % {"codes": ", ".join(codes)})
    assessment.status = AssessmentStatus.SUBMITTED
    assessment.submitted_at = timezone.now()
    assessment.submitted_by = actor if getattr(actor, "pk", None) else None
    assessment.version += 1
    assessment.save(update_fields=["status", "submitted_at", "submitted_by", "version"])
    audit.record(
        actor=actor,
        action="centre.assessment_submit",
        obj=assessment,
        unit=assessment.centre,
        changes={"status": [AssessmentStatus.DRAFT, AssessmentStatus.SUBMITTED]},
    )
    return assessment


@transaction.atomic
def assessment_return(*, actor, assessment: SelfAssessment, comment: str = "") -> SelfAssessment:
    """The office sends a submitted self-assessment back to the centre to complete."""
    assessment = SelfAssessment.objects.select_for_update().select_related("centre").get(pk=assessment.pk)
    if assessment.status != AssessmentStatus.SUBMITTED:
        raise ValidationError(_("Chỉ trả lại được bản đã gửi mà chưa xếp loại."))
    check_rate(actor, assessment, action=_("trả lại"))
    assessment.status = AssessmentStatus.DRAFT
    assessment.office_comment = nfc(comment)
    assessment.version += 1
    assessment.save(update_fields=["status", "office_comment", "version"])
    audit.record(
        actor=actor,
        action="centre.assessment_return",
        obj=assessment,
        unit=assessment.centre,
        changes={"status": [AssessmentStatus.SUBMITTED, AssessmentStatus.DRAFT]},
    )
    return assessment


@transaction.atomic
def assessment_rate(
    *, actor, assessment: SelfAssessment, scores: dict, comment: str = "", expected_version: int | None = None
) -> SelfAssessment:
    """The office's score per criterion ({criterion_id: points}); the rating follows the rubric's bands.
    `expected_version`: as for assessment_save_scores, two officers rating at once do not overwrite."""
    assessment = SelfAssessment.objects.select_for_update().select_related("rubric", "centre").get(pk=assessment.pk)
    if assessment.status == AssessmentStatus.DRAFT:
        raise ValidationError(_("Trung tâm chưa gửi bản tự đánh giá, chưa thể xếp loại."))
    check_rate(actor, assessment, action=_("chấm, xếp loại"))
    check_version(assessment, expected_version, _stale_message())
    criteria = _criteria(assessment.rubric)
    errors = [
        _("Tiêu chí %(c)s: hãy nhập điểm.") % {"c": criteria[cid].code}
        for cid, points in scores.items()
        if cid in criteria and points is None
    ]
    missing = [c.code for cid, c in criteria.items() if cid not in scores]
    if missing:
        errors.append(_("Còn tiêu chí chưa chấm: %(codes)s.") % {"codes": ", ".join(missing)})
    if errors:
        raise ValidationError(errors)
    result = _score(assessment.rubric, criteria, {cid: scores[cid] for cid in criteria})
    rows = list(assessment.scores.all())
    for row in rows:
        row.office_points = scores.get(row.criterion_id)
    AssessmentScore.objects.bulk_update(rows, ["office_points"])
    before = assessment.office_total
    assessment.office_total = result.total.quantize(Decimal("0.01"))
    assessment.office_rating = result.band
    assessment.office_comment = nfc(comment)
    assessment.status = AssessmentStatus.RATED
    assessment.rated_at = timezone.now()
    assessment.rated_by = actor if getattr(actor, "pk", None) else None
    assessment.version += 1
    assessment.save()
    audit.record(
        actor=actor,
        action="centre.assessment_rate",
        obj=assessment,
        unit=assessment.centre,
        changes={"office_total": [before, assessment.office_total], "office_rating": [None, assessment.office_rating]},
    )
    return assessment


@transaction.atomic
def evidence_add(
    *, actor, assessment: SelfAssessment, file, criterion: RubricCriterion | None = None, description: str = ""
) -> Evidence:
    if assessment.status != AssessmentStatus.DRAFT:
        raise ValidationError(_("Bản tự đánh giá đã gửi Phòng, không thêm minh chứng được nữa."))
    content_type = check_evidence(file)
    if criterion is not None and criterion.group.rubric_id != assessment.rubric_id:
        raise ValidationError({"criterion": _("Tiêu chí không thuộc bộ tiêu chí của bản đánh giá này.")})
    evidence = Evidence(
        assessment=assessment,
        criterion=criterion,
        file=file,
        original_name=nfc(file.name)[:255],
        content_type=content_type,
        size=file.size,
        description=nfc(description),
        uploaded_by=actor if getattr(actor, "pk", None) else None,
    )
    evidence.save()
    audit.record(actor=actor, action="centre.evidence_add", obj=evidence, unit=assessment.centre)
    return evidence


@transaction.atomic
def evidence_delete(*, actor, evidence: Evidence) -> None:
    if evidence.assessment.status != AssessmentStatus.DRAFT:
        raise ValidationError(_("Bản tự đánh giá đã gửi Phòng, không xóa minh chứng được."))
    audit.record(actor=actor, action="centre.evidence_delete", obj=evidence, unit=evidence.assessment.centre)
    stored = evidence.file
    evidence.delete()
    # The file goes only after the row is gone for good.
    transaction.on_commit(lambda: stored.storage.delete(stored.name))
