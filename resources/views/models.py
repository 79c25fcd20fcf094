"""Good models: the gallery of published ones, the register (drafts, proposals), writing one up,
its photos, proposing it, and the office publishing or returning it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from units.forms import apply_errors

from .. import access, permissions, selectors, services
from ..forms import GoodModelForm, PhotoForm, ReturnForm
from ..models import ModelStatus
from .common import PAGE_SIZE, file_response, form_page, model_units


def gallery(request):
    page = Paginator(selectors.gallery(request.user), 12).get_page(request.GET.get("page"))
    return render(
        request,
        "resources/gallery.html",
        {"page_obj": page, "models": page.object_list, "can_write": model_units(request.user).exists()},
    )


def model_list(request):
    status = request.GET.get("tinh_trang", "")
    status = status if status in ModelStatus.values else ""
    page = Paginator(selectors.model_list(request.user, status=status), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "resources/model_list.html",
        {
            "page_obj": page,
            "models": page.object_list,
            "status": status,
            "statuses": ModelStatus.choices,
            "can_write": model_units(request.user).exists(),
        },
    )


def model_add(request):
    units = model_units(request.user)
    if not units.exists():
        raise PermissionDenied
    form = GoodModelForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        unit = data.pop("unit")
        try:
            good_model = services.model_create(actor=request.user, unit=unit, **data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã ghi mô hình (bản nháp); hãy thêm ảnh rồi đề xuất phòng đăng."))
            return redirect("resources:model", good_model.pk)
    return form_page(
        request,
        form,
        title=_("Ghi mô hình điển hình"),
        help=_("Mô hình tốt của đơn vị: ghi cách làm, kết quả và thêm ảnh; phòng đăng để các đơn vị khác nhân rộng."),
        back=reverse("resources:models"),
    )


def model_detail(request, pk):
    good_model = access.get_model_for_user(request.user, pk)
    return render(
        request,
        "resources/model.html",
        {
            "model": good_model,
            "photos": list(good_model.photos.all()),
            "can_edit": permissions.can_edit_model(request.user, good_model),
            "can_curate": permissions.can_curate(request.user, good_model.office),
            "return_form": ReturnForm(),
        },
    )


def model_edit(request, pk):
    good_model = access.get_model_for_user(request.user, pk, write=True)
    form = GoodModelForm(request.POST or None, instance=good_model, units=None)
    if request.method == "POST" and form.is_valid():
        try:
            services.model_update(actor=request.user, good_model=good_model, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("resources:model", good_model.pk)
    return form_page(request, form, title=_("Sửa mô hình điển hình"), back=reverse("resources:model", args=[pk]))


def _act(request, good_model, action, done):
    try:
        action()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("resources:model", good_model.pk)


@require_POST
def model_propose(request, pk):
    good_model = access.get_model_for_user(request.user, pk, write=True)
    return _act(
        request,
        good_model,
        lambda: services.model_propose(actor=request.user, good_model=good_model),
        _("Đã đề xuất; phòng sẽ xem và đăng mô hình cho các đơn vị."),
    )


@require_POST
def model_publish(request, pk):
    good_model = access.get_model_for_user(request.user, pk, curate=True)
    return _act(
        request,
        good_model,
        lambda: services.model_publish(actor=request.user, good_model=good_model),
        _("Đã đăng mô hình: mọi đơn vị của phòng đều xem được."),
    )


@require_POST
def model_return(request, pk):
    good_model = access.get_model_for_user(request.user, pk, curate=True)
    form = ReturnForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return _act(
        request,
        good_model,
        lambda: services.model_return(actor=request.user, good_model=good_model, note=note),
        _("Đã trả lại mô hình cho đơn vị bổ sung."),
    )


def photo_add(request, pk):
    good_model = access.get_model_for_user(request.user, pk, write=True)
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.photo_add(
                actor=request.user,
                good_model=good_model,
                uploaded=form.cleaned_data["file"],
                caption=form.cleaned_data["caption"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã thêm ảnh."))
            if "again" in request.POST:
                return redirect("resources:photo_add", good_model.pk)
            return redirect("resources:model", good_model.pk)
    return form_page(
        request,
        form,
        title=_("Thêm ảnh mô hình"),
        back=reverse("resources:model", args=[good_model.pk]),
        multipart=True,
        again=True,
    )


def photo(request, pk):
    photo = access.get_photo_for_user(request.user, pk)
    return file_response(photo.file, photo.original_name, photo.content_type)


def photo_thumb(request, pk):
    photo = access.get_photo_for_user(request.user, pk)
    return file_response(photo.thumbnail, f"anh-nho-{photo.pk}.jpg", "image/jpeg")


@require_POST
def photo_delete(request, pk):
    photo = access.get_photo_for_user(request.user, pk, write=True)
    model_pk = photo.good_model_id
    services.photo_delete(actor=request.user, photo=photo)
    messages.success(request, _("Đã xóa ảnh."))
    return redirect("resources:model", model_pk)
