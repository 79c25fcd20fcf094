"""The library of learning resources: the searchable list, proposing one, its page, curating, files."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from units.forms import apply_errors

from .. import access, permissions, selectors, services
from ..forms import FilterForm, ResourceForm, ReviewForm
from ..models import ResourceStatus
from ..usage import usage_of
from .common import PAGE_SIZE, file_response, form_page, own_units


def index(request):
    filters = FilterForm(request.GET or None)
    page = Paginator(selectors.resource_list(request.user, **filters.values()), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "resources/index.html",
        {
            "filters": filters,
            "page_obj": page,
            "resources": page.object_list,
            "can_propose": bool(permissions.writer_units(request.user)) or request.user.is_superuser,
            "curates": bool(permissions.curator_offices(request.user)) or request.user.is_superuser,
            "waiting": selectors.proposals_waiting(request.user),
            "query_string": request.GET.copy().urlencode() if request.GET else "",
        },
    )


def resource_add(request):
    units = own_units(request.user)
    if not units.exists():
        raise PermissionDenied
    form = ResourceForm(request.POST or None, request.FILES or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        unit, uploaded = data.pop("unit"), data.pop("upload")
        try:
            resource = services.resource_create(actor=request.user, unit=unit, uploaded=uploaded, **data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if resource.status == ResourceStatus.PUBLISHED:
                messages.success(request, _("Đã đăng học liệu vào thư viện."))
            else:
                messages.success(request, _("Đã gửi học liệu; phòng sẽ duyệt trước khi các đơn vị dùng."))
            return redirect("resources:resource", resource.pk)
    return form_page(
        request,
        form,
        title=_("Đề xuất học liệu"),
        help=_("Học liệu mở: một đường dẫn (bài giảng, video, tài liệu) hoặc một tệp ảnh, PDF; phòng duyệt rồi đăng."),
        back=reverse("resources:index"),
        multipart=True,
    )


def resource(request, pk):
    resource = access.get_resource_for_user(request.user, pk)
    return render(
        request,
        "resources/resource.html",
        {
            "resource": resource,
            "uses": usage_of([resource.pk])[resource.pk],
            "can_edit": permissions.can_edit_resource(request.user, resource),
            "can_curate": permissions.can_curate(request.user, resource.office),
            "review_form": ReviewForm(
                initial={
                    "status": ResourceStatus.PUBLISHED if resource.status != ResourceStatus.HIDDEN else "hidden",
                    "featured": resource.featured,
                }
            ),
        },
    )


def resource_edit(request, pk):
    resource = access.get_resource_for_user(request.user, pk, write=True)
    form = ResourceForm(request.POST or None, request.FILES or None, instance=resource, units=None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        uploaded = data.pop("upload")
        try:
            services.resource_update(actor=request.user, resource=resource, uploaded=uploaded, **data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("resources:resource", resource.pk)
    return form_page(
        request, form, title=_("Sửa học liệu"), back=reverse("resources:resource", args=[resource.pk]), multipart=True
    )


@require_POST
def resource_review(request, pk):
    resource = access.get_resource_for_user(request.user, pk, curate=True)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn “Đăng” hoặc “Ẩn”."))
        return redirect("resources:resource", resource.pk)
    services.resource_review(
        actor=request.user,
        resource=resource,
        status=form.cleaned_data["status"],
        featured=form.cleaned_data["featured"],
    )
    messages.success(request, _("Đã lưu quyết định của phòng về học liệu."))
    return redirect("resources:resource", resource.pk)


def resource_file(request, pk):
    resource = access.get_resource_for_user(request.user, pk)
    return file_response(resource.file, resource.original_name, resource.content_type)


def resource_thumb(request, pk):
    resource = access.get_resource_for_user(request.user, pk)
    return file_response(resource.thumbnail, f"anh-nho-{resource.pk}.jpg", "image/jpeg")


def resource_link(request, pk):
    """The resource's link, opened through the portal: the page itself names no other host, and the
    address is only given to whoever may see the resource."""
    resource = access.get_resource_for_user(request.user, pk)
    if not resource.url.startswith(("https://", "http://")):
        raise Http404(_("Học liệu này không có đường dẫn."))
    return redirect(resource.url)
