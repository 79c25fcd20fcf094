"""The year's guidance and the plans: thin views over annual/guidance.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents import official_document_response
from documents.docx import docx_response, official_docx
from units.forms import apply_errors
from units.models import Unit, UnitKind
from units.text import name_order
from units.views.common import paginate

from .. import guidance as svc
from ..blocks import current_school_year
from ..document import guidance_official, plan_official
from ..forms import GuidanceForm, PlanForm, TaskForm
from ..models import GuidanceArea, GuidanceTask


def guidance_list(request):
    items = svc.guidance_visible_to(request.user).order_by("-school_year", "office__name")
    page = paginate(request, items)
    from ..services import offices_for_new_report

    can_create = offices_for_new_report(request.user).exists()
    form = GuidanceForm(user=request.user, initial={"school_year": current_school_year()}) if can_create else None
    if not can_create and not svc._fill_units(request.user) and not svc.is_office_user(request.user):
        raise PermissionDenied
    return render(request, "annual/guidance_list.html", {"page_obj": page, "items": page.object_list, "form": form})


@require_POST
def guidance_create(request):
    form = GuidanceForm(request.POST, user=request.user)
    if not form.fields["office"].queryset.exists():
        raise PermissionDenied
    if form.is_valid():
        try:
            guidance = svc.guidance_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã tạo hướng dẫn; hãy thêm các nhiệm vụ rồi ban hành."))
            return redirect("annual:guidance_detail", pk=guidance.pk)
    page = paginate(request, svc.guidance_visible_to(request.user))
    return render(request, "annual/guidance_list.html", {"page_obj": page, "items": page.object_list, "form": form})


def guidance_detail(request, pk):
    guidance = get_object_or_404(svc.guidance_visible_to(request.user), pk=pk)
    writable = svc.can_manage_unit(request.user, guidance.office)
    tasks = list(guidance.tasks.all())
    areas = [(label, [t for t in tasks if t.area == value]) for value, label in GuidanceArea.choices]
    context = {"guidance": guidance, "areas": [a for a in areas if a[1]], "writable": writable}
    if svc.is_office_user(request.user) and svc.units_visible_to(request.user).filter(pk=guidance.office_id).exists():
        commune, kind = request.GET.get("xa", ""), request.GET.get("loai", "")
        page = paginate(request, svc.plan_board(guidance, commune=commune, kind=kind))
        plans = {p.unit_id: p for p in guidance.plans.filter(unit__in=[u.pk for u in page.object_list])}
        context.update(
            board=[(u, plans.get(u.pk)) for u in page.object_list],
            page_obj=page,
            counts=svc.plan_counts(guidance),
            communes=sorted(Unit.objects.subtree_of(guidance.office).filter(kind=UnitKind.COMMUNE), key=name_order),
            kinds=[(k.value, k.label) for k in UnitKind if k in svc.PLAN_KINDS],
            commune=commune,
            kind=kind,
            task_form=TaskForm() if writable and not guidance.is_published else None,
        )
    units = svc.plan_units_for(request.user, guidance)
    if units and guidance.is_published:
        own = {p.unit_id: p for p in guidance.plans.filter(unit__in=[u.pk for u in units])}
        context.update(plan_form=PlanForm(units=units), own_plans=[(u, own.get(u.pk)) for u in units])
    return render(request, "annual/guidance_detail.html", context)


def guidance_document(request, pk):
    """The guidance as the công văn the office sends (preview; `?pdf=1` the PDF)."""
    guidance = get_object_or_404(svc.guidance_visible_to(request.user), pk=pk)
    context = {"doc": guidance_official(guidance)}
    if svc.can_manage_unit(request.user, guidance.office):
        context["identity_url"] = reverse("units:identity", args=[guidance.office_id])
    return official_document_response(
        request,
        "documents/official.html",
        context,
        filename=f"{guidance.title}.pdf".replace("/", "-"),
        back_url=reverse("annual:guidance_detail", args=[guidance.pk]),
    )


def guidance_docx(request, pk):
    guidance = get_object_or_404(svc.guidance_visible_to(request.user), pk=pk)
    return docx_response(official_docx(guidance_official(guidance)), f"{guidance.title}.docx".replace("/", "-"))


@require_POST
def guidance_task_add(request, pk):
    guidance = svc.get_guidance_for_user(request.user, pk, write=True)
    form = TaskForm(request.POST)
    if form.is_valid() and not guidance.is_published:
        svc.guidance_task_add(actor=request.user, guidance=guidance, **form.cleaned_data)
        messages.success(request, _("Đã thêm nhiệm vụ."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        if guidance.is_published:
            messages.error(request, _("Hướng dẫn đã ban hành, không thêm nhiệm vụ được."))
    return redirect("annual:guidance_detail", pk=guidance.pk)


@require_POST
def guidance_task_delete(request, pk):
    task = get_object_or_404(GuidanceTask, pk=pk)
    guidance = svc.get_guidance_for_user(request.user, task.guidance_id, write=True)
    if guidance.is_published:
        messages.error(request, _("Hướng dẫn đã ban hành, không xóa nhiệm vụ được."))
    else:
        svc.guidance_task_delete(actor=request.user, task=task)
        messages.success(request, _("Đã xóa nhiệm vụ."))
    return redirect("annual:guidance_detail", pk=guidance.pk)


@require_POST
def guidance_publish(request, pk):
    guidance = svc.get_guidance_for_user(request.user, pk, write=True)
    try:
        svc.guidance_publish(actor=request.user, guidance=guidance)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Đã ban hành hướng dẫn; các trường và trung tâm đã thấy để nộp kế hoạch."))
    return redirect("annual:guidance_detail", pk=guidance.pk)


@require_POST
def guidance_remind(request, pk):
    guidance = svc.get_guidance_for_user(request.user, pk, write=True)
    sent = svc.guidance_remind(actor=request.user, guidance=guidance)
    messages.success(request, _("Đã gửi %(n)s lời nhắc.") % {"n": sent})
    return redirect("annual:guidance_detail", pk=guidance.pk)


@require_POST
def plan_submit(request, pk):
    guidance = get_object_or_404(svc.guidance_visible_to(request.user), pk=pk)
    units = svc.plan_units_for(request.user, guidance)
    if not units or not guidance.is_published:
        raise PermissionDenied
    form = PlanForm(request.POST, request.FILES, units=units)
    if form.is_valid():
        try:
            svc.plan_submit(
                actor=request.user,
                guidance=guidance,
                unit=form.cleaned_data["unit"],
                text=form.cleaned_data["text"],
                attachment=form.cleaned_data["attachment"],
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Đã nộp kế hoạch năm học."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect("annual:guidance_detail", pk=guidance.pk)


def plan_document(request, pk):
    """The plan's text as the unit's kế hoạch (preview; `?pdf=1` the PDF), for the same readers as its file."""
    plan = svc.get_plan_for_user(request.user, pk)
    context = {"doc": plan_official(plan)}
    if svc.can_manage_unit(request.user, plan.unit):
        context["identity_url"] = reverse("units:identity", args=[plan.unit_id])
    return official_document_response(
        request,
        "documents/official.html",
        context,
        filename=f"Kế hoạch {plan.guidance.school_year_label} - {plan.unit.name}.pdf".replace("/", "-"),
        back_url=reverse("annual:guidance_detail", args=[plan.guidance_id]),
    )


def plan_file(request, pk):
    plan = svc.get_plan_for_user(request.user, pk)
    if not plan.attachment:
        raise Http404
    return FileResponse(
        plan.attachment.open("rb"),
        as_attachment=True,
        filename=plan.attachment_name,
        content_type=plan.content_type or "application/octet-stream",
    )
