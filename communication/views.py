"""Thin views over communication: the log with its filters, a line's page, logging, editing,
deleting, and its file and thumbnail (served only to whoever sees the unit)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from units.forms import apply_errors
from units.models import today

from . import access, permissions, selectors, services
from .forms import FilterForm, NewsItemForm

PAGE_SIZE = 25


def index(request):
    filters = FilterForm(request.GET or None)
    data = filters.cleaned_data if filters.is_valid() else {}
    items = selectors.item_list(
        request.user,
        start=data.get("tu"),
        end=data.get("den"),
        channel=data.get("kenh") or "",
        topic=data.get("chu_de") or "",
    )
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "communication/index.html",
        {
            "filters": filters,
            "page_obj": page,
            "items": page.object_list,
            "totals": selectors.totals(items),
            "can_log": bool(permissions.logging_units(request.user)),
            "query": query.urlencode(),
        },
    )


def _form_page(request, form, **extra):
    return render(request, "communication/form.html", {"form": form, **extra})


def item_add(request):
    units = permissions.logging_units(request.user)
    if not units:
        raise PermissionDenied
    form = NewsItemForm(request.POST or None, request.FILES or None, units=units, initial={"date": today(), "count": 1})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        unit, uploaded = data.pop("unit"), data.pop("upload", None)
        try:
            item = services.item_create(actor=request.user, unit=unit, uploaded=uploaded, **data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã ghi tin, bài “%(t)s”.") % {"t": item.title})
            if "again" in request.POST:
                return redirect("communication:item_add")
            return redirect("communication:index")
    return _form_page(
        request,
        form,
        title=_("Ghi tin, bài tuyên truyền"),
        help=_(
            "Mỗi dòng là một tin, bài, buổi phát thanh hay sự kiện về học tập suốt đời, xóa mù chữ. "
            "Số lượng được cộng vào các dòng tin, bài của biểu báo cáo, không phải nhập lại."
        ),
        back=reverse("communication:index"),
        again=True,
    )


def item(request, pk):
    item = access.get_item_for_user(request.user, pk)
    return render(
        request,
        "communication/item.html",
        {"item": item, "can_edit": permissions.can_log(request.user, item.unit)},
    )


def item_edit(request, pk):
    item = access.get_item_for_user(request.user, pk, write=True)
    form = NewsItemForm(request.POST or None, request.FILES or None, instance=item)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        uploaded = data.pop("upload", None)
        try:
            services.item_update(actor=request.user, item=item, uploaded=uploaded, **data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã lưu tin, bài."))
            return redirect("communication:item", item.pk)
    return _form_page(request, form, title=_("Sửa tin, bài"), back=reverse("communication:item", args=[item.pk]))


@require_POST
def item_delete(request, pk):
    item = access.get_item_for_user(request.user, pk, write=True)
    services.item_delete(actor=request.user, item=item)
    messages.success(request, _("Đã xóa tin, bài “%(t)s”.") % {"t": item.title})
    return redirect("communication:index")


def _send(field, name: str, content_type: str) -> HttpResponse:
    """Files are at most 10 MB (units/uploads.py): sent whole, inline, never sniffed by the browser."""
    if not field:
        raise Http404(_("Tin, bài này không có tệp đính kèm."))
    try:
        with field.open("rb") as handle:
            content = handle.read()
    except (FileNotFoundError, ValueError) as error:
        raise Http404(_("Tệp không còn trên máy chủ.")) from error
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(False, name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def item_link(request, pk):
    """The item's link, opened through the portal (the page itself loads nothing from another host;
    the link is checked as a web address when it is saved)."""
    item = access.get_item_for_user(request.user, pk)
    if not item.link:
        raise Http404(_("Tin, bài này không có đường dẫn."))
    return HttpResponseRedirect(item.link)


def item_file(request, pk):
    item = access.get_item_for_user(request.user, pk)
    return _send(item.file, item.original_name, item.content_type)


def item_thumbnail(request, pk):
    item = access.get_item_for_user(request.user, pk)
    return _send(item.thumbnail, "anh-nho.jpg", "image/jpeg")
