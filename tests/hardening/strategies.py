"""Hostile input for the issue-8 tests: the text strategy, the form sweep and the all-or-nothing check.

The sweep reads a page as a user would see it (every <form method="post"> with its fields and current
values), replaces some fields with hostile values drawn by hypothesis, posts the form and checks that
the portal answers with a page (never a 500) and that a refused form left every row of the portal as
it was. Used by tests/hardening/test_hostile_<area>.py."""

from __future__ import annotations

import io
import os
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urljoin

import lxml.html
import openpyxl
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from documents.xlsx import FORMULA_START
from units.text import nfc

NFD_NAME = unicodedata.normalize("NFD", "Nguyễn Thị Hoà Đống Đa")
LONG = "Nguyễn " * 1430  # 10,010 characters

NASTIES = [
    NFD_NAME,
    "Đống\u200bĐa",  # zero-width space
    "Lò\u200dVăn",  # zero-width joiner
    "\ufeffPằng",  # byte-order mark
    "\u200fنص\u200f",  # right-to-left marks
    "\u202eaD gnốĐ",  # right-to-left override
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://x","y")',
    "+1+1",
    "-2",
    "@SUM(A1)",
    "\t=1+1",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE units_unit; --",
    str(10**30),
    str(-(10**30)),
    "1e309",
    "-1e309",
    "NaN",
    "inf",
    "٣",  # Arabic-Indic digit three
    "１２",  # full-width digits
    "1,5",
    "12,345.67",
    "0x1F",
    "-0",
    "31/02/2026",
    "2026-13-01",
    "00/00/0000",
    "\x00",
    "a\x00b",
    "",
    "   ",
    "\r\n",
    LONG,
    "😀 𝔘𝔫𝔦 ꦲꦤꦕ",
]

hostile_text = st.one_of(
    st.sampled_from(NASTIES),
    st.text(max_size=120),
    st.builds(lambda a, b: a + b, st.sampled_from(NASTIES), st.text(max_size=20)),
)
hostile_number = st.one_of(
    st.integers().map(str),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(lambda d: str(d).replace(".", ",")),
)
hostile_value = st.one_of(hostile_text, hostile_number)
random_bytes = st.one_of(st.binary(max_size=2048), st.just(b"PK\x03\x04" + b"\x00" * 64))

