"""The portal's source strings are Vietnamese and it has no catalogue of its own, so a source string
must come out of gettext unchanged. A short Vietnamese word can equal an English msgid that Django's
own Vietnamese catalogue translates: "Thu" (income) came out as "Thứ 5" (Thursday). Such words take
a context (pgettext("funding", "Thu"), {% translate "Thu" context "funding" %}); this test finds any
new one wherever it is written."""

import ast
import re
from pathlib import Path

from django.conf import settings
from django.utils import translation

APPS = ("units", "reports", "centers", "literacy", "learning_society", "rubrics", "api", "gdtx_portal", "templates")
GETTEXT_CALLS = {"_", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy"}
# {% translate "X" %} / {% trans 'X' as t %} without a context, and _("X") inside a template tag.
TEMPLATE_TRANSLATE = re.compile(r"""\{%\s*trans(?:late)?\s+(["'])(.*?)\1(?![^%]*\bcontext\b)""")
TEMPLATE_UNDERSCORE = re.compile(r"""\b_\((["'])(.*?)\1\)""")


def _files(suffix):
    base = Path(settings.BASE_DIR)
    for app in APPS:
        yield from (base / app).rglob(f"*{suffix}")


def _python_msgids():
    for path in _files(".py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            first = node.args[0]
            if name in GETTEXT_CALLS and isinstance(first, ast.Constant) and isinstance(first.value, str):
                yield first.value, f"{path.relative_to(settings.BASE_DIR)}:{node.lineno}"


def _template_msgids():
    for suffix in (".html", ".txt"):
        for path in _files(suffix):
            text = path.read_text(encoding="utf-8")
            for pattern in (TEMPLATE_TRANSLATE, TEMPLATE_UNDERSCORE):
                for match in pattern.finditer(text):
                    line = text.count("\n", 0, match.start()) + 1
                    yield match.group(2), f"{path.relative_to(settings.BASE_DIR)}:{line}"


def test_the_scan_sees_the_portal_strings():
    python = {msgid for msgid, _where in _python_msgids()}
    templates = {msgid for msgid, _where in _template_msgids()}
    assert "Đã xóa khoản thu, chi." in python
    assert "Kinh phí" in templates
    assert len(python) > 500 and len(templates) > 300


def test_no_source_string_is_turned_into_something_else_by_djangos_catalogue():
    changed = []
    with translation.override("vi"):
        for msgid, where in [*_python_msgids(), *_template_msgids()]:
            shown = translation.gettext(msgid)
            if shown != msgid:
                changed.append(f"{where}: {msgid!r} hiện thành {shown!r}")
    assert changed == []
