"""Nghị định 20/2014/NĐ-CP, Điều 21.3 (DOMAIN.md §3): a province meets literacy level 2 only when
all its units do (a district needs 90%); level 1 needs 90% for both (Điều 20.2–20.3)."""

from types import SimpleNamespace

from literacy import rules
from literacy.attainment import OfficeStandard
from units.models import Unit, UnitKind


def _office(level_label: str, met2: int, met1: int = 10, total: int = 10) -> OfficeStandard:
    communes = [
        SimpleNamespace(level1=SimpleNamespace(met=i < met1), level2=SimpleNamespace(met=i < met2))
        for i in range(total)
    ]
    office = Unit(kind=UnitKind.OFFICE, name="X", level_label=level_label)
    return OfficeStandard(office=office, year=2026, survey_round=None, settings=None, communes=communes)


def test_a_province_needs_every_unit_for_level_2_and_a_district_90_percent():
    assert _office("Phòng GD&ĐT", met2=9).met2 is True
    assert _office("Sở GD&ĐT", met2=9).met2 is False
    assert _office("Sở GD&ĐT", met2=10).met2 is True
    # Level 1 stays at 90% for a province.
    assert _office("Sở GD&ĐT", met2=10, met1=9).met1 is True
    assert _office("Sở GD&ĐT", met2=10, met1=8).met1 is False


def test_the_rule_is_cited():
    assert rules.office_threshold(2, province=True) == 100
    assert rules.office_threshold(2, province=False) == 90
    assert "21.3" in rules.OFFICE_RULE_BASIS
