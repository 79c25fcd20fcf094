"""Thin views: an access helper fetches, a form validates, a service acts, the view redirects or renders."""

import datetime
import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from openpyxl import Workbook
from openpyxl.styles import Font

from documents import pdf_response, render_official_pdf, table_to_xlsx, xlsx_response
from jobs.responses import export_or_job
from jobs.supervision import settle_if_orphaned
from units.concurrency import StaleEdit, answer_stale
from units.forms import apply_errors
from units.models import Unit, UnitKind
from units.selectors import is_office_user, scope_roots, units_editable_by
from units.text import as_id, as_year, ids_from

from . import access, attainment, exports, household_import, import_batches, selectors, services, tables
from .forms import (
    AssignmentForm,
    ClassForm,
    HouseholdForm,
    ImportForm,
    PersonForm,
    ResultForm,
    RoundForm,
    SettingsForm,
)
from .models import ClassStage, ImportBatch, SurveyRound

PAGE_SIZE = 50


def _page(request, queryset, size=PAGE_SIZE):
    return Paginator(queryset, size).get_page(request.GET.get("page"))


def _home_units(user) -> list[Unit]:
    """Offices and communes whose standard the user reads from the landing page."""
    return [u for u in scope_roots(user) if u.kind in (UnitKind.OFFICE, UnitKind.COMMUNE)]


# Landing ---------------------------------------------------------------------------------------


def index(request):
    user = request.user
    rounds = _page(request, selectors.rounds_visible_to(user).order_by("-year", "-number"), 10)
    # Both distinct: over the join with enrolments a class counts once per learner. A learner is a
    # person (lineage across rounds), once however many classes they follow (stage 1, then stage 2).
    classes = selectors.classes_visible_to(user).aggregate(
        n=Count("id", distinct=True), learners=Count("enrolments__lineage", distinct=True)
    )
    context = {
        "page_obj": rounds,
        "rounds": rounds.object_list,
        "standard_units": _home_units(user),
        "can_create_round": selectors.offices_managed_by(user).exists(),
        "can_import": bool(selectors.field_unit_ids(user)) or units_editable_by(user).exists(),
        "class_count": classes["n"],
        "learner_count": classes["learners"],
        "recent_imports": list(selectors.imports_visible_to(user).order_by("-created_at")[:5]),
        "settings_offices": [u for u in scope_roots(user) if u.kind == UnitKind.OFFICE] if is_office_user(user) else [],
    }
    return render(request, "literacy/index.html", context)


# Settings --------------------------------------------------------------------------------------


def settings_edit(request, pk):
    office = access.get_office_for_settings(request.user, pk, write=request.method == "POST")
    conf = selectors.settings_for(office)
    can_edit = selectors.can_manage_office(request.user, office)
    form = SettingsForm(request.POST or None, instance=conf)
    if request.method == "POST" and form.is_valid():
        services.settings_update(actor=request.user, office=office, **form.cleaned_data)
        messages.success(request, _("Đã lưu cách tính chuẩn xóa mù chữ."))
        return redirect("literacy:settings", pk=office.pk)
    if not can_edit:
        for field in form.fields.values():
            field.disabled = True
    return render(request, "literacy/settings.html", {"form": form, "office": office, "can_edit": can_edit})


# Rounds ----------------------------------------------------------------------------------------


