"""A report filled offline (issue 16): the workbook is laid out like the grid, with its formulas,
drop-downs and locks; filled with openpyxl and uploaded back, the grid shows the values; a wrong
file lists its cells (row, column, address) and saves nothing; another unit's report is 404."""

import io
import json
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reports import offline, services
from reports.formspec import load_form_spec
from reports.models import CellType, DataValue, ReportForm
from reports.selectors import submission_table
from tests.hardening.test_hostile_files import HOSTILE
from units.models import AuditEntry

from .helpers import make_form, open_period, save, submission_of

pytestmark = pytest.mark.django_db
STANDARD_CODES = sorted(
    json.loads(p.read_text(encoding="utf-8"))["code"]
    for p in (Path(services.__file__).parent.parent / "standard_forms").glob("*.json")
)


@pytest.fixture
def sub(world):
    return submission_of(open_period(world), world.school)


def _download(client, sub):
    response = client.get(reverse("reports:submission_offline", args=[sub.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content))


def _cell(book, key):
    return book[offline.SHEET][offline.layout(load_form_spec(book_form(book))).addresses[key]]


def book_form(book):
    from reports.models import ReportForm

    info = {row[0].value: row[1].value for row in book[offline.INFO_SHEET].iter_rows()}
    return ReportForm.objects.get(pk=info["form_id"])


def _upload(client, sub, book, name="bao-cao.xlsx"):
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = name
    return client.post(reverse("reports:submission_offline", args=[sub.pk]), {"file": out})


def _figures(sub):
    return {c.key: c.value for row in submission_table(sub).rows for c in row.cells if c.key}


def test_the_workbook_is_laid_out_like_the_grid(world, login, sub):
    save(sub, world.principal, {"R01.TS": "12", "R06.TS": "Tốt"})
    book = _download(login(world.principal), sub)
    sheet = book[offline.SHEET]
    assert sheet["A1"].value == "Biểu thử nghiệm"
    assert [sheet.cell(row=5, column=i).value for i in range(1, 6)] == ["Mã", "Chỉ tiêu", "ĐVT", "Tổng số", "Nữ"]
    assert sheet.protection.sheet is True and not sheet.protection.password
    total = _cell(book, "R03.TS")
    assert total.value.startswith("=IFERROR(") and total.protection.locked
    assert _cell(book, "R01.TS").value == 12 and _cell(book, "R01.TS").protection.locked is False
    assert sheet["B7"].protection.locked  # a label
    kinds = {dv.type: str(dv.sqref) for dv in sheet.data_validations.dataValidation}
    assert _cell(book, "R01.TS").coordinate in kinds["whole"]
    assert _cell(book, "R05.TS").coordinate in kinds["decimal"]
    assert _cell(book, "R06.TS").coordinate in kinds["list"]
    assert book[offline.MAP_SHEET].sheet_state == "hidden"
    mapped = {row[0]: row[3] for row in book[offline.MAP_SHEET].iter_rows(min_row=2, values_only=True)}
    assert mapped["R02.NU"] == _cell(book, "R02.NU").coordinate
    assert "O_R02__NU" in book.defined_names


def test_round_trip_fills_the_grid(world, login, sub):
    client = login(world.principal)
    book = _download(client, sub)
    _cell(book, "R01.TS").value = 20
    _cell(book, "R01.NU").value = 8
    _cell(book, "R02.TS").value = 5
    _cell(book, "R05.TS").value = 12.5
    _cell(book, "R06.TS").value = "Khá"
    _cell(book, "R07.TS").value = "Ghi chú từ Excel"
    response = _upload(client, sub, book)
    assert response.status_code == 302
    sub.refresh_from_db()
    figures = _figures(sub)
    assert figures["R01.TS"] == 20 and figures["R02.TS"] == 5 and figures["R03.TS"] == 25
    assert str(figures["R05.TS"]) in ("12.5", "12.5000")
    assert figures["R06.TS"] == "Khá" and figures["R07.TS"] == "Ghi chú từ Excel"
    assert AuditEntry.objects.filter(action="submission.save", object_id=str(sub.pk)).exists()
    page = client.get(reverse("reports:submission", args=[sub.pk])).content.decode()
    assert "Ghi chú từ Excel" in page


def _excel_value(text: str, cells: dict[str, Decimal | str | None]):
    """A small evaluator of the formulas offline.py writes (IFERROR, N, IF(x="Có"), ROUND, SUM, MIN,
    MAX, + - * /), as Excel computes them: N() of a blank or a text is 0, ROUND is half away from zero."""
    assert text.startswith("IFERROR(") and text.endswith(',"")')
    body = text[len("IFERROR(") : -len(',"")')]
    body = re.sub(r'IF\(([A-Z]+\d+)="Có",1,0\)', lambda m: f'_yes("{m.group(1)}")', body)
    body = re.sub(r"N\(([A-Z]+\d+)\)", lambda m: f'_n("{m.group(1)}")', body)
    body = re.sub(r"(?<![\w.])(\d+(?:\.\d+)?)", lambda m: f'Decimal("{m.group(1)}")', body)

    def _n(address):
        value = cells.get(address)
        return value if isinstance(value, Decimal) else Decimal(0)

    def _round(x, digits=Decimal(0)):
        return x.quantize(Decimal(1).scaleb(-int(digits)), rounding=ROUND_HALF_UP)

    names = {"_n": _n, "_yes": lambda a: Decimal(1 if cells.get(a) == "Có" else 0), "Decimal": Decimal}
    names |= {"ROUND": _round, "SUM": lambda *a: sum(a, Decimal(0)), "MIN": min, "MAX": max}
    try:
        return eval(body, {"__builtins__": {}}, names)
    except (ZeroDivisionError, InvalidOperation):
        return None


def _mixed_form(world) -> ReportForm:
    """Every operator and function of reports/formulas.py, a yes/no reference and a division by zero."""
    i, c = "integer", "computed"
    formulas = {
        "C1": "[A.TS] - [B.TS] * 2",
        "C2": "MAX([A.TS], [B.TS]) - MIN([A.TS], 3)",
        "C3": "-[A.TS] / [B.TS]",
        "C4": "[Y.TS] * 10 + ROUND([A.TS] / 3, 2) + [C1.TS]",
        "C5": "[A.TS] / ([B.TS] - [B.TS])",
    }
    rows = [
        {"code": "A", "label": "A", "cells": {"TS": {"type": i}}},
        {"code": "B", "label": "B", "cells": {"TS": {"type": "decimal"}}},
        {"code": "Y", "label": "Y", "cells": {"TS": {"type": "yes_no"}}},
    ] + [{"code": k, "label": k, "cells": {"TS": {"type": c, "formula": f}}} for k, f in formulas.items()]
    data = {
        "format": services.EXPORT_FORMAT,
        "format_version": 1,
        "code": "MIXED",
        "title": "Biểu công thức",
        "columns": [{"code": "TS", "label": "Tổng số"}],
        "sections": [{"code": "I", "title": "Một", "rows": rows}],
        "rules": [],
    }
    return services.form_create_from_dict(actor=world.officer, owner=world.office, data=data)


@pytest.mark.parametrize("code", ["TEST-FORM", "MIXED", *STANDARD_CODES])
def test_the_excel_formulas_give_the_portals_figures(world, code):
    """Every computed cell's Excel formula, evaluated on typed figures as Excel would, equals the
    portal's figure (the test form and every form shipped with the portal)."""
    if code == "TEST-FORM":
        form = make_form(world)
    elif code == "MIXED":
        form = _mixed_form(world)
    else:
        services.standard_forms_load()
        form = ReportForm.objects.filter(owner__isnull=True, code=code).order_by("-version").first()
    spec = load_form_spec(form)
    addresses = offline.layout(spec).addresses
    ref = offline._excel_ref(spec, addresses)
    for seed in (0, 1):
        typed = {}
        for n, (key, cell) in enumerate(sorted(spec.cells.items())):
            if cell.type in (CellType.INTEGER, CellType.DECIMAL) and (n + seed) % 4:
                typed[key] = Decimal((n * 37 + seed * 11) % 500)
            elif cell.type == CellType.YES_NO and (n + seed) % 2:
                typed[key] = Decimal(1)
        portal = spec.compute(dict(typed))
        cells = {addresses[k]: v for k, v in typed.items()}
        cells |= {addresses[k]: "Có" for k, v in typed.items() if spec.cells[k].type == CellType.YES_NO}
        for key in spec.order:  # Excel recomputes in dependency order too
            cells[addresses[key]] = _excel_value(spec.formulas[key].to_excel(ref), cells)
            expected = portal[key]
            assert cells[addresses[key]] == expected, (code, key, spec.formulas[key].text)


def test_a_wrong_file_lists_its_cells_and_saves_nothing(world, login, sub):
    save(sub, world.principal, {"R01.TS": "10"})
    client = login(world.principal)
    book = _download(client, sub)
    _cell(book, "R01.TS").value = 11  # a right value: not saved either, all or nothing
    _cell(book, "R01.NU").value = "mười"
    _cell(book, "R05.TS").value = -3
    _cell(book, "R06.TS").value = "Xuất sắc"
    response = _upload(client, sub, book)
    assert response.status_code == 400
    html = response.content.decode()
    address = _cell(book, "R01.NU").coordinate
    assert f"Dòng “Lớp pháp luật” (R01), cột “Nữ” (NU), ô {address}: “mười” không phải là số." in html
    assert "Dòng “Kinh phí” (R05)" in html and "Số liệu không được âm." in html
    assert "Dòng “Đánh giá” (R06)" in html
    assert DataValue.objects.get(submission=sub, cell__row__code="R01", cell__column__code="TS").number == 10


def test_a_formula_typed_in_a_cell_is_refused(world, login, sub):
    client = login(world.principal)
    book = _download(client, sub)
    _cell(book, "R01.TS").value = '=HYPERLINK("http://x.example","bấm")'
    response = _upload(client, sub, book)
    assert response.status_code == 400
    assert "không được chứa công thức" in response.content.decode()
    assert not DataValue.objects.filter(submission=sub).exists()


def test_a_file_of_another_period_or_form_is_refused_by_name(world, login, sub):
    client = login(world.principal)
    other_period = open_period(world, make_form(world, code="KHAC"), label="Kỳ khác")
    other = submission_of(other_period, world.school)
    book = _download(client, other)
    response = _upload(client, sub, book)
    assert response.status_code == 302
    message = client.get(reverse("reports:submission", args=[sub.pk])).content.decode()
    assert "không phải biểu của báo cáo này" in message
    assert not DataValue.objects.filter(submission=sub).exists()
    same_form = submission_of(open_period(world, sub.period.form, label="Kỳ sau"), world.school)
    _upload(client, sub, _download(client, same_form))
    assert "Tệp của kỳ báo cáo “Kỳ sau”" in client.get(reverse("reports:submission", args=[sub.pk])).content.decode()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"not a workbook at all", "không phải bảng tính Excel"),
        (b"PK\x03\x04broken zip", "không phải bảng tính Excel"),
    ],
)
def test_a_file_that_is_not_a_workbook_is_refused(world, login, sub, content, expected):
    client = login(world.principal)
    upload = io.BytesIO(content)
    upload.name = "x.xlsx"
    response = client.post(reverse("reports:submission_offline", args=[sub.pk]), {"file": upload}, follow=True)
    assert expected in response.content.decode()
    assert not DataValue.objects.filter(submission=sub).exists()


