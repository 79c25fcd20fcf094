"""Hostile input on reports (issue 8): the form builder and its JSON import, periods, the entry grid
(every cell: huge, negative, comma decimals, text in number cells, formulas), review reasons, and the
Excel of a submission and of the roll-up. A page, never a 500; all cells saved or none."""

import copy
import itertools
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from reports import services
from reports.models import FormCell, FormColumn, FormRow, FormSection, ReportForm, ValidationRule
from tests.factories import make_unit
from tests.hardening.strategies import (
    EXAMPLES,
    assert_no_live_formula,
    case_url,
    changed_models,
    hostile_text,
    hostile_value,
    page_forms,
    post_and_check,
    random_bytes,
    snapshot,
    sweep,
)
from tests.reports.helpers import fill_and_submit, open_period, submission_of
from tests.reports.matrix import CASES, objects
from units.models import UnitKind

pytestmark = pytest.mark.django_db
_seq = itertools.count(1)

PAGES = [
    "reports:form_create",
    "reports:form_import",
    "reports:form_edit",
    "reports:form_detail",  # add section, row, column, rule
    "reports:cell_edit",
    "reports:period_create",
]


@pytest.mark.parametrize("case_id", PAGES)
@EXAMPLES
@given(data=st.data())
def test_every_form_builder_and_period_form_survives_hostile_input(world, case_id, data):
    client = Client()
    client.force_login(world.officer)
    sweep(client, case_url(CASES, case_id, world), data)


@pytest.mark.parametrize("case_id", ["reports:submission_return", "reports:submission_unlock"])
@EXAMPLES
@given(data=st.data())
def test_review_reason_forms_survive_hostile_input(world, case_id, data):
    """Each example reviews a freshly submitted report: a return or unlock that goes through closes the form."""
    period = open_period(world, form=objects(world).period.form, label=f"Kỳ {next(_seq)}")
    submission = fill_and_submit(submission_of(period, world.school), world.principal, {"R01.TS": "10", "R01.NU": "4"})
    client = Client()
    client.force_login(world.leader)
    name = case_id.split(":")[1]
    sweep(client, reverse(f"reports:{name}", kwargs={"pk": submission.pk}), data)


# The entry grid ------------------------------------------------------------------------------------

cell_value = st.one_of(
    hostile_value,
    st.sampled_from(["0", "5", "12", "1 000", "1.000", "1,5", "-3", " 7 ", "=1+1", "=cmd|' /C calc'!A0", "Tốt", "Khá"]),
)


@EXAMPLES
@given(data=st.data(), action=st.sampled_from(["save", "submit"]))
def test_entry_grid_saves_every_cell_or_none(world, data, action):
    centre_sub = objects(world).centre_sub
    client = Client()
    client.force_login(world.director)
    url = reverse("reports:submission", kwargs={"pk": centre_sub.pk})
    form = next(f for f in page_forms(client, url) if any(name.startswith("v:") for name in f.fields))
    body = {name: [value] for name, value in form.values}
    for name in form.fields:
        if name.startswith("v:"):
            body[name] = [data.draw(cell_value, label=name)]
    body["comment"] = [data.draw(hostile_text, label="comment")]
    body["action"] = [action]
    response, before, after = post_and_check(client, form, body)
    if response.status_code == 302:
        centre_sub.refresh_from_db()
        page = client.get(url).content.decode()
        assert "alert-danger" not in page or action == "submit"


# Form import (JSON) -------------------------------------------------------------------------------

json_leaf = st.one_of(hostile_value, st.none(), st.booleans(), st.integers(), st.just([]), st.just({}))
json_value = st.recursive(
    json_leaf,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(hostile_text, inner, max_size=3),
    max_leaves=8,
)


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*prefix, index))


@st.composite
def hostile_form_json(draw, template):
    if draw(st.integers(0, 9)) == 0:
        return draw(json_value)
    data = copy.deepcopy(template)
    data["code"] = "HOSTILE-" + str(draw(st.integers(0, 3)))
    paths = [p for p in _paths(data) if p and p != ("code",)]
    for path in draw(st.lists(st.sampled_from(paths), min_size=1, max_size=3)):
        value = draw(json_value)
        node = data
        try:
            for step in path[:-1]:
                node = node[step]
            node[path[-1]] = value
        except (KeyError, IndexError, TypeError):  # an earlier swap removed that branch
            continue
    return data


