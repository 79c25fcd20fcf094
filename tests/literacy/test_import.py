"""Excel import: header matching, date forms, NFC/NFD, every bad input, all-or-nothing, the command."""

import datetime
import io
import unicodedata

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError

from literacy import household_import
from literacy.models import Household, Person
from tests.literacy.fixtures import HEADERS, make_round, row, workbook_bytes

pytestmark = pytest.mark.django_db


def _check(world, survey_round, data: bytes):
    return household_import.check(io.BytesIO(data), survey_round=survey_round, commune=world.commune)


def _import(world, survey_round, data: bytes):
    plan = _check(world, survey_round, data)
    assert plan.ok, (plan.fatal, plan.errors[:3])
    return household_import.apply(plan, actor=world.officer, survey_round=survey_round, commune=world.commune)


def test_headers_match_whatever_the_case_accents_spacing_and_order(world):
    survey_round = make_round(world.office)
    headers = [
        "  HO VA TEN ",
        "ma ho",
        "thôn / tổ dân phố",
        "Chủ  hộ",
        "năm sinh",
        "GIOI TINH",
        "dan toc",
        "lop da hoan thanh",
        "Hoàn thành XMC (GĐ1/GĐ2)",
        "khuyet tat",
        "mien",
    ]
    data = workbook_bytes(
        [["Lò Văn Pằng", "HO1", "thon dong", "Lò Văn Pằng", 1985.0, "nam", "Thái", 2.0, "GĐ1", "", ""]], headers=headers
    )
    summary = _import(world, survey_round, data)
    assert summary["persons_new"] == 1
    person = Person.objects.get()
    assert (person.birth_year, person.stage, person.literacy_level, person.ethnic_minority) == (1985, 1, 1, True)
    assert person.household.hamlet == world.hamlet


def test_dates_as_text_excel_dates_or_a_bare_year_and_nfd_names(world):
    survey_round = make_round(world.office)
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Hoà")
    data = workbook_bytes(
        [
            row(name="A Một", birth="05/03/1990"),
            row(name="B Hai", birth=datetime.datetime(1991, 7, 8)),
            row(name="C Ba", birth=1992),
            row(name=nfd, birth="1993", sex="Nữ", grade="9/12"),
        ]
    )
    _import(world, survey_round, data)
    people = {p.full_name: p for p in Person.objects.all()}
    assert people["A Một"].birth_date == datetime.date(1990, 3, 5)
    assert people["B Hai"].birth_date == datetime.date(1991, 7, 8)
    assert people["C Ba"].birth_year == 1992 and people["C Ba"].birth_date is None
    nfc = unicodedata.normalize("NFC", "Nguyễn Thị Hoà")
    assert people[nfc].grade == 9 and people[nfc].sex == "F"


def test_dry_run_shows_what_would_change_and_writes_nothing(world):
    survey_round = make_round(world.office)
    _import(world, survey_round, workbook_bytes([row(name="An", grade=2), row(name="Bình")]))
    plan = _check(world, survey_round, workbook_bytes([row(name="An", grade=5), row(name="Bình"), row(name="Chi")]))
    assert plan.summary["persons_new"] == 1
    assert plan.summary["persons_updated"] == 1
    assert plan.summary["persons_unchanged"] == 1
    assert Person.objects.count() == 2
    assert Person.objects.get(full_name="An").grade == 2


@pytest.mark.parametrize(
    ("bad", "column", "words"),
    [
        (row(birth="2031"), "Ngày sinh", "tương lai"),
        (row(birth=1899), "Ngày sinh", "1900"),
        (row(birth="31/02/1990"), "Ngày sinh", "không có thật"),
        (row(grade=13), "Lớp đã hoàn thành", "0 đến 12"),
        (row(sex="X"), "Giới tính", "Nam hoặc Nữ"),
        (row(hamlet="Thôn Không Có"), "Thôn/Tổ dân phố", "Không có thôn"),
        (row(stage="GĐ3"), "Hoàn thành XMC", "GĐ1, GĐ2"),
        (row(exempt="x"), "Miễn", "khuyết tật"),
        (row(name=""), "Họ và tên", "Thiếu họ và tên"),
    ],
)
def test_each_bad_row_is_reported_with_row_column_and_a_vietnamese_message(world, bad, column, words):
    survey_round = make_round(world.office)
    plan = _check(world, survey_round, workbook_bytes([row(name="Tốt"), bad]))
    assert not plan.ok
    assert [(e.row, e.column) for e in plan.errors] == [(3, column)]
    assert words in plan.errors[0].message


def test_a_missing_column_is_named(world):
    survey_round = make_round(world.office)
    headers = [h for h in HEADERS if h != "Giới tính"]
    plan = _check(world, survey_round, workbook_bytes([row()[:6] + row()[7:]], headers=headers))
    assert "thiếu cột: Giới tính" in plan.fatal


def test_merged_header_cells_are_explained(world):
    survey_round = make_round(world.office)
    headers = list(HEADERS)
    headers[5] = "Ngày sinh / Giới tính"
    headers[6] = None
    plan = _check(world, survey_round, workbook_bytes([row()], headers=headers, merge="F1:G1"))
    assert "thiếu cột" in plan.fatal and "gộp ô" in plan.fatal


