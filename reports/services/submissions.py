"""The submission workflow: save a draft (optimistic lock on `Submission.version`, value history),
check what blocks submitting, submit, then the office returns, approves (one or many) or unlocks.
Each write is atomic, takes `actor` and leaves an audit row."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from units import audit
from units.calendar import today
from units.text import nfc

from ..formspec import FormSpec, load_form_spec
from ..models import (
    CellType,
    DataValue,
    Submission,
    ValueChange,
)
from ..permissions import can_review, check_review, review_refusal, submission_preparers, submit_refusal
from .notifications import notify, submission_link, tell_reviewers, unit_people
from .prefill import StaleFigures, stale_figures
from .values import (
    CellErrors,
    VersionConflict,
    _check_can_edit,
    _storable,
    current_values,
    display_value,
    parse_value,
    values_by_key,
)


@transaction.atomic
def submission_save(
    *,
    actor,
    submission: Submission,
    raw_values: dict[str, str],
    expected_version: int,
    comment: str | None = None,
    provider_sources: dict[str, str] | None = None,
) -> Submission:
    """Save typed values as a draft. A save from a page older than the last save is refused (and the
    view re-displays what the person typed); values that are not valid are refused all together.
    `provider_sources` ({key: source}) marks values that are the portal's figure (the unit took the
    provider's new number): they stay pre-filled and their history says "Cập nhật từ: <source>"."""
    provider_sources = provider_sources or {}
    submission = (
        Submission.objects.select_for_update().select_related("period", "period__form", "unit").get(pk=submission.pk)
    )
    _check_can_edit(submission)
    if submission.version != expected_version:
        raise VersionConflict(
            _(
                "Báo cáo vừa được người khác lưu (lần lưu thứ %(n)s) sau khi bạn mở trang. Số liệu bạn nhập "
                "vẫn còn trên màn hình nhưng CHƯA được lưu: hãy so với bản mới nhất rồi lưu lại."
            )
            % {"n": submission.version}
        )
    spec = load_form_spec(submission.period.form)
    stored = current_values(submission)
    errors, parsed = {}, {}
    for key, cell in spec.cells.items():
        if not cell.is_typed or key not in raw_values:
            continue
        try:
            parsed[key] = parse_value(cell, raw_values[key])
        except ValueError as exc:
            errors[key] = str(exc)
    if errors:
        raise CellErrors(errors=errors)
    now_values = values_by_key(spec, stored)
    for key, (number, text) in parsed.items():
        now_values[key] = number if (spec.cells[key].is_numeric or spec.cells[key].type == CellType.YES_NO) else text
    spec.compute(now_values)
    creates, updates, changes = [], [], []
    user = actor if getattr(actor, "pk", None) else None
    for key, cell in spec.cells.items():
        if key in parsed:
            number, text = parsed[key]
        elif cell.type == CellType.COMPUTED:
            number, text = now_values.get(key), ""
        else:
            continue
        if number is not None and cell.type == CellType.COMPUTED:
            number = _storable(number)
        dv = stored.get(cell.pk)
        old_display = display_value(dv.number, dv.text) if dv else ""
        new_display = display_value(number, text)
        source = provider_sources.get(key, "")
        note = (_("Cập nhật từ: %(source)s") % {"source": source}) if source else ""
        if dv is None:
            if number is None and not text:
                continue
            creates.append(
                DataValue(
                    submission=submission,
                    cell=cell,
                    number=number,
                    text=text,
                    from_provider=bool(source),
                    source=source,
                )
            )
        elif dv.number != number or dv.text != text:
            if dv.from_provider and not source:
                note = _("Sửa số liệu lấy từ: %(source)s") % {"source": dv.source}
            dv.number, dv.text, dv.from_provider, dv.source = number, text, bool(source), source
            updates.append(dv)
        else:
            continue
        if cell.type != CellType.COMPUTED and old_display != new_display:
            changes.append(
                ValueChange(
                    submission=submission,
                    cell=cell,
                    old_value=old_display[:255],
                    new_value=new_display[:255],
                    changed_by=user,
                    note=note[:255],
                )
            )
    DataValue.objects.bulk_create(creates)
    DataValue.objects.bulk_update(updates, ["number", "text", "from_provider", "source"])
    ValueChange.objects.bulk_create(changes)
    submission.version += 1
    if comment is not None:
        submission.comment = nfc(comment)
    submission.save(update_fields=["version", "comment", "updated_at"])
    audit.record(
        actor=actor,
        action="submission.save",
        obj=submission,
        unit=submission.unit,
        changes={"values": [None, len(changes)]},
    )
    return submission


