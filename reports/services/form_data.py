"""Report forms as plain data: the JSON export and import (validated all at once, created all or
nothing), new versions of a form, and the standard forms shipped in reports/standard_forms."""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
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
from .forms import _CODE, _clean_choices, form_publish

EXPORT_FORMAT = "gdtx-report-form"
EXPORT_FORMAT_VERSION = 1


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
                        **({"total": True} if r.total else {}),
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
            if not isinstance(row.get("total", False), bool):
                errors.append(_("Chỉ tiêu %(code)s: “total” phải là true hoặc false.") % {"code": row["code"]})
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
                total=row_data.get("total") is True,
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
# Standard forms shipped with the portal
# ----------------------------------------------------------------------------------------------

STANDARD_FORMS_DIR = Path(__file__).resolve().parent.parent / "standard_forms"


def standard_form_files() -> list:
    return sorted(STANDARD_FORMS_DIR.glob("*.json"))


@transaction.atomic
def standard_forms_load(*, actor=None, publish: bool = True) -> tuple[list[ReportForm], list[ReportForm]]:
    """Load the standard forms (TTHTCĐ yearly report, school GDTX report, lifelong-learning week,
    Book and Reading Culture Day) as portal-wide forms. A file whose content equals the latest
    version is skipped, so running it twice changes nothing; a changed file becomes a new version."""
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
    return json.dumps(value, sort_keys=True, ensure_ascii=False)
