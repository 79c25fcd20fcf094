"""The points grid: many subjects of one area saved at once."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from rubrics import engine
from rubrics.models import Rubric
from rubrics.selectors import rubric_criteria
from units import audit
from units.calendar import today
from units.grouped_update import grouped_update
from units.models import Unit

from .. import counts
from ..models import Assessment, Registration, Score, Subject
from ..permissions import duty_conflict, duty_refusal
from .assessments import LOCKED, GridError, _check_grid_versions, evaluate, rubric_or_error


@transaction.atomic
def grid_save(
    *,
    actor,
    area: Unit,
    title: str,
    year: int,
    points: dict[int, dict[int, str]] | None = None,
    met: dict[int, set[int]] | None = None,
    check: bool = False,
    expected_versions: dict[int, int] | None = None,
) -> int:
    """Saves a hamlet's grid at once: every row or none (one transaction). `points` maps subject →
    criterion → typed value (points regime); `met` maps subject → checked criteria (levels regime).
    Rows with nothing entered and no assessment yet are skipped. Returns the number of rows saved.
    `expected_versions` maps subject → the assessment version the page showed (0: none yet); when
    any posted row moved since, the whole grid is refused with StaleEdit (views always pass it)."""
    rubric = rubric_or_error(title, year, area)
    criteria = rubric_criteria(rubric)
    by_pk = {c.pk: c for c in criteria}
    entries = points if rubric.regime == Rubric.Regime.POINTS else met
    entries = entries or {}
    # Locking the subjects (not only their assessments) also serialises two first saves of a row.
    subjects = {
        s.pk: s
        for s in Subject.objects.select_for_update().filter(area=area, title=title, pk__in=list(entries)).order_by("pk")
    }
    if set(entries) - set(subjects):
        # Rows of another hamlet, title or office (ids put into the page by hand): nothing is saved.
        raise ValidationError(_("Một số dòng không thuộc bảng chấm này; chưa lưu gì. Hãy tải lại trang rồi nhập lại."))
    assessments = {
        a.subject_id: a for a in Assessment.objects.filter(subject_id__in=list(subjects), year=year).select_for_update()
    }
    if expected_versions is not None:
        _check_grid_versions(area, subjects, assessments, expected_versions)
    existed = set(assessments)
    errors, outcomes = {}, {}
    for sid in subjects:
        assessment = assessments.get(sid)
        if assessment is not None and assessment.status in LOCKED:
            continue
        values = entries.get(sid) or {}
        if rubric.regime == Rubric.Regime.POINTS:
            values = {int(k): v for k, v in values.items() if int(k) in by_pk}
            if assessment is None and not any(str(v).strip() for v in values.values()):
                continue
            outcome = evaluate(rubric, criteria, points=values)
            for cid, message in outcome.errors.items():
                errors[(sid, cid)] = message
        else:
            values = {int(k) for k in values if int(k) in by_pk}
            outcome = evaluate(rubric, criteria, met=values)
            if assessment is None and not values:
                continue
        outcomes[sid] = (values, outcome)
    if errors:
        raise GridError(errors)
    if check:
        # Separation of duties: rows this person handed over for checking, or of their own unit,
        # are not confirmed by them (learning_society.permissions); nothing is saved.
        action = _("xác nhận kiểm tra")
        refused = [
            (subjects[sid].name, reason)
            for sid, (_values, outcome) in outcomes.items()
            if outcome.complete
            and (reason := duty_refusal(actor, assessments.get(sid), action=action, subject=subjects[sid]))
        ]
        if refused:
            raise duty_conflict(refused, action=action)

    now = timezone.now()
    entered_by = actor if getattr(actor, "pk", None) else None
    new = [Assessment(subject_id=sid, year=year, rubric=rubric) for sid in outcomes if sid not in assessments]
    Assessment.objects.bulk_create(new)
    if new:
        assessments.update(
            {a.subject_id: a for a in Assessment.objects.filter(subject_id__in=[a.subject_id for a in new], year=year)}
        )
    existing_scores = {
        (s.assessment_id, s.criterion_id): s
        for s in Score.objects.filter(assessment__in=[assessments[sid] for sid in outcomes])
    }
    to_create, to_update = [], []
    for sid, (values, outcome) in outcomes.items():
        assessment = assessments[sid]
        pending, before = len(to_create) + len(to_update), assessment.status
        for criterion in criteria:
            if rubric.regime == Rubric.Regime.POINTS:
                value = engine.parse_points(values.get(criterion.pk))
                attrs = {"points": value, "met": False}
            else:
                attrs = {"points": None, "met": criterion.pk in values}
            score = existing_scores.get((assessment.pk, criterion.pk))
            if score is None:
                to_create.append(Score(assessment=assessment, criterion=criterion, **attrs))
            elif score.points != attrs["points"] or score.met != attrs["met"]:
                score.points, score.met = attrs["points"], attrs["met"]
                to_update.append(score)
        # A draft scored under an earlier version of the rubric moves to the one in force now.
        assessment.rubric = rubric
        assessment.total, assessment.band, assessment.level = outcome.total, outcome.band, outcome.level
        assessment.passed = outcome.passed
        if sid in existed:
            assessment.version += 1  # as the row will read (grouped_update below)
        if not outcome.complete:
            assessment.status = Assessment.Status.DRAFT
        elif check:
            assessment.status = Assessment.Status.CHECKED
            assessment.checked_by, assessment.checked_at = actor, now
        elif assessment.status != Assessment.Status.CHECKED or len(to_create) + len(to_update) > pending:
            # A change after the check sends the row back to be checked again.
            assessment.status = Assessment.Status.SELF_ASSESSED
        changed = len(to_create) + len(to_update) > pending
        handed_over = assessment.status == Assessment.Status.SELF_ASSESSED and before != assessment.status
        if assessment.status != Assessment.Status.CHECKED and (changed or handed_over):
            assessment.assessed_by = entered_by
    Score.objects.filter(assessment__in=[assessments[sid] for sid in outcomes]).exclude(criterion__in=criteria).delete()
    Score.objects.bulk_create(to_create)
    grouped_update(Score, to_update, ["points", "met"])
    # Saved rows read version + 1 (an assessment page opened before this save must not undo it);
    # rows made by this save keep their first version.
    fields = ["rubric", "total", "band", "level", "passed", "status", "assessed_by", "checked_by", "checked_at"]
    saved = [assessments[sid] for sid in outcomes]
    grouped_update(
        Assessment, [a for a in saved if a.subject_id in existed], fields, version=F("version") + 1, updated_at=now
    )
    grouped_update(Assessment, [a for a in saved if a.subject_id not in existed], fields, updated_at=now)
    # Scoring a subject registers it for the year, so "registered ≥ assessed" always holds.
    registered = set(
        Registration.objects.filter(subject_id__in=list(outcomes), year=year).values_list("subject_id", flat=True)
    )
    Registration.objects.bulk_create(
        [
            Registration(subject_id=sid, year=year, registered_on=today(), registered_by=actor)
            for sid in outcomes
            if sid not in registered
        ]
    )
    counts.refresh(area_ids=[area.pk])
    audit.record(
        actor=actor,
        action="learning_society.grid_save",
        unit=area,
        changes={"year": [None, year], "title": [None, title], "rows": [None, len(outcomes)], "checked": [None, check]},
    )
    return len(outcomes)