def submission_problems(submission: Submission, spec: FormSpec | None = None) -> CellErrors:
    """What stands between a submission and "submitted": missing required cells and failed rules."""
    spec = spec or load_form_spec(submission.period.form)
    values = spec.compute(values_by_key(spec, current_values(submission)))
    problems = CellErrors()
    for key, cell in spec.cells.items():
        if cell.required and (values.get(key) is None or values.get(key) == ""):
            problems.errors[key] = _("Ô bắt buộc, chưa nhập.")
    for result in spec.check_rules(values):
        target = problems.errors if result.is_error else problems.warnings
        for key in sorted(result.keys):
            if spec.cells[key].type != CellType.COMPUTED or len(result.keys) == 1:
                target.setdefault(key, result.rule.message)
        (problems.general if result.is_error else []).append(result.rule.message)
    return problems


@transaction.atomic
def submission_submit(
    *,
    actor,
    submission: Submission,
    expected_version: int,
    comment: str | None = None,
    stale_confirmed: bool = False,
):
    """Submit for review. A pre-filled cell whose source changed since it was filled stops the submit
    with `StaleFigures` (the list, old → new) until the person confirms (`stale_confirmed`) or takes
    the new figures. Only the unit's head (or the staff member they named) sends: anyone else is
    refused (PermissionDenied, the 403 page) whatever page they posted from."""
    submission = (
        Submission.objects.select_for_update().select_related("period", "period__form", "unit").get(pk=submission.pk)
    )
    if refusal := submit_refusal(actor, submission):
        raise PermissionDenied(refusal)
    _check_can_edit(submission)
    if submission.version != expected_version:
        raise VersionConflict(_("Báo cáo vừa được người khác lưu sau khi bạn mở trang; hãy tải lại trang rồi nộp."))
    if comment is not None:
        submission.comment = nfc(comment)
    spec = load_form_spec(submission.period.form)
    problems = submission_problems(submission, spec)
    if problems.warnings and not submission.comment.strip():
        problems.general.append(
            _("Có cảnh báo cần giải trình: hãy viết giải trình trong ô “Giải trình” trước khi nộp.")
        )
    if problems.errors or problems.general:
        raise problems
    if not stale_confirmed and (stale := stale_figures(submission, spec)):
        raise StaleFigures(stale)
    now = timezone.now()
    submission.status = Submission.Status.SUBMITTED
    submission.submitted_at = now
    submission.first_submitted_at = submission.first_submitted_at or now
    submission.submitted_by = actor if getattr(actor, "pk", None) else None
    submission.version += 1
    submission.save()
    audit.record(actor=actor, action="submission.submit", obj=submission, unit=submission.unit)
    tell_reviewers(submission)
    return submission


@transaction.atomic
def submission_return(
    *, actor, submission: Submission, reason: str, resubmit_due: datetime.date | None = None
) -> Submission:
    """Return a report for correction with the day it must come back by (`resubmit_due`, by default
    RESUBMIT_DAYS from today): the unit is late only past that day, whatever the period's due date."""
    reason = nfc(reason)
    if not reason:
        raise ValidationError({"reason": _("Hãy ghi lý do trả lại để đơn vị biết cần sửa gì.")})
    resubmit_due = resubmit_due or default_resubmit_due()
    if resubmit_due < today():
        raise ValidationError({"resubmit_due": _("Hạn nộp lại không thể trước hôm nay.")})
    submission = Submission.objects.select_for_update().select_related("period", "unit").get(pk=submission.pk)
    if submission.status != Submission.Status.SUBMITTED:
        raise ValidationError(_("Chỉ trả lại được báo cáo đang chờ duyệt."))
    check_review(actor, submission, action=_("trả lại"))
    before_due = submission.resubmit_due
    submission.resubmit_due = resubmit_due
    _review(actor, submission, Submission.Status.RETURNED, reason)
    due_text = resubmit_due.strftime("%d/%m/%Y")
    audit.record(
        actor=actor,
        action="submission.return",
        obj=submission,
        unit=submission.unit,
        changes={
            "reason": [None, reason],
            "resubmit_due": [before_due.strftime("%d/%m/%Y") if before_due else None, due_text],
        },
    )
    notify(
        unit_people([submission.unit_id]),
        subject=_("Báo cáo bị trả lại"),
        text_for=lambda _u: (
            _("Báo cáo “%(p)s” bị trả lại: %(r)s. Hạn nộp lại: %(d)s.")
            % {"p": submission.period.label, "r": reason, "d": due_text}
        ),
        link_for=lambda _u: submission_link(submission),
    )
    return submission


# Not a legal number: the office's working default for a correction, which the reviewer changes on
# the return page when the fix needs longer (or less).
RESUBMIT_DAYS = 7


