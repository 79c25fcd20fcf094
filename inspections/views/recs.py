"""Recommendations (kiến nghị): the office writes them after a visit, the inspected unit answers,
the office closes or reopens each. And the office's contents of inspection with their checklists."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from units.forms import apply_errors

from .. import access, services
from ..forms import AnswerForm, ContentForm, ItemForm, RecommendationForm
from ..models import Content
from .common import file_response, form_page
from .visits import _office


def rec_add(request, pk):
    inspection = access.get_inspection_for_user(request.user, pk, write=True)
    form = RecommendationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.recommendation_add(actor=request.user, inspection=inspection, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã ghi kiến nghị; đơn vị sẽ thấy kiến nghị trên trang chủ."))
            if "again" in request.POST:
                return redirect("inspections:rec_add", inspection.pk)
            return redirect("inspections:inspection", inspection.pk)
    return form_page(
        request,
        form,
        title=_("Ghi kiến nghị: %(u)s") % {"u": inspection.unit.name},
        back=reverse("inspections:inspection", args=[inspection.pk]),
        again=True,
    )


def rec_answer(request, pk):
    rec = access.get_recommendation_for_user(request.user, pk, answer=True)
    form = AnswerForm(request.POST or None, request.FILES or None, initial={"response": rec.response})
    if request.method == "POST" and form.is_valid():
        try:
            services.recommendation_answer(
                actor=request.user, rec=rec, response=form.cleaned_data["response"], uploaded=form.cleaned_data["file"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã gửi kết quả thực hiện kiến nghị cho phòng."))
            return redirect("inspections:inspection", rec.inspection_id)
    return form_page(
        request,
        form,
        title=_("Trả lời kiến nghị"),
        help=rec.text,
        back=reverse("inspections:inspection", args=[rec.inspection_id]),
        multipart=True,
    )


def _toggle(request, pk, service, done):
    rec = access.get_recommendation_for_user(request.user, pk, write=True)
    try:
        service(actor=request.user, rec=rec)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("inspections:inspection", rec.inspection_id)


@require_POST
def rec_close(request, pk):
    return _toggle(request, pk, services.recommendation_close, _("Đã đóng kiến nghị."))


@require_POST
def rec_reopen(request, pk):
    return _toggle(request, pk, services.recommendation_reopen, _("Đã mở lại kiến nghị; đơn vị sẽ thấy lại kiến nghị."))


def rec_file(request, pk):
    rec = access.get_recommendation_for_user(request.user, pk)
    if not rec.response_file:
        raise Http404
    return file_response(rec.response_file, rec.response_name, rec.response_type)


def contents(request):
    office = _office(request.user)
    services.ensure_defaults(office)
    items = Content.objects.filter(office=office).prefetch_related("items").order_by("order", "id")
    return render(request, "inspections/contents.html", {"office": office, "contents": items})


def content_add(request):
    office = _office(request.user)
    form = ContentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        content = services.content_create(actor=request.user, office=office, title=form.cleaned_data["title"])
        messages.success(request, _("Đã thêm nội dung kiểm tra; hãy thêm các mục cần kiểm tra."))
        return redirect(f"{reverse('inspections:contents')}#noi-dung-{content.pk}")
    return form_page(request, form, title=_("Thêm nội dung kiểm tra"), back=reverse("inspections:contents"))


def content_edit(request, pk):
    content = access.get_content_for_user(request.user, pk)
    form = ContentForm(request.POST or None, initial={"title": content.title})
    if request.method == "POST" and form.is_valid():
        services.content_rename(actor=request.user, content=content, title=form.cleaned_data["title"])
        messages.success(request, _("Đã sửa tên nội dung kiểm tra."))
        return redirect(f"{reverse('inspections:contents')}#noi-dung-{content.pk}")
    return form_page(request, form, title=_("Sửa tên nội dung kiểm tra"), back=reverse("inspections:contents"))


def item_add(request, pk):
    content = access.get_content_for_user(request.user, pk)
    form = ItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.item_add(actor=request.user, content=content, text=form.cleaned_data["text"])
        messages.success(request, _("Đã thêm mục kiểm tra."))
        if "again" in request.POST:
            return redirect("inspections:item_add", content.pk)
        return redirect(f"{reverse('inspections:contents')}#noi-dung-{content.pk}")
    return form_page(
        request,
        form,
        title=_("Thêm mục: %(c)s") % {"c": content.title},
        back=reverse("inspections:contents"),
        again=True,
    )


@require_POST
def item_delete(request, pk):
    item = access.get_item_for_user(request.user, pk)
    try:
        services.item_delete(actor=request.user, item=item)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã xóa mục kiểm tra."))
    return redirect("inspections:contents")
