"""Hostile input (hypothesis): whatever is typed, the portal answers with a page, never a 500,
stores all or nothing, and an Excel export never turns typed text into a live formula."""

import io
import unicodedata

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import make_unit
from units import services
from units.models import Unit, UnitKind

pytestmark = pytest.mark.django_db

HOSTILE = [
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "Đo\u0302\u0301ng Đa",  # NFD: Ố as O + two combining marks
    "Đống\u200bĐa",  # zero-width space
    "\u202eaD gnốĐ",  # right-to-left override
    "\u200f\u200e",  # RTL / LTR marks only
    "'; DROP TABLE units_unit; --",
    "9" * 400,
    "-99999999999999999999999",
    "1e309",
    "\x00",
    "\ufeff",
    "   ",
    "ꦲꦤꦕꦫꦏ 😀 𝔘𝔫𝔦",
]
hostile_text = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=300),
    st.builds(lambda a, b: a + b, st.sampled_from(HOSTILE), st.text(max_size=40)),
)
EXAMPLES = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


@EXAMPLES
@given(name=hostile_text, code=hostile_text, notes=hostile_text, address=hostile_text, valid_from=hostile_text)
def test_unit_create_form_never_breaks_and_stores_all_or_nothing(world, name, code, notes, address, valid_from):
    client = Client()
    client.force_login(world.officer)
    before = Unit.objects.count()
    response = client.post(
        reverse("units:create"),
        {
            "code": code,
            "name": name,
            "kind": UnitKind.HAMLET,
            "level_label": "Thôn",
            "parent": world.commune.pk,
            "valid_from": valid_from,
            "notes": notes,
            "address": address,
        },
    )
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert Unit.objects.count() == before  # refused: nothing stored
        assert "is-invalid" in response.content.decode() or "alert-danger" in response.content.decode()
    else:
        unit = Unit.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))
        assert Unit.objects.count() == before + 1
        assert unit.name.strip() and unicodedata.is_normalized("NFC", unit.name)
        assert "<script>" not in client.get(response["Location"]).content.decode().replace("&lt;script&gt;", "")


@EXAMPLES
@given(query=hostile_text, role=st.sampled_from(["", "principal", "x" * 50, "\u202e"]))
def test_search_boxes_never_break(world, query, role):
    client = Client()
    client.force_login(world.officer)
    for url, params in (
        (reverse("units:people"), {"q": query, "role": role}),
        (reverse("units:tree"), {"q": query}),
    ):
        response = client.get(url, params)
        assert response.status_code in (200, 302)
        assert "<script>alert(1)</script>" not in response.content.decode()


def test_formula_and_script_names_are_plain_text_in_the_excel_export(world, login):
    """A centre whose name starts with = + - @ comes out of the office's Excel as text, not a formula."""
    names = ["=cmd|' /C calc'!A0", '+HYPERLINK("http://x")', "-1+2", "@SUM(A1)", "<script>x</script>"]
    for name in names:
        make_unit(UnitKind.CENTRE, parent=world.commune, name=name)
    response = login(world.officer).post(reverse("centers:overview_xlsx") + "?nam=2025")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    found = {}
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    for name in names:
                        if name in cell.value:
                            found[name] = cell
    assert set(found) == set(names), f"missing from the export: {set(names) - set(found)}"
    for name, cell in found.items():
        assert cell.data_type != "f", f"{name!r} became a formula"
        if cell.value[:1] in "=+-@":
            assert cell.quotePrefix, f"{name!r} is not marked as text"


def test_nfd_and_zero_width_names_are_found_by_accentless_search(world, login):
    unit = services.unit_create(
        actor=world.officer,
        code="NFD1",
        name=unicodedata.normalize("NFD", "Thôn Hồng Phong"),
        kind=UnitKind.HAMLET,
        level_label="Thôn",
        parent=world.commune,
        valid_from=world.commune.valid_from,
    )
    assert unicodedata.is_normalized("NFC", Unit.objects.get(pk=unit.pk).name)
    page = login(world.officer).get(reverse("units:tree"), {"q": "hong phong"}).content.decode()
    assert "Hồng Phong" in page
