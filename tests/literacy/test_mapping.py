"""Household files in other layouts (issue 16): the column mapping, the national survey form's
built-in profile, the register written back out and imported again without duplicates, and the
personal identification number."""

import io

import pytest

from literacy import household_import, rules
from literacy.household_import import mapping
from literacy.household_import.national import NATIONAL_COLUMNS, NATIONAL_MAPPING, register_workbook
from literacy.models import Person, PersonStatus
from tests.literacy.fixtures import make_household, make_person, make_round, row, workbook_bytes

pytestmark = pytest.mark.django_db

NATIONAL_HEADERS = [header for header, _target, optional in NATIONAL_COLUMNS if not optional]


def national_row(**cells) -> list:
    """A row of the national form: Số phiếu … Chết, by header."""
    values = {
        "Số phiếu": "P001",
        "Thôn": "Đông",
        "Địa chỉ": "Số 4",
        "Chủ hộ": "Hà Văn Chủ",
        "Họ tên": "Hà Văn Chủ",
        "Ngày sinh": "02/01/1980",
        "Quan hệ": "Chủ hộ",
        **cells,
    }
    return [values.get(header, "") for header in NATIONAL_HEADERS]


def _check(world, survey_round, data: bytes, layout=None):
    return household_import.check(io.BytesIO(data), survey_round=survey_round, commune=world.commune, mapping=layout)


def _import(world, survey_round, data: bytes, layout=None):
    plan = _check(world, survey_round, data, layout)
    assert plan.ok, (plan.fatal, plan.errors[:3])
    return household_import.apply(plan, actor=world.officer, survey_round=survey_round, commune=world.commune)


def test_a_file_laid_out_as_the_national_form_imports_through_the_built_in_profile(world):
    survey_round = make_round(world.office)
    data = workbook_bytes(
        [
            national_row(),
            national_row(**{"Họ tên": "Hà Thị Vợ", "Ngày sinh": 1983, "Quan hệ": "Vợ", "Nữ": "x", "Dân tộc": "Tày"}),
            national_row(**{"Họ tên": "Hà Văn Con", "Ngày sinh": "03/04/2015", "Lớp đang học": 6}),
            national_row(**{"Họ tên": "Hà Thị Lớn", "Ngày sinh": 1995, "Nữ": "X", "Năm tốt nghiệp": 2010}),
            national_row(**{"Họ tên": "Hà Văn Ông", "Ngày sinh": 1940, "Mù chữ": "x", "Chết": "x"}),
        ],
        headers=NATIONAL_HEADERS,
    )
    summary = _import(world, survey_round, data, NATIONAL_MAPPING)
    assert summary["persons_new"] == 5
    people = {p.full_name: p for p in Person.objects.all()}
    assert people["Hà Văn Chủ"].sex == "M" and people["Hà Văn Chủ"].ethnicity == "01"  # blank Dân tộc = Kinh
    assert people["Hà Thị Vợ"].sex == "F" and people["Hà Thị Vợ"].ethnic_minority
    assert people["Hà Văn Con"].grade == 5 and people["Hà Văn Con"].literacy_level == 2  # in grade 6: 5 done
    assert people["Hà Thị Lớn"].grade == 9  # THCS graduation year (rules.grade_from_graduation)
    ong = people["Hà Văn Ông"]
    assert (ong.status, ong.literacy_level, ong.found_illiterate) == (PersonStatus.DECEASED, 0, False)
    assert people["Hà Văn Chủ"].household.house_number == "Số 4"


