"""Writes of the reports core: forms and their versions, periods, values, the submit → review →
approve workflow and reminders. Each is atomic, takes `actor`, validates with Vietnamese messages
and leaves an audit row (units.audit)."""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from units import audit
from units.models import Membership, Role, Unit, UnitKind, today
from units.selectors import units_editable_by
from units.text import nfc

from .formspec import FormSpec, load_form_spec
from .formulas import FormulaError, compile_formula, parse_number
from .permissions import FILL_ROLES
from .providers import get_provider
from .report_models import (
    CellType,
    DataValue,
    FormCell,
    FormColumn,
    FormRow,
    FormSection,
    Notification,
    ReportForm,
    ReportingPeriod,
    Submission,
    ValidationRule,
    ValueChange,
)

_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-]*$")
EXPORT_FORMAT = "gdtx-report-form"
EXPORT_FORMAT_VERSION = 1
MAX_NUMBER = Decimal("1e15")


# ----------------------------------------------------------------------------------------------
# Forms
# ----------------------------------------------------------------------------------------------


def _check_code(code: str, field_name: str = "code") -> str:
    code = (code or "").strip()
    if not _CODE.match(code):
        raise ValidationError(
            {field_name: _("Mã chỉ gồm chữ không dấu, chữ số, gạch ngang hoặc gạch dưới, ví dụ R01 hoặc TS.")}
        )
    return code


def _check_draft(form: ReportForm) -> None:
    if form.status != ReportForm.Status.DRAFT:
        raise ValidationError(
            _("Biểu mẫu đã ban hành nên không sửa được; hãy tạo phiên bản mới (số liệu các kỳ cũ giữ nguyên).")
        )


