"""The writes behind the unit-tree pages: merges, moves and closures keep the tree of past dates."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from tests.factories import make_unit
from units import services
from units.models import AuditEntry, Membership, Role, Unit, UnitKind, UnitParentChange, User
from units.selectors import tree_children, unit_children_on

MERGER = datetime.date(2025, 7, 1)
EVE = datetime.date(2025, 6, 30)


def _merge(world, **extra):
    return services.units_merge(
        actor=world.officer,
        sources=[world.commune, world.difficult_commune],
        effective_date=MERGER,
        code="XA-MOI",
        name="Hồng Phong",
        level_label="Xã",
        parent=world.office,
        **extra,
    )


def _codes(units) -> set[str]:
    return {u.code for u in units}


def test_merge_moves_children_and_closes_sources_the_day_before(world):
    merged = _merge(world, especially_difficult=True)

    assert set(merged.predecessors.all()) == {world.commune, world.difficult_commune}
    assert merged.valid_from == MERGER and merged.especially_difficult
    for source in (world.commune, world.difficult_commune):
        source.refresh_from_db()
        assert source.valid_to == EVE
    for child in (world.hamlet, world.school, world.other_school, world.centre, world.association):
        child.refresh_from_db()
        assert child.parent_id == merged.pk
        assert child.path.startswith(merged.path)
        assert child.valid_to is None
    assert AuditEntry.objects.filter(action="unit.close", unit=world.commune).exists()


def test_tree_of_a_date_before_the_merger_shows_the_old_communes_with_their_children(world):
    merged = _merge(world)

    assert {"XA1", "XA2"} <= _codes(unit_children_on(world.office, EVE))
    assert "XA-MOI" not in _codes(unit_children_on(world.office, EVE))
    assert _codes(unit_children_on(world.commune, EVE)) == {"TH1", "SCH1", "TT1", "HKH1"}
    assert _codes(unit_children_on(merged, EVE)) == set()


def test_tree_of_a_date_after_the_merger_shows_only_the_new_commune(world):
    merged = _merge(world)

    after = _codes(unit_children_on(world.office, MERGER))
    assert "XA-MOI" in after and not {"XA1", "XA2"} & after
    assert _codes(unit_children_on(merged, MERGER)) == {"TH1", "SCH1", "SCH2", "TT1", "HKH1"}
    assert _codes(unit_children_on(world.commune, MERGER)) == set()


def test_closed_communes_come_back_when_asked_for(world):
    _merge(world)

    with_closed = _codes(tree_children(world.office, MERGER, include_closed=True))
    assert {"XA1", "XA2", "XA-MOI"} <= with_closed


def test_merge_needs_two_communes_of_one_kind(world):
    with pytest.raises(ValidationError) as one:
        services.units_merge(
            actor=world.officer,
            sources=[world.commune],
            effective_date=MERGER,
            code="X",
            name="X",
            level_label="Xã",
            parent=world.office,
        )
    assert "sources" in one.value.message_dict
    with pytest.raises(ValidationError) as mixed:
        services.units_merge(
            actor=world.officer,
            sources=[world.commune, world.school],
            effective_date=MERGER,
            code="X",
            name="X",
            level_label="Xã",
            parent=world.office,
        )
    assert "cùng loại" in mixed.value.message_dict["sources"][0]
    assert not Unit.objects.filter(code="X").exists()


def test_move_keeps_the_old_parent_for_earlier_dates(world):
    day = datetime.date(2026, 1, 1)
    services.unit_move(actor=world.officer, unit=world.hamlet, new_parent=world.difficult_commune, effective_date=day)

    world.hamlet.refresh_from_db()
    assert world.hamlet.parent == world.difficult_commune
    assert world.hamlet.path.startswith(world.difficult_commune.path)
    change = UnitParentChange.objects.get(unit=world.hamlet)
    assert (change.old_parent, change.new_parent) == (world.commune, world.difficult_commune)
    assert change.effective_date == day
    assert "TH1" in _codes(unit_children_on(world.commune, day - datetime.timedelta(days=1)))
    assert "TH1" not in _codes(unit_children_on(world.commune, day))
    assert "TH1" in _codes(unit_children_on(world.difficult_commune, day))


def test_move_refuses_a_parent_of_the_wrong_kind(world):
    with pytest.raises(ValidationError) as error:
        services.unit_move(actor=world.officer, unit=world.hamlet, new_parent=world.office, effective_date=MERGER)
    assert "parent" in error.value.message_dict


def test_closing_a_commune_closes_what_is_below_and_ends_the_roles_there(world):
    last_day = datetime.date(2030, 12, 31)
    services.unit_close(actor=world.officer, unit=world.commune, valid_to=last_day, reason="Giải thể")

    for unit in (world.commune, world.hamlet, world.school, world.centre, world.association):
        unit.refresh_from_db()
        assert unit.valid_to == last_day
    assert set(Membership.objects.filter(unit=world.school).values_list("valid_to", flat=True)) == {last_day}
    world.other_school.refresh_from_db()
    assert world.other_school.valid_to is None
    entry = AuditEntry.objects.get(action="unit.close", unit=world.commune)
    assert entry.changes["reason"] == ["", "Giải thể"]


def test_closing_before_a_role_begins_is_refused_with_a_reason(world):
    # The principal's role begins in 2026; closing the commune back in 2025 would end it before it starts.
    Membership.objects.filter(user=world.principal).update(valid_from=datetime.date(2026, 1, 1))
    with pytest.raises(ValidationError) as error:
        services.unit_close(actor=world.officer, unit=world.commune, valid_to=EVE)
    assert "Phạm Thị Hiệu" in error.value.message_dict["valid_to"][0]
    world.commune.refresh_from_db()
    assert world.commune.valid_to is None


def test_closing_before_a_child_unit_begins_is_refused(world):
    make_unit(UnitKind.HAMLET, parent=world.other_commune, code="TH-LATE", valid_from=datetime.date(2026, 1, 1))
    with pytest.raises(ValidationError) as error:
        services.unit_close(actor=world.officer, unit=world.other_commune, valid_to=datetime.date(2025, 12, 31))
    assert "01/01/2026" in error.value.message_dict["valid_to"][0]


def test_a_role_must_fit_the_kind_of_unit(world):
    with pytest.raises(ValidationError) as error:
        services.membership_create(actor=world.officer, user=world.viewer, unit=world.commune, role=Role.PRINCIPAL)
    assert "Hiệu trưởng" in error.value.message_dict["role"][0]


def test_no_role_on_a_closed_unit(world):
    closed_school = make_unit(UnitKind.SCHOOL, parent=world.commune, code="SCH-OLD", valid_to=datetime.date(2020, 1, 1))
    with pytest.raises(ValidationError) as error:
        services.membership_create(actor=world.officer, user=world.viewer, unit=closed_school, role=Role.SCHOOL_STAFF)
    assert "unit" in error.value.message_dict


def test_a_person_whose_first_role_does_not_fit_is_not_created(world):
    with pytest.raises(ValidationError):
        services.person_create(
            actor=world.officer,
            username="sai",
            full_name="Sai Vai Trò",
            password="Mat-khau-rat-dai-9",
            unit=world.hamlet,
            role=Role.OFFICE_OFFICER,
        )
    assert not User.objects.filter(username="sai").exists()


def test_a_person_may_hold_roles_on_several_units(world):
    services.membership_create(actor=world.officer, user=world.principal, unit=world.centre, role=Role.CENTRE_STAFF)
    assert set(world.principal.memberships.values_list("unit__code", flat=True)) == {"SCH1", "TT1"}


def test_the_same_role_twice_on_one_unit_is_refused(world):
    with pytest.raises(ValidationError) as error:
        services.membership_create(actor=world.officer, user=world.principal, unit=world.school, role=Role.PRINCIPAL)
    assert "đã giữ vai trò" in error.value.message_dict["role"][0]


def test_ending_a_role_before_it_began_is_refused(world):
    membership = world.principal.memberships.get()
    with pytest.raises(ValidationError):
        services.membership_end(actor=world.officer, membership=membership, valid_to=datetime.date(1999, 12, 31))
