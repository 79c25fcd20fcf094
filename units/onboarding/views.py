"""Pages under /don-vi/nhap-tu-excel/: the template, the upload and its dry run, the commit, and the
list of logins taken once. Office officers of the managing unit only (others 403; another office's
batch 404)."""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..access import get_onboarding_batch_for_user, get_unit_for_user
from ..forms import apply_errors
from ..models import Unit, UnitKind
from ..selectors import manage_roots
from ..text import as_id
from ..views.common import require_manager
from . import batches
from .columns import people_columns, unit_columns
from .forms import OnboardingUploadForm
from .models import OnboardingBatch, OnboardingStatus
from .template import template_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHOWN_ERRORS = 500


def _roots(user):
    if user.is_superuser:
        return Unit.objects.filter(parent=None, kind__in=(UnitKind.OFFICE, UnitKind.COMMUNE), valid_to=None)
    return Unit.objects.filter(pk__in=[u.pk for u in manage_roots(user)])


def _download(data: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "no-store"  # the list of logins travels this way too
    return response


def start(request):
    user = request.user
    require_manager(user)
    roots = _roots(user)
    form = OnboardingUploadForm(request.POST or None, request.FILES or None, roots=roots)
    if request.method == "POST" and form.is_valid():
        try:
            batch = batches.batch_check(actor=user, root=form.cleaned_data["root"], upload=form.cleaned_data["file"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect("units:onboarding_detail", batch.pk)
    recent = OnboardingBatch.objects.filter(root__in=roots).select_related("root", "created_by")[:10]
    context = {
        "form": form,
        "roots": roots,
        "recent": recent,
        "unit_columns": unit_columns(),
        "people_columns": people_columns(),
    }
    return render(request, "units/onboarding/start.html", context)


def template(request):
    user = request.user
    asked = get_unit_for_user(user, pk) if (pk := as_id(request.GET.get("don_vi"))) else None
    require_manager(user)
    roots = _roots(user)
    root = asked if asked is not None and roots.filter(pk=asked.pk).exists() else roots.first()
    if root is None:
        return redirect("units:onboarding")
    return _download(template_workbook(root), "mau-nhap-don-vi-nguoi-dung.xlsx", XLSX)


def detail(request, pk):
    batch = get_onboarding_batch_for_user(request.user, pk)
    require_manager(request.user)
    context = {
        "batch": batch,
        "errors": batch.errors[:SHOWN_ERRORS],
        "more_errors": max(0, len(batch.errors) - SHOWN_ERRORS),
        "created": _counts(batch.summary.get("created", {})),
        "existing": _counts(batch.summary.get("existing", {})),
    }
    return render(request, "units/onboarding/detail.html", context)


def _counts(counts: dict) -> list[tuple[str, int]]:
    labels = {"people": _("tài khoản người dùng"), "roles": _("vai trò giao thêm")}
    return [(labels.get(key) or str(UnitKind(key).label), n) for key, n in counts.items() if n]


@require_POST
def commit(request, pk):
    batch = get_onboarding_batch_for_user(request.user, pk)
    require_manager(request.user)
    try:
        batch = batches.batch_commit(actor=request.user, batch=batch)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("units:onboarding_detail", batch.pk)
    if batch.status == OnboardingStatus.COMMITTED:
        messages.success(request, _("Đã nhập chính thức. Hãy lấy danh sách đăng nhập ngay: chỉ lấy được một lần."))
        if batch.logins_count:
            return redirect("units:onboarding_logins", batch.pk)
    else:
        messages.error(request, _("Dữ liệu đã thay đổi từ lần kiểm tra: có dòng lỗi, chưa nhập gì."))
    return redirect("units:onboarding_detail", batch.pk)


def logins(request, pk):
    """GET: what the list is and that it comes once. POST dang=trang|xlsx|pdf: the list, once."""
    user = request.user
    batch = get_onboarding_batch_for_user(user, pk)
    require_manager(user)
    output = request.POST.get("dang", "trang")
    if request.method != "POST" or output not in ("trang", "xlsx", "pdf"):
        return render(request, "units/onboarding/logins.html", {"batch": batch, "rows": None})
    rows = batches.logins_take(actor=user, batch=batch)
    if rows is None:
        messages.warning(request, _("Danh sách đăng nhập đã được lấy trước đó; mật khẩu không còn lưu."))
        return redirect("units:onboarding_logins", batch.pk)
    batch.refresh_from_db()
    context = {"batch": batch, "rows": rows}
    if output == "xlsx":
        return _download(_logins_xlsx(rows), f"tai-khoan-{batch.pk}.xlsx", XLSX)
    if output == "pdf":
        html = render_to_string("units/onboarding/logins_pdf.html", context)
        return _download(_pdf(html), f"tai-khoan-{batch.pk}.pdf", "application/pdf")
    response = render(request, "units/onboarding/logins.html", context)
    response["Cache-Control"] = "no-store"
    return response


def _headers() -> list[str]:
    return [_("STT"), _("Họ và tên"), _("Đơn vị"), _("Vai trò"), _("Tên đăng nhập"), _("Mật khẩu dùng một lần")]


def _logins_xlsx(rows: list[dict]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Tai khoan"
    sheet.append(_headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, row in enumerate(rows, start=1):
        sheet.append([index, row["name"], row["unit"], row["role"], row["username"], row["password"]])
    for letter, width in zip("ABCDEF", (6, 28, 34, 26, 18, 20), strict=True):
        sheet.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _refuse_fetch(url, *args, **kwargs):
    raise ValueError(f"the list of logins loads nothing: {url}")


def _pdf(html: str) -> bytes:
    # A plain table with its styles inline; nothing is fetched (units does not use documents).
    from weasyprint import HTML

    return HTML(string=html, url_fetcher=_refuse_fetch).write_pdf()
