"""Each module's legal numbers are units.legal parameters: a registered source, an article, years;
outside its years a number is not applied silently (issue 14, DOMAIN.md §2–§5)."""

import datetime

import pytest

from centers import funding_rule
from centers.models import FundingRegion
from learning_society import rules as ls_rules
from learning_society import targets
from literacy import rules as lit_rules
from units import legal
from units.milestones import CALENDAR, upcoming_milestones
from units.models import Role

PARAMETER_SETS = {
    "literacy.rules": lit_rules.PARAMETERS,
    "learning_society.rules": ls_rules.PARAMETERS,
    "centers.funding_rule": funding_rule.PARAMETERS,
}


@pytest.mark.parametrize("name", sorted(PARAMETER_SETS))
def test_every_parameter_names_a_registered_source_and_its_years(name):
    for p in PARAMETER_SETS[name]:
        assert p.source is None or p.source in legal.TEXTS, (name, p.key)
        assert p.years_from >= 2000 and (p.years_to is None or p.years_to >= p.years_from), (name, p.key)


def test_targets_and_milestones_name_registered_texts():
    assert {t.source for t in targets.TARGETS} <= set(legal.TEXTS)
    assert {m.legal_key for m in CALENDAR if m.legal_key} <= set(legal.TEXTS)


def test_a_target_prints_type_number_date_and_issuer_from_the_registry():
    family = targets.national_target("family", 2025)
    assert family.citation == (
        "Quyết định số 387/QĐ-TTg ngày 25/03/2022 của Thủ tướng Chính phủ, mục tiêu đến năm 2025"
    )
    assert "Đẩy mạnh phong trào học tập suốt đời trong gia đình, dòng họ, cộng đồng, đơn vị" in (
        legal.basis_line("qd387_2022")
    )


def test_the_literacy_standard_is_cited_with_its_articles_and_not_before_nghi_dinh_20_2014():
    assert lit_rules.THRESHOLD_PERCENT == 90 and lit_rules.PROVINCE_THRESHOLD_PERCENT == {1: 90, 2: 100}
    assert lit_rules.band_for(1, True).label == "15–25" and lit_rules.band_for(2, False).label == "15–60"
    assert lit_rules.standard_basis(2024) == "Nghị định 20/2014/NĐ-CP, Điều 20–21"
    assert lit_rules.standard_basis(2013) == "chưa có căn cứ cho năm 2013 (cần xác minh)"
    assert lit_rules.OFFICE_RULE_BASIS == "Nghị định 20/2014/NĐ-CP, Điều 20.2–20.3, 21.2–21.3"
    assert lit_rules.TARGET_GROUP.label == "15–60"  # the people literacy work is for (enrolment lists)


def test_the_funding_minimum_applies_only_in_its_years_and_cites_an_unverified_text():
    assert funding_rule.yearly_minimum(FundingRegion.REGION_1, 2025) == 20_000_000
    assert funding_rule.yearly_minimum(FundingRegion.REGION_3, 2025) == 25_000_000
    assert funding_rule.yearly_minimum(FundingRegion.REGION_1, 2007) is None
    assert funding_rule.yearly_minimum("", 2025) is None
    assert funding_rule.BASIS == "Thông tư 96/2008/TT-BTC (cần xác minh)"


def test_the_learning_unit_deadline_of_tt_24_2023_is_not_shown_for_a_january_before_it_applied():
    def unit_deadlines(day):
        return [
            m["start"]
            for m in upcoming_milestones(Role.OFFICE_OFFICER, day, limit=10)
            if "Đơn vị học tập" in str(m["title"])
        ]

    assert unit_deadlines(datetime.date(2023, 12, 20)) == []
    assert unit_deadlines(datetime.date(2026, 12, 20)) == [datetime.date(2027, 1, 15)]
    deadline = next(m for m in CALENDAR if m.legal_key == "tt24_2023")
    assert deadline.source == "Thông tư 24/2023/TT-BGDĐT (cần xác minh): trước ngày 15/01 năm sau"


def test_the_validity_of_a_recognition_is_a_dated_parameter_of_tt_25_2023():
    assert ls_rules.VALIDITY.value == 3 and ls_rules.VALIDITY.source == "tt25_2023"
    assert ls_rules.VALIDITY.applies(2024) and not ls_rules.VALIDITY.applies(2023)
