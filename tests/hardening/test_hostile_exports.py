"""Formula injection and unwritable characters in every area's Excel (issue 8): names typed as
= + - @ (or after a tab / CR) come out as text with Excel's quote prefix, never as a formula; control
characters a form let through do not break the file; numbers stay numbers."""

import io

import openpyxl
import pytest
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from documents import Column, Row, Table, table_to_xlsx
from literacy.models import Person
from tests.factories import make_unit
from tests.hardening.strategies import EXAMPLES, assert_no_live_formula, hostile_text, xlsx_cells
from tests.literacy.fixtures import YEAR, bulk_people, literacy_world
from units.models import Unit, UnitKind

pytestmark = pytest.mark.django_db

FORMULAS = ["=cmd|' /C calc'!A0", '+HYPERLINK("http://x")', "-1+2", "@SUM(A1)", "\t=1+1", "\r=2+2"]
CONTROL = ["Trung\x0btâm", "Lớp\x1fA", "Bell\x07", "Esc\x1b[31m", "\x01=1+1", "\x02@SUM(A1)"]


def test_a_centre_name_with_control_characters_typed_in_the_unit_form_does_not_break_the_excel(world, login):
    client = login(world.officer)
    for i, name in enumerate(CONTROL):
        response = client.post(
            reverse("units:create"),
            {
                "code": f"CTL{i}",
                "name": name,
                "kind": UnitKind.CENTRE,
                "parent": world.commune.pk,
                "valid_from": "01/01/2020",
            },
        )
        assert response.status_code in (200, 302)
    response = client.post(reverse("centers:overview_xlsx") + "?nam=2025")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.worksheets
    assert_no_live_formula(response.content, [])  # "\x01=1+1" without its \x01 is still text
    stored = list(Unit.objects.filter(code__startswith="CTL").values_list("name", flat=True))
    texts = [c.value for c in xlsx_cells(response.content) if isinstance(c.value, str)]
    for name in stored:
        visible = "".join(ch for ch in name if ch.isprintable())
        assert any(visible in text for text in texts), f"{name!r} missing from the export"


def test_centres_list_neutralises_formulas_after_tab_and_cr_too(world, login):
    for name in FORMULAS:
        make_unit(UnitKind.CENTRE, parent=world.commune, name=name)
    response = login(world.officer).post(reverse("centers:overview_xlsx") + "?nam=2025")
    assert response.status_code == 200
    found = assert_no_live_formula(response.content, FORMULAS)
    assert {"=cmd|' /C calc'!A0", "@SUM(A1)", '+HYPERLINK("http://x")'} <= set(found)


def test_literacy_name_list_with_control_characters_in_names_still_exports(world, login):
    survey_round = literacy_world(world).round
    people = bulk_people(survey_round, world.hamlet, [{"full_name": "x", "birth_year": YEAR - 20}] * len(CONTROL))
    for person, name in zip(people, CONTROL, strict=True):
        Person.objects.filter(pk=person.pk).update(full_name=name)  # as the person form accepts them
    response = login(world.officer).get(
        reverse("literacy:name_list", kwargs={"pk": world.commune.pk, "level": 1}) + f"?nam={YEAR}&xuat=xlsx"
    )
    assert response.status_code == 200
    assert_no_live_formula(response.content, [])


@EXAMPLES
@given(
    title=hostile_text,
    texts=st.lists(st.one_of(hostile_text, st.text(alphabet=st.characters(max_codepoint=0x1F)), st.none()), max_size=6),
    numbers=st.lists(st.one_of(st.integers(-(10**15), 10**15), st.decimals(-(10**9), 10**9, places=2)), max_size=6),
)
@example(title="Biểu\x0b1", texts=["\x01=1+1", "Trung\x0btâm", "\x02@SUM(A1)", "\t=1+1"], numbers=[5])
def test_any_text_in_any_table_gives_an_excel_without_formulas_and_with_its_numbers(title, texts, numbers):
    """Found by the tests above: a vertical tab in a name made openpyxl refuse the whole file (500)."""
    rows = [Row([text, number]) for text, number in zip(texts, numbers, strict=False)]
    table = Table(title=title or "Bảng", columns=[Column("Tên"), Column("Số", "decimal")], rows=rows)
    content = table_to_xlsx(table, heading_lines=texts[:1] if texts and texts[0] else [])
    assert_no_live_formula(content, [])
    values = [c.value for c in xlsx_cells(content)]
    for number in numbers[: len(rows)]:
        assert float(number) in values  # numbers stay numbers