@transaction.atomic
def form_create(*, actor, owner: Unit | None, code: str, title: str, description: str = "", legal_basis: str = ""):
    code = _check_code(code)
    if ReportForm.objects.filter(owner=owner, code=code).exists():
        raise ValidationError({"code": _("Đã có biểu mẫu mã %(code)s; hãy tạo phiên bản mới của nó.") % {"code": code}})
    form = ReportForm(
        owner=owner,
        code=code,
        version=1,
        title=nfc(title),
        description=nfc(description),
        legal_basis=nfc(legal_basis),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    form.full_clean()
    form.save()
    audit.record(actor=actor, action="report_form.create", obj=form, unit=owner)
    return form


@transaction.atomic
def form_update(*, actor, form: ReportForm, title: str, description: str = "", legal_basis: str = "") -> ReportForm:
    _check_draft(form)
    before = audit.snapshot(form, ["title", "description", "legal_basis"])
    form.title, form.description, form.legal_basis = nfc(title), nfc(description), nfc(legal_basis)
    form.full_clean()
    form.save()
    audit.record(
        actor=actor,
        action="report_form.update",
        obj=form,
        unit=form.owner,
        changes=audit.diff(form, list(before), before),
    )
    return form


def _next_order(queryset) -> int:
    return (queryset.aggregate(m=Max("order"))["m"] or 0) + 1


@transaction.atomic
def section_add(*, actor, form: ReportForm, code: str, title: str) -> FormSection:
    _check_draft(form)
    code = _check_code(code)
    if form.sections.filter(code=code).exists():
        raise ValidationError({"code": _("Phần mã %(code)s đã có.") % {"code": code}})
    section = FormSection(form=form, code=code, title=nfc(title), order=_next_order(form.sections))
    section.full_clean()
    section.save()
    audit.record(
        actor=actor, action="report_form.section_add", obj=form, unit=form.owner, changes={"section": [None, code]}
    )
    return section


@transaction.atomic
def row_add(*, actor, section: FormSection, code: str, label: str, unit_label: str = "") -> FormRow:
    form = section.form
    _check_draft(form)
    code = _check_code(code)
    if form.rows.filter(code=code).exists():
        raise ValidationError({"code": _("Chỉ tiêu mã %(code)s đã có trong biểu mẫu.") % {"code": code}})
    row = FormRow(
        form=form,
        section=section,
        code=code,
        label=nfc(label),
        unit_label=nfc(unit_label),
        order=_next_order(form.rows),
    )
    row.full_clean()
    row.save()
    FormCell.objects.bulk_create([FormCell(form=form, row=row, column=col) for col in form.columns.all()])
    audit.record(actor=actor, action="report_form.row_add", obj=form, unit=form.owner, changes={"row": [None, code]})
    return row


@transaction.atomic
def column_add(*, actor, form: ReportForm, code: str, label: str) -> FormColumn:
    _check_draft(form)
    code = _check_code(code)
    if form.columns.filter(code=code).exists():
        raise ValidationError({"code": _("Cột mã %(code)s đã có.") % {"code": code}})
    column = FormColumn(form=form, code=code, label=nfc(label), order=_next_order(form.columns))
    column.full_clean()
    column.save()
    FormCell.objects.bulk_create([FormCell(form=form, row=row, column=column) for row in form.rows.all()])
    audit.record(
        actor=actor, action="report_form.column_add", obj=form, unit=form.owner, changes={"column": [None, code]}
    )
    return column


def _check_not_referenced(form: ReportForm, keys: set[str], what: str) -> None:
    """Deleting a cell another formula or rule uses would break the form silently; refuse instead."""
    spec = load_form_spec(form)
    users = []
    for key in spec.cells:
        if key not in keys and key in spec.formulas and spec.formulas[key].refs & keys:
            users.append(f"[{key}]")
    for rule, left, right in spec.rule_formulas:
        if (left.refs | right.refs) & keys:
            users.append(f"“{rule.message}”")
    if users:
        raise ValidationError(
            _("Không xóa được %(what)s vì đang được dùng trong: %(users)s.") % {"what": what, "users": ", ".join(users)}
        )


@transaction.atomic
def section_delete(*, actor, section: FormSection) -> None:
    form = section.form
    _check_draft(form)
    keys = set()
    for row in section.rows.all():
        keys |= {f"{row.code}.{c.code}" for c in form.columns.all()}
    _check_not_referenced(form, keys, _("phần %(code)s") % {"code": section.code})
    audit.record(
        actor=actor,
        action="report_form.section_delete",
        obj=form,
        unit=form.owner,
        changes={"section": [section.code, None]},
    )
    section.delete()


@transaction.atomic
def row_delete(*, actor, row: FormRow) -> None:
    form = row.form
    _check_draft(form)
    _check_not_referenced(
        form, {f"{row.code}.{c.code}" for c in form.columns.all()}, _("chỉ tiêu %(code)s") % {"code": row.code}
    )
    audit.record(
        actor=actor, action="report_form.row_delete", obj=form, unit=form.owner, changes={"row": [row.code, None]}
    )
    row.delete()


@transaction.atomic
def column_delete(*, actor, column: FormColumn) -> None:
    form = column.form
    _check_draft(form)
    _check_not_referenced(
        form, {f"{r.code}.{column.code}" for r in form.rows.all()}, _("cột %(code)s") % {"code": column.code}
    )
    audit.record(
        actor=actor,
        action="report_form.column_delete",
        obj=form,
        unit=form.owner,
        changes={"column": [column.code, None]},
    )
    column.delete()


def _clean_choices(choices) -> list[str]:
    if isinstance(choices, str):
        choices = choices.splitlines()
    return [nfc(c) for c in choices if nfc(c)]


@transaction.atomic
def cell_update(
    *, actor, cell: FormCell, type: str, required: bool = False, choices=None, formula: str = "", provider: str = ""
) -> FormCell:
    form = cell.form
    _check_draft(form)
    before = audit.snapshot(cell, ["type", "required", "choices", "formula", "provider"])
    cell.type = type
    cell.required = bool(required) and type in (
        CellType.INTEGER,
        CellType.DECIMAL,
        CellType.TEXT,
        CellType.YES_NO,
        CellType.CHOICE,
    )
    cell.choices = _clean_choices(choices or []) if type == CellType.CHOICE else []
    cell.formula = (formula or "").strip() if type == CellType.COMPUTED else ""
    cell.provider = (provider or "").strip() if type in (CellType.INTEGER, CellType.DECIMAL) else ""
    if type not in CellType.values:
        raise ValidationError({"type": _("Kiểu ô không hợp lệ.")})
    if type == CellType.CHOICE and len(cell.choices) < 2:
        raise ValidationError({"choices": _("Ô chọn cần ít nhất hai lựa chọn, mỗi lựa chọn một dòng.")})
    cell.full_clean()
    cell.save()
    if type == CellType.COMPUTED:
        try:
            load_form_spec(form, strict=True)
        except FormulaError as exc:
            raise ValidationError({"formula": str(exc)}) from None
    audit.record(
        actor=actor,
        action="report_form.cell_update",
        obj=form,
        unit=form.owner,
        changes={f"{cell.key}.{k}": v for k, v in audit.diff(cell, list(before), before).items()},
    )
    return cell


@transaction.atomic
def rule_add(*, actor, form: ReportForm, left: str, operator: str, right: str, severity: str, message: str):
    _check_draft(form)
    spec = load_form_spec(form)
    errors = {}
    for name, text in (("left", left), ("right", right)):
        try:
            compile_formula(text, known_keys=set(spec.cells))
        except FormulaError as exc:
            errors[name] = str(exc)
    if not (message or "").strip():
        errors["message"] = _("Hãy viết thông báo cho người nhập, ví dụ “Số nữ không được lớn hơn tổng số”.")
    if errors:
        raise ValidationError(errors)
    rule = ValidationRule(
        form=form, left=left.strip(), operator=operator, right=right.strip(), severity=severity, message=nfc(message)
    )
    rule.full_clean()
    rule.save()
    audit.record(
        actor=actor, action="report_form.rule_add", obj=form, unit=form.owner, changes={"rule": [None, str(rule)]}
    )
    return rule


@transaction.atomic
def rule_delete(*, actor, rule: ValidationRule) -> None:
    _check_draft(rule.form)
    audit.record(
        actor=actor,
        action="report_form.rule_delete",
        obj=rule.form,
        unit=rule.form.owner,
        changes={"rule": [str(rule), None]},
    )
    rule.delete()


@transaction.atomic
def form_publish(*, actor, form: ReportForm) -> ReportForm:
    _check_draft(form)
    try:
        spec = load_form_spec(form, strict=True)
    except FormulaError as exc:
        raise ValidationError(str(exc)) from None
    if not any(cell.is_typed for cell in spec.cells.values()):
        raise ValidationError(_("Biểu mẫu chưa có ô nào để nhập; hãy thêm chỉ tiêu và cột trước khi ban hành."))
    form.status = ReportForm.Status.PUBLISHED
    form.published_at = timezone.now()
    form.save(update_fields=["status", "published_at"])
    audit.record(actor=actor, action="report_form.publish", obj=form, unit=form.owner)
    return form


def form_to_dict(form: ReportForm) -> dict:
    """The whole form as plain data: the export file, and the source of a new version."""
    spec = load_form_spec(form)
    return {
        "format": EXPORT_FORMAT,
        "format_version": EXPORT_FORMAT_VERSION,
        "code": form.code,
        "title": form.title,
        "description": form.description,
        "legal_basis": form.legal_basis,
        "columns": [{"code": c.code, "label": c.label} for c in spec.columns],
        "sections": [
            {
                "code": s.code,
                "title": s.title,
                "rows": [
                    {
                        "code": r.code,
                        "label": r.label,
                        "unit_label": r.unit_label,
                        "cells": {
                            cell.column.code: _cell_dict(cell)
                            for c in spec.columns
                            if (cell := spec.cells.get(f"{r.code}.{c.code}")) is not None
                        },
                    }
                    for r in spec.rows_by_section.get(s.pk, [])
                ],
            }
            for s in spec.sections
        ],
        "rules": [
            {"left": r.left, "operator": r.operator, "right": r.right, "severity": r.severity, "message": r.message}
            for r in spec.rules
        ],
    }


def _cell_dict(cell: FormCell) -> dict:
    data = {"type": cell.type}
    if cell.required:
        data["required"] = True
    if cell.choices:
        data["choices"] = cell.choices
    if cell.formula:
        data["formula"] = cell.formula
    if cell.provider:
        data["provider"] = cell.provider
    return data


def _length_problems(data: dict, columns: list, sections: list) -> list[str]:
    """Texts longer than their column would fail on PostgreSQL; say which one instead."""
    checks = [(_("Mã biểu mẫu"), data.get("code"), 40), (_("Tên biểu mẫu"), data.get("title"), 255)]
    checks += [(_("Căn cứ"), data.get("legal_basis"), 255)]
    for col in columns:
        if isinstance(col, dict):
            checks += [(_("Mã cột"), col.get("code"), 20), (_("Tên cột"), col.get("label"), 120)]
    for sec in sections:
        if not isinstance(sec, dict):
            continue
        checks += [(_("Mã phần"), sec.get("code"), 20), (_("Tên phần"), sec.get("title"), 255)]
        for row in sec.get("rows") if isinstance(sec.get("rows"), list) else []:
            if not isinstance(row, dict):
                continue
            checks += [(_("Mã chỉ tiêu"), row.get("code"), 20), (_("Tên chỉ tiêu"), row.get("label"), 255)]
            checks += [(_("Đơn vị tính"), row.get("unit_label"), 30)]
            for cell in (row.get("cells") or {}).values() if isinstance(row.get("cells"), dict) else []:
                if isinstance(cell, dict):
                    checks += [
                        (_("Công thức"), cell.get("formula"), 500),
                        (_("Nguồn số liệu"), cell.get("provider"), 100),
                    ]
    for rule in data.get("rules") if isinstance(data.get("rules"), list) else []:
        if isinstance(rule, dict):
            checks += [(_("Vế trái"), rule.get("left"), 500), (_("Vế phải"), rule.get("right"), 500)]
            checks += [(_("Thông báo"), rule.get("message"), 255)]
    return [
        _("%(what)s “%(text)s…” quá dài (tối đa %(n)s ký tự).") % {"what": what, "text": str(value)[:30], "n": n}
        for what, value, n in checks
        if value is not None and len(str(value)) > n
    ]


def _validate_form_data(data) -> list[str]:
    """Every problem of an import file at once, so the officer fixes the file in one go."""
    errors: list[str] = []
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        return [_("Tệp không phải biểu mẫu báo cáo xuất từ cổng GDTX.")]
    if not _CODE.match(str(data.get("code", ""))):
        errors.append(_("Mã biểu mẫu thiếu hoặc không hợp lệ."))
    if not str(data.get("title", "")).strip():
        errors.append(_("Thiếu tên biểu mẫu."))
    columns = data.get("columns")
    sections = data.get("sections")
    if not isinstance(columns, list) or not columns:
        errors.append(_("Biểu mẫu cần ít nhất một cột."))
        columns = []
    if not isinstance(sections, list) or not sections:
        errors.append(_("Biểu mẫu cần ít nhất một phần."))
        sections = []
    errors += _length_problems(data, columns, sections)
    col_codes = []
    for i, col in enumerate(columns, 1):
        if (
            not isinstance(col, dict)
            or not _CODE.match(str(col.get("code", "")))
            or not str(col.get("label", "")).strip()
        ):
            errors.append(_("Cột thứ %(n)s thiếu mã hoặc tên.") % {"n": i})
            continue
        if col["code"] in col_codes:
            errors.append(_("Mã cột %(code)s bị trùng.") % {"code": col["code"]})
        col_codes.append(col["code"])
    sec_codes, row_codes = [], []
    for s_i, sec in enumerate(sections, 1):
        if (
            not isinstance(sec, dict)
            or not _CODE.match(str(sec.get("code", "")))
            or not str(sec.get("title", "")).strip()
        ):
            errors.append(_("Phần thứ %(n)s thiếu mã hoặc tên.") % {"n": s_i})
            continue
        if sec["code"] in sec_codes:
            errors.append(_("Mã phần %(code)s bị trùng.") % {"code": sec["code"]})
        sec_codes.append(sec["code"])
        rows = sec.get("rows") or []
        if not isinstance(rows, list):
            errors.append(_("Phần %(s)s: danh sách chỉ tiêu không hợp lệ.") % {"s": sec["code"]})
            rows = []
        for r_i, row in enumerate(rows, 1):
            if (
                not isinstance(row, dict)
                or not _CODE.match(str(row.get("code", "")))
                or not str(row.get("label", "")).strip()
            ):
                errors.append(_("Phần %(s)s, chỉ tiêu thứ %(n)s thiếu mã hoặc tên.") % {"s": sec["code"], "n": r_i})
                continue
            if row["code"] in row_codes:
                errors.append(_("Mã chỉ tiêu %(code)s bị trùng.") % {"code": row["code"]})
            row_codes.append(row["code"])
            cells = row.get("cells") or {}
            if not isinstance(cells, dict):
                errors.append(_("Chỉ tiêu %(code)s: danh sách ô không hợp lệ.") % {"code": row["code"]})
                cells = {}
            for col_code, cell in cells.items():
                where = f"[{row['code']}.{col_code}]"
                if col_code not in col_codes:
                    errors.append(_("Ô %(where)s thuộc cột không có trong biểu mẫu.") % {"where": where})
                elif not isinstance(cell, dict) or cell.get("type") not in CellType.values:
                    errors.append(_("Ô %(where)s có kiểu không hợp lệ.") % {"where": where})
                elif not all(isinstance(cell.get(k, ""), str) for k in ("formula", "provider")) or not isinstance(
                    cell.get("choices", []), list
                ):
                    errors.append(_("Ô %(where)s có công thức, nguồn hoặc lựa chọn không hợp lệ.") % {"where": where})
                elif cell["type"] == CellType.CHOICE and len(cell.get("choices") or []) < 2:
                    errors.append(_("Ô %(where)s là ô chọn nhưng thiếu danh sách lựa chọn.") % {"where": where})
                elif cell["type"] == CellType.COMPUTED and not str(cell.get("formula", "")).strip():
                    errors.append(_("Ô %(where)s là ô tự tính nhưng thiếu công thức.") % {"where": where})
    rules = data.get("rules") or []
    if not isinstance(rules, list):
        errors.append(_("Danh sách quy tắc không hợp lệ."))
        rules = []
    for i, rule in enumerate(rules, 1):
        if (
            not isinstance(rule, dict)
            or not isinstance(rule.get("left"), str)
            or not isinstance(rule.get("right"), str)
            or rule.get("operator") not in ValidationRule.Operator.values
            or rule.get("severity") not in ValidationRule.Severity.values
            or not str(rule.get("message", "")).strip()
        ):
            errors.append(_("Quy tắc thứ %(n)s không hợp lệ (phép so sánh, mức độ hoặc thông báo).") % {"n": i})
    return errors


@transaction.atomic
def form_create_from_dict(*, actor, owner: Unit | None, data: dict, action: str = "report_form.import") -> ReportForm:
    """A new form (or the next version of an existing code) from plain data; all or nothing."""
    errors = _validate_form_data(data)
    if errors:
        raise ValidationError(errors)
    code = data["code"]
    latest = ReportForm.objects.filter(owner=owner, code=code).aggregate(m=Max("version"))["m"] or 0
    form = ReportForm.objects.create(
        owner=owner,
        code=code,
        version=latest + 1,
        title=nfc(data["title"]),
        description=nfc(data.get("description", "")),
        legal_basis=nfc(data.get("legal_basis", "")),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    columns = FormColumn.objects.bulk_create(
        [
            FormColumn(form=form, code=c["code"], label=nfc(c["label"]), order=i)
            for i, c in enumerate(data["columns"], 1)
        ]
    )
    col_by_code = {c.code: c for c in columns}
    cells = []
    row_order = 0
    for s_i, sec in enumerate(data["sections"], 1):
        section = FormSection.objects.create(form=form, code=sec["code"], title=nfc(sec["title"]), order=s_i)
        for row_data in sec.get("rows") or []:
            row_order += 1
            row = FormRow.objects.create(
                form=form,
                section=section,
                code=row_data["code"],
                label=nfc(row_data["label"]),
                unit_label=nfc(row_data.get("unit_label", "")),
                order=row_order,
            )
            given = row_data.get("cells") or {}
            for col in columns:
                c = given.get(col.code, {"type": CellType.NONE})
                cells.append(
                    FormCell(
                        form=form,
                        row=row,
                        column=col_by_code[col.code],
                        type=c["type"],
                        required=bool(c.get("required")),
                        choices=_clean_choices(c.get("choices") or []),
                        formula=str(c.get("formula", "")),
                        provider=str(c.get("provider", "")),
                    )
                )
    FormCell.objects.bulk_create(cells)
    ValidationRule.objects.bulk_create(
        [
            ValidationRule(
                form=form,
                left=r["left"],
                operator=r["operator"],
                right=r["right"],
                severity=r["severity"],
                message=nfc(r["message"]),
            )
            for r in data.get("rules") or []
        ]
    )
    try:
        spec = load_form_spec(form, strict=True)
        known = set(spec.cells)
        for rule in spec.rules:
            compile_formula(rule.left, known_keys=known)
            compile_formula(rule.right, known_keys=known)
    except FormulaError as exc:
        raise ValidationError([str(exc)]) from None
    audit.record(actor=actor, action=action, obj=form, unit=owner, changes={"version": [None, form.version]})
    return form


@transaction.atomic
def form_new_version(*, actor, form: ReportForm, owner: Unit | None = None) -> ReportForm:
    """Copy a form into a new draft version. Periods keep pointing at the old version, so past
    values never change when next year's form does."""
    return form_create_from_dict(
        actor=actor,
        owner=owner if owner is not None else form.owner,
        data=form_to_dict(form),
        action="report_form.new_version",
    )


# ----------------------------------------------------------------------------------------------
# Periods
# ----------------------------------------------------------------------------------------------


def expected_units(owner: Unit, *, kinds, school_levels, units, on: datetime.date):
    by_kind = Q(pk__in=[])
    if kinds:
        by_kind = Q(kind__in=kinds)
        if school_levels:
            by_kind &= ~Q(kind=UnitKind.SCHOOL) | Q(school_level__in=school_levels)
    chosen = Q(pk__in=[u.pk for u in units or []])
    return Unit.objects.subtree_of(owner).active_on(on).filter(by_kind | chosen).exclude(kind=UnitKind.OFFICE)


@transaction.atomic
def period_open(
    *,
    actor,
    form: ReportForm,
    owner: Unit,
    label: str,
    start_date: datetime.date,
    end_date: datetime.date,
    open_date: datetime.date,
    due_date: datetime.date,
    lock_date: datetime.date,
    kinds: list[str] | None = None,
    school_levels: list[str] | None = None,
    units: list[Unit] | None = None,
    allow_past_due: bool = False,
) -> ReportingPeriod:
    """Open a period and create one (empty) submission per expected unit. `allow_past_due` is for
    loading past years (demo data, migrations from paper), never offered on the page."""
    errors = {}
    if not form.is_published:
        errors["form"] = _("Chỉ mở kỳ báo cáo với biểu mẫu đã ban hành.")
    if end_date < start_date:
        errors["end_date"] = _("Ngày kết thúc số liệu phải sau ngày bắt đầu.")
    if due_date < open_date:
        errors["due_date"] = _("Hạn nộp phải từ ngày mở nhập trở đi.")
    if lock_date < due_date:
        errors["lock_date"] = _("Ngày khóa sổ phải từ hạn nộp trở đi.")
    if due_date < today() and not allow_past_due:
        errors.setdefault(
            "due_date",
            _("Hạn nộp %(date)s đã qua; hãy chọn một ngày từ hôm nay trở đi.")
            % {"date": due_date.strftime("%d/%m/%Y")},
        )
    editable = units_editable_by(actor) if getattr(actor, "pk", None) else Unit.objects.all()
    if actor is not None and getattr(actor, "pk", None) and not editable.filter(pk=owner.pk).exists():
        errors["owner"] = _("Bạn không quản lý đơn vị này.")
    outside = [u for u in units or [] if not u.path.startswith(owner.path)]
    if outside:
        errors["units"] = _("Các đơn vị sau không thuộc phạm vi quản lý của bạn: %(names)s.") % {
            "names": ", ".join(u.full_name for u in outside)
        }
    if not (kinds or units):
        errors["kinds"] = _("Hãy chọn loại đơn vị phải báo cáo hoặc chọn từng đơn vị.")
    if errors:
        raise ValidationError(errors)
    period = ReportingPeriod(
        form=form,
        owner=owner,
        label=nfc(label),
        start_date=start_date,
        end_date=end_date,
        open_date=open_date,
        due_date=due_date,
        lock_date=lock_date,
        expected_kinds=list(kinds or []),
        expected_school_levels=list(school_levels or []),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    period.full_clean()
    period.save()
    reporters = list(
        expected_units(owner, kinds=kinds, school_levels=school_levels, units=units, on=min(end_date, today()))
    )
    if not reporters:
        raise ValidationError({"kinds": _("Không có đơn vị nào phải báo cáo theo lựa chọn này.")})
    submissions = Submission.objects.bulk_create([Submission(period=period, unit=u) for u in reporters])
    _prefill_from_providers(period, submissions)
    audit.record(actor=actor, action="period.open", obj=period, unit=owner, changes={"units": [None, len(submissions)]})
    return period


def _prefill_from_providers(period: ReportingPeriod, submissions: list[Submission]) -> None:
    """Cells with a registered provider start with the number the portal already holds (one
    provider call for all units); unregistered providers simply leave the cell to be typed."""
    cells = FormCell.objects.filter(form=period.form).exclude(provider="")
    units = Unit.objects.filter(pk__in=[s.unit_id for s in submissions])
    by_unit = {s.unit_id: s for s in submissions}
    values = []
    for cell in cells:
        provider = get_provider(cell.provider)
        if provider is None:
            continue
        answers = provider.func(units, period.start_date, period.end_date) or {}
        source = provider.source or provider.label
        for unit_id, number in answers.items():
            if unit_id in by_unit and number is not None:
                values.append(
                    DataValue(
                        submission=by_unit[unit_id],
                        cell=cell,
                        number=Decimal(str(number)),
                        from_provider=True,
                        source=source,
                    )
                )
    DataValue.objects.bulk_create(values)


# ----------------------------------------------------------------------------------------------
# Values
# ----------------------------------------------------------------------------------------------


class VersionConflict(ValidationError):
    """Someone saved this submission after the page was loaded."""


@dataclass
class CellErrors(Exception):
    """Values that cannot be stored or submitted, by cell key; nothing was saved."""

    errors: dict[str, str] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)
    warnings: dict[str, str] = field(default_factory=dict)


YES_VALUES = {"co": "Có", "có": "Có", "yes": "Có", "1": "Có", "true": "Có", "x": "Có"}
NO_VALUES = {"khong": "Không", "không": "Không", "no": "Không", "0": "Không", "false": "Không"}


def parse_value(cell: FormCell, raw: str) -> tuple[Decimal | None, str]:
    """(number, text) for a typed value; raises ValueError with a Vietnamese message."""
    raw = (raw or "").strip()
    if not raw:
        return None, ""
    if cell.type in (CellType.INTEGER, CellType.DECIMAL):
        try:
            number = parse_number(raw)
        except ValueError:
            raise ValueError(_("“%(raw)s” không phải là số.") % {"raw": raw}) from None
        if number < 0:
            raise ValueError(_("Số liệu không được âm."))
        if abs(number) >= MAX_NUMBER:
            raise ValueError(_("Số quá lớn."))
        if cell.type == CellType.INTEGER:
            if number != number.to_integral_value():
                raise ValueError(_("Ô này chỉ nhận số nguyên."))
            number = number.quantize(Decimal(1))
        elif number.as_tuple().exponent < -4:
            raise ValueError(_("Tối đa 4 chữ số sau dấu phẩy."))
        return number, ""
    if cell.type == CellType.YES_NO:
        folded = raw.lower()
        if folded in YES_VALUES:
            return Decimal(1), "Có"
        if folded in NO_VALUES:
            return Decimal(0), "Không"
        raise ValueError(_("Hãy chọn Có hoặc Không."))
    if cell.type == CellType.CHOICE:
        if nfc(raw) not in cell.choices:
            raise ValueError(_("Hãy chọn một giá trị trong danh sách."))
        return None, nfc(raw)
    if len(raw) > 2000:
        raise ValueError(_("Tối đa 2.000 ký tự."))
    return None, nfc(raw)


def display_value(number: Decimal | None, text: str) -> str:
    if text:
        return text
    if number is None:
        return ""
    normalized = number.normalize()
    return format(normalized, "f") if normalized == normalized.to_integral_value() else format(normalized, "f")


def _storable(number: Decimal | None) -> Decimal | None:
    """A computed value as stored (4 decimals); one too large to store (a formula multiplying two
    big numbers) is left blank rather than overflowing the column."""
    if number is None or abs(number) >= MAX_NUMBER:
        return None
    return number.quantize(Decimal("0.0001"))


def _check_can_edit(submission: Submission) -> None:
    if submission.is_locked:
        raise ValidationError(_("Báo cáo đã nộp hoặc đã duyệt nên bị khóa; cần phòng mở khóa hoặc trả lại để sửa."))
    if today() < submission.period.open_date:
        raise ValidationError(
            _("Kỳ báo cáo mở nhập từ ngày %(date)s.") % {"date": submission.period.open_date.strftime("%d/%m/%Y")}
        )
    if today() > submission.period.lock_date:
        raise ValidationError(
            _("Kỳ báo cáo đã khóa sổ ngày %(date)s; liên hệ phòng GD&ĐT để được mở khóa.")
            % {"date": submission.period.lock_date.strftime("%d/%m/%Y")}
        )


def current_values(submission: Submission) -> dict[int, DataValue]:
    return {v.cell_id: v for v in DataValue.objects.filter(submission=submission)}


def values_by_key(spec: FormSpec, stored: dict[int, DataValue]) -> dict:
    values = {}
    for key, cell in spec.cells.items():
        dv = stored.get(cell.pk)
        if dv is None:
            continue
        values[key] = dv.number if cell.is_numeric or cell.type == CellType.YES_NO else dv.text
        if cell.type == CellType.YES_NO:
            values[key] = dv.number
    return values


@transaction.atomic
def submission_save(
    *, actor, submission: Submission, raw_values: dict[str, str], expected_version: int, comment: str | None = None
) -> Submission:
    """Save typed values as a draft. A save from a page older than the last save is refused (and the
    view re-displays what the person typed); values that are not valid are refused all together."""
    submission = (
        Submission.objects.select_for_update().select_related("period", "period__form", "unit").get(pk=submission.pk)
    )
    _check_can_edit(submission)
    if submission.version != expected_version:
        raise VersionConflict(
            _(
                "Báo cáo vừa được người khác lưu (lần lưu thứ %(n)s) sau khi bạn mở trang. Số liệu bạn nhập "
                "vẫn còn trên màn hình nhưng CHƯA được lưu: hãy so với bản mới nhất rồi lưu lại."
            )
            % {"n": submission.version}
        )
    spec = load_form_spec(submission.period.form)
    stored = current_values(submission)
    errors, parsed = {}, {}
    for key, cell in spec.cells.items():
        if not cell.is_typed or key not in raw_values:
            continue
        try:
            parsed[key] = parse_value(cell, raw_values[key])
        except ValueError as exc:
            errors[key] = str(exc)
    if errors:
        raise CellErrors(errors=errors)
    now_values = values_by_key(spec, stored)
    for key, (number, text) in parsed.items():
        now_values[key] = number if (spec.cells[key].is_numeric or spec.cells[key].type == CellType.YES_NO) else text
    spec.compute(now_values)
    creates, updates, changes = [], [], []
    user = actor if getattr(actor, "pk", None) else None
    for key, cell in spec.cells.items():
        if key in parsed:
            number, text = parsed[key]
        elif cell.type == CellType.COMPUTED:
            number, text = now_values.get(key), ""
        else:
            continue
        if number is not None and cell.type == CellType.COMPUTED:
            number = _storable(number)
        dv = stored.get(cell.pk)
        old_display = display_value(dv.number, dv.text) if dv else ""
        new_display = display_value(number, text)
        if dv is None:
            if number is None and not text:
                continue
            creates.append(DataValue(submission=submission, cell=cell, number=number, text=text))
        elif dv.number != number or dv.text != text:
            note = ""
            if dv.from_provider:
                note = _("Sửa số liệu lấy từ: %(source)s") % {"source": dv.source}
            dv.number, dv.text, dv.from_provider, dv.source = number, text, False, ""
            updates.append(dv)
        else:
            continue
        if cell.type != CellType.COMPUTED and old_display != new_display:
            changes.append(
                ValueChange(
                    submission=submission,
                    cell=cell,
                    old_value=old_display[:255],
                    new_value=new_display[:255],
                    changed_by=user,
                    note=note if dv is not None else "",
                )
            )
    DataValue.objects.bulk_create(creates)
    DataValue.objects.bulk_update(updates, ["number", "text", "from_provider", "source"])
    ValueChange.objects.bulk_create(changes)
    submission.version += 1
    if comment is not None:
        submission.comment = nfc(comment)
    submission.save(update_fields=["version", "comment", "updated_at"])
    audit.record(
        actor=actor,
        action="submission.save",
        obj=submission,
        unit=submission.unit,
        changes={"values": [None, len(changes)]},
    )
    return submission


def submission_problems(submission: Submission, spec: FormSpec | None = None) -> CellErrors:
    """What stands between a submission and "submitted": missing required cells and failed rules."""
    spec = spec or load_form_spec(submission.period.form)
    values = spec.compute(values_by_key(spec, current_values(submission)))
    problems = CellErrors()
    for key, cell in spec.cells.items():
        if cell.required and (values.get(key) is None or values.get(key) == ""):
            problems.errors[key] = _("Ô bắt buộc, chưa nhập.")
    for result in spec.check_rules(values):
        target = problems.errors if result.is_error else problems.warnings
        for key in sorted(result.keys):
            if spec.cells[key].type != CellType.COMPUTED or len(result.keys) == 1:
                target.setdefault(key, result.rule.message)
        (problems.general if result.is_error else []).append(result.rule.message)
    return problems


@transaction.atomic
def submission_submit(*, actor, submission: Submission, expected_version: int, comment: str | None = None):
    submission = (
        Submission.objects.select_for_update().select_related("period", "period__form", "unit").get(pk=submission.pk)
    )
    _check_can_edit(submission)
    if submission.version != expected_version:
        raise VersionConflict(_("Báo cáo vừa được người khác lưu sau khi bạn mở trang; hãy tải lại trang rồi nộp."))
    if comment is not None:
        submission.comment = nfc(comment)
    problems = submission_problems(submission)
    if problems.warnings and not submission.comment.strip():
        problems.general.append(
            _("Có cảnh báo cần giải trình: hãy viết giải trình trong ô “Giải trình” trước khi nộp.")
        )
    if problems.errors or problems.general:
        raise problems
    now = timezone.now()
    submission.status = Submission.Status.SUBMITTED
    submission.submitted_at = now
    submission.first_submitted_at = submission.first_submitted_at or now
    submission.submitted_by = actor if getattr(actor, "pk", None) else None
    submission.version += 1
    submission.save()
    audit.record(actor=actor, action="submission.submit", obj=submission, unit=submission.unit)
    _tell_reviewers(submission)
    return submission


def _tell_reviewers(submission: Submission) -> None:
    """The officers of the office that opened the period see new reports in their notifications
    (in the portal only: one email per report would bury the office)."""
    officers = Membership.objects.active_on().filter(unit=submission.period.owner_id, role=Role.OFFICE_OFFICER)
    text = _("%(u)s đã nộp báo cáo “%(p)s”.") % {"u": submission.unit.full_name, "p": submission.period.label}
    Notification.objects.bulk_create(
        [Notification(user_id=m.user_id, text=text[:500], link=_submission_link(submission)) for m in officers]
    )


def _unit_people(unit_ids) -> list:
    memberships = (
        Membership.objects.active_on().filter(unit_id__in=unit_ids, role__in=FILL_ROLES).select_related("user")
    )
    return [(m.unit_id, m.user) for m in memberships if m.user.is_active]


def _notify(pairs, *, subject: str, text_for, link_for) -> int:
    """In-portal notifications and emails (Django's email backend) for (unit_id, user) pairs."""
    notes, mails, seen = [], [], set()
    for unit_id, user in pairs:
        if (unit_id, user.pk) in seen:
            continue
        seen.add((unit_id, user.pk))
        text, link = text_for(unit_id), link_for(unit_id)
        notes.append(Notification(user=user, text=text[:500], link=link))
        if user.email:
            mails.append((subject, f"{text}\n\n{settings_site()}{link}", settings.DEFAULT_FROM_EMAIL, [user.email]))
    Notification.objects.bulk_create(notes)
    if mails:
        transaction.on_commit(lambda: send_mass_mail(mails, fail_silently=True))
    return len(notes)


def settings_site() -> str:
    return getattr(settings, "PORTAL_BASE_URL", "")


def _submission_link(submission: Submission) -> str:
    from django.urls import reverse

    return reverse("reports:submission", args=[submission.pk])


@transaction.atomic
def submission_return(*, actor, submission: Submission, reason: str) -> Submission:
    reason = nfc(reason)
    if not reason:
        raise ValidationError({"reason": _("Hãy ghi lý do trả lại để đơn vị biết cần sửa gì.")})
    submission = Submission.objects.select_for_update().select_related("period", "unit").get(pk=submission.pk)
    if submission.status != Submission.Status.SUBMITTED:
        raise ValidationError(_("Chỉ trả lại được báo cáo đang chờ duyệt."))
    _review(actor, submission, Submission.Status.RETURNED, reason)
    audit.record(
        actor=actor,
        action="submission.return",
        obj=submission,
        unit=submission.unit,
        changes={"reason": [None, reason]},
    )
    _notify(
        _unit_people([submission.unit_id]),
        subject=_("Báo cáo bị trả lại"),
        text_for=lambda _u: _("Báo cáo “%(p)s” bị trả lại: %(r)s") % {"p": submission.period.label, "r": reason},
        link_for=lambda _u: _submission_link(submission),
    )
    return submission


def _review(actor, submission: Submission, status: str, reason: str = "") -> None:
    submission.status = status
    submission.reviewed_at = timezone.now()
    submission.reviewed_by = actor if getattr(actor, "pk", None) else None
    submission.return_reason = reason
    submission.version += 1
    submission.save()


@transaction.atomic
def submission_approve(*, actor, submission: Submission) -> Submission:
    submission = Submission.objects.select_for_update().select_related("period", "unit").get(pk=submission.pk)
    if submission.status != Submission.Status.SUBMITTED:
        raise ValidationError(_("Chỉ duyệt được báo cáo đang chờ duyệt."))
    _review(actor, submission, Submission.Status.APPROVED)
    audit.record(actor=actor, action="submission.approve", obj=submission, unit=submission.unit)
    return submission


@transaction.atomic
def submission_bulk_approve(*, actor, submissions) -> int:
    """Approve every given submission that is waiting; the others are left as they are."""
    waiting = list(
        Submission.objects.select_for_update()
        .filter(pk__in=[s.pk for s in submissions], status=Submission.Status.SUBMITTED)
        .select_related("unit")
    )
    for submission in waiting:
        _review(actor, submission, Submission.Status.APPROVED)
        audit.record(
            actor=actor,
            action="submission.approve",
            obj=submission,
            unit=submission.unit,
            changes={"bulk": [None, True]},
        )
    return len(waiting)


@transaction.atomic
def submission_unlock(*, actor, submission: Submission, reason: str) -> Submission:
    reason = nfc(reason)
    if not reason:
        raise ValidationError({"reason": _("Mở khóa cần ghi rõ lý do.")})
    submission = Submission.objects.select_for_update().select_related("period", "unit").get(pk=submission.pk)
    if not submission.is_locked:
        raise ValidationError(_("Báo cáo chưa bị khóa."))
    before = submission.status
    _review(actor, submission, Submission.Status.RETURNED, reason)
    audit.record(
        actor=actor,
        action="submission.unlock",
        obj=submission,
        unit=submission.unit,
        changes={"status": [before, submission.status], "reason": [None, reason]},
    )
    _notify(
        _unit_people([submission.unit_id]),
        subject=_("Báo cáo được mở khóa"),
        text_for=lambda _u: (
            _("Báo cáo “%(p)s” được mở khóa để sửa: %(r)s") % {"p": submission.period.label, "r": reason}
        ),
        link_for=lambda _u: _submission_link(submission),
    )
    return submission


@transaction.atomic
def period_remind(*, actor, period: ReportingPeriod, submissions) -> int:
    """Remind the people of units that have not sent their report; returns how many were told."""
    pending = {s.unit_id: s for s in submissions if s.status in (Submission.Status.DRAFT, Submission.Status.RETURNED)}
    if not pending:
        raise ValidationError(_("Không có đơn vị nào cần nhắc: tất cả đã nộp."))
    due = period.due_date.strftime("%d/%m/%Y")
    count = _notify(
        _unit_people(list(pending)),
        subject=_("Nhắc nộp báo cáo: %(p)s") % {"p": period.label},
        text_for=lambda _u: (
            _("Nhắc nộp báo cáo “%(f)s — %(p)s”, hạn nộp %(d)s.")
            % {"f": period.form.title, "p": period.label, "d": due}
        ),
        link_for=lambda unit_id: _submission_link(pending[unit_id]),
    )
    audit.record(
        actor=actor,
        action="period.remind",
        obj=period,
        unit=period.owner,
        changes={"units": [None, len(pending)], "people": [None, count]},
    )
    return count


def notification_read(*, user, notification: Notification) -> None:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


# ----------------------------------------------------------------------------------------------
# Standard forms shipped with the portal
# ----------------------------------------------------------------------------------------------

STANDARD_FORMS_DIR = __import__("pathlib").Path(__file__).resolve().parent / "standard_forms"


def standard_form_files() -> list:
    return sorted(STANDARD_FORMS_DIR.glob("*.json"))


@transaction.atomic
def standard_forms_load(*, actor=None, publish: bool = True) -> tuple[list[ReportForm], list[ReportForm]]:
    """Load the standard forms (TTHTCĐ yearly report, school GDTX report, lifelong-learning week,
    Book and Reading Culture Day) as portal-wide forms. A file whose content equals the latest
    version is skipped, so running it twice changes nothing; a changed file becomes a new version."""
    import json

    created, kept = [], []
    for path in standard_form_files():
        data = json.loads(path.read_text(encoding="utf-8"))
        latest = ReportForm.objects.filter(owner__isnull=True, code=data.get("code")).order_by("-version").first()
        if latest is not None and _same_form(form_to_dict(latest), data):
            kept.append(latest)
            continue
        form = form_create_from_dict(actor=actor, owner=None, data=data, action="report_form.load_standard")
        if publish:
            form_publish(actor=actor, form=form)
        created.append(form)
    return created, kept


def _same_form(stored: dict, data: dict) -> bool:
    keys = ("code", "title", "description", "legal_basis", "columns", "sections", "rules")

    def norm(d):
        out = {k: d.get(k) for k in keys}
        for section in out["sections"] or []:
            for row in section.get("rows") or []:
                row.setdefault("unit_label", "")
                row["cells"] = {c: v for c, v in (row.get("cells") or {}).items() if v.get("type") != CellType.NONE}
        return json_dumps(out)

    return norm(stored) == norm(data)


def json_dumps(value) -> str:
    import json

    return json.dumps(value, sort_keys=True, ensure_ascii=False)


@transaction.atomic
def submission_refresh_from_providers(*, actor, submission: Submission, expected_version: int) -> int:
    """Fill again the cells the portal can answer (indicator providers) for a draft, e.g. after the
    centre recorded more activities. Values the person typed over a provider's number are kept.
    Returns how many values changed."""
    submission = (
        Submission.objects.select_for_update().select_related("period", "period__form", "unit").get(pk=submission.pk)
    )
    _check_can_edit(submission)
    if submission.version != expected_version:
        raise VersionConflict(_("Báo cáo vừa được người khác lưu sau khi bạn mở trang; hãy tải lại trang."))
    period = submission.period
    spec = load_form_spec(period.form)
    stored = current_values(submission)
    units = Unit.objects.filter(pk=submission.unit_id)
    user = actor if getattr(actor, "pk", None) else None
    changes, creates, updates = [], [], []
    for cell in spec.cells.values():
        provider = get_provider(cell.provider) if cell.provider else None
        if provider is None:
            continue
        answer = (provider.func(units, period.start_date, period.end_date) or {}).get(submission.unit_id)
        if answer is None:
            continue
        number = Decimal(str(answer))
        source = provider.source or provider.label
        dv = stored.get(cell.pk)
        if dv is not None and not dv.from_provider:
            continue  # typed by a person: theirs wins
        old = display_value(dv.number, dv.text) if dv else ""
        if dv is None:
            creates.append(
                DataValue(submission=submission, cell=cell, number=number, from_provider=True, source=source)
            )
        elif dv.number != number:
            dv.number, dv.source = number, source
            updates.append(dv)
        else:
            continue
        changes.append(
            ValueChange(
                submission=submission,
                cell=cell,
                old_value=old,
                new_value=display_value(number, ""),
                changed_by=user,
                note=(_("Lấy từ: %(source)s") % {"source": source})[:255],
            )
        )
    DataValue.objects.bulk_create(creates)
    DataValue.objects.bulk_update(updates, ["number", "source"])
    ValueChange.objects.bulk_create(changes)
    if changes:
        # Totals that depend on the refreshed cells.
        values = spec.compute(values_by_key(spec, current_values(submission)))
        computed = {c.pk: c for c in spec.cells.values() if c.type == CellType.COMPUTED}
        existing = {v.cell_id: v for v in DataValue.objects.filter(submission=submission, cell_id__in=computed)}
        for cell_id, cell in computed.items():
            number = _storable(values.get(cell.key))
            if cell_id in existing:
                DataValue.objects.filter(pk=existing[cell_id].pk).update(number=number)
            elif number is not None:
                DataValue.objects.create(submission=submission, cell=cell, number=number)
    submission.version += 1
    submission.save(update_fields=["version", "updated_at"])
    audit.record(
        actor=actor,
        action="submission.refresh",
        obj=submission,
        unit=submission.unit,
        changes={"values": [None, len(changes)]},
    )
    return len(changes)
