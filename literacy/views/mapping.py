"""The column mapping step of an upload, the office's mapping profiles and the register written back
out (issue 16)."""

from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from documents import xlsx_response
from units.forms import apply_errors

from .. import access, import_batches, mapping_profiles, selectors
from ..household_import import FileProblem, read_sheet
from ..household_import import mapping as mapping_format
from ..household_import.national import LAYOUTS, NATIONAL_DESCRIPTION, NATIONAL_KEY, NATIONAL_NAME, register_workbook
from ..mapping_forms import MappingForm, ProfileForm, ProfileImportForm
from ..models import ImportBatch

PREVIEW_ROWS = 5


def _file_rows(batch: ImportBatch) -> list[list]:
    with batch.file.open("rb") as handle:
        rows, _merged = read_sheet(handle)
    return rows


def _cell(value) -> str:
    return mapping_format.cell_text(value)[:60]


def import_mapping(request, pk):
    """After the upload: the first rows, each column matched to a field, then the same check."""
    batch = access.get_import_for_user(request.user, pk, write=True)
    if batch.status not in import_batches.MAPPABLE:
        messages.error(request, _("Tệp này đang được nhập hoặc đã nhập; không ghép cột lại được."))
        return redirect("literacy:import_detail", pk=batch.pk)
    try:
        rows = _file_rows(batch)
    except FileProblem as problem:
        messages.error(request, str(problem))
        return redirect("literacy:import_detail", pk=batch.pk)
    office = batch.round.office
    choice = request.GET.get("mau", "")
    if "mau" not in request.GET and not batch.mapping:  # a saved layout the file fits is offered first
        choice = mapping_profiles.matching_choice(office, rows)
    initial = mapping_profiles.mapping_of(office, choice) or batch.mapping or mapping_format.suggest(rows)
    header_row = _header_row(request, initial, rows)
    headers = [
        _cell(v) or _("(cột %(n)d không tên)") % {"n": i + 1} for i, v in enumerate(_header_cells(rows, header_row))
    ]
    can_save = selectors.can_manage_office(request.user, office)
    form = MappingForm(
        request.POST or None,
        headers=headers,
        initial_mapping=initial,
        can_save=can_save,
        initial={"header_row": header_row},
    )
    if request.method == "POST" and form.is_valid():
        try:
            if can_save and form.cleaned_data.get("save_as"):
                mapping_profiles.profile_save(
                    actor=request.user,
                    office=office,
                    name=form.cleaned_data["save_as"],
                    mapping=form.cleaned_data["mapping"],
                )
            batch = import_batches.batch_set_mapping(batch, mapping=form.cleaned_data["mapping"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            if import_batches.is_large(batch):
                import_batches.start_job(batch, "check")
            else:
                import_batches.batch_check(batch)
            return redirect("literacy:import_detail", pk=batch.pk)
    preview = rows[header_row : header_row + PREVIEW_ROWS]
    columns = [
        (*fields, " | ".join(_cell(r[i]) if i < len(r) else "" for r in preview))
        for i, fields in enumerate(form.columns())
    ]
    context = {
        "batch": batch,
        "form": form,
        "columns": columns,
        "profiles": mapping_profiles.choices_for(office),
        "choice": choice,
    }
    return render(request, "literacy/import_mapping.html", context)


def _header_row(request, initial: dict, rows: list[list]) -> int:
    raw = request.POST.get("header_row") or request.GET.get("dong") or initial.get("header_row") or 1
    try:
        return min(max(int(raw), 1), mapping_format.MAX_HEADER_ROW)
    except (TypeError, ValueError):
        return 1


def _header_cells(rows: list[list], header_row: int) -> list:
    cells = list(rows[header_row - 1]) if len(rows) >= header_row else []
    while cells and mapping_format.is_blank(cells[-1]):
        cells.pop()
    return cells[: mapping_format.MAX_ENTRIES]


# Profiles ---------------------------------------------------------------------------------------


def _managed_office(request):
    offices = selectors.offices_managed_by(request.user)
    office = offices.first()
    if office is None:
        raise PermissionDenied
    return office


def profile_list(request):
    office = _managed_office(request)
    import_form = ProfileImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and import_form.is_valid():
        try:
            data = mapping_profiles.read_profile_json(import_form.cleaned_data["file"])
            profile = mapping_profiles.profile_save(actor=request.user, office=office, **data)
        except ValidationError as exc:
            import_form.add_error("file", exc.messages[0] if hasattr(exc, "messages") else str(exc))
        else:
            messages.success(request, _("Đã nhập mẫu ghép cột “%(n)s”.") % {"n": profile.name})
            return redirect("literacy:profile_list")
    context = {
        "profiles": mapping_profiles.profiles_managed_by(request.user),
        "import_form": import_form,
        "national_name": NATIONAL_NAME,
        "national_description": NATIONAL_DESCRIPTION,
    }
    return render(request, "literacy/profile_list.html", context)


def profile_edit(request, pk):
    profile = access.get_mapping_profile_for_user(request.user, pk)
    form = ProfileForm(
        request.POST or None,
        mapping=profile.mapping,
        initial={
            "name": profile.name,
            "description": profile.description,
            "header_row": profile.mapping.get("header_row", 1),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            mapping_profiles.profile_save(
                actor=request.user,
                office=profile.office,
                name=data["name"],
                description=data["description"],
                mapping=data["mapping"],
                profile=profile,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu mẫu ghép cột."))
            return redirect("literacy:profile_list")
    return render(request, "literacy/profile_form.html", {"profile": profile, "form": form})


def profile_delete(request, pk):
    profile = access.get_mapping_profile_for_user(request.user, pk)
    if request.method == "POST":
        mapping_profiles.profile_delete(actor=request.user, profile=profile)
        messages.success(request, _("Đã xóa mẫu ghép cột “%(n)s”.") % {"n": profile.name})
        return redirect("literacy:profile_list")
    return render(request, "literacy/profile_delete.html", {"profile": profile})


def profile_export(request, pk):
    profile = access.get_mapping_profile_for_user(request.user, pk)
    data = mapping_profiles.profile_json(name=profile.name, description=profile.description, mapping=profile.mapping)
    return _json_response(data, f"mau-ghep-cot-{slugify(profile.name) or profile.pk}.json")


def national_profile_export(request):
    return _json_response(mapping_profiles.national_json(), f"mau-ghep-cot-{NATIONAL_KEY}.json")


def _json_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# The register written back out --------------------------------------------------------------------


def register_export(request, pk, commune):
    """The register of one commune in the portal's template (?bo=mau) or the national layout."""
    survey_round = access.get_round_for_user(request.user, pk)
    commune = access.get_register_commune_for_user(request.user, survey_round, commune)
    layout = request.GET.get("bo", "mau")
    if layout not in LAYOUTS:
        layout = "mau"
    persons = (
        selectors.persons_visible_to(request.user)
        .filter(round=survey_round, commune=commune)
        .select_related("household__hamlet")
        .order_by("household__code", "pk")
    )
    stem = Path(slugify(commune.name) or "xa").name
    suffix = "quoc-gia" if layout == NATIONAL_KEY else "mau-cong"
    return xlsx_response(register_workbook(persons.iterator(2000), layout), f"so-ho-{stem}-{suffix}.xlsx")
