"""Officers define report forms without code: list, create, builder, versions, export / import."""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from units.forms import apply_errors
from units.selectors import manage_roots

from .. import services
from ..access import (
    get_cell_for_user,
    get_column_for_user,
    get_form_for_user,
    get_row_for_user,
    get_rule_for_user,
    get_section_for_user,
)
from ..forms import (
    CellForm,
    ColumnForm,
    ImportForm,
    ReportFormEditForm,
    ReportFormForm,
    RowForm,
    RuleForm,
    SectionForm,
)
from ..formspec import load_form_spec
from ..grid import form_layout_table
from ..models import CellType
from ..permissions import can_edit_form
from ..selectors import form_list as select_forms
from .common import paginate, require_office


def _office_root(user):
    """The office a new form belongs to: the officer's managed unit (the first, if several)."""
    roots = manage_roots(user)
    if not roots:
        if user.is_superuser:
            return None
        raise PermissionDenied
    return roots[0]


def form_list(request):
    require_office(request.user)
    query = request.GET.get("q", "").strip()
    page = paginate(request, select_forms(request.user, query=query))
    return render(
        request,
        "reports/form_list.html",
        {"page_obj": page, "forms": page.object_list, "q": query, "can_create": bool(manage_roots(request.user))},
    )


def form_create(request):
    require_office(request.user)
    owner = _office_root(request.user)
    form = ReportFormForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report_form = services.form_create(actor=request.user, owner=owner, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã tạo biểu mẫu. Hãy thêm phần, cột và chỉ tiêu."))
            return redirect("reports:form_detail", report_form.pk)
    return render(request, "reports/form_create.html", {"form": form})


def form_detail(request, pk):
    report_form = get_form_for_user(request.user, pk)
    spec = load_form_spec(report_form)
    editable = can_edit_form(request.user, report_form) and not report_form.is_published
    return render(
        request,
        "reports/form_detail.html",
        {
            "report_form": report_form,
            "spec": spec,
            "table": form_layout_table(spec),
            "editable": editable,
            "can_edit": can_edit_form(request.user, report_form),
            "can_copy": bool(manage_roots(request.user)),
            "section_form": SectionForm(prefix="section"),
            "row_form": RowForm(prefix="row", sections=spec.sections),
            "column_form": ColumnForm(prefix="column"),
            "rule_form": RuleForm(prefix="rule"),
        },
    )


def form_edit(request, pk):
    report_form = get_form_for_user(request.user, pk, write=True)
    initial = {k: getattr(report_form, k) for k in ("title", "description", "legal_basis")}
    form = ReportFormEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.form_update(actor=request.user, form=report_form, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu thông tin biểu mẫu."))
            return redirect("reports:form_detail", report_form.pk)
    return render(request, "reports/form_edit.html", {"form": form, "report_form": report_form})


def _builder_post(request, report_form, form_class, prefix, action, **form_kwargs):
    """Add a part from the builder; on error show the builder again with the typed values kept."""
    form = form_class(request.POST, prefix=prefix, **form_kwargs)
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu."))
            return redirect("reports:form_detail", report_form.pk)
    messages.error(request, _("Chưa lưu được, hãy xem lỗi bên dưới."))
    spec = load_form_spec(report_form)
    forms = {
        "section_form": SectionForm(prefix="section"),
        "row_form": RowForm(prefix="row", sections=spec.sections),
        "column_form": ColumnForm(prefix="column"),
        "rule_form": RuleForm(prefix="rule"),
    }
    forms[f"{prefix}_form"] = form
    return render(
        request,
        "reports/form_detail.html",
        {
            "report_form": report_form,
            "spec": spec,
            "table": form_layout_table(spec),
            "editable": True,
            "can_edit": True,
            "open_panel": prefix,
            **forms,
        },
        status=400,
    )


@require_POST
def section_add(request, pk):
    report_form = get_form_for_user(request.user, pk, write=True)
    return _builder_post(
        request,
        report_form,
        SectionForm,
        "section",
        lambda data: services.section_add(actor=request.user, form=report_form, **data),
    )


@require_POST
def row_add(request, pk):
    report_form = get_form_for_user(request.user, pk, write=True)
    sections = list(report_form.sections.all())

    def act(data):
        section = next((s for s in sections if str(s.pk) == data.pop("section")), None)
        if section is None:
            raise ValidationError({"section": _("Hãy chọn phần.")})
        services.row_add(actor=request.user, section=section, **data)

    return _builder_post(request, report_form, RowForm, "row", act, sections=sections)


@require_POST
def column_add(request, pk):
    report_form = get_form_for_user(request.user, pk, write=True)
    return _builder_post(
        request,
        report_form,
        ColumnForm,
        "column",
        lambda data: services.column_add(actor=request.user, form=report_form, **data),
    )


@require_POST
def rule_add(request, pk):
    report_form = get_form_for_user(request.user, pk, write=True)
    return _builder_post(
        request,
        report_form,
        RuleForm,
        "rule",
        lambda data: services.rule_add(actor=request.user, form=report_form, **data),
    )


def _delete(request, obj, form_pk, action):
    try:
        action()
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Đã xóa."))
    return redirect("reports:form_detail", form_pk)


@require_POST
def section_delete(request, pk):
    section = get_section_for_user(request.user, pk, write=True)
    return _delete(
        request, section, section.form_id, lambda: services.section_delete(actor=request.user, section=section)
    )


@require_POST
def row_delete(request, pk):
    row = get_row_for_user(request.user, pk, write=True)
    return _delete(request, row, row.form_id, lambda: services.row_delete(actor=request.user, row=row))


@require_POST
def column_delete(request, pk):
    column = get_column_for_user(request.user, pk, write=True)
    return _delete(request, column, column.form_id, lambda: services.column_delete(actor=request.user, column=column))


@require_POST
def rule_delete(request, pk):
    rule = get_rule_for_user(request.user, pk, write=True)
    return _delete(request, rule, rule.form_id, lambda: services.rule_delete(actor=request.user, rule=rule))


def cell_edit(request, pk):
    """One cell's type, formula, provider. An htmx partial inside the builder, a page without JS."""
    cell = get_cell_for_user(request.user, pk, write=True)
    initial = {
        "type": cell.type,
        "required": cell.required,
        "choices": "\n".join(cell.choices),
        "formula": cell.formula,
        "provider": cell.provider,
    }
    form = CellForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.cell_update(actor=request.user, cell=cell, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu ô [%(key)s].") % {"key": cell.key})
            return redirect("reports:form_detail", cell.form_id)
    template = "reports/_cell_form.html" if request.htmx else "reports/cell_edit.html"
    return render(
        request,
        template,
        {"form": form, "cell": cell, "report_form": cell.form, "types": CellType},
        status=400 if form.errors else 200,
    )


@require_POST
def form_publish(request, pk):
    report_form = get_form_for_user(request.user, pk, write=True)
    try:
        services.form_publish(actor=request.user, form=report_form)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Đã ban hành biểu mẫu; có thể mở kỳ báo cáo với biểu mẫu này."))
    return redirect("reports:form_detail", report_form.pk)


@require_POST
def form_new_version(request, pk):
    report_form = get_form_for_user(request.user, pk)
    owner = _office_root(request.user)
    try:
        new = services.form_new_version(actor=request.user, form=report_form, owner=owner)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("reports:form_detail", report_form.pk)
    messages.success(
        request,
        _("Đã tạo phiên bản %(v)s (bản nháp). Các kỳ báo cáo cũ vẫn dùng phiên bản trước.") % {"v": new.version},
    )
    return redirect("reports:form_detail", new.pk)


def form_export(request, pk):
    report_form = get_form_for_user(request.user, pk)
    data = json.dumps(services.form_to_dict(report_form), ensure_ascii=False, indent=2)
    response = HttpResponse(data, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        True, f"bieu-mau-{report_form.code}-v{report_form.version}.json"
    )
    return response


def form_import(request):
    require_office(request.user)
    owner = _office_root(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            new = services.form_create_from_dict(actor=request.user, owner=owner, data=form.cleaned_data["file"])
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(
                request, _("Đã nhập biểu mẫu “%(t)s” (phiên bản %(v)s).") % {"t": new.title, "v": new.version}
            )
            return redirect("reports:form_detail", new.pk)
    return render(request, "reports/form_import.html", {"form": form, "errors": errors}, status=400 if errors else 200)
