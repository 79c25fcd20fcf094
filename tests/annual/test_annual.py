"""The office's annual report: blocks with hand-computed figures, freezing, versions, access."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from annual.blocks import all_blocks, compute_blocks, school_year_dates, sections_for, table_from_data
from annual.models import AnnualReport
from annual.services import (
    annual_report_create,
    annual_report_freeze,
    annual_report_return,
    annual_report_update,
    report_blocks,
)
from tests.factories import make_unit
from units.models import UnitKind

from .conftest import SCHOOL_YEAR, add_people

pytestmark = pytest.mark.django_db


def _block(blocks, key):
    return next(b for b in blocks if b["key"] == key)


def _row(block, first_cell_startswith):
    for row in block["table"]["rows"]:
        if str(row["cells"][0]["v"]).startswith(first_cell_startswith):
            return [c["v"] for c in row["cells"]]
    raise AssertionError(f"no row {first_cell_startswith!r}")


def _figures(world):
    start, end = school_year_dates(SCHOOL_YEAR)
    return compute_blocks(world.office, start, end)


def test_the_registry_finds_the_blocks_of_the_modules():
    keys = {b.key for b in all_blocks()}
    assert {"literacy.standard", "learning_society.recognitions", "reports.rollup", "providers.centres"} <= keys


def test_literacy_block_shows_each_communes_standard(world, modules):
    block = _block(_figures(world), "literacy.standard")
    assert _row(block, "Đống Đa") == ["Đống Đa", 10, 0, 9, 90.0, "Đạt", 10, 0, 8, 80.0, "Chưa đạt"]
    # the figure links to the commune's standard page in the literacy module
    row = next(r for r in block["table"]["rows"] if r["cells"][0]["v"] == "Đống Đa")
    assert row["cells"][2]["href"] == reverse("literacy:standard", args=[world.commune.pk])
    assert "<svg" in block["chart"]


def test_literacy_block_shows_the_whole_age_band_and_the_exempt_apart(world, modules):
    """Issue 14 item 14: "Số người trong độ tuổi" is everyone of the band (it showed the denominator,
    exempt removed) and the exempt have their own "Miễn" column; the rate leaves them out."""
    from tests.literacy.fixtures import bulk_people

    bulk_people(modules.round, world.hamlet, [{"birth_year": 2000, "disability": True, "exempt": True}] * 2)
    block = _block(_figures(world), "literacy.standard")
    assert _row(block, "Đống Đa")[:5] == ["Đống Đa", 12, 2, 9, 90.0]
    headers = [c["text"] if isinstance(c, dict) else str(c) for c in block["table"]["header_rows"][1]]
    assert "Miễn" in " ".join(headers)


def test_learning_society_block_counts_recognitions(world, modules):
    block = _block(_figures(world), "learning_society.recognitions")
    family = _row(block, "Gia đình học tập")
    assert family[1:5] == [4, 0, 3, 75.0]


def test_provider_block_has_a_row_per_commune_and_a_total(world, modules):
    block = _block(_figures(world), "providers.centres")
    names = [r["cells"][0]["v"] for r in block["table"]["rows"]]
    assert names[-1] == "Cộng"
    assert world.commune.name in names and world.difficult_commune.name in names
    assert world.other_commune.name not in names  # another office's commune is never in our report
    assert _row(block, "Đống Đa")[1] == 1  # one TTHTCĐ in Đống Đa


def test_freezing_keeps_the_figures_whatever_is_typed_later(world, modules):
    draft = annual_report_create(actor=world.officer, office=world.office, school_year=SCHOOL_YEAR)
    frozen = annual_report_freeze(actor=world.officer, report=draft, on=datetime.date(2026, 6, 30))
    add_people(modules.round, world.hamlet, [0] * 10)  # ten more illiterate people after the freeze
    frozen.refresh_from_db()
    assert _row(_block(report_blocks(frozen), "literacy.standard"), "Đống Đa")[1:5] == [10, 0, 9, 90.0]
    assert _row(_block(report_blocks(draft), "literacy.standard"), "Đống Đa")[1:5] == [20, 0, 9, 45.0]
    assert frozen.frozen_on == datetime.date(2026, 6, 30)


def test_drafts_and_frozen_versions_are_all_kept(world, modules):
    draft = annual_report_create(actor=world.officer, office=world.office, school_year=SCHOOL_YEAR)
    annual_report_update(actor=world.officer, report=draft, narrative={"situation": "Bản viết lần một"})
    first = annual_report_freeze(actor=world.officer, report=draft, on=datetime.date(2026, 5, 1))
    annual_report_return(actor=world.leader, report=first, reason="Viết lại phần tình hình")
    annual_report_update(actor=world.officer, report=draft, narrative={"situation": "Bản viết lần hai"})
    second = annual_report_freeze(actor=world.officer, report=draft, on=datetime.date(2026, 8, 31))
    assert [first.version, second.version] == [1, 2]
    first.refresh_from_db()
    assert first.narrative["situation"] == "Bản viết lần một"
    assert second.narrative["situation"] == "Bản viết lần hai"
    assert AnnualReport.objects.filter(office=world.office).count() == 3
    with pytest.raises(ValidationError):
        annual_report_update(actor=world.officer, report=first, narrative={"situation": "Sửa bản đã chốt"})
    with pytest.raises(ValidationError):
        annual_report_create(actor=world.officer, office=world.office, school_year=SCHOOL_YEAR)


def test_a_freeze_date_before_the_year_or_in_the_future_is_refused(world):
    draft = annual_report_create(actor=world.officer, office=world.office, school_year=SCHOOL_YEAR)
    for day in (datetime.date(2025, 8, 1), datetime.date.today() + datetime.timedelta(days=1)):
        with pytest.raises(ValidationError):
            annual_report_freeze(actor=world.officer, report=draft, on=day)


def test_only_officers_of_the_office_write(world):
    with pytest.raises(PermissionDenied):
        annual_report_create(actor=world.leader, office=world.office, school_year=SCHOOL_YEAR)
    with pytest.raises(PermissionDenied):
        annual_report_create(actor=world.outsider_officer, office=world.office, school_year=SCHOOL_YEAR)


def test_principals_and_other_offices_never_see_a_report(world, client):
    draft = annual_report_create(actor=world.officer, office=world.office, school_year=SCHOOL_YEAR)
    url = reverse("annual:detail", args=[draft.pk])
    for user, status in [(world.principal, 404), (world.director, 404), (world.outsider_officer, 404)]:
        client.force_login(user)
        assert client.get(url).status_code == status
    client.force_login(world.principal)
    assert client.get(reverse("annual:list")).status_code == 403
    client.force_login(world.leader)
    assert client.get(url).status_code == 200
    assert client.post(url, {"text_situation": "x"}).status_code == 403


def test_the_composer_saves_the_text_and_shows_errors_without_losing_it(world, client):
    draft = annual_report_create(actor=world.officer, office=world.office, school_year=SCHOOL_YEAR)
    client.force_login(world.officer)
    url = reverse("annual:detail", args=[draft.pk])
    response = client.post(url, {"text_situation": "Huyện có 2 xã.", "document_date": "31/02/2026", "recipients": "Sở"})
    assert response.status_code == 200
    assert "Huyện có 2 xã." in response.content.decode()
    response = client.post(url, {"text_situation": "Huyện có 2 xã.", "document_date": "20/07/2026", "place": "Hạ Long"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.narrative["situation"] == "Huyện có 2 xã." and draft.document_date == datetime.date(2026, 7, 20)


def test_the_pdf_is_an_official_report_with_the_modules_figures(world, modules, client):
    from io import BytesIO

    from pypdf import PdfReader

    draft = annual_report_create(actor=world.officer, office=world.office, school_year=SCHOOL_YEAR)
    client.force_login(world.officer)
    response = client.get(reverse("annual:document", args=[draft.pk]) + "?pdf=1")
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Tổng kết năm học 2025-2026 về giáo dục thường xuyên" in text
    assert "XÓA MÙ CHỮ" in text and "90,0%" in text and "Nơi nhận" in text


def test_the_xlsx_holds_every_table(world, modules, client):
    from io import BytesIO

    from openpyxl import load_workbook

    draft = annual_report_create(actor=world.officer, office=world.office, school_year=SCHOOL_YEAR)
    client.force_login(world.officer)
    response = client.get(reverse("annual:xlsx", args=[draft.pk]))
    book = load_workbook(BytesIO(response.content))
    assert len(book.sheetnames) == len(report_blocks(draft))


def test_sections_follow_domain_order_with_their_blocks(world, modules):
    sections = sections_for({"literacy": "Đoạn một\nĐoạn hai"}, _figures(world))
    assert [s.number for s in sections][:3] == ["I", "II", "III"]
    literacy = next(s for s in sections if s.key == "literacy")
    assert literacy.paragraphs == ["Đoạn một", "Đoạn hai"]
    assert any(b["key"] == "literacy.standard" for b in literacy.blocks)
    assert (
        table_from_data(_block(_figures(world), "literacy.standard")["table"]).width == 12
    )  # № + commune + 5 per level


def _more_communes(world, n):
    for i in range(n):
        commune = make_unit(UnitKind.COMMUNE, parent=world.office, name=f"Xã thêm {i}", code=f"XT{i}")
        make_unit(UnitKind.CENTRE, parent=commune, name=f"TTHTCĐ thêm {i}", code=f"TTT{i}")
        make_unit(UnitKind.HAMLET, parent=commune, name=f"Thôn thêm {i}", code=f"THT{i}")


def test_the_composer_runs_the_same_queries_whatever_the_number_of_communes(
    world, modules, client, django_assert_num_queries
):
    draft = annual_report_create(actor=world.officer, office=world.office, school_year=SCHOOL_YEAR)
    client.force_login(world.officer)
    url = reverse("annual:detail", args=[draft.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _more_communes(world, 6)
    with django_assert_num_queries(len(small)):
        assert client.get(url).status_code == 200


def test_annual_dates_are_read_like_every_other_date_of_the_portal(world, client):
    # One date field (units.forms.date_field): before, the annual forms took dd/mm/yyyy only.
    draft = annual_report_create(actor=world.officer, office=world.office, school_year=SCHOOL_YEAR)
    client.force_login(world.officer)
    url = reverse("annual:detail", args=[draft.pk])
    response = client.post(url, {"text_situation": "Có số liệu.", "document_date": "31/02/2026"})
    assert "Ngày 31/02/2026 không có trong lịch." in response.content.decode()  # issue 17: not "wrong form"
    response = client.post(url, {"text_situation": "Có số liệu.", "document_date": "20.07.2026"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.document_date == datetime.date(2026, 7, 20)
