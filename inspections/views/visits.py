"""The year's plan, planning a visit, performing it (checklist, photos) and its biên bản."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from units.calendar import school_years_around, today
from units.forms import apply_errors
from units.models import Unit, UnitKind
from units.selectors import is_office_user

from .. import access, permissions, selectors, services
from ..forms import ChecklistForm, InspectionForm, PhotoForm
from ..models import Check, Status
from .common import PAGE_SIZE, file_response, form_page, school_year_label, year_of


def _office(user) -> Unit:
    offices = permissions.inspecting_offices(user)
    if not offices and user.is_superuser:
        offices = list(Unit.objects.filter(kind=UnitKind.OFFICE).order_by("path")[:1])
    if not offices:
        raise PermissionDenied
    return offices[0]


def index(request):
    year = year_of(request)
    page = Paginator(selectors.inspection_list(request.user, year=year), PAGE_SIZE).get_page(request.GET.get("page"))
    root = selectors.plan_root(request.user) if is_office_user(request.user) else None
    return render(
        request,
        "inspections/index.html",
        {
            "year": year,
            "year_label": school_year_label(year),
            "years": school_years_around(year),
            "page_obj": page,
            "inspections": page.object_list,
            "figures": selectors.year_figures(root, year) if root else None,
            "can_plan": bool(permissions.inspecting_offices(request.user)) or request.user.is_superuser,
            "today": today(),
        },
    )


def _plan_form(request, office, inspection=None):
    initial = {"planned_date": today()}
    if inspection is not None:
        initial = {
            "unit": inspection.unit,
            "planned_date": inspection.planned_date,
            "contents": list(inspection.contents.all()),
            "team": list(inspection.team.all()),
            "leader": inspection.leader,
        }
    return InspectionForm(request.POST or None, office=office, initial=initial)


def inspection_add(request):
    office = _office(request.user)
    services.ensure_defaults(office)
    form = _plan_form(request, office)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            inspection = services.inspection_plan(
                actor=request.user,
                office=office,
                unit=data["unit"],
                planned_date=data["planned_date"],
                contents=list(data["contents"]),
                team=list(data["team"]),
                leader=data["leader"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã đưa đợt kiểm tra vào kế hoạch."))
            return redirect("inspections:inspection", inspection.pk)
    return form_page(
        request,
        form,
        title=_("Lập kế hoạch kiểm tra"),
        help=_("Chọn đơn vị, ngày dự kiến, nội dung kiểm tra và đoàn kiểm tra."),
        back=reverse("inspections:index"),
    )


def inspection_edit(request, pk):
    inspection = access.get_inspection_for_user(request.user, pk, write=True)
    form = _plan_form(request, inspection.office, inspection)
    form.fields["unit"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.inspection_update(
                actor=request.user,
                inspection=inspection,
                planned_date=data["planned_date"],
                contents=list(data["contents"]),
                team=list(data["team"]),
                leader=data["leader"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã lưu kế hoạch kiểm tra."))
            return redirect("inspections:inspection", inspection.pk)
    return form_page(
        request, form, title=_("Sửa kế hoạch kiểm tra"), back=reverse("inspections:inspection", args=[inspection.pk])
    )


@require_POST
def inspection_delete(request, pk):
    inspection = access.get_inspection_for_user(request.user, pk, write=True)
    try:
        services.inspection_delete(actor=request.user, inspection=inspection)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("inspections:inspection", inspection.pk)
    messages.success(request, _("Đã xóa đợt kiểm tra khỏi kế hoạch."))
    return redirect("inspections:index")


def inspection(request, pk):
    inspection = access.get_inspection_for_user(request.user, pk)
    checks = {c.item_id: c for c in Check.objects.filter(inspection=inspection)}
    contents = [
        (content, [(item, checks.get(item.pk)) for item in content.items.all()])
        for content in inspection.contents.order_by("order", "id").prefetch_related("items")
    ]
    return render(
        request,
        "inspections/inspection.html",
        {
            "inspection": inspection,
            "contents": contents,
            "team": list(inspection.team.order_by("full_name", "id")),
            "photos": list(inspection.photos.all()),
            "recs": list(inspection.recommendations.all()),
            "can_edit": permissions.can_inspect(request.user, inspection.office),
            "can_answer": permissions.can_answer(request.user, inspection.unit),
            "today": today(),
        },
    )


def perform(request, pk):
    inspection = access.get_inspection_for_user(request.user, pk, write=True)
    contents = list(inspection.contents.order_by("order", "id").prefetch_related("items"))
    checks = {c.item_id: c for c in Check.objects.filter(inspection=inspection)}
    initial = {"done_date": inspection.done_date or min(inspection.planned_date, today()), "notes": inspection.notes}
    form = ChecklistForm(request.POST or None, contents=contents, checks=checks, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.checklist_save(
                actor=request.user,
                inspection=inspection,
                done_date=form.cleaned_data["done_date"],
                notes=form.cleaned_data["notes"],
                rows=form.service_rows(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã ghi kết quả kiểm tra; hãy ghi kiến nghị (nếu có) rồi in biên bản."))
            return redirect("inspections:inspection", inspection.pk)
    return render(request, "inspections/perform.html", {"inspection": inspection, "form": form})


def photo_add(request, pk):
    inspection = access.get_inspection_for_user(request.user, pk, write=True)
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.photo_add(
                actor=request.user,
                inspection=inspection,
                uploaded=form.cleaned_data["file"],
                caption=form.cleaned_data["caption"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã thêm ảnh minh chứng."))
            return redirect("inspections:inspection", inspection.pk)
    return form_page(
        request,
        form,
        title=_("Thêm ảnh minh chứng"),
        back=reverse("inspections:inspection", args=[inspection.pk]),
        multipart=True,
    )


def photo(request, pk):
    photo = access.get_photo_for_user(request.user, pk)
    return file_response(photo.file, photo.original_name, photo.content_type)


def bien_ban(request, pk):
    """The biên bản kiểm tra: preview, ?pdf=1, ?docx=1."""
    from documents import official_document_response
    from documents.docx import docx_response, official_docx

    from ..document import bien_ban as build

    inspection = access.get_inspection_for_user(request.user, pk)
    if inspection.status != Status.DONE:
        raise Http404(_("Đợt kiểm tra chưa thực hiện: chưa có biên bản."))
    doc = build(inspection)
    name = _("Biên bản kiểm tra %(u)s %(d)s") % {
        "u": inspection.unit.name,
        "d": inspection.done_date.strftime("%d-%m-%Y"),
    }
    if request.GET.get("docx"):
        return docx_response(official_docx(doc), f"{name}.docx")
    return official_document_response(
        request,
        "documents/official.html",
        {"doc": doc},
        filename=f"{name}.pdf",
        back_url=reverse("inspections:inspection", args=[inspection.pk]),
        docx_url="?docx=1",
    )