def test_ticks_blank_ethnicity_and_value_maps_of_a_communes_own_layout(world):
    survey_round = make_round(world.office)
    layout = mapping.validate(
        {
            "header_row": 2,
            "columns": [
                {"header": "Mã", "target": "household_code"},
                {"header": "Xóm", "target": "hamlet"},
                {"header": "Chủ hộ", "target": "head_name"},
                {"header": "HO VA TEN", "target": "full_name"},
                {"header": "Năm sinh", "target": "birth"},
                {"header": "GT", "target": "sex", "values": {"1": "Nam", "2": "Nữ"}},
                {"header": "DT", "target": "ethnicity", "values": {"1": "Kinh", "2": "Thái"}},
                {"header": "Đang học XMC", "target": "learning_tick"},
                {"header": "Đã công nhận biết chữ", "target": "stage1_tick"},
                {"header": "Tái mù", "target": "relapse_tick"},
            ],
        }
    )
    headers = [
        "Mã",
        "Xóm",
        "Chủ hộ",
        "HO VA TEN",
        "Năm sinh",
        "GT",
        "DT",
        "Đang học XMC",
        "Đã công nhận biết chữ",
        "Tái mù",
    ]
    data = workbook_bytes(
        [
            ["H1", "Đông", "Lò Văn A", "Lò Văn A", 1980, 1, "", "", "x", ""],
            ["H1", "Đông", "", "Lò Thị B", 1985, 2, 2, "x", "", ""],
            ["H1", "Đông", "", "Lò Văn C", 1990, "1", "2", "", "x", "x"],
        ],
        headers=headers,
        before=[["Danh sách hộ xã Đống Đa"]],
    )
    _import(world, survey_round, data, layout)
    a, b, c = Person.objects.order_by("birth_year")
    assert (a.ethnicity, a.stage, a.literacy_level) == ("01", 1, 1)
    assert (b.sex, b.ethnic_minority, b.literacy_level) == ("F", True, 0)
    assert (c.found_illiterate, c.literacy_level) == (True, 0)  # tái mù: literate records, illiterate now


def test_a_bad_tick_is_refused_by_row_and_named_by_the_files_column(world):
    survey_round = make_round(world.office)
    data = workbook_bytes(
        [national_row(**{"Nữ": "có lẽ"}), national_row(**{"Họ tên": "B", "Năm tốt nghiệp": "abc"})],
        headers=NATIONAL_HEADERS,
    )
    plan = _check(world, survey_round, data, NATIONAL_MAPPING)
    assert [(e.row, e.column) for e in plan.errors] == [(2, "Nữ"), (3, "Lớp đang học / Năm tốt nghiệp")]
    assert Person.objects.count() == 0


def test_a_file_missing_a_profiles_column_says_which(world):
    survey_round = make_round(world.office)
    headers = [h for h in NATIONAL_HEADERS if h != "Ngày sinh"]
    plan = _check(world, survey_round, workbook_bytes([["P1"] * len(headers)], headers=headers), NATIONAL_MAPPING)
    assert "Ngày sinh" in plan.fatal and not plan.parsed


def test_headers_are_suggested_by_similarity():
    assert mapping.suggest_target("Họ tên") == "full_name"
    assert mapping.suggest_target("HO VA TEN") == "full_name"
    assert mapping.suggest_target("  nữ ") == "female_tick"
    assert mapping.suggest_target("Năm sinh") == "birth"
    assert mapping.suggest_target("Ho va tenn") == "full_name"  # a typo is still close
    assert mapping.suggest_target("Ghi chú riêng") == mapping.IGNORE
    suggested = mapping.suggest([["Bảng kê"], ["Số phiếu", "Họ tên", "Họ và tên", "Nữ"]])
    assert suggested["header_row"] == 2
    assert [c["target"] for c in suggested["columns"]] == ["household_code", "full_name", "ignore", "female_tick"]


@pytest.mark.parametrize(
    "data",
    [
        None,
        [],
        {"columns": "x"},
        {"header_row": 99, "columns": []},
        {"columns": [{"header": "A", "target": "nope"}]},
        {"columns": [1]},
    ],
)
def test_a_garbage_mapping_is_refused_with_a_message(data):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        mapping.validate(data)
    assert refused.value.messages[0]


