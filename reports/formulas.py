"""Formulas of computed cells and validation rules, parsed safely (no eval of user text).

Syntax an officer types:
- a cell: ``[R01.TS]`` (row code . column code);
- ``SUMCOL(TS)``: the typed numeric cells of column TS in the computed cell's own section;
- ``SUM(a, b, ...)``, ``MIN(...)``, ``MAX(...)``, ``ROUND(x, digits)``;
- numbers, ``+ - * /`` and parentheses.

Missing inputs count as 0 (a total of an empty column is 0); a division by zero gives no value, so a
rate over an empty denominator stays blank instead of failing.
"""

import ast
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

_REF = re.compile(r"\[\s*([A-Za-z0-9_\-]+)\s*\.\s*([A-Za-z0-9_\-]+)\s*\]")
_SUMCOL = re.compile(r"SUMCOL\s*\(\s*([A-Za-z0-9_\-]+)\s*\)", re.I)
_FUNCS = {"SUM", "MIN", "MAX", "ROUND"}


class FormulaError(ValueError):
    """A formula an officer typed cannot be used; the message is Vietnamese and says why."""


@dataclass
class Formula:
    text: str
    tree: ast.Expression
    names: dict[str, str] = field(default_factory=dict)  # python name → cell key

    @property
    def refs(self) -> set[str]:
        return set(self.names.values())

    def evaluate(self, values: dict[str, Decimal | None]) -> Decimal | None:
        try:
            result = self._eval(self.tree.body, values)
        except (ZeroDivisionError, InvalidOperation, _NoValue):
            return None
        return result

    def _eval(self, node, values):
        if isinstance(node, ast.Constant):
            return Decimal(str(node.value))
        if isinstance(node, ast.Name):
            value = values.get(self.names[node.id])
            return value if isinstance(value, Decimal) else Decimal(0)
        if isinstance(node, ast.UnaryOp):
            operand = self._eval(node.operand, values)
            return -operand if isinstance(node.op, ast.USub) else operand
        if isinstance(node, ast.BinOp):
            left, right = self._eval(node.left, values), self._eval(node.right, values)
            if isinstance(node.op, ast.Add):
                return left + right
            if isinstance(node.op, ast.Sub):
                return left - right
            if isinstance(node.op, ast.Mult):
                return left * right
            if right == 0:
                raise _NoValue
            return left / right
        name = node.func.id.upper()
        args = [self._eval(arg, values) for arg in node.args]
        if name == "SUM":
            return sum(args, Decimal(0))
        if name == "MIN":
            return min(args)
        if name == "MAX":
            return max(args)
        digits = int(args[1]) if len(args) > 1 else 0
        return args[0].quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)

    def to_js(self) -> str:
        """The same formula as a JavaScript expression over `v(key)`, for totals computed as people type.
        Built from the checked tree, never from the raw text."""
        return self._js(self.tree.body)

    def _js(self, node) -> str:
        if isinstance(node, ast.Constant):
            return repr(float(node.value))
        if isinstance(node, ast.Name):
            return f'v("{self.names[node.id]}")'
        if isinstance(node, ast.UnaryOp):
            return f"({'-' if isinstance(node.op, ast.USub) else '+'}{self._js(node.operand)})"
        if isinstance(node, ast.BinOp):
            left, right = self._js(node.left), self._js(node.right)
            if isinstance(node.op, ast.Div):
                return f"D({left},{right})"
            op = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*"}[type(node.op)]
            return f"({left}{op}{right})"
        name = node.func.id.upper()
        args = ",".join(self._js(arg) for arg in node.args)
        return {"SUM": f"S([{args}])", "MIN": f"Math.min({args})", "MAX": f"Math.max({args})"}.get(name, f"R({args})")

    def to_excel(self, ref: Callable[[str], str]) -> str:
        """The same formula for an Excel cell (without the "="), built from the checked tree.
        `ref(key)` is the Excel expression of a cell's value: N(D7) for a number, so a blank or a text
        counts as 0 as here. A division by zero leaves the whole formula blank as here: IFERROR."""
        return f'IFERROR({self._excel(self.tree.body, ref)},"")'

    def _excel(self, node, ref) -> str:
        if isinstance(node, ast.Constant):
            return format(Decimal(str(node.value)), "f")
        if isinstance(node, ast.Name):
            return ref(self.names[node.id])
        if isinstance(node, ast.UnaryOp):
            return f"({'-' if isinstance(node.op, ast.USub) else '+'}{self._excel(node.operand, ref)})"
        if isinstance(node, ast.BinOp):
            op = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}[type(node.op)]
            return f"({self._excel(node.left, ref)}{op}{self._excel(node.right, ref)})"
        name = node.func.id.upper()
        args = [self._excel(arg, ref) for arg in node.args]
        if name == "ROUND":
            # ROUND_HALF_UP with the digits cut toward zero, as Excel's ROUND does too.
            return f"ROUND({args[0]},{args[1] if len(args) > 1 else 0})"
        return f"{name}({','.join(args)})"