# Each example posts a whole form and compares every row of the portal before and after (about
# 0.2 s). `make test` draws the same 15 per form on every run (the repeatable profile, conftest.py);
# HYPOTHESIS_PROFILE=explore draws 60 fresh ones per form to look for new failures.
EXAMPLES = settings(
    max_examples=60 if os.environ.get("HYPOTHESIS_PROFILE") == "explore" else 15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Markers of a form shown again with its errors (crispy / Bootstrap / Django / the portal's messages).
ERROR_MARKERS = ("is-invalid", "errorlist", "invalid-feedback", "alert-danger", "alert-warning")
# Logging out is not a form to attack; delete buttons would take away the page the next example posts to.
SKIP_ACTIONS = ("/dang-xuat/", "/xoa/")
# The reports grid saves a draft, then refuses to submit it: the draft is meant to stay.
SAVED_NOT_SUBMITTED = "Số liệu đã được lưu nhưng chưa nộp được"
PORTAL_APPS = ("units", "reports", "centers", "literacy", "learning_society")
# Kept counts: recomputed from the people and subjects by every write (deleted and inserted again,
# so on PostgreSQL with new ids). Compared without their ids, and never against what was typed:
# a cell's `sex` is the sex of the people it counts, not of the person just edited.
KEPT_COUNTS = (
    "literacy.LiteracyCount",
    "literacy.LiteracyStandardSum",
    "literacy.DuplicateGroup",
    "learning_society.KeptCount",
)


# Rows before/after ---------------------------------------------------------------------------


def _columns(model) -> list:
    return [f for f in model._meta.concrete_fields if f.name != "last_login"]


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every portal model, so a refused post can be shown to have changed nothing."""
    rows = {}
    for label in PORTAL_APPS:
        for model in apps.get_app_config(label).get_models():
            names = [f.attname for f in _columns(model)]
            if model._meta.label in KEPT_COUNTS:
                names = [name for name in names if name != model._meta.pk.attname]
                rows[model._meta.label] = sorted(model.objects.values_list(*names), key=repr)
                continue
            rows[model._meta.label] = list(model.objects.order_by("pk").values_list(*names))
    return rows


def stored_forms(value: str) -> set[str]:
    """What a text field may rightly store for a typed value: as typed, trimmed, NFC without
    invisible characters (units.text.nfc), or with runs of spaces collapsed; each without its NUL
    characters, which units.clean_input takes out of every request (PostgreSQL refuses them)."""
    forms = set()
    for typed in {value, value.replace("\x00", "")}:
        trimmed = typed.strip()
        forms |= {typed, trimmed, nfc(typed), " ".join(trimmed.split()), " ".join(nfc(typed).split())}
    return forms


def assert_stored_as_typed(before: dict, after: dict, typed: dict[str, str]) -> None:
    """Rows a successful post wrote hold the typed text (cleaned), never a cut or mangled copy."""
    for label in changed_models(before, after):
        if label in KEPT_COUNTS:
            continue
        model = apps.get_model(label)
        columns = _columns(model)
        old = {repr(row) for row in before[label]}
        for row in after[label]:
            if repr(row) in old:
                continue
            for index, column in enumerate(columns):
                if column.name in typed and column.get_internal_type() in ("CharField", "TextField"):
                    value = typed[column.name]
                    assert row[index] in stored_forms(value) or row[index] == "", (
                        f"{label}.{column.name}: typed {value[:80]!r}, stored {str(row[index])[:80]!r}"
                    )


def changed_models(before: dict, after: dict) -> list[str]:
    return sorted(label for label in before if before[label] != after[label])


def refused(response) -> bool:
    page = response.content.decode(errors="replace")
    return response.status_code == 200 and any(marker in page for marker in ERROR_MARKERS)


# Forms as a user sees them --------------------------------------------------------------------


@dataclass
class PageForm:
    action: str
    values: list[tuple[str, str]]  # what the browser would send untouched
    fields: list[str]  # names a user can change (text, numbers, dates, selects, checkboxes, hidden)
    files: list[str] = field(default_factory=list)
    buttons: list[tuple[str, str]] = field(default_factory=list)  # named submit buttons

    @property
    def id(self) -> str:
        return self.action


def page_forms(client, url: str) -> list[PageForm]:
    """The POST forms of a page, with the values their fields show."""
    response = client.get(url)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    doc = lxml.html.fromstring(response.content.decode())
    forms = []
    for form in doc.forms:
        if (form.method or "GET").upper() != "POST":
            continue
        action = urljoin(url, form.get("action") or url)
        if any(skip in action for skip in SKIP_ACTIONS):
            continue
        values = [(k, v) for k, v in form.form_values() if k != "csrfmiddlewaretoken"]
        fields, files, buttons = [], [], []
        for el in form.inputs:
            name = el.get("name")
            if not name or name == "csrfmiddlewaretoken":
                continue
            kind = (el.get("type") or "text").lower() if el.tag == "input" else el.tag
            if kind == "file":
                files.append(name)
            elif kind in ("submit", "image") or el.tag == "button":
                if el.get("type", "submit").lower() == "submit":
                    buttons.append((name, el.get("value", "")))
            elif kind not in ("reset",) and name not in fields:
                fields.append(name)
        for el in form.iter("button"):
            if el.get("name") and (el.get("type") or "submit").lower() == "submit":
                pair = (el.get("name"), el.get("value", ""))
                if pair not in buttons:
                    buttons.append(pair)
        if fields or files:  # a bare button (submit, publish, freeze) has nothing to type into
            forms.append(PageForm(action=action, values=values, fields=fields, files=files, buttons=buttons))
    return forms


def hostile_post(draw, form: PageForm) -> tuple[dict, dict]:
    """Draw a POST body: the form's own values with some fields replaced by hostile ones."""
    data: dict[str, list[str]] = {}
    for name, value in form.values:
        data.setdefault(name, []).append(value)
    if form.fields:
        overrides = draw(
            st.dictionaries(st.sampled_from(form.fields), hostile_value, min_size=1, max_size=len(form.fields)),
            label="overrides",
        )
        for name, value in overrides.items():
            data[name] = [value]
    if form.buttons:
        name, value = draw(st.sampled_from(form.buttons), label="button")
        data[name] = [value]
    files = {}
    for name in form.files:
        content = draw(random_bytes, label=f"file {name}")
        filename = draw(st.sampled_from(["bang.xlsx", "anh.png", "tai-lieu.pdf", "x" * 300 + ".pdf", "\u202efdp.exe"]))
        files[name] = SimpleUploadedFile(filename, content)
    return data, files


def post_and_check(client, form: PageForm, data: dict, files: dict | None = None, may_change=()):
    """Post, then: never a 500; a form shown again with errors stored nothing at all; a form
    accepted stored the text as typed."""
    before = snapshot()
    response = client.post(form.action, {**data, **(files or {})})
    # 400: refused with errors (the reports grid, form import); 409: the form carried an edit version
    # that is not the stored one (a colleague's save, or garbage).
    assert response.status_code in (200, 302, 400, 409), f"{form.action}: {response.status_code}"
    after = snapshot()
    page = response.content.decode(errors="replace")
    if (refused(response) or response.status_code in (400, 409)) and SAVED_NOT_SUBMITTED not in page:
        stored = [label for label in changed_models(before, after) if label not in may_change]
        assert stored == [], f"{form.action} refused the form but stored rows of {stored}"
    elif response.status_code == 302:
        typed = {name: values[0] for name, values in data.items() if len(values) == 1 and name in form.fields}
        assert_stored_as_typed(before, after, typed)
    if response.status_code != 302:
        assert "<script>alert(1)</script>" not in page
        assert "<img src=x onerror" not in page
    return response, before, after


def sweep(client, url: str, data_strategy, may_change=()) -> None:
    """Every POST form of the page at `url`, once per hypothesis example. `may_change`: models a
    refused post rightly writes to (a wrong two-factor code is counted against brute force)."""
    forms = page_forms(client, url)
    assert forms, f"{url} shows no form to post"
    for form in forms:
        data, files = hostile_post(data_strategy.draw, form)
        post_and_check(client, form, data, files, may_change)


def case_url(cases, case_id: str, world) -> str:
    """The URL of a permission-matrix case ("literacy:person_edit", "units:tree[search]")."""
    case = next(c for c in cases if c.id == case_id)
    return reverse(case.name, kwargs=case.kwargs(world)) + case.query_for(world)


# Excel --------------------------------------------------------------------------------------------


def xlsx_cells(content: bytes):
    book = openpyxl.load_workbook(io.BytesIO(content))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            yield from row


def assert_no_live_formula(content: bytes, names: list[str]) -> dict:
    """No cell is a formula; cells holding `names` that a spreadsheet would read as a formula carry
    Excel's quote prefix. Returns name → cell for the names found."""
    found = {}
    for cell in xlsx_cells(content):
        assert cell.data_type != "f", f"{cell.coordinate} is a formula: {cell.value!r}"
        if isinstance(cell.value, str):
            if cell.value.startswith(FORMULA_START):
                assert cell.quotePrefix, f"{cell.coordinate} {cell.value!r} is not marked as text"
            for name in names:
                if name in cell.value:
                    found[name] = cell
    return found