def test_a_workbook_without_the_portals_identity_is_refused(world, login, sub):
    from openpyxl import Workbook

    client = login(world.principal)
    response = _upload(client, sub, Workbook())
    assert response.status_code == 302
    assert (
        "không phải biểu báo cáo tải từ cổng"
        in client.get(reverse("reports:submission", args=[sub.pk])).content.decode()
    )


def test_a_file_downloaded_before_the_last_save_is_refused(world, login, sub):
    client = login(world.principal)
    book = _download(client, sub)
    save(sub, world.principal, {"R01.TS": "9"})
    _cell(book, "R01.TS").value = 1
    _upload(client, sub, book)
    page = client.get(reverse("reports:submission", args=[sub.pk])).content.decode()
    assert "Báo cáo đã được lưu sau khi tệp này được tải về" in page
    assert DataValue.objects.get(submission=sub, cell__row__code="R01", cell__column__code="TS").number == 9


def test_another_units_submission_is_404(world, login, sub):
    other = submission_of(sub.period, world.other_school)
    client = login(world.principal)
    assert client.get(reverse("reports:submission_offline", args=[other.pk])).status_code == 404
    book = _download(client, sub)
    assert _upload(client, other, book).status_code == 404


def test_a_sheet_stretched_to_a_far_row_is_refused_before_it_is_read(world, login, sub):
    """units/spreadsheets.py measures the file first: a cell far below the form (the reader would
    allocate the whole rectangle) refuses the file with the guard's message, nothing saved."""
    client = login(world.principal)
    book = _download(client, sub)
    book[offline.SHEET].cell(row=250_000, column=2, value="x")
    response = _upload(client, sub, book)
    assert response.status_code == 302
    page = client.get(reverse("reports:submission", args=[sub.pk])).content.decode()
    assert "vượt giới hạn" in page
    assert not DataValue.objects.filter(submission=sub).exists()


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_the_hardening_suites_hostile_files_are_refused_with_their_reason(world, login, sub, kind):
    build, reason = HOSTILE[kind]
    client = login(world.principal)
    upload = io.BytesIO(build())
    upload.name = "bao-cao.xlsx"
    response = client.post(reverse("reports:submission_offline", args=[sub.pk]), {"file": upload}, follow=True)
    assert reason in response.content.decode()
    assert not DataValue.objects.filter(submission=sub).exists()


def test_a_text_that_looks_like_a_formula_stays_text_both_ways(world, login, sub):
    """A note typed on the page as "=1+2" is written as text (never run by Excel) and comes back as
    the same text; a real formula put in a typed cell is refused (test above)."""
    save(sub, world.principal, {"R07.TS": "=1+2 là ghi chú"})
    client = login(world.principal)
    book = _download(client, sub)
    note = _cell(book, "R07.TS")
    assert note.data_type == "s" and note.value == "=1+2 là ghi chú"
    _cell(book, "R01.TS").value = 4
    assert _upload(client, sub, book).status_code == 302
    sub.refresh_from_db()
    figures = _figures(sub)
    assert figures["R07.TS"] == "=1+2 là ghi chú" and figures["R01.TS"] == 4
