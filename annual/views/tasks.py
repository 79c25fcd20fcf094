"""Guidance tasks followed to the end: thin views over annual/tasks.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from units.selectors import can_manage_unit, is_office_user, units_visible_to
from units.views.common import paginate

from .. import tasks as svc
from ..forms import AssignForm, ProgressForm
from ..guidance import guidance_visible_to
from ..models import TaskProgress


def _sees_board(user, guidance) -> bool:
    return is_office_user(user) and units_visible_to(user).filter(pk=guidance.office_id).exists()


def task_matrix(request, pk):
    """Nhiệm vụ × đơn vị: the office's one table of who has done what (a fixed number of queries)."""
    guidance = get_object_or_404(guidance_visible_to(request.user), pk=pk)
    if not _sees_board(request.user, guidance):
        raise PermissionDenied
    tasks = svc.followed_tasks(guidance)
    page = paginate(request, svc.assigned_units(guidance, tasks) if tasks else [])
    totals = svc.task_totals(guidance, tasks) if tasks else {}
    for task in tasks:
        task.totals = totals[task.pk]
    context = {
        "guidance": guidance,
        "tasks": tasks,
        "rows": svc.matrix(guidance, tasks, list(page.object_list)),
        "page_obj": page,
        "Status": TaskProgress.Status,
    }
    return render(request, "annual/task_matrix.html", context)


def _task_context(request, task, *, assign_form=None, progress_form=None):
    guidance = task.guidance
    context = {"task": task, "guidance": guidance, "Status": TaskProgress.Status}
    if can_manage_unit(request.user, guidance.office):
        context["assign_form"] = assign_form or AssignForm(
            guidance=guidance,
            initial={"unit_kinds": task.unit_kinds, "units": list(task.units.all()), "period": task.period},
        )
    units = svc.units_to_report(request.user, task)
    if units:
        own = {p.unit_id: p for p in TaskProgress.objects.filter(task=task, unit__in=[u.pk for u in units])}
        context["own"] = [(u, own.get(u.pk)) for u in units]
        first = own.get(units[0].pk)
        context["progress_form"] = progress_form or ProgressForm(
            units=units, initial={"status": first.status if first else TaskProgress.Status.IN_PROGRESS}
        )
    return context


def task_detail(request, pk):
    task = svc.get_task_for_user(request.user, pk)
    return render(request, "annual/task_detail.html", _task_context(request, task))


@require_POST
def task_assign(request, pk):
    task = svc.get_task_for_user(request.user, pk)
    if not can_manage_unit(request.user, task.guidance.office):
        raise PermissionDenied
    form = AssignForm(request.POST, guidance=task.guidance)
    if form.is_valid():
        try:
            svc.task_assign(actor=request.user, task=task, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã giao nhiệm vụ."))
            return redirect("annual:task_detail", pk=task.pk)
    return render(request, "annual/task_detail.html", _task_context(request, task, assign_form=form), status=200)


@require_POST
def progress_update(request, pk):
    task = svc.get_task_for_user(request.user, pk)
    units = svc.units_to_report(request.user, task)
    if not units:
        raise PermissionDenied
    form = ProgressForm(request.POST, request.FILES, units=units)
    if form.is_valid():
        try:
            svc.progress_update(actor=request.user, task=task, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã cập nhật tiến độ nhiệm vụ."))
            return redirect("annual:task_detail", pk=task.pk)
    return render(request, "annual/task_detail.html", _task_context(request, task, progress_form=form))


def progress_file(request, pk):
    progress = svc.get_progress_for_user(request.user, pk)
    if not progress.evidence:
        raise Http404
    return FileResponse(
        progress.evidence.open("rb"),
        as_attachment=True,
        filename=progress.evidence_name,
        content_type=progress.content_type or "application/octet-stream",
    )