def round_create(request):
    offices = selectors.offices_managed_by(request.user)
    if not offices.exists():
        raise PermissionDenied
    form = RoundForm(request.POST or None, offices=offices, initial={"office": offices.first()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            survey_round = services.round_create(
                actor=request.user,
                office=data["office"],
                year=data["year"],
                number=data["number"],
                reference_date=data["reference_date"],
                carry_over=data["carry_over"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã mở %(r)s.") % {"r": survey_round})
            return redirect("literacy:round_detail", pk=survey_round.pk)
    return render(request, "literacy/round_form.html", {"form": form})


def round_detail(request, pk):
    survey_round = access.get_round_for_user(request.user, pk)
    page = _page(request, selectors.round_hamlet_counts(request.user, survey_round))
    can_manage = selectors.can_manage_round(request.user, survey_round)
    assignments = (
        _page(request, selectors.assignments_of(survey_round), 200)
        if can_manage or is_office_user(request.user)
        else None
    )
    return render(
        request,
        "literacy/round_detail.html",
        {
            "round": survey_round,
            "page_obj": page,
            "hamlets": page.object_list,
            "assignments": assignments.object_list if assignments else [],
            "can_manage": can_manage,
            "assignment_form": AssignmentForm(survey_round=survey_round) if can_manage else None,
            "can_enter": selectors.editable_hamlets(request.user, survey_round).exists(),
        },
    )


@require_POST
def round_status(request, pk):
    survey_round = access.get_round_for_user(request.user, pk, write=True)
    status = request.POST.get("status")
    if status not in SurveyRound.Status.values:
        messages.error(request, _("Trạng thái không hợp lệ."))
    else:
        services.round_set_status(actor=request.user, survey_round=survey_round, status=status)
        messages.success(request, _("Đã cập nhật trạng thái đợt điều tra."))
    return redirect("literacy:round_detail", pk=survey_round.pk)


@require_POST
def assignment_add(request, pk):
    survey_round = access.get_round_for_user(request.user, pk, write=True)
    form = AssignmentForm(request.POST, survey_round=survey_round)
    if form.is_valid():
        try:
            services.assignment_set(actor=request.user, survey_round=survey_round, **form.cleaned_data)
            messages.success(request, _("Đã phân công điều tra."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("Hãy chọn thôn và đơn vị điều tra."))
    return redirect("literacy:round_detail", pk=survey_round.pk)


@require_POST
def assignment_delete(request, pk):
    assignment = access.get_assignment_for_user(request.user, pk, write=True)
    round_pk = assignment.round_id
    services.assignment_delete(actor=request.user, assignment=assignment)
    messages.success(request, _("Đã bỏ phân công."))
    return redirect("literacy:round_detail", pk=round_pk)


# Households and persons ------------------------------------------------------------------------


def household_list(request, pk):
    survey_round = access.get_round_for_user(request.user, pk)
    query = request.GET.get("q", "").strip()
    hamlet = None
    if hamlet_id := as_id(request.GET.get("thon")):
        # Only a hamlet of this round the user may read (their scope, or assigned to their school or
        # centre): any other id is 404, never another office's hamlet name (pen test, issue 12).
        hamlet = get_object_or_404(selectors.readable_hamlets(request.user, survey_round), pk=hamlet_id)
    households = selectors.household_list(request.user, survey_round, hamlet=hamlet, query=query)
    page = _page(request, households)
    return render(
        request,
        "literacy/household_list.html",
        {
            "round": survey_round,
            "page_obj": page,
            "households": page.object_list,
            "query": query,
            "hamlet": hamlet,
            "can_enter": selectors.editable_hamlets(request.user, survey_round).exists(),
        },
    )


def household_create(request, pk):
    survey_round = access.get_round_for_user(request.user, pk)
    hamlets = selectors.editable_hamlets(request.user, survey_round)
    if survey_round.status != SurveyRound.Status.OPEN or not hamlets.exists():
        raise PermissionDenied
    form = HouseholdForm(request.POST or None, hamlets=hamlets)
    if request.method == "POST" and form.is_valid():
        data = form.model_data()
        hamlet = data.pop("hamlet")
        try:
            household = services.household_create(actor=request.user, survey_round=survey_round, hamlet=hamlet, **data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã thêm hộ %(h)s. Hãy nhập các nhân khẩu.") % {"h": household})
            return redirect("literacy:household_detail", pk=household.pk)
    return render(request, "literacy/household_form.html", {"form": form, "round": survey_round})


def household_detail(request, pk):
    household = access.get_household_for_user(request.user, pk)
    return render(
        request,
        "literacy/household_detail.html",
        {
            "household": household,
            "members": selectors.members_of(household),
            "can_edit": selectors.can_edit_household(request.user, household),
        },
    )


def household_edit(request, pk):
    household = access.get_household_for_user(request.user, pk, write=True)
    hamlets = selectors.hamlets_for_household(request.user, household)
    form = HouseholdForm(request.POST or None, instance=household, hamlets=hamlets)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.household_update(
                actor=request.user, household=household, expected_version=form.page_version(), **form.model_data()
            )
        except StaleEdit as exc:
            status = answer_stale(request, form, exc)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu thông tin hộ."))
            return redirect("literacy:household_detail", pk=household.pk)
    return render(
        request,
        "literacy/household_form.html",
        {"form": form, "round": household.round, "household": household},
        status=status,
    )


def person_create(request, pk):
    household = access.get_household_for_user(request.user, pk, write=True)
    form = PersonForm(request.POST or None, initial={"ethnicity": "Kinh"})
    if request.method == "POST" and form.is_valid():
        try:
            services.person_create(actor=request.user, household=household, **form.model_data())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã thêm nhân khẩu."))
            if "another" in request.POST:
                return redirect("literacy:person_create", pk=household.pk)
            return redirect("literacy:household_detail", pk=household.pk)
    return render(request, "literacy/person_form.html", {"form": form, "household": household})


def person_edit(request, pk):
    person = access.get_person_for_user(request.user, pk, write=True)
    form = PersonForm(request.POST or None, instance=person)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(
                actor=request.user, person=person, expected_version=form.page_version(), **form.model_data()
            )
        except StaleEdit as exc:
            status = answer_stale(request, form, exc)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu nhân khẩu."))
            return redirect("literacy:household_detail", pk=person.household_id)
    return render(
        request,
        "literacy/person_form.html",
        {"form": form, "household": person.household, "person": person},
        status=status,
    )


def duplicates(request, pk):
    survey_round = access.get_round_for_user(request.user, pk)
    page = _page(request, selectors.duplicate_groups(request.user, survey_round), 20)
    groups = list(page.object_list)
    members = selectors.duplicate_members(request.user, survey_round, groups)
    for group in groups:
        group["persons"] = members.get((group["commune_id"], group["name_folded"], group["birth_year"]), [])
    return render(request, "literacy/duplicates.html", {"round": survey_round, "page_obj": page, "groups": groups})


@require_POST
def duplicate_resolve(request, pk):
    person = access.get_person_for_user(request.user, pk, write=True)
    round_pk = person.round_id
    try:
        services.duplicate_resolve(actor=request.user, person=person, action=request.POST.get("action", ""))
        messages.success(request, _("Đã xử lý bản ghi nghi trùng."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("literacy:duplicates", pk=round_pk)


def relapses(request, pk):
    survey_round = access.get_round_for_user(request.user, pk)
    page = _page(request, selectors.relapses(request.user, survey_round))
    return render(
        request, "literacy/relapses.html", {"round": survey_round, "page_obj": page, "persons": page.object_list}
    )


# Import ----------------------------------------------------------------------------------------


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
        guide.append([column.header, _("Có") if column.required else _("Không"), str(column.help)])
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
    form = ImportForm(request.POST or None, request.FILES or None, rounds=rounds, communes=communes)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not selectors.may_import_into(user, data["round"], data["commune"]):
            raise PermissionDenied
        try:
            batch = import_batches.batch_create(
                actor=user, survey_round=data["round"], commune=data["commune"], upload=data["file"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            if import_batches.is_large(batch):
                import_batches.start_job(batch, "check")
            else:
                import_batches.batch_check(batch)
            return redirect("literacy:import_detail", pk=batch.pk)
    return render(request, "literacy/import_form.html", {"form": form})


def import_detail(request, pk):
    batch = access.get_import_for_user(request.user, pk)
    if request.GET.get("xuat") == "xlsx":
        return xlsx_response(table_to_xlsx(tables.import_errors_table(batch)), f"loi-nhap-{batch.file_name}.xlsx")
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


# Classes ---------------------------------------------------------------------------------------


def class_list(request):
    stage = request.GET.get("giai_doan", "")
    if stage not in ClassStage.values:
        stage = ""
    page = _page(request, selectors.class_list(request.user, stage=stage))
    return render(
        request,
        "literacy/class_list.html",
        {
            "page_obj": page,
            "classes": page.object_list,
            "stage": stage,
            "stages": ClassStage.choices,
            "can_create": selectors.class_units_for(request.user).exists(),
        },
    )


def class_create(request):
    run_units = selectors.class_units_for(request.user)
    if not run_units.exists():
        raise PermissionDenied
    communes = selectors.communes_for_class(request.user, run_units)
    form = ClassForm(request.POST or None, run_units=run_units, communes=communes)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            literacy_class = services.class_create(actor=request.user, **data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã mở lớp %(c)s.") % {"c": literacy_class})
            return redirect("literacy:class_detail", pk=literacy_class.pk)
    return render(request, "literacy/class_form.html", {"form": form})


def class_edit(request, pk):
    literacy_class = access.get_class_for_user(request.user, pk, write=True)
    form = ClassForm(request.POST or None, instance=literacy_class)
    if request.method == "POST" and form.is_valid():
        try:
            services.class_update(actor=request.user, literacy_class=literacy_class, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu thông tin lớp."))
            return redirect("literacy:class_detail", pk=literacy_class.pk)
    return render(request, "literacy/class_form.html", {"form": form, "literacy_class": literacy_class})


def class_detail(request, pk):
    literacy_class = access.get_class_for_user(request.user, pk)
    can_edit = selectors.can_edit_class(request.user, literacy_class)
    enrolments = _page(request, selectors.enrolments_of(literacy_class))
    rows = []
    for enrolment in enrolments.object_list:
        by_term = {r.term: r for r in enrolment.results.all()}
        rows.append(
            {
                "enrolment": enrolment,
                "results": [by_term.get(t) for t in literacy_class.terms],
                "has_results": bool(by_term),
            }
        )
    query = request.GET.get("q", "").strip()
    candidates = None
    if can_edit:
        candidates = Paginator(selectors.enrol_candidates(literacy_class, query=query), 20).get_page(
            request.GET.get("trang")
        )
    return render(
        request,
        "literacy/class_detail.html",
        {
            "literacy_class": literacy_class,
            "page_obj": enrolments,
            "rows": rows,
            "can_edit": can_edit,
            "candidates": candidates,
            "query": query,
            "result_form": ResultForm(literacy_class=literacy_class) if can_edit else None,
        },
    )


@require_POST
def class_enrol(request, pk):
    literacy_class = access.get_class_for_user(request.user, pk, write=True)
    ids = ids_from(request.POST.getlist("person"))
    persons = list(selectors.enrol_candidates(literacy_class).filter(pk__in=ids))
    if not persons:
        messages.error(request, _("Hãy chọn ít nhất một người trong danh sách."))
    else:
        try:
            n = services.enrol(actor=request.user, literacy_class=literacy_class, persons=persons)
            messages.success(request, _("Đã thêm %(n)d học viên.") % {"n": n})
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return redirect("literacy:class_detail", pk=literacy_class.pk)


@require_POST
def enrolment_result(request, pk):
    enrolment = access.get_enrolment_for_user(request.user, pk, write=True)
    form = ResultForm(request.POST, literacy_class=enrolment.literacy_class)
    if form.is_valid():
        try:
            services.result_record(actor=request.user, enrolment=enrolment, **form.cleaned_data)
            messages.success(request, _("Đã ghi kết quả của %(p)s.") % {"p": enrolment.person.full_name})
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("Hãy chọn kỳ và kết quả."))
    return redirect("literacy:class_detail", pk=enrolment.literacy_class_id)


@require_POST
def enrolment_remove(request, pk):
    enrolment = access.get_enrolment_for_user(request.user, pk, write=True)
    try:
        services.enrolment_remove(actor=request.user, enrolment=enrolment)
        messages.success(request, _("Đã xóa học viên khỏi lớp."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("literacy:class_detail", pk=enrolment.literacy_class_id)


# The standard ----------------------------------------------------------------------------------


def _year(request, unit: Unit) -> tuple[int, list[int]]:
    years = attainment.standard_years(unit)
    year = as_year(request.GET.get("nam"))
    return year or (years[0] if years else datetime.date.today().year), years


def standard(request, pk):
    unit = access.get_standard_unit_for_user(request.user, pk)
    year, years = _year(request, unit)
    fmt = request.GET.get("xuat", "")
    if unit.kind == UnitKind.OFFICE:
        result = attainment.office_standard(unit, year)
        table = tables.office_standard_table(
            result, link=lambda c: reverse("literacy:standard", kwargs={"pk": c.pk}) + f"?nam={year}"
        )
        context = {
            "unit": unit,
            "year": year,
            "years": years,
            "office_result": result,
            "table": table,
            "survey_round": result.survey_round,
            "conf": result.settings,
        }
        file_stem = f"chuan-xmc-{unit.code}-{year}"
    else:
        result, survey_round, conf = attainment.commune_standard(unit, year)
        table = tables.commune_band_table(result, conf, year) if result else None
        context = {
            "unit": unit,
            "year": year,
            "years": years,
            "commune_result": result,
            "table": table,
            "survey_round": survey_round,
            "conf": conf,
        }
        file_stem = f"chuan-xmc-{unit.code}-{year}"
    if fmt in ("xlsx", "pdf"):
        if table is None:
            raise Http404
        if fmt == "xlsx":
            return xlsx_response(table_to_xlsx(table, heading_lines=[unit.full_name]), f"{file_stem}.xlsx")
        doc = exports.official_document(
            unit, "BÁO CÁO", _("Kết quả xóa mù chữ năm %(y)d — %(u)s") % {"y": year, "u": unit.full_name}
        )
        data = render_official_pdf("literacy/standard_pdf.html", {"doc": doc, "tables": [table]}, request=request)
        return pdf_response(data, f"{file_stem}.pdf")
    return render(request, "literacy/standard.html", context)


def name_list(request, pk, level):
    commune = access.get_standard_unit_for_user(request.user, pk)
    if commune.kind != UnitKind.COMMUNE or level not in (1, 2):
        raise Http404
    year, years = _year(request, commune)
    names = attainment.name_list_for(commune, year, level)
    persons = names.persons
    fmt = request.GET.get("xuat", "")
    if fmt in ("xlsx", "pdf") and names.survey_round:
        return export_or_job(
            request,
            kind=exports.NAME_LIST_KIND,
            title=_("Danh sách MC%(l)d — %(c)s — năm %(y)d") % {"l": level, "c": commune.full_name, "y": year},
            params={"commune": commune.pk, "level": level, "year": year, "fmt": fmt},
            estimated_rows=persons.count(),
            unit=commune,
            threshold=exports.NAME_LIST_DIRECT_ROWS[fmt],
        )
    page = _page(request, persons)
    return render(
        request,
        "literacy/name_list.html",
        {
            "unit": commune,
            "level": level,
            "year": year,
            "years": years,
            "survey_round": names.survey_round,
            "page_obj": page,
            "persons": page.object_list,
            "conf": names.settings,
            "notes": tables.settings_notes(names.settings),
            "band": names.band,
        },
    )
