"""Guidance tasks followed to the end (issue 18): each task of the year's guidance is given to kinds
of unit and/or named units with its deadline; each school or centre marks where it stands (not
started, in progress, done) with a short report and an evidence file; the office reads one matrix
of tasks × units; what is overdue shows on the office's home and on the unit's.

A task given to nobody is the office's own and is not followed here. Reads are a fixed number of
queries whatever the number of tasks and units (the assignment is resolved in Python)."""

from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from units.audit import record
from units.models import Unit, today
from units.selectors import can_manage_unit, is_office_user, units_visible_to
from units.text import nfc

from .guidance import PLAN_KINDS, _fill_units, check_plan_file, expected_units, guidance_visible_to
from .models import Guidance, GuidanceTask, TaskProgress

IMAGES = {
    ".jpg": (b"\xff\xd8\xff", "image/jpeg"),
    ".jpeg": (b"\xff\xd8\xff", "image/jpeg"),
    ".png": (b"\x89PNG\r\n\x1a\n", "image/png"),
}
Status = TaskProgress.Status


def is_assigned(task: GuidanceTask, unit: Unit, named_ids: set[int]) -> bool:
    return unit.kind in (task.unit_kinds or []) or unit.pk in named_ids


def followed_tasks(guidance: Guidance) -> list[GuidanceTask]:
    """The tasks given to someone, each with `named` (ids of the units named): two queries."""
    tasks = list(guidance.tasks.prefetch_related("units").select_related("period"))
    for task in tasks:
        task.named = {u.pk for u in task.units.all()}
    return [t for t in tasks if t.unit_kinds or t.named]


def assigned_units(guidance: Guidance, tasks: list[GuidanceTask]):
    """Every school or centre given at least one of the tasks, ordered by place in the tree."""
    kinds = {k for t in tasks for k in t.unit_kinds}
    named = {pk for t in tasks for pk in t.named}
    units = expected_units(guidance).filter(Q(kind__in=kinds) | Q(pk__in=named))
    return units.select_related("parent").order_by("path")


def _done(tasks) -> set[tuple[int, int]]:
    finished = TaskProgress.objects.filter(task__in=[t.pk for t in tasks], status=Status.DONE)
    return set(finished.values_list("task_id", "unit_id"))


def matrix(guidance: Guidance, tasks: list[GuidanceTask], units: list[Unit]) -> list[dict]:
    """One row per unit: its cell for each task (None where the task is not given to it). One query."""
    progress = {
        (p.task_id, p.unit_id): p
        for p in TaskProgress.objects.filter(task__in=[t.pk for t in tasks], unit__in=[u.pk for u in units])
    }
    day = today()
    rows = []
    for unit in units:
        cells = []
        for task in tasks:
            if not is_assigned(task, unit, task.named):
                cells.append(None)
                continue
            p = progress.get((task.pk, unit.pk))
            status = p.status if p else Status.NOT_STARTED
            late = bool(task.deadline and task.deadline < day and status != Status.DONE)
            cells.append({"task": task, "progress": p, "status": status, "late": late})
        rows.append({"unit": unit, "cells": cells})
    return rows


def task_totals(guidance: Guidance, tasks: list[GuidanceTask]) -> dict[int, dict]:
    """Per task: units given it, done, overdue (across all units, not only the page). Two queries."""
    units = list(assigned_units(guidance, tasks))
    done = _done(tasks)
    day = today()
    totals = {}
    for task in tasks:
        given = [u for u in units if is_assigned(task, u, task.named)]
        finished = sum(1 for u in given if (task.pk, u.pk) in done)
        late = len(given) - finished if task.deadline and task.deadline < day else 0
        totals[task.pk] = {"given": len(given), "done": finished, "late": late}
    return totals


def overdue_for_office(office: Unit) -> list[dict]:
    """The office's published guidance tasks past their deadline with units not done (four queries)."""
    tasks = list(
        GuidanceTask.objects.filter(
            guidance__office=office, guidance__status=Guidance.Status.PUBLISHED, deadline__lt=today()
        )
        .select_related("guidance")
        .prefetch_related("units")
    )
    for task in tasks:
        task.named = {u.pk for u in task.units.all()}
    tasks = [t for t in tasks if t.unit_kinds or t.named]
    if not tasks:
        return []
    units = list(Unit.objects.subtree_of(office).filter(kind__in=PLAN_KINDS).active_on().only("pk", "kind"))
    done = _done(tasks)
    out = []
    for task in tasks:
        late = [u for u in units if is_assigned(task, u, task.named) and (task.pk, u.pk) not in done]
        if late:
            out.append({"task": task, "late": len(late)})
    return sorted(out, key=lambda x: (x["task"].deadline, x["task"].pk))