def test_export_in_the_national_layout_then_reimport_adds_no_one(world):
    survey_round = make_round(world.office)
    household = make_household(survey_round, world.hamlet, code="HO7", head="Đinh Văn Chủ")
    make_person(household, name="Đinh Văn Chủ", birth_year=1970, grade=9, id_number="001080001234")
    make_person(household, name="Đinh Thị Vợ", birth_year=1975, sex="F", grade=2, ethnicity="Mường")
    make_person(household, name="Đinh Văn Già", birth_year=1945, grade=4, found_illiterate=True)
    make_person(household, name="Đinh Thị Đi", birth_year=2000, sex="F", grade=12, status=PersonStatus.MOVED_AWAY)
    persons = Person.objects.filter(round=survey_round).select_related("household__hamlet").order_by("pk")
    for layout, profile in (("quoc-gia", NATIONAL_MAPPING), ("mau", None)):
        summary = _import(world, survey_round, register_workbook(persons, layout), profile)
        assert (summary["persons_new"], summary["persons_updated"], summary["households_new"]) == (0, 0, 0), layout
    assert Person.objects.count() == 4


def test_reimport_matches_by_id_number_then_by_name_birth_date_and_household(world):
    survey_round = make_round(world.office)
    household = make_household(survey_round, world.hamlet, code="HO1", head="Lê Văn Chủ")
    renamed = make_person(household, name="Lê Văn Tèo", birth_year=1990, id_number="001090001111")
    make_person(household, name="Lê Thị Hoà", birth_year=1992, sex="F")
    data = workbook_bytes(
        [
            row(code="HO1", head="Lê Văn Chủ", name="Lê Văn Tèo Em", birth="1990") + ["001090001111"],
            row(code="HO1", head="Lê Văn Chủ", name="LE THI HOA", birth="1992", sex="Nữ") + [""],
        ],
        headers=[c.header for c in household_import.COLUMNS if c.key != "found_illiterate"],
    )
    summary = _import(world, survey_round, data)
    assert (summary["persons_new"], summary["persons_updated"]) == (0, 2)
    renamed.refresh_from_db()
    assert renamed.full_name == "Lê Văn Tèo Em"


def test_id_number_must_be_twelve_digits_with_a_known_province():
    assert rules.id_number_error("001090001111") is None
    assert rules.id_number_error("") is None
    assert "12 chữ số" in rules.id_number_error("00109000111")
    assert "12 chữ số" in rules.id_number_error("00109000111a")
    assert "mã tỉnh" in rules.id_number_error("003090001111")  # 003 is no province
    assert "mã tỉnh" in rules.id_number_error("097090001111")


def test_the_importer_refuses_a_bad_or_repeated_id_number(world):
    survey_round = make_round(world.office)
    headers = [c.header for c in household_import.COLUMNS]
    data = workbook_bytes(
        [
            row(name="A") + ["", "123"],
            row(name="B") + ["", 1090001111],  # a number cell: the leading 00 comes back
            row(name="C") + ["", "001090001111"],
        ],
        headers=headers[:15] + ["Tái mù chữ", "Số định danh cá nhân"],
    )
    plan = _check(world, survey_round, data)
    assert [(e.row, e.column) for e in plan.errors] == [(2, "Số định danh cá nhân"), (4, "Số định danh cá nhân")]
    assert "trùng với dòng 3" in plan.errors[1].message


def test_a_person_found_by_id_number_in_another_household_moves_there(world):
    survey_round = make_round(world.office)
    old_home = make_household(survey_round, world.hamlet, code="HO1", head="Vì Văn Cũ")
    person = make_person(old_home, name="Vì Thị Dâu", birth_year=2000, sex="F", id_number="011300001234")
    headers = [c.header for c in household_import.COLUMNS if c.key != "found_illiterate"]
    data = workbook_bytes(
        [row(code="HO2", head="Lò Văn Mới", name="Vì Thị Dâu", birth="2000", sex="Nữ", grade=0) + ["011300001234"]],
        headers=headers,
    )
    summary = _import(world, survey_round, data)
    assert (summary["persons_new"], summary["persons_updated"], summary["households_new"]) == (0, 1, 1)
    person.refresh_from_db()
    assert person.household.code == "HO2" and Person.objects.count() == 1
