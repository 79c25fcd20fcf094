"""A form version loaded once (a fixed number of queries) with its formulas compiled: used by the
entry grid, the services that save and check values, and the roll-up."""

from collections import OrderedDict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from .formulas import Formula, FormulaError, compile_formula
from .models import CellType, FormCell, FormColumn, FormRow, FormSection, ReportForm, ValidationRule


@dataclass
class RuleResult:
    rule: ValidationRule
    left: Decimal | None
    right: Decimal | None
    keys: set[str]

    @property
    def is_error(self) -> bool:
        return self.rule.severity == ValidationRule.Severity.ERROR


@dataclass
class FormSpec:
    form: ReportForm
    sections: list[FormSection]
    rows_by_section: dict[int, list[FormRow]]
    columns: list[FormColumn]
    cells: dict[str, FormCell]  # key "ROW.COL" → cell
    rules: list[ValidationRule]
    formulas: dict[str, Formula] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)  # computed keys in dependency order
    rule_formulas: list[tuple[ValidationRule, Formula, Formula]] = field(default_factory=list)
    _typed_by_section: dict | None = None

    @property
    def cells_by_id(self) -> dict[int, FormCell]:
        return {cell.pk: cell for cell in self.cells.values()}

    def compute(self, values: dict) -> dict:
        """`values` with every computed cell filled in (in place and returned)."""
        for key in self.order:
            values[key] = self.formulas[key].evaluate(values)
        return values

    def check_rules(self, values: dict) -> list[RuleResult]:
        """The rules that do not hold for `values` (computed cells already filled)."""
        failed = []
        for rule, left_f, right_f in self.rule_formulas:
            left, right = left_f.evaluate(values), right_f.evaluate(values)
            if left is None or right is None:
                continue
            holds = {
                "<=": left <= right,
                "<": left < right,
                "=": left == right,
                ">=": left >= right,
                ">": left > right,
            }[rule.operator]
            if not holds:
                failed.append(RuleResult(rule=rule, left=left, right=right, keys=left_f.refs | right_f.refs))
        return failed

    def sumcol_for(self, cell: FormCell):
        if self._typed_by_section is None:
            # (section, column code) → typed numeric keys, built once: SUMCOL is in most total rows.
            self._typed_by_section = {}
            for key, c in self.cells.items():
                if c.type in (CellType.INTEGER, CellType.DECIMAL):
                    self._typed_by_section.setdefault((c.row.section_id, c.column.code), []).append(key)
        section_id = cell.row.section_id

        def keys(column_code: str) -> list[str]:
            return self._typed_by_section.get((section_id, column_code), [])

        return keys


# Published forms never change (services refuse edits; a change is a new version), so their loaded
# spec is the same in every process and may be kept per process. Drafts are always read afresh.
_PUBLISHED_CACHE: OrderedDict = OrderedDict()
_CACHE_SIZE = 32


def load_form_spec(form: ReportForm, *, strict: bool = False) -> FormSpec:
    """Five queries whatever the size of the form (none for a published form already loaded by this
    process). With strict=True a broken formula raises FormulaError (used when publishing);
    otherwise the cell simply stays blank."""
    key = None
    if form.status == ReportForm.Status.PUBLISHED and form.published_at and not strict:
        key = (form.pk, form.code, form.version, form.published_at.isoformat())
        cached = _PUBLISHED_CACHE.get(key)
        if cached is not None:
            _PUBLISHED_CACHE.move_to_end(key)
            return cached
    spec = _load(form, strict=strict)
    if key is not None:
        _PUBLISHED_CACHE[key] = spec
        while len(_PUBLISHED_CACHE) > _CACHE_SIZE:
            _PUBLISHED_CACHE.popitem(last=False)
    return spec


def _load(form: ReportForm, *, strict: bool) -> FormSpec:
    sections = list(FormSection.objects.filter(form=form).order_by("order", "id"))
    rows = list(FormRow.objects.filter(form=form).order_by("order", "id"))
    columns = list(FormColumn.objects.filter(form=form).order_by("order", "id"))
    cells_list = list(FormCell.objects.filter(form=form))
    rules = list(ValidationRule.objects.filter(form=form).order_by("id"))
    rows_by_id = {r.pk: r for r in rows}
    cols_by_id = {c.pk: c for c in columns}
    rows_by_section: dict[int, list[FormRow]] = {s.pk: [] for s in sections}
    for row in rows:
        rows_by_section.setdefault(row.section_id, []).append(row)
    cells = {}
    for cell in cells_list:
        # What select_related would do, without its per-row cost (forms have hundreds of cells).
        cell._state.fields_cache["row"] = rows_by_id[cell.row_id]
        cell._state.fields_cache["column"] = cols_by_id[cell.column_id]
        cells[cell.key] = cell
    spec = FormSpec(
        form=form, sections=sections, rows_by_section=rows_by_section, columns=columns, cells=cells, rules=rules
    )
    known = set(cells)
    for key, cell in cells.items():
        if cell.type != CellType.COMPUTED:
            continue
        try:
            spec.formulas[key] = compile_formula(cell.formula, known_keys=known, sumcol=spec.sumcol_for(cell))
        except FormulaError as exc:
            if strict:
                raise FormulaError(_("Ô [%(key)s]: %(error)s") % {"key": key, "error": exc}) from None
    spec.order = _dependency_order(spec.formulas, strict=strict)
    for rule in rules:
        try:
            spec.rule_formulas.append(
                (rule, compile_formula(rule.left, known_keys=known), compile_formula(rule.right, known_keys=known))
            )
        except FormulaError as exc:
            if strict:
                raise FormulaError(_("Quy tắc “%(msg)s”: %(error)s") % {"msg": rule.message, "error": exc}) from None
    return spec


def _dependency_order(formulas: dict[str, Formula], *, strict: bool) -> list[str]:
    order: list[str] = []
    state: dict[str, int] = {}  # 1 visiting, 2 done

    def visit(key: str, trail: list[str]):
        if state.get(key) == 2:
            return
        if state.get(key) == 1:
            if strict:
                raise FormulaError(_("Công thức vòng tròn: %(trail)s") % {"trail": " → ".join([*trail, key])})
            return
        state[key] = 1
        for ref in sorted(formulas[key].refs):
            if ref in formulas:
                visit(ref, [*trail, key])
        state[key] = 2
        order.append(key)

    for key in sorted(formulas):
        visit(key, [])
    return order
