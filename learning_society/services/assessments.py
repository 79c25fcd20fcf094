"""Scoring an assessment against the rubric in force, one subject at a time."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from rubrics import engine
from rubrics.models import Rubric
from rubrics.selectors import rubric_criteria, rubric_in_force
from units import audit
from units.calendar import today
from units.concurrency import StaleEdit, last_saved, saved_by_phrase
from units.models import Unit
from units.text import nfc

from .. import counts
from ..models import Assessment, Registration, Score, Subject, Title
from .subjects import _level1_dates


def rubric_or_error(title: str, year: int, area: Unit | None = None) -> Rubric:
    """The rubric `area` uses (its office's copy, else the national default; rubrics.selectors)."""
    rubric = rubric_in_force(title, area, year)
    if rubric is None:
        raise ValidationError(
            _("Chưa có bộ tiêu chí “%(title)s” áp dụng cho năm %(year)s. Hãy nạp bộ tiêu chí trước.")
            % {"title": Title(title).label, "year": year}
        )
    return rubric


@dataclass
class Outcome:
    total: Decimal | None = None
    band: str = ""
    level: int | None = None
    passed: bool = False
    complete: bool = False
    errors: dict = field(default_factory=dict)


def evaluate(rubric: Rubric, criteria, *, points=None, met=None, evidence=None) -> Outcome:
    """The result of one subject's entries under a rubric (rubrics.engine does the arithmetic)."""
    if rubric.regime == Rubric.Regime.POINTS:
        result = engine.score_points(criteria, points or {}, rubric.bands)
        return Outcome(
            total=result.total,
            band=result.band,
            passed=result.passed,
            complete=result.complete,
            errors=result.errors,
        )
    result = engine.level_reached(criteria, met or set(), evidence or {})
    return Outcome(level=result.level or None, passed=result.level > 0, complete=True)


class GridError(ValidationError):
    """Cells that could not be saved: {(subject_id, criterion_id): message}."""

    def __init__(self, cells: dict):
        self.cells = cells
        super().__init__(_("Có %(n)s ô chưa hợp lệ, chưa lưu gì. Hãy sửa các ô tô đỏ rồi lưu lại.") % {"n": len(cells)})


LOCKED = {Assessment.Status.RECOGNISED}


def _check_grid_versions(area: Unit, subjects: dict, assessments: dict, expected: dict[int, int]) -> None:
    """Refuse the whole grid when a posted row was saved (or first scored) after the page was loaded."""
    moved = [
        sid for sid in subjects if expected.get(sid, -1) != (assessments[sid].version if sid in assessments else 0)
    ]
    if not moved:
        return
    who, at = last_saved(
        [assessments[sid] for sid in moved if sid in assessments],
        extra=Q(action="learning_society.grid_save", unit=area),
    )
    names = sorted(subjects[sid].name for sid in moved)
    listed = ", ".join(names[:5]) + ("…" if len(names) > 5 else "")
    raise StaleEdit(
        _(
            "Bảng chấm vừa được %(who)s lưu lúc %(at)s; trang của bạn đã cũ (%(n)s dòng đã đổi: %(names)s). "
            "Số liệu bạn nhập vẫn còn bên dưới nhưng CHƯA được lưu — hãy xem lại rồi lưu lại."
        )
        % {**saved_by_phrase(who, at), "n": len(moved), "names": listed}
    )


@transaction.atomic
def assessment_save(
    *,
    actor,
    subject: Subject,
    year: int,
    points: dict | None = None,
    met: set | None = None,
    evidence: dict | None = None,
    note: str = "",
    requested_level: int | None = None,
    submit: bool = False,
    on: datetime.date | None = None,
    expected_version: int | None = None,
) -> Assessment:
    """Self-assessment of one subject with evidence. `submit` hands it over for checking.
    `expected_version` is the version the page showed (0: no assessment yet; views always pass it):
    a save from a page older than the last save is refused with StaleEdit."""
    on = on or today()
    rubric = rubric_or_error(subject.title, year, subject.area)
    criteria = rubric_criteria(rubric)
    # Locking the subject serialises two first saves (no assessment row to lock yet).
    Subject.objects.select_for_update().filter(pk=subject.pk).first()
    assessment = Assessment.objects.select_for_update().filter(subject=subject, year=year).first()
    if assessment is not None and assessment.status in LOCKED:
        raise ValidationError(_("Đánh giá này đã được công nhận, không thể sửa."))
    if expected_version is not None and expected_version != (assessment.version if assessment else 0):
        who, at = last_saved([assessment]) if assessment else ("", None)
        raise StaleEdit(
            _(
                "Đánh giá này vừa được %(who)s lưu lúc %(at)s; trang của bạn đã cũ. Số liệu bạn nhập vẫn còn "
                "bên dưới — hãy xem lại rồi lưu lại."
            )
            % saved_by_phrase(who, at),
            current_version=assessment.version if assessment else 0,
        )
    if requested_level == 2:
        message = engine.check_level2_request(
            level1_recognised_on=_level1_dates([subject.pk]).get(subject.pk),
            requested_on=on,
            wait_months=rubric.level2_wait_months,
        )
        if message:
            raise ValidationError({"requested_level": message})
    outcome = evaluate(rubric, criteria, points=points, met=met, evidence=evidence)
    if outcome.errors:
        raise ValidationError({f"c{cid}": msg for cid, msg in outcome.errors.items()})
    if submit and not outcome.complete:
        raise ValidationError(_("Hãy chấm đủ các tiêu chí trước khi gửi kiểm tra."))
    if submit and rubric.regime == Rubric.Regime.LEVELS and not outcome.passed:
        raise ValidationError(_("Chưa đạt mức độ 1: hãy đánh dấu các tiêu chí đạt và ghi minh chứng."))
    created = assessment is None
    if created:
        assessment = Assessment(subject=subject, year=year, rubric=rubric)
    else:
        assessment.version += 1
    assessment.rubric = rubric
    assessment.total, assessment.band, assessment.level = outcome.total, outcome.band, outcome.level
    assessment.passed, assessment.note, assessment.requested_level = outcome.passed, note, requested_level
    assessment.status = Assessment.Status.SELF_ASSESSED if submit else Assessment.Status.DRAFT
    assessment.checked_by = assessment.checked_at = None
    assessment.assessed_by = actor if getattr(actor, "pk", None) else None
    assessment.save()
    assessment.scores.exclude(criterion__in=criteria).delete()  # scores of an earlier rubric version
    existing = {s.criterion_id: s for s in assessment.scores.all()}
    evidence = evidence or {}
    for criterion in criteria:
        score = existing.get(criterion.pk) or Score(assessment=assessment, criterion=criterion)
        score.points = engine.parse_points((points or {}).get(criterion.pk))
        score.met = criterion.pk in (met or set())
        score.evidence = nfc(str(evidence.get(criterion.pk) or "")).strip()
        score.save()
    Registration.objects.get_or_create(
        subject=subject,
        year=year,
        defaults={"registered_on": on, "registered_by": actor, "requested_level": requested_level},
    )
    counts.refresh(area_ids=[subject.area_id])
    audit.record(
        actor=actor,
        action="learning_society.self_assess" if submit else "learning_society.assessment_save",
        obj=assessment,
        unit=subject.area,
        changes={"total": [None, outcome.total], "band": [None, outcome.band], "level": [None, outcome.level]},
    )
    return assessment