def _form_rows():
    return [
        list(model.objects.order_by("pk").values_list())
        for model in (ReportForm, FormSection, FormRow, FormColumn, FormCell, ValidationRule)
    ]


@EXAMPLES
@given(data=st.data())
def test_form_import_of_hostile_json_creates_the_whole_form_or_nothing(world, data):
    template = services.form_to_dict(objects(world).draft)
    body = data.draw(hostile_form_json(template), label="json")
    client = Client()
    client.force_login(world.officer)
    before = _form_rows()
    response = client.post(
        reverse("reports:form_import"),
        {"file": SimpleUploadedFile("bieu.json", json.dumps(body, ensure_ascii=False).encode())},
    )
    assert response.status_code in (200, 302, 400)
    if response.status_code != 302:
        assert _form_rows() == before
        assert "alert-danger" in response.content.decode() or "is-invalid" in response.content.decode()
    else:
        new = ReportForm.objects.latest("pk")
        assert new.rows.count() == sum(len(s.get("rows") or []) for s in body["sections"])


@EXAMPLES
@given(content=random_bytes)
def test_form_import_of_random_bytes_gives_a_message(world, content):
    client = Client()
    client.force_login(world.officer)
    before = snapshot()
    response = client.post(reverse("reports:form_import"), {"file": SimpleUploadedFile("bieu.json", content)})
    assert response.status_code in (200, 400)
    page = response.content.decode()
    assert "alert-danger" in page or "is-invalid" in page or "invalid-feedback" in page
    assert changed_models(before, snapshot()) == []


# Exports --------------------------------------------------------------------------------------------

FORMULAS = ["=cmd|' /C calc'!A0", "+1+1", "-2+3 Ghi chú", "@SUM(A1)", "\t=1+1", "\r=2+2"]


def test_submission_and_rollup_excel_neutralise_formulas_and_keep_numbers(world, login):
    schools = [make_unit(UnitKind.SCHOOL, parent=world.commune, name=name) for name in FORMULAS]
    period = open_period(world, form=objects(world).period.form, label="Kỳ có tên như công thức")
    for school, text in zip(schools, FORMULAS, strict=True):
        # No person: these schools have no principal to send their report (units.duties.submit_refusal).
        fill_and_submit(submission_of(period, school), None, {"R01.TS": "10", "R01.NU": "4", "R07.TS": text})
    client = login(world.officer)
    sub = submission_of(period, schools[0])
    xlsx = client.get(reverse("reports:submission_document", kwargs={"pk": sub.pk}) + "?xlsx=1")
    assert xlsx.status_code == 200
    found = assert_no_live_formula(xlsx.content, FORMULAS[:1])
    assert FORMULAS[0] in found
    numbers = [c.value for c in _cells(xlsx.content) if isinstance(c.value, (int, float))]
    assert 10 in numbers and 4 in numbers  # figures stay numbers

    rollup = client.get(reverse("reports:rollup_document", kwargs={"pk": period.pk}) + "?xlsx=1")
    assert rollup.status_code == 200
    assert_no_live_formula(rollup.content, FORMULAS)


def _cells(content):
    from tests.hardening.strategies import xlsx_cells

    return list(xlsx_cells(content))


@pytest.mark.parametrize(
    ("path", "value"),
    [(("title",), ["Biểu"]), (("columns", 0, "label"), 12), (("sections", 0, "rows", 0, "label"), {"a": 1})],
)
def test_form_import_with_a_list_or_number_where_text_belongs_is_refused_not_a_500(world, login, path, value):
    """Found by the hypothesis test above: the title ["Biểu"] reached nfc() and raised TypeError (500)."""
    body = services.form_to_dict(objects(world).draft)
    node = body
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    before = _form_rows()
    response = login(world.officer).post(
        reverse("reports:form_import"), {"file": SimpleUploadedFile("bieu.json", json.dumps(body).encode())}
    )
    assert response.status_code == 200
    assert "không đúng cấu trúc biểu mẫu" in response.content.decode()
    assert _form_rows() == before
