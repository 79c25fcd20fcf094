"""The forms shipped with the portal (reports/standard_forms) filled with small hand-made figures:
every computed cell must equal the figure worked out by hand here, not by the formula engine.

The TTHTCĐ yearly report once summed "Tổng chi" into "Tổng thu" (SUMCOL(TS) takes every typed cell
of the column in the section): 33.750.000 of income showed as 57.850.000 and the socialised-funding
rate as 5,6% instead of 9,6%, on screen and in the official PDF."""

import io
import json
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from reports import services
from reports.models import CellType, DataValue, ReportForm
from units.models import UnitKind

from .helpers import open_period, save, submission_of


def _standard_form(code) -> ReportForm:
    services.standard_forms_load()
    return ReportForm.objects.filter(owner__isnull=True, code=code).order_by("-version").first()


def _filled(world, code, kind, actor_name, typed):
    form = _standard_form(code)
    period = open_period(world, form=form, kinds=(kind,))
    unit = world.centre if kind == UnitKind.CENTRE else world.school
    sub = save(submission_of(period, unit), getattr(world, actor_name), typed)
    return form, sub


def _computed(form, sub) -> dict:
    """The computed cells as the portal stored them when the report was saved."""
    keys = {cell.key for cell in form.cells.all() if cell.type == CellType.COMPUTED}
    stored = {
        dv.cell.key: dv.number
        for dv in DataValue.objects.filter(submission=sub, cell__type=CellType.COMPUTED).select_related(
            "cell__row", "cell__column"
        )
    }
    return {key: stored.get(key) for key in keys}


def _as_decimals(expected: dict) -> dict:
    return {key: None if value is None else Decimal(str(value)) for key, value in expected.items()}


# --- TTHTCĐ yearly report ----------------------------------------------------------------------

# Nine fields: classes 1..9, learners 10..90, women 2..18, ethnic minority 1 each.
TTHTCD_TYPED = {}
for i in range(1, 10):
    TTHTCD_TYPED |= {f"A0{i}.SL": str(i), f"A0{i}.TS": str(10 * i), f"A0{i}.NU": str(2 * i), f"A0{i}.DT": "1"}
TTHTCD_TYPED |= {
    "B01.TS": "300",
    "B01.NU": "150",
    "B01.DT": "30",
    "B02.TS": "40",
    "B03.SL": "3",
    "B03.TS": "45",
    "B03.NU": "20",
    "B03.DT": "5",
    # Staff: board 2, teachers 5, lecturers 4, collaborators 10.
    "C01.TS": "2",
    "C01.NU": "1",
    "C01.DT": "0",
    "C02.TS": "5",
    "C02.NU": "3",
    "C02.DT": "1",
    "C03.TS": "4",
    "C03.NU": "2",
    "C03.DT": "1",
    "C04.TS": "10",
    "C04.NU": "6",
    "C04.DT": "2",
    # Income 20.000.000 + 5.000.000 + 4.000.000 + 3.240.000 + 1.510.000 = 33.750.000; spending 24.100.000.
    "D01.TS": "20000000",
    "D02.TS": "5000000",
    "D03.TS": "4000000",
    "D04.TS": "3240000",
    "D05.TS": "1510000",
    "D07.TS": "24100000",
    "E01.TS": "Tốt",
    "E02.TS": "có",
    "E03.TS": "Thiếu phòng học.",
}
TTHTCD_COMPUTED = {
    "A10.SL": 45,  # 1 + 2 + ... + 9
    "A10.TS": 450,  # 10 + 20 + ... + 90
    "A10.NU": 90,  # 2 + 4 + ... + 18
    "A10.DT": 9,
    "C05.TS": 21,  # 2 + 5 + 4 + 10
    "C05.NU": 12,  # 1 + 3 + 2 + 6
    "C05.DT": 4,  # 0 + 1 + 1 + 2
    "D06.TS": 33_750_000,  # income only: spending (D07) is not income
    "D08.TS": "9.6",  # 3.240.000 / 33.750.000 = 9,6%
}


def test_the_tthtcd_yearly_report_computes_every_total_as_worked_out_by_hand(world):
    form, sub = _filled(world, "TTHTCD-NAM", UnitKind.CENTRE, "director", TTHTCD_TYPED)
    assert _computed(form, sub) == _as_decimals(TTHTCD_COMPUTED)
    assert services.submission_problems(sub).general == []


def test_the_tthtcd_income_total_and_socialised_rate_on_the_page_and_the_pdf(world, login):
    _form, sub = _filled(world, "TTHTCD-NAM", UnitKind.CENTRE, "director", TTHTCD_TYPED)
    client = login(world.director)
    html = client.get(reverse("reports:submission", args=[sub.pk])).content.decode()
    assert "33.750.000" in html and "57.850.000" not in html
    assert "9,6" in html and "5,6" not in html
    pdf = client.get(reverse("reports:submission_document", args=[sub.pk]) + "?pdf=1")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "33.750.000" in text and "57.850.000" not in text
    assert "9,6" in text and "5,6" not in text