def test_a_title_row_above_the_header_is_fine(world):
    survey_round = make_round(world.office)
    data = workbook_bytes([row()], before=[["DANH SÁCH HỘ GIA ĐÌNH THÔN ĐÔNG"]], merge="A1:O1")
    plan = _check(world, survey_round, data)
    assert plan.ok and plan.rows == 1
    assert plan.parsed[0].row == 3


def test_empty_rows_are_skipped(world):
    survey_round = make_round(world.office)
    plan = _check(world, survey_round, workbook_bytes([row(name="An"), [None] * 15, ["", " "], row(name="Bình")]))
    assert plan.ok and plan.rows == 2
    assert [p.row for p in plan.parsed] == [2, 5]


def test_a_file_without_data_rows_is_refused(world):
    plan = _check(world, make_round(world.office), workbook_bytes([]))
    assert "không có dòng dữ liệu" in plan.fatal


def test_a_non_excel_file_renamed_xlsx_is_refused(world):
    plan = _check(world, make_round(world.office), b"Ho ten,Nam sinh\nAn,1990\n")
    assert "không phải là bảng tính Excel" in plan.fatal


def test_too_many_rows_are_refused_before_reading_them(world, monkeypatch):
    monkeypatch.setattr(household_import.reader, "MAX_ROWS", 100)
    plan = _check(world, make_round(world.office), workbook_bytes([row(name=f"N {i}") for i in range(200)]))
    assert "vượt quá giới hạn 100 dòng" in plan.fatal


def test_two_rows_of_one_household_in_different_hamlets_are_an_error(world):
    survey_round = make_round(world.office)
    from tests.factories import make_unit
    from units.models import UnitKind

    make_unit(UnitKind.HAMLET, parent=world.commune, name="Thôn Tây")
    plan = _check(world, survey_round, workbook_bytes([row(name="An"), row(name="Bình", hamlet="Thôn Tây")]))
    assert [e.row for e in plan.errors] == [3]
    assert "thôn khác tại dòng 2" in plan.errors[0].message


def test_nothing_is_written_when_any_row_is_bad(world):
    survey_round = make_round(world.office)
    plan = _check(world, survey_round, workbook_bytes([row(name="An"), row(name="Bình", grade=13)]))
    with pytest.raises(ValueError):
        household_import.apply(plan, actor=None, survey_round=survey_round, commune=world.commune)
    assert Person.objects.count() == 0 and Household.objects.count() == 0


def test_a_failure_in_the_middle_of_writing_rolls_everything_back(world, monkeypatch):
    survey_round = make_round(world.office)
    monkeypatch.setattr(household_import.writer, "BATCH", 10)
    plan = _check(world, survey_round, workbook_bytes([row(code=f"H{i}", name=f"N {i}") for i in range(35)]))
    calls = {"n": 0}
    original = household_import.writer._create  # COPY on PostgreSQL, bulk_create on SQLite

    def failing(model, objs):
        if model is Person:
            calls["n"] += 1
            if calls["n"] == 3:
                raise RuntimeError("disk full")
        return original(model, objs)

    monkeypatch.setattr(household_import.writer, "_create", failing)
    with pytest.raises(RuntimeError):
        household_import.apply(plan, actor=None, survey_round=survey_round, commune=world.commune)
    assert Person.objects.count() == 0 and Household.objects.count() == 0


def test_a_row_the_database_refuses_while_writing_rolls_everything_back(world, monkeypatch):
    # On PostgreSQL the rows go in by COPY: a refused row in its fourth chunk undoes the first three
    # and the households too, as the INSERTs did.
    survey_round = make_round(world.office)
    monkeypatch.setattr(household_import.writer, "BATCH", 10)
    plan = _check(world, survey_round, workbook_bytes([row(code=f"H{i}", name=f"N {i}") for i in range(35)]))
    plan.new_persons[30][1]["birth_year"] = None  # NOT NULL
    with pytest.raises(IntegrityError):
        household_import.apply(plan, actor=None, survey_round=survey_round, commune=world.commune)
    assert Person.objects.count() == 0 and Household.objects.count() == 0


def test_command_imports_and_dry_run_writes_nothing(world, tmp_path):
    survey_round = make_round(world.office)
    path = tmp_path / "ho.xlsx"
    path.write_bytes(workbook_bytes([row(name="An"), row(name="Bình")]))
    out = io.StringIO()
    call_command(
        "import_households", str(path), "--commune", "XA1", "--round", str(survey_round.pk), "--dry-run", stdout=out
    )
    assert "không ghi gì" in out.getvalue() and Person.objects.count() == 0
    call_command("import_households", str(path), "--commune", "XA1", "--round", str(survey_round.pk), stdout=out)
    assert Person.objects.count() == 2


def test_command_exits_non_zero_with_the_error_list(world, tmp_path):
    survey_round = make_round(world.office)
    path = tmp_path / "ho.xlsx"
    path.write_bytes(workbook_bytes([row(name="An"), row(name="Bình", birth="2099")]))
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 lỗi"):
        call_command("import_households", str(path), "--commune", "XA1", "--round", str(survey_round.pk), stderr=err)
    assert "Dòng 3 | Ngày sinh" in err.getvalue()
    assert Person.objects.count() == 0
