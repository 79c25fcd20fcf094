"""The household file: the template, the upload, the check and the import (literacy.import_batches)."""

from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents import table_to_xlsx, xlsx_response
from jobs.supervision import settle_if_orphaned
from units.forms import apply_errors
from units.text import as_id

from .. import access, household_import, import_batches, mapping_profiles, selectors, tables
from ..forms import (
    ImportForm,
)
from ..household_import import template
from ..models import ImportBatch
from .common import _page


def import_template(request):
    """The documented template (Tải mẫu): a page describing every column, and with ?tai=1 the
    workbook itself (household_import.template: drop-downs, the commune's hamlets with ?xa=<id>, an
    example row the import skips, and the guide sheet). A commune the user cannot see is 404."""
    communes = selectors.template_communes_for(request.user)
    commune = None
    if commune_id := as_id(request.GET.get("xa")):
        commune = get_object_or_404(communes, pk=commune_id)
    elif request.GET.get("xa") is None:
        mine = list(selectors.communes_for_import(request.user)[:2])
        commune = mine[0] if len(mine) == 1 else None
    if not request.GET.get("tai"):
        return render(
            request,
            "literacy/import_template.html",
            {"columns": household_import.COLUMNS, "communes": communes, "commune": commune},
        )
    stem = f"mau-nhap-ho-gia-dinh-{commune.code}" if commune else "mau-nhap-ho-gia-dinh"
    return xlsx_response(template.workbook(commune), f"{stem}.xlsx")


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
