"""Vietnamese names in Vietnamese alphabetical order everywhere a list of units is shown (issue 17:
"Đồng Tâm" came last, "Pá Lùng" after "Phúc Thịnh")."""

from pyuca import Collator

from reports.forms import PeriodForm
from reports.models import ReportForm
from tests.factories import make_unit
from units.forms import UnitChoiceField
from units.models import Unit, UnitKind
from units.selectors import communes_with_children, tree_children, units_for_roles
from units.text import sorted_vn, vn_sort_key

ISSUE_NAMES = ["Phúc Thịnh", "Đồng Tâm", "Pá Lùng", "Yên Bình", "Dương Quang", "Đồng Hỷ", "An Khánh"]
EXPECTED = ["An Khánh", "Dương Quang", "Đồng Hỷ", "Đồng Tâm", "Pá Lùng", "Phúc Thịnh", "Yên Bình"]


def test_the_issues_communes_sort_in_vietnamese_order():
    assert sorted_vn(ISSUE_NAMES) == EXPECTED


def test_the_database_byte_order_was_the_bug():
    assert sorted(ISSUE_NAMES)[-1] == "Đồng Tâm"
    assert sorted(ISSUE_NAMES).index("Pá Lùng") > sorted(ISSUE_NAMES).index("Phúc Thịnh")


def test_plain_unicode_collation_mixes_d_and_dj_which_vietnamese_keeps_apart():
    # pyuca's default table tells Đ from D only as a secondary difference: "Đa" before "Du".
    names = ["Du Già", "Đa Phúc", "Dương Quang"]
    assert sorted(names, key=Collator().sort_key) == ["Đa Phúc", "Du Già", "Dương Quang"]
    assert sorted_vn(names) == ["Du Già", "Dương Quang", "Đa Phúc"]


def test_a_with_breve_and_circumflex_o_with_horn_and_u_with_horn_are_letters_of_their_own():
    assert sorted_vn(["Ân Thi", "Ăn Cư", "Anh Sơn", "Bắc Sơn"]) == ["Anh Sơn", "Ăn Cư", "Ân Thi", "Bắc Sơn"]
    assert sorted_vn(["Ơn", "Ông", "Ong", "Pa"]) == ["Ong", "Ông", "Ơn", "Pa"]
    assert sorted_vn(["Ưu", "Uy", "Vân"]) == ["Uy", "Ưu", "Vân"]
    assert sorted_vn(["Êm", "En", "Gia"]) == ["En", "Êm", "Gia"]


def test_tones_only_break_ties_in_the_dictionary_order():
    assert sorted_vn(["Hạ Long", "Há Long", "Hà Long", "Ha Long", "Hả Long", "Hã Long", "Hà Nam"]) == [
        "Ha Long",
        "Hà Long",
        "Hả Long",
        "Hã Long",
        "Há Long",
        "Hạ Long",
        "Hà Nam",
    ]


def test_numbers_in_names_compare_as_numbers():
    assert sorted_vn(["Tổ dân phố 10", "Tổ dân phố 2", "Tổ dân phố 1"]) == [
        "Tổ dân phố 1",
        "Tổ dân phố 2",
        "Tổ dân phố 10",
    ]


def test_decomposed_and_composed_spellings_sort_alike():
    assert vn_sort_key("Đồng Tâm") == vn_sort_key("Đo\u0302\u0300ng Ta\u0302m")


def _communes(world):
    return {name: make_unit(UnitKind.COMMUNE, parent=world.office, name=name) for name in ISSUE_NAMES}


def test_the_unit_tree_lists_a_parents_communes_in_vietnamese_order(world):
    _communes(world)
    names = [u.name for u in tree_children(world.office, world.office.valid_from.replace(year=2030))]
    communes = [n for n in names if n in ISSUE_NAMES]
    assert communes == EXPECTED


def test_the_unit_page_shows_the_communes_in_vietnamese_order(world, login):
    _communes(world)
    page = login(world.officer).get(f"/don-vi/{world.office.pk}/").content.decode()
    positions = [page.index(f"{name}<") if f"{name}<" in page else page.index(name) for name in EXPECTED]
    assert positions == sorted(positions)


def _option_order(field):
    labels = [str(label) for value, label in field.choices if value]
    return [
        next(i for i, label in enumerate(labels) if f" {name} (" in label or label.endswith(f" {name}"))
        for name in EXPECTED
    ]


def test_a_unit_select_offers_the_communes_in_vietnamese_order(world):
    _communes(world)
    field = UnitChoiceField(queryset=units_for_roles(world.officer).filter(kind=UnitKind.COMMUNE))
    order = _option_order(field)
    assert order == sorted(order)


def test_the_period_forms_owner_select_is_in_vietnamese_order(world):
    _communes(world)
    owners = Unit.objects.filter(kind=UnitKind.COMMUNE, parent=world.office).order_by("name")
    form = PeriodForm(forms_qs=ReportForm.objects.none(), owners=owners, units=Unit.objects.none())
    order = _option_order(form.fields["owner"])
    assert order == sorted(order)


def test_the_home_pages_first_communes_include_dong_tam(world):
    _communes(world)
    Unit.objects.filter(pk=world.difficult_commune.pk).update(name="Yên Thế")
    first = [u.name for u in communes_with_children(world.officer, 4)]
    assert first == ["An Khánh", "Dương Quang", "Đống Đa", "Đồng Hỷ"]


def test_a_survey_rounds_hamlet_table_lists_communes_and_hamlets_in_vietnamese_order(world):
    from literacy.selectors import round_hamlet_counts
    from tests.literacy.fixtures import make_household, make_round

    communes = _communes(world)
    survey_round = make_round(world.office)
    for commune_name in ("Đồng Tâm", "Pá Lùng", "Phúc Thịnh"):
        for hamlet_name in ("Yên", "Đông", "Bản Phố"):
            hamlet = make_unit(UnitKind.HAMLET, parent=communes[commune_name], name=hamlet_name)
            make_household(survey_round, hamlet)
    rows = [(r["commune__name"], r["hamlet__name"]) for r in round_hamlet_counts(world.officer, survey_round)]
    assert rows == [
        (commune, hamlet) for commune in ("Đồng Tâm", "Pá Lùng", "Phúc Thịnh") for hamlet in ("Bản Phố", "Đông", "Yên")
    ]