def test_an_office_already_holding_the_old_tthtcd_form_gets_the_fixed_one_as_a_new_version(db):
    """`manage.py load_standard_forms` (services.standard_forms_load) turns a changed file into a new
    published version: the office's next period uses it."""
    path = services.STANDARD_FORMS_DIR / "tthtcd_nam.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    for section in data["sections"]:
        for row in section["rows"]:
            if row["code"] == "D06":
                row["cells"]["TS"]["formula"] = "SUMCOL(TS)"  # as shipped before the fix
    old = services.form_create_from_dict(actor=None, owner=None, data=data)
    services.form_publish(actor=None, form=old)
    created, _kept = services.standard_forms_load()
    new = next(form for form in created if form.code == "TTHTCD-NAM")
    assert new.version == old.version + 1 and new.is_published
    assert new.cells.get(row__code="D06", column__code="TS").formula.replace(" ", "") == (
        "SUM([D01.TS],[D02.TS],[D03.TS],[D04.TS],[D05.TS])"
    )


# --- The school's GDTX report -------------------------------------------------------------------

TRUONG_TYPED = {
    "R01.TS": "4",
    "R01.NU": "3",
    "R01.DT": "1",
    "R02.TS": "40",
    "R02.NU": "25",
    "R02.DT": "30",
    "R03.TS": "30",
    "R03.NU": "20",
    "R03.DT": "22",
    "R05.TS": "50",
    "R05.NU": "35",
    "R05.DT": "10",
    "R06.TS": "45",
    "R06.NU": "32",
    "R06.DT": "9",
    "R08.TS": "có",
    "R10.TS": "6",
    "R11.TS": "200",
    "R11.NU": "120",
    "R11.DT": "60",
    "R12.TS": "8",
}
TRUONG_COMPUTED = {
    "R04.TS": 75,  # 30 / 40 = 75%
    "R07.TS": 90,  # 45 / 50 = 90%
}


def test_the_school_gdtx_report_computes_every_rate_as_worked_out_by_hand(world):
    form, sub = _filled(world, "TRUONG-GDTX", UnitKind.SCHOOL, "principal", TRUONG_TYPED)
    assert _computed(form, sub) == _as_decimals(TRUONG_COMPUTED)


def test_a_rate_over_an_empty_denominator_stays_blank(world):
    form, sub = _filled(world, "TRUONG-GDTX", UnitKind.SCHOOL, "principal", {"R03.TS": "5", "R06.TS": "1"})
    assert _computed(form, sub) == {"R04.TS": None, "R07.TS": None}


# --- Lifelong-learning week and Book Day -------------------------------------------------------


def _six_rows(prefix):
    """Activities 1..6, participants 10..60, women 5..30."""
    typed = {}
    for i in range(1, 7):
        typed |= {f"{prefix}0{i}.SL": str(i), f"{prefix}0{i}.TS": str(10 * i), f"{prefix}0{i}.NU": str(5 * i)}
    return typed


@pytest.mark.parametrize(
    ("code", "extra", "expected"),
    [
        (
            "HTSD-TUAN",
            {"H08.SL": "7", "H09.SL": "4", "H10.SL": "Tốt."},
            {"H07.SL": 21, "H07.TS": 210, "H07.NU": 105},  # 1+…+6, 10+…+60, 5+…+30; H08, H09 stay out
        ),
        (
            "NGAY-SACH",
            {"S08.SL": "500", "S09.SL": "Tốt."},
            {"S07.SL": 21, "S07.TS": 210, "S07.NU": 105},  # the 500 books (section II) stay out
        ),
    ],
)
def test_the_week_and_book_day_reports_compute_every_total_as_worked_out_by_hand(world, code, extra, expected):
    prefix = code[0] if code == "HTSD-TUAN" else "S"
    form, sub = _filled(world, code, UnitKind.SCHOOL, "principal", _six_rows(prefix) | extra)
    assert _computed(form, sub) == _as_decimals(expected)


def test_periods_already_open_on_the_old_tthtcd_form_are_corrected_with_their_saved_figures(world):
    """Migration reports 0007: a period opened on version 1 (D06 = SUMCOL(TS)) keeps pointing at it,
    so the stored formula and the saved D06/D08 figures are corrected in place."""
    import importlib

    from django.apps import apps

    from reports.formspec import _PUBLISHED_CACHE

    path = services.STANDARD_FORMS_DIR / "tthtcd_nam.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    for section in data["sections"]:
        for row in section["rows"]:
            if row["code"] == "D06":
                row["cells"]["TS"]["formula"] = "SUMCOL(TS)"  # as shipped before the fix
    old = services.form_create_from_dict(actor=None, owner=None, data=data)
    services.form_publish(actor=None, form=old)
    period = open_period(world, form=old, kinds=(UnitKind.CENTRE,))
    sub = save(submission_of(period, world.centre), world.director, TTHTCD_TYPED)
    assert _computed(old, sub)["D06.TS"] == Decimal(57_850_000)  # the wrong figure the office saw

    migration = importlib.import_module("reports.migrations.0007_tthtcd_income_total")
    migration.fix_income_total(apps, None)
    _PUBLISHED_CACHE.clear()  # a deploy restarts the processes after migrating

    assert _computed(old, sub) == _as_decimals(TTHTCD_COMPUTED)
    assert old.cells.get(row__code="D06", column__code="TS").formula == migration.NEW