class _NoValue(Exception):
    pass


def compile_formula(
    text: str,
    *,
    known_keys: set[str],
    sumcol: Callable[[str], list[str]] | None = None,
) -> Formula:
    """Parse `text`; raise FormulaError naming the problem (unknown cell, bad syntax...)."""
    text = (text or "").strip()
    if not text:
        raise FormulaError(_("Công thức đang trống."))
    names: dict[str, str] = {}

    def name_for(key: str) -> str:
        if key not in known_keys:
            raise FormulaError(_("Ô [%(key)s] không có trong biểu mẫu.") % {"key": key})
        for name, existing in names.items():
            if existing == key:
                return name
        name = f"c{len(names)}"
        names[name] = key
        return name

    def expand_sumcol(match: re.Match) -> str:
        if sumcol is None:
            raise FormulaError(_("SUMCOL chỉ dùng được trong công thức của một ô."))
        keys = sumcol(match.group(1))
        if not keys:
            return "0"
        return "SUM(" + ", ".join(f"[{k}]" for k in keys) + ")"

    expanded = _SUMCOL.sub(expand_sumcol, text)
    python = _REF.sub(lambda m: name_for(f"{m.group(1)}.{m.group(2)}"), expanded)
    if "[" in python or "]" in python:
        raise FormulaError(_("Tham chiếu ô phải có dạng [MÃ_CHỈ_TIÊU.MÃ_CỘT], ví dụ [R01.TS]."))
    try:
        tree = ast.parse(python, mode="eval")
    except SyntaxError:
        raise FormulaError(_("Công thức “%(text)s” viết chưa đúng.") % {"text": text}) from None
    nodes = list(ast.walk(tree))
    func_names = {id(n.func) for n in nodes if isinstance(n, ast.Call)}
    for node in nodes:
        if id(node) not in func_names:
            _check_node(node, names, text)
    return Formula(text=text, tree=tree, names=names)


def _check_node(node, names, text):
    allowed = (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Constant, ast.Name, ast.Call, ast.Load)
    allowed_ops = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.USub, ast.UAdd)
    if isinstance(node, allowed_ops):
        return
    if not isinstance(node, allowed):
        raise FormulaError(_("Công thức “%(text)s” chỉ được dùng ô, số, + - * / và ngoặc.") % {"text": text})
    if isinstance(node, ast.Constant) and (isinstance(node.value, bool) or not isinstance(node.value, int | float)):
        raise FormulaError(_("Công thức “%(text)s” có giá trị không phải số.") % {"text": text})
    if isinstance(node, ast.Name) and node.id not in names:
        raise FormulaError(
            _("Không hiểu “%(name)s” trong công thức; ô phải viết trong ngoặc vuông, ví dụ [R01.TS].")
            % {"name": node.id}
        )
    if isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id.upper() not in _FUNCS or node.keywords:
            raise FormulaError(_("Chỉ dùng được các hàm SUM, SUMCOL, MIN, MAX, ROUND."))
        node.func.id = node.func.id.upper()
        if not node.args:
            raise FormulaError(_("Hàm %(name)s cần ít nhất một đối số.") % {"name": node.func.id})


def parse_number(raw: str) -> Decimal:
    """A number as people type it in Vietnam: "1.234" and "1 234" are thousands, "12,5" is 12.5.

    Raises ValueError when it is not a number."""
    text = (raw or "").strip().replace("\u00a0", "").replace(" ", "")
    if not text:
        raise ValueError("empty")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "")
    if not re.fullmatch(r"-?\d+(\.\d+)?", text):
        raise ValueError(raw)
    return Decimal(text)