def tasks_for_unit(unit: Unit) -> list[dict]:
    """The open tasks given to a school or centre by the published guidance above it (three queries)."""
    tasks = list(
        GuidanceTask.objects.filter(
            guidance__office_id__in=unit.ancestor_ids(), guidance__status=Guidance.Status.PUBLISHED
        )
        .select_related("guidance")
        .prefetch_related("units")
        .order_by("deadline", "pk")
    )
    progress = {p.task_id: p for p in TaskProgress.objects.filter(unit=unit, task__in=[t.pk for t in tasks])}
    day = today()
    out = []
    for task in tasks:
        if not is_assigned(task, unit, {u.pk for u in task.units.all()}):
            continue
        p = progress.get(task.pk)
        status = p.status if p else Status.NOT_STARTED
        if status == Status.DONE:
            continue
        out.append({"task": task, "progress": p, "late": bool(task.deadline and task.deadline < day)})
    return out


def units_to_report(user, task: GuidanceTask) -> list[Unit]:
    """The user's own schools or centres given this task (of a published guidance)."""
    if not task.guidance.is_published:
        return []
    named = {u.pk for u in task.units.all()}
    office_path = task.guidance.office.path
    return [u for u in _fill_units(user) if u.path.startswith(office_path) and is_assigned(task, u, named)]


def get_task_for_user(user, pk) -> GuidanceTask:
    """A task of a guidance the user may see (another office's → 404)."""
    return get_object_or_404(
        GuidanceTask.objects.select_related("guidance", "guidance__office", "period"),
        pk=pk,
        guidance__in=guidance_visible_to(user),
    )


def get_progress_for_user(user, pk) -> TaskProgress:
    progress = get_object_or_404(TaskProgress.objects.select_related("task__guidance", "unit"), pk=pk)
    own = progress.unit_id in {u.pk for u in _fill_units(user)}
    office = is_office_user(user) and units_visible_to(user).filter(pk=progress.unit_id).exists()
    if not (own or office or user.is_superuser):
        raise Http404
    return progress


def check_evidence_file(uploaded) -> str:
    """A photo (JPG, PNG) or a document (PDF, DOC, DOCX, ODT), judged by its first bytes."""
    ext = Path(uploaded.name).suffix.lower()
    if ext in IMAGES:
        uploaded.seek(0)
        head = uploaded.read(8)
        uploaded.seek(0)
        magic, content_type = IMAGES[ext]
        if uploaded.size <= 10 * 1024 * 1024 and head.startswith(magic):
            return content_type
        if head.startswith(magic):
            return check_plan_file(uploaded)  # the size message
        raise ValidationError(_("Tệp “%(name)s” không phải ảnh JPG hay PNG.") % {"name": uploaded.name})
    return check_plan_file(uploaded)


# Writes -----------------------------------------------------------------------------------------


@transaction.atomic
def task_assign(*, actor, task: GuidanceTask, unit_kinds, units, period=None) -> GuidanceTask:
    """Give the task to kinds of unit and/or named units of the office, linked to a reporting period."""
    office = task.guidance.office
    if not can_manage_unit(actor, office):
        raise PermissionDenied
    kinds = sorted({str(k) for k in unit_kinds} & {str(k) for k in PLAN_KINDS})
    units = list(units)
    if any(u.kind not in PLAN_KINDS or not u.path.startswith(office.path) for u in units):
        raise ValidationError(_("Chỉ giao được cho trường và trung tâm thuộc đơn vị ban hành."))
    if period is not None and not period.owner.path.startswith(office.path):
        raise ValidationError(_("Kỳ báo cáo này không thuộc đơn vị ban hành."))
    before = {"unit_kinds": task.unit_kinds, "units": sorted(task.units.values_list("name", flat=True))}
    task.unit_kinds, task.period = kinds, period
    task.save(update_fields=["unit_kinds", "period"])
    task.units.set(units)
    after = {"unit_kinds": kinds, "units": sorted(u.name for u in units)}
    record(
        actor=actor,
        action="guidance.task_assign",
        obj=task.guidance,
        unit=office,
        changes={k: [before[k], after[k]] for k in after if before[k] != after[k]} | {"task": [None, task.text[:80]]},
    )
    return task


@transaction.atomic
def progress_update(*, actor, task: GuidanceTask, unit: Unit, status: str, report: str = "", evidence=None):
    """A school or centre says where it stands on a task it was given."""
    if unit.pk not in {u.pk for u in units_to_report(actor, task)}:
        raise PermissionDenied
    if status not in Status.values:
        raise ValidationError(_("Tiến độ không hợp lệ."))
    report = nfc(report or "").strip()
    progress = TaskProgress.objects.filter(task=task, unit=unit).first() or TaskProgress(task=task, unit=unit)
    if status == Status.DONE and not report and not progress.report:
        raise ValidationError(_("Hãy viết vài dòng báo cáo kết quả trước khi đánh dấu đã hoàn thành."))
    before = progress.status if progress.pk else None
    if evidence is not None:
        progress.content_type = check_evidence_file(evidence)
        progress.evidence_name = Path(evidence.name).name[:255]
        progress.evidence.save(f"{task.pk}-{unit.pk}{Path(evidence.name).suffix.lower()}", evidence, save=False)
    progress.status, progress.updated_by = status, actor
    if report:
        progress.report = report
    progress.full_clean()
    progress.save()
    record(
        actor=actor,
        action="guidance.task_progress",
        obj=progress,
        unit=unit,
        changes={"status": [before, status], "task": [None, task.text[:80]]},
    )
    return progress
