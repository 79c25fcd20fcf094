"""Building a report form while it is a draft: the form itself, its sections, rows (indicators),
columns, cells and validation rules, then publishing it. Every write is atomic, takes `actor`,
refuses a published form with a Vietnamese message and leaves an audit row."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from units import audit
from units.models import Unit
from units.text import nfc

from ..formspec import load_form_spec
from ..formulas import FormulaError, compile_formula
from ..models import (
    CellType,
    FormCell,
    FormColumn,
    FormRow,
    FormSection,
    ReportForm,
    ValidationRule,
)

_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-]*$")


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
def row_add(
    *, actor, section: FormSection, code: str, label: str, unit_label: str = "", total: bool = False
) -> FormRow:
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
        total=bool(total),
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
