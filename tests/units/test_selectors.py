"""Scope and search: who sees which units and people, and accent-insensitive search."""

import datetime
import unicodedata

from tests.factories import make_user
from units import services
from units.models import Role, Unit
from units.selectors import (
    can_manage_person,
    can_manage_unit,
    people_visible_to,
    person_list,
    tree_roots,
    unit_search,
    unit_search_page,
    units_editable_by,
    units_visible_to,
)

OFFICE_A = {"OFFA", "XA1", "XA2", "TH1", "SCH1", "SCH2", "TT1", "HKH1"}


def _codes(queryset) -> set[str]:
    return set(queryset.values_list("code", flat=True))


def test_office_roles_see_the_whole_subtree_of_their_office(world):
    for user in (world.officer, world.leader, world.viewer):
        assert _codes(units_visible_to(user)) == OFFICE_A


def test_school_centre_and_association_roles_see_only_their_corner(world):
    assert _codes(units_visible_to(world.principal)) == {"SCH1"}
    assert _codes(units_visible_to(world.school_staff)) == {"SCH1"}
    assert _codes(units_visible_to(world.director)) == {"TT1"}
    assert _codes(units_visible_to(world.centre_staff)) == {"TT1"}
    assert _codes(units_visible_to(world.association_officer)) == {"XA1", "TH1", "SCH1", "TT1", "HKH1"}


def test_a_user_of_another_office_sees_none_of_office_a(world):
    assert not _codes(units_visible_to(world.outsider_officer)) & OFFICE_A
    assert _codes(units_visible_to(world.outsider_principal)) == {"SCHB"}


def test_a_superuser_sees_everything(world):
    admin = make_user(is_superuser=True)
    assert _codes(units_visible_to(admin)) == set(Unit.objects.values_list("code", flat=True))


def test_only_officers_may_change_the_tree(world):
    assert _codes(units_editable_by(world.officer)) == OFFICE_A
    for user in (world.leader, world.viewer, world.principal, world.association_officer):
        assert not units_editable_by(user).exists()
        assert not can_manage_unit(user, world.hamlet)
    assert not can_manage_unit(world.outsider_officer, world.hamlet)


def test_search_ignores_accents_case_and_word_order(world):
    visible = units_visible_to(world.officer)
    assert {"XA1", "SCH1", "TT1", "HKH1"} <= _codes(unit_search(visible, "dong da"))
    assert "XA1" in _codes(unit_search(visible, "ĐỐNG ĐA"))
    assert "SCH1" in _codes(unit_search(visible, "da thcs"))
    assert _codes(unit_search(visible, "nam po")) == {"XA2", "SCH2"}


def test_search_finds_names_typed_in_decomposed_unicode(world):
    # macOS and some Excel exports send "Đống Đa" as base letters plus combining marks (NFD).
    decomposed = unicodedata.normalize("NFD", "Đống Đa")
    assert decomposed != "Đống Đa"
    assert "XA1" in _codes(unit_search(units_visible_to(world.officer), decomposed))


def test_search_stays_inside_the_scope(world):
    assert _codes(unit_search(units_visible_to(world.outsider_officer), "dong da")) == set()


def test_search_page_hides_closed_units_unless_asked(world):
    services.unit_close(actor=world.officer, unit=world.hamlet, valid_to=datetime.date(2030, 1, 1))
    later = datetime.date(2031, 1, 1)
    assert "TH1" not in _codes(unit_search_page(world.officer, query="thon dong", on=later))
    assert "TH1" in _codes(unit_search_page(world.officer, query="thon dong", on=later, include_closed=True))
    assert "TH1" in _codes(unit_search_page(world.officer, query="thon dong", on=datetime.date(2029, 1, 1)))


def test_people_search_ignores_accents(world):
    found = person_list(world.officer, query="pham thi hieu")
    assert list(found) == [world.principal]
    nfd = unicodedata.normalize("NFD", "Hiệu")
    assert world.principal in person_list(world.officer, query=nfd)
    assert world.principal not in person_list(world.outsider_officer, query="hieu")


def test_people_filter_by_current_role(world):
    assert set(person_list(world.officer, role=Role.PRINCIPAL)) == {world.principal, world.other_principal}


def test_people_visible_follow_the_unit_scope(world):
    assert world.principal in people_visible_to(world.association_officer)
    assert world.principal not in people_visible_to(world.director)
    assert set(people_visible_to(world.principal)) == {world.principal, world.school_staff}


def test_officers_manage_people_whose_roles_lie_in_their_subtree(world):
    assert can_manage_person(world.officer, world.principal)
    assert not can_manage_person(world.officer, world.officer)
    assert not can_manage_person(world.leader, world.principal)
    assert not can_manage_person(world.outsider_officer, world.principal)


def test_the_tree_starts_once_from_each_office_of_the_user(world):
    services.membership_create(actor=None, user=world.leader, unit=world.commune, role=Role.VIEWER)
    assert [root.code for root in tree_roots(world.leader, datetime.date.today())] == ["OFFA"]
