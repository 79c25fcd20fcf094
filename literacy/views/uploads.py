"""The household file: the template, the upload, the check and the import (literacy.import_batches)."""

import io
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from openpyxl import Workbook
from openpyxl.styles import Font

from documents import table_to_xlsx, xlsx_response
from jobs.supervision import settle_if_orphaned
from units.forms import apply_errors

from .. import access, household_import, import_batches, mapping_profiles, selectors, tables
from ..forms import (
    ImportForm,
)
from ..models import ImportBatch
from .common import _page


def import_template(request):
    """The documented template (Tải mẫu): a page describing every column, and with ?tai=1 the
    workbook itself (the header row and a sheet explaining each column)."""
    if not request.GET.get("tai"):
        return render(request, "literacy/import_template.html", {"columns": household_import.COLUMNS})
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Nhan khau"
    sheet.append([c.header for c in household_import.COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, column in enumerate(household_import.COLUMNS):
        sheet.column_dimensions[chr(ord("A") + index)].width = max(12, len(column.header) + 4)
    guide = workbook.create_sheet("Huong dan")
    guide.append([_("Cột"), _("Bắt buộc"), _("Cách ghi")])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for column in household_import.COLUMNS:
        guide.append([column.header, str(column.guide_label), str(column.help)])
    guide.append([])
    guide.append([_("Mỗi dòng là một nhân khẩu; các nhân khẩu cùng hộ ghi cùng Mã hộ, Thôn và Chủ hộ.")])
    guide.append(
        [
            _(
                "Ví dụ: HO001 | Thôn Đông | 12 | Nguyễn Văn An | Nguyễn Văn An | 05/03/1980 | Nam | Kinh | "
                "Chủ hộ | 9 | | | | Thường trú |"
            )
        ]
    )
    guide.column_dimensions["A"].width = 24
    guide.column_dimensions["C"].width = 80
    buffer = io.BytesIO()
    workbook.save(buffer)
    return xlsx_response(buffer.getvalue(), "mau-nhap-ho-gia-dinh.xlsx")


def import_start(request):
    user = request.user
    rounds = selectors.open_rounds_for_import(user)
    communes = selectors.communes_for_import(user)
    if not communes.exists() or not rounds.exists():
        raise PermissionDenied
    layouts = mapping_profiles.choices_for_offices({r.office_id for r in rounds})
    form = ImportForm(request.POST or None, request.FILES or None, rounds=rounds, communes=communes, layouts=layouts)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not selectors.may_import_into(user, data["round"], data["commune"]):
            raise PermissionDenied
        to_map = data["layout"] == ImportForm.MANUAL
        mapping = None if to_map else mapping_profiles.mapping_of(data["round"].office, data["layout"])
        try:
            if data["layout"] and not to_map and mapping is None:
                raise ValidationError({"layout": _("Mẫu ghép cột này không thuộc cơ quan của đợt điều tra đã chọn.")})
            batch = import_batches.batch_create(
                actor=user,
                survey_round=data["round"],
                commune=data["commune"],
                upload=data["file"],
                mapping=mapping,
                to_map=to_map,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            if to_map:
                return redirect("literacy:import_mapping", pk=batch.pk)
            if import_batches.is_large(batch):
                import_batches.start_job(batch, "check")
            else:
                import_batches.batch_check(batch)
            return redirect("literacy:import_detail", pk=batch.pk)
    return render(request, "literacy/import_form.html", {"form": form})


def import_detail(request, pk):
    batch = access.get_import_for_user(request.user, pk)
    if request.GET.get("xuat") == "xlsx":
        stem = Path(batch.file_name).stem or "tep"  # "ho.xlsx" → "loi-nhap-ho.xlsx", not "….xlsx.xlsx"
        return xlsx_response(table_to_xlsx(tables.import_errors_table(batch)), f"loi-nhap-{stem}.xlsx")
    if settle_if_orphaned(batch.job):  # its worker died: the job shows "Lỗi", the batch can be imported again
        batch.refresh_from_db()
    errors = _page(request, batch.errors, 100)
    context = {"batch": batch, "page_obj": errors, "errors": errors.object_list, "job": batch.job}
    if request.htmx and request.GET.get("partial"):
        return render(request, "literacy/_import_progress.html", context)
    return render(request, "literacy/import_detail.html", context)


@require_POST
def import_commit(request, pk):
    batch = access.get_import_for_user(request.user, pk, write=True)
    if batch.status in (ImportBatch.Status.IMPORTING, ImportBatch.Status.IMPORTED) or (
        batch.status == ImportBatch.Status.CHECKED and not import_batches.claim_commit(batch)  # taken a moment ago
    ):
        messages.error(request, str(import_batches.ALREADY_COMMITTED))
        return redirect("literacy:import_detail", pk=batch.pk)
    if batch.status != ImportBatch.Status.CHECKED:
        messages.error(request, _("Chỉ nhập được tệp đã kiểm tra và không có lỗi."))
        return redirect("literacy:import_detail", pk=batch.pk)
    large = import_batches.is_large(batch)
    try:
        if large:
            import_batches.start_job(batch, "commit")
        else:
            batch = import_batches.batch_commit(batch, actor=request.user)
    except Exception:
        import_batches.release_commit(batch)
        raise
    if not large:
        if batch.status == ImportBatch.Status.IMPORTED:
            messages.success(
                request,
                _("Đã nhập %(n)s dòng vào %(c)s.") % {"n": batch.rows, "c": batch.commune.full_name},
            )
        else:
            messages.error(request, _("Số liệu đã thay đổi từ lúc kiểm tra: tệp có lỗi, chưa có dòng nào được nhập."))
    return redirect("literacy:import_detail", pk=batch.pk)