def default_resubmit_due() -> datetime.date:
    return today() + datetime.timedelta(days=RESUBMIT_DAYS)


def _review(actor, submission: Submission, status: str, reason: str = "") -> None:
    submission.status = status
    submission.reviewed_at = timezone.now()
    submission.reviewed_by = actor if getattr(actor, "pk", None) else None
    submission.return_reason = reason
    submission.version += 1
    submission.save()


@transaction.atomic
def submission_approve(*, actor, submission: Submission) -> Submission:
    submission = Submission.objects.select_for_update().select_related("period", "unit").get(pk=submission.pk)
    if submission.status != Submission.Status.SUBMITTED:
        raise ValidationError(_("Chỉ duyệt được báo cáo đang chờ duyệt."))
    check_review(actor, submission, action=_("duyệt"))
    _review(actor, submission, Submission.Status.APPROVED)
    audit.record(actor=actor, action="submission.approve", obj=submission, unit=submission.unit)
    return submission


@transaction.atomic
def submission_bulk_approve(*, actor, submissions) -> int:
    """Approve every given submission that is waiting; the others are left as they are, and so are
    those the actor may not review (their own unit's, or ones they submitted: `review_refusal`)."""
    waiting = list(
        Submission.objects.select_for_update()
        .filter(pk__in=[s.pk for s in submissions], status=Submission.Status.SUBMITTED)
        .select_related("unit")
    )
    preparers = submission_preparers(waiting)
    waiting = [s for s in waiting if not review_refusal(actor, s, preparers=preparers[s.pk])]
    if getattr(actor, "pk", None):
        # Ids from the form: a unit outside the reviewer's scope (another office's) is left alone.
        waiting = [s for s in waiting if can_review(actor, s)]
    for submission in waiting:
        _review(actor, submission, Submission.Status.APPROVED)
        audit.record(
            actor=actor,
            action="submission.approve",
            obj=submission,
            unit=submission.unit,
            changes={"bulk": [None, True]},
        )
    return len(waiting)


@transaction.atomic
def submission_unlock(*, actor, submission: Submission, reason: str) -> Submission:
    reason = nfc(reason)
    if not reason:
        raise ValidationError({"reason": _("Mở khóa cần ghi rõ lý do.")})
    submission = Submission.objects.select_for_update().select_related("period", "unit").get(pk=submission.pk)
    if not submission.is_locked:
        raise ValidationError(_("Báo cáo chưa bị khóa."))
    check_review(actor, submission, action=_("mở khóa"))
    before = submission.status
    # Unlocked to be corrected: it comes back by the same working default as a returned report.
    submission.resubmit_due = default_resubmit_due()
    _review(actor, submission, Submission.Status.RETURNED, reason)
    audit.record(
        actor=actor,
        action="submission.unlock",
        obj=submission,
        unit=submission.unit,
        changes={"status": [before, submission.status], "reason": [None, reason]},
    )
    notify(
        unit_people([submission.unit_id]),
        subject=_("Báo cáo được mở khóa"),
        text_for=lambda _u: (
            _("Báo cáo “%(p)s” được mở khóa để sửa: %(r)s") % {"p": submission.period.label, "r": reason}
        ),
        link_for=lambda _u: submission_link(submission),
    )
    return submission


def submission_take_provider_figures(
    *, actor, submission: Submission, expected_version: int, keys: list[str] | None = None
) -> int:
    """Take the portal's new figure for the stale pre-filled cells (all, or those in `keys`),
    through the ordinary save (locked, open dates, optimistic version, value history with the note
    "Cập nhật từ: <nguồn>"). A value a person typed over a provider's number is never replaced.
    Returns how many cells took a new figure."""
    figures = [f for f in stale_figures(submission) if keys is None or f.key in keys]
    if not figures:
        # Still refuse what the save would refuse (a locked report, a stale page).
        _check_can_edit(submission)
        if submission.version != expected_version:
            raise VersionConflict(_("Báo cáo vừa được người khác lưu sau khi bạn mở trang; hãy tải lại trang."))
        return 0
    submission_save(
        actor=actor,
        submission=submission,
        raw_values={f.key: format(f.current.normalize(), "f") for f in figures},
        expected_version=expected_version,
        provider_sources={f.key: f.source for f in figures},
    )
    return len(figures)


def submission_refresh_from_providers(*, actor, submission: Submission, expected_version: int) -> int:
    """Fill again the cells the portal can answer (indicator providers) for a draft, e.g. after the
    centre recorded more activities ("Cập nhật tất cả"). Values the person typed over a provider's
    number are kept. Returns how many values changed."""
    return submission_take_provider_figures(actor=actor, submission=submission, expected_version=expected_version)
