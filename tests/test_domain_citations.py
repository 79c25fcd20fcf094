"""The small wrong facts of issue 14 item 14, as a user reads them (DOMAIN.md §2–§4)."""

import datetime
import json
import pathlib

from units.milestones import CALENDAR, upcoming_milestones
from units.models import Role

ROOT = pathlib.Path(__file__).resolve().parent.parent


def _shipped(name):
    return json.loads((ROOT / "learning_society" / "rubrics" / name).read_text(encoding="utf-8"))


def test_qd_448_is_cited_with_its_date_10_11_2015_and_its_period_2016_2020():
    for name in ("gdht-448-2015.json", "dhht-448-2015.json", "cdht-thon-448-2015.json"):
        basis = _shipped(name)["legal_basis"]
        assert "ngày 10/11/2015" in basis and "2016–2020" in basis, name
        assert "10/6/2015" not in basis


def test_the_learning_unit_self_assessment_is_due_15_january_under_tt_24_2023():
    unit = next(m for m in CALENDAR if "Đơn vị học tập" in str(m.title))
    assert (unit.month, unit.day) == (1, 15)
    assert "Thông tư 24/2023" in str(unit.source) and "22/2020" not in str(unit.source)
    upcoming = upcoming_milestones(Role.OFFICE_OFFICER, datetime.date(2027, 1, 2), limit=3)
    assert any(m["start"] == datetime.date(2027, 1, 15) and "Đơn vị học tập" in str(m["title"]) for m in upcoming)


def test_the_90_percent_learning_citizen_criterion_is_tt_24_2023_level_1_from_the_source():
    rubric = _shipped("dvht-tt24-2024.json")
    criteria = [c for g in rubric["groups"] for c in g["criteria"] if "Công dân học tập" in c["text"]]
    assert len(criteria) == 1
    (criterion,) = criteria
    assert "Từ 90%" in criterion["text"] and "95%" in criterion["text"]
    assert criterion["required_for_level"] == 1 and criterion["is_sample"] is False
    form = json.loads((ROOT / "reports" / "standard_forms" / "truong_gdtx.json").read_text(encoding="utf-8"))
    assert "Đơn vị học tập mức độ 1, TT 24/2023" in json.dumps(form, ensure_ascii=False)


def test_no_exemption_help_cites_an_article_of_decree_20():
    """DOMAIN.md §3: no article of Nghị định 20/2014 states the exemption; never cite 'Điều 20' for it."""
    from literacy.models import LiteracySettings, Person

    for field in (Person._meta.get_field("exempt"), LiteracySettings._meta.get_field("exempt_leave_denominator")):
        assert "Điều 20" not in str(field.help_text)
        assert "hướng dẫn điều tra" in str(field.help_text)
