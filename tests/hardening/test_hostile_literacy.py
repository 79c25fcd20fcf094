"""Hostile input on literacy (issue 8): every form, the Excel household import and the name-list
export. Whatever is typed or uploaded: a page, never a 500; all rows or none."""

import datetime
import io
import unicodedata

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from literacy.models import Household, ImportBatch, Person
from tests.hardening.strategies import (
    EXAMPLES,
    LONG,
    NASTIES,
    NFD_NAME,
    assert_no_live_formula,
    case_url,
    hostile_text,
    hostile_value,
    random_bytes,
    stored_forms,
    sweep,
)
from tests.literacy.fixtures import HEADERS, YEAR, bulk_people, literacy_world, row
from tests.literacy.matrix import CASES

pytestmark = pytest.mark.django_db

# (permission-matrix case, who fills it in): every literacy page that shows a form to post.
PAGES = [
    ("literacy:settings", "officer"),
    ("literacy:round_create", "officer"),
    ("literacy:round_detail", "officer"),  # assignment of hamlets, round status
    ("literacy:household_create", "principal"),
    ("literacy:household_edit", "principal"),
    ("literacy:person_create", "principal"),
    ("literacy:person_edit", "principal"),
    ("literacy:class_create", "director"),
    ("literacy:class_edit", "director"),
    ("literacy:class_detail", "director"),  # enrolment and term results
    ("literacy:import_start", "officer"),
    ("literacy:import_mapping", "officer"),  # the column mapping step (issue 16)
    ("literacy:profile_list", "officer"),  # a mapping profile's JSON file
    ("literacy:profile_edit", "officer"),
]


@pytest.mark.parametrize(("case_id", "who"), PAGES)
@EXAMPLES
@given(data=st.data())
def test_every_literacy_form_survives_hostile_input(world, case_id, who, data):
    literacy_world(world)
    client = Client()
    client.force_login(getattr(world, who))
    sweep(client, case_url(CASES, case_id, world), data)


@EXAMPLES
@given(comment=hostile_text, term=hostile_value, result=st.sampled_from(["passed", "failed", "", "x", "\x00"]))
def test_term_result_stores_all_or_nothing(world, comment, term, result):
    lit = literacy_world(world)
    client = Client()
    client.force_login(world.director)
    before = list(lit.enrolment.results.values_list("term", "result", "comment"))
    response = client.post(
        reverse("literacy:enrolment_result", kwargs={"pk": lit.enrolment.pk}),
        {"term": term, "result": result, "comment": comment},
    )
    assert response.status_code in (200, 302)
    after = list(lit.enrolment.results.values_list("term", "result", "comment"))
    if response.status_code == 200 and after != before:
        pytest.fail("the result form was shown again with errors but a result was stored")
    for _term, stored_result, stored_comment in set(after) - set(before):
        assert stored_result == result and stored_comment in stored_forms(comment)


# The Excel import ---------------------------------------------------------------------------------

CELL = st.one_of(
    hostile_text,
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([None, True, datetime.datetime(1899, 12, 31), datetime.datetime(2999, 1, 1), "05/03/1990"]),
)


