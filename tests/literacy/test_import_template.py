"""The household template (issue 17): the commune's hamlets and the fixed lists as drop-downs, an
example row the importer skips, and a guide whose "Bắt buộc: Có" is exactly what the reader refuses
to see blank."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from literacy import household_import
from literacy.household_import.columns import COLUMNS
from tests.factories import make_unit
from tests.literacy.fixtures import HEADERS, literacy_world, make_round, row, workbook_bytes
from units.models import UnitKind

pytestmark = pytest.mark.django_db


def _template(client, **query):
    url = reverse("literacy:import_template") + "?tai=1" + "".join(f"&{k}={v}" for k, v in query.items())
    response = client.get(url)
    assert response.status_code == 200
    return response, load_workbook(io.BytesIO(response.content))


def _drop_downs(book) -> dict[str, list[str]]:
    """Header of each validated column → the values its drop-down offers."""
    sheet, lists = book["Nhan khau"], book["Danh muc"]
    headers = {cell.column_letter: cell.value for cell in sheet[1]}
    found = {}
    for rule in sheet.data_validations.dataValidation:
        column = str(rule.sqref).split(":")[0].rstrip("0123456789")
        source = rule.formula1.split("!")[1].replace("$", "")
        first, last = source.split(":")
        found[headers[column]] = [c.value for line in lists[f"{first}:{last}"] for c in line]
    return found


def test_the_communes_template_offers_its_hamlets_and_the_fixed_lists(world, login):
    make_unit(UnitKind.HAMLET, parent=world.commune, name="Bắc", code="TH7")
    response, book = _template(login(world.officer), xa=world.commune.pk)
    assert "XA1" in response["Content-Disposition"]
    drops = _drop_downs(book)
    assert drops["Thôn/Tổ dân phố"] == ["Thôn Bắc", "Thôn Đông"]
    assert drops["Giới tính"] == ["Nam", "Nữ"]
    assert len(drops["Dân tộc"]) == 54 and drops["Dân tộc"][0].startswith("Kinh")
    assert drops["Cư trú"] == ["Thường trú", "Tạm trú"]
    assert drops["Hoàn thành XMC"] == ["GĐ1", "GĐ2"]
    assert book["Danh muc"].sheet_state == "hidden"


def test_a_school_gets_the_hamlets_of_the_commune_it_surveys_without_choosing(world, login):
    literacy_world(world)
    _response, book = _template(login(world.principal))
    assert "Thôn Đông" in _drop_downs(book)["Thôn/Tổ dân phố"]


def test_another_offices_commune_is_404(world, login):
    client = login(world.outsider_officer)
    assert client.get(reverse("literacy:import_template") + f"?tai=1&xa={world.commune.pk}").status_code == 404


def test_the_example_row_is_skipped_on_import(world, login):
    _response, book = _template(login(world.officer), xa=world.commune.pk)
    sheet = book["Nhan khau"]
    example = [c.value for c in sheet[2]]
    assert example[0].startswith("VÍ DỤ") and example[1] == "Thôn Đông"
    for index, value in enumerate(row(code="HO001", name="Lò Văn Thật"), start=1):
        sheet.cell(row=3, column=index, value=value)
    buffer = io.BytesIO()
    book.save(buffer)
    plan = household_import.check(
        io.BytesIO(buffer.getvalue()), survey_round=make_round(world.office), commune=world.commune
    )
    assert plan.ok and plan.rows == 1 and plan.summary["rows"] == 1


def test_the_guide_says_required_exactly_for_the_cells_the_reader_refuses_blank(world, login):
    _response, book = _template(login(world.officer))
    guide = {line[0].value: line[1].value for line in book["Huong dan"].iter_rows(min_row=2, max_row=len(COLUMNS) + 1)}
    assert set(guide) == set(HEADERS) | {c.header for c in COLUMNS}
    survey_round = make_round(world.office)
    full = row() + [""] * (len(HEADERS) - len(row()))
    for index, header in enumerate(HEADERS):
        blank = list(full)
        blank[index] = ""
        plan = household_import.check(
            io.BytesIO(workbook_bytes([blank])), survey_round=survey_round, commune=world.commune
        )
        refused = any(error.column == header for error in plan.errors)
        assert refused == (guide[header] == "Có"), header