def _xlsx(
    rows: list[list], formulas: dict[str, str] | None = None, formula_texts: dict[str, str] | None = None
) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for line in rows:  # a spreadsheet cannot hold control characters: Excel would not write them either
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in line])
    for coordinate, formula in (formulas or {}).items():
        sheet[coordinate] = formula  # openpyxl stores text starting with "=" as a real formula
    for coordinate, text in (formula_texts or {}).items():
        sheet[coordinate] = text
        sheet[coordinate].data_type = "s"  # the same text kept as a string cell, as Excel does after a '
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _import_via_views(client, world, lit, content: bytes, name="ho.xlsx"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("literacy:import_start"),
        {"round": lit.round.pk, "commune": world.commune.pk, "file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code in (200, 302)
    return response


@settings(parent=EXAMPLES, max_examples=20)
@given(data=st.data(), n_rows=st.integers(min_value=1, max_value=4), formula_cells=st.booleans())
def test_excel_import_of_hostile_cells_is_all_or_nothing(world, data, n_rows, formula_cells):
    lit = literacy_world(world)
    client = Client()
    client.force_login(world.officer)
    rows = []
    for i in range(n_rows):
        line = row(code=f"HX{i:03d}", name=f"Người Nhập {i}")
        hostile_columns = data.draw(st.sets(st.integers(0, len(line) - 1), max_size=4), label="columns")
        for column in hostile_columns:
            line[column] = data.draw(CELL, label=f"cell {i},{column}")
        if data.draw(st.booleans(), label="empty row before"):
            rows.append([None] * len(line))
        rows.append(line)
    formulas = {"E2": "=cmd|' /C calc'!A0", "A3": '=HYPERLINK("http://x","y")'} if formula_cells else None
    formula_texts = {"D2": "=cmd|' /C calc'!A0", "E3": "@SUM(A1)"} if not formula_cells else None
    persons_before, households_before = Person.objects.count(), Household.objects.count()

    response = _import_via_views(client, world, lit, _xlsx(rows, formulas, formula_texts))
    if response.status_code == 200:  # the form refused the upload
        assert ImportBatch.objects.filter(status=ImportBatch.Status.IMPORTED).count() == 0
        return
    batch = ImportBatch.objects.latest("created_at")
    detail = client.get(response["Location"])
    assert detail.status_code == 200
    assert (Person.objects.count(), Household.objects.count()) == (persons_before, households_before)  # dry run
    if batch.errors:
        page = detail.content.decode()
        first_row = batch.errors[0][0]
        assert (f"<td>{first_row}</td>" if first_row else "<td>—</td>") in page  # the error report names the row
        report = client.get(response["Location"] + "?xuat=xlsx")
        assert report.status_code == 200
        assert_no_live_formula(report.content, [])
    commit = client.post(reverse("literacy:import_commit", kwargs={"pk": batch.pk}))
    assert commit.status_code == 302
    batch.refresh_from_db()
    if batch.status == ImportBatch.Status.IMPORTED:
        assert Person.objects.count() == persons_before + batch.summary["persons_new"]
        for name in Person.objects.values_list("full_name", flat=True):  # stored cleaned: NFC, no invisibles
            assert unicodedata.is_normalized("NFC", name) and "\u200b" not in name and name == name.strip()
        for person in Person.objects.filter(full_name__startswith="="):
            pytest.fail(f"a formula became a name: {person.full_name!r}")
    else:
        assert (Person.objects.count(), Household.objects.count()) == (persons_before, households_before)


def test_excel_import_of_every_nasty_refuses_or_imports_whole(world, login):
    lit = literacy_world(world)
    client = login(world.officer)
    rows = [row(code=f"HN{i:03d}", name=nasty, head=nasty) for i, nasty in enumerate(NASTIES)]
    rows += [row(code="HN900", name=LONG), row(code="HN901", name=NFD_NAME, birth="31/02/1990")]
    before = Person.objects.count()
    response = _import_via_views(client, world, lit, _xlsx(rows))
    batch = ImportBatch.objects.latest("created_at")
    assert batch.status == ImportBatch.Status.INVALID
    page = client.get(response["Location"]).content.decode()
    assert "Dòng" in page or "dòng" in page
    client.post(reverse("literacy:import_commit", kwargs={"pk": batch.pk}))
    assert Person.objects.count() == before


@EXAMPLES
@given(content=random_bytes, name=st.sampled_from(["ho.xlsx", "ho.xls", "ho.csv", "\u202exslx.exe", "x" * 300]))
def test_random_bytes_as_the_import_file_give_a_clear_message(world, content, name):
    lit = literacy_world(world)
    client = Client()
    client.force_login(world.officer)
    before = Person.objects.count()
    response = _import_via_views(client, world, lit, content, name)
    page = (client.get(response["Location"]) if response.status_code == 302 else response).content.decode()
    if response.status_code == 302:  # the batch page explains why nothing can be imported
        assert "chưa có dòng nào được nhập" in page
    else:
        assert "is-invalid" in page or "invalid-feedback" in page
    assert Person.objects.count() == before


# Export ---------------------------------------------------------------------------------------------

FORMULA_NAMES = ["=cmd|' /C calc'!A0", "+1+1 Nguyễn", "-2 Lò Văn", "@SUM(A1)", "\t=1+1", "\r=2+2"]


def test_name_list_export_neutralises_formulas(world, login):
    survey_round = literacy_world(world).round
    people = bulk_people(survey_round, world.hamlet, [{"full_name": "x", "birth_year": YEAR - 20}] * len(FORMULA_NAMES))
    for person, name in zip(people, FORMULA_NAMES, strict=True):  # as typed into the person form
        Person.objects.filter(pk=person.pk).update(full_name=name)
    response = login(world.officer).get(
        reverse("literacy:name_list", kwargs={"pk": world.commune.pk, "level": 1}) + f"?nam={YEAR}&xuat=xlsx"
    )
    assert response.status_code == 200
    found = assert_no_live_formula(response.content, FORMULA_NAMES)
    assert {"=cmd|' /C calc'!A0", "@SUM(A1)"} <= set(found)
