"""The scoring engine: hand-computed totals at the band edges, levels, waiting time and validity."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest

from rubrics import engine
from rubrics import selectors as rubric_selectors
from rubrics import services as rubric_services
from rubrics.models import Rubric

TT22_BANDS = [
    {"label": "Tốt", "min": "85"},
    {"label": "Khá", "min": "70"},
    {"label": "Trung bình", "min": "50"},
    {"label": "Không đạt", "min": "0"},
]


def crit(pk, max_points=None, level=None, evidence=False):
    return SimpleNamespace(
        pk=pk,
        code=f"{pk}",
        max_points=Decimal(max_points) if max_points else None,
        required_for_level=level,
        evidence_required=evidence,
    )


# Thông tư 22/2020: conditions 30 + members' results 30 + effect 40 = 100.
TT22 = [crit(1, "30"), crit(2, "30"), crit(3, "40")]


@pytest.mark.parametrize(
    ("points", "total", "band"),
    [
        ({1: "30", 2: "30", 3: "25"}, "85", "Tốt"),
        ({1: "30", 2: "30", 3: "24,9"}, "84.9", "Khá"),
        ({1: "20", 2: "20", 3: "30"}, "70", "Khá"),
        ({1: "20", 2: "19.9", 3: "30"}, "69.9", "Trung bình"),
        ({1: "10", 2: "10", 3: "30"}, "50", "Trung bình"),
        ({1: "10", 2: "9.9", 3: "30"}, "49.9", "Không đạt"),
        ({1: "30", 2: "30", 3: "40"}, "100", "Tốt"),
    ],
)
def test_points_fall_in_the_band_of_thong_tu_22(points, total, band):
    result = engine.score_points(TT22, points, TT22_BANDS)
    assert result.total == Decimal(total)
    assert result.band == band
    assert result.passed is (band != "Không đạt")


def test_points_above_the_maximum_are_refused_with_the_maximum_named():
    result = engine.score_points(TT22, {1: "31", 2: "30", 3: "40"}, TT22_BANDS)
    assert result.total is None
    assert "tối đa 30" in result.errors[1]


def test_negative_and_non_numbers_are_refused():
    result = engine.score_points(TT22, {1: "-1", 2: "abc", 3: "40"}, TT22_BANDS)
    assert set(result.errors) == {1, 2}
    assert "không phải là số" in result.errors[2]


def test_an_incomplete_sheet_has_a_running_total_but_no_band():
    result = engine.score_points(TT22, {1: "30", 3: "40"}, TT22_BANDS)
    assert result.total == 70
    assert result.band == ""
    assert not result.passed


def test_a_band_may_say_explicitly_that_it_does_not_pass():
    bands = [
        {"label": "Đạt", "min": "80"},
        {"label": "Chưa đạt", "min": "60", "pass": False},
        {"label": "Kém", "min": "0"},
    ]
    assert engine.band_passes("Đạt", bands)
    assert not engine.band_passes("Chưa đạt", bands)
    assert not engine.band_passes("Kém", bands)


LEVELS = [crit(1, level=1), crit(2, level=1, evidence=True), crit(3, level=2)]


def test_levels_need_every_criterion_of_the_level_and_its_evidence():
    assert engine.level_reached(LEVELS, {1, 2}, {2: "Biên bản họp"}).level == 1
    assert engine.level_reached(LEVELS, {1, 2, 3}, {2: "Biên bản họp"}).level == 2
    without_evidence = engine.level_reached(LEVELS, {1, 2, 3}, {})
    assert without_evidence.level == 0
    assert without_evidence.missing[1] == ["2"]
    assert engine.level_reached(LEVELS, {1, 3}, {}).level == 0


def test_level_2_may_be_sought_12_months_after_level_1_not_11():
    level1 = datetime.date(2024, 12, 15)
    eleven = engine.check_level2_request(
        level1_recognised_on=level1, requested_on=datetime.date(2025, 11, 15), wait_months=12
    )
    assert "15/12/2025" in eleven
    assert (
        engine.check_level2_request(
            level1_recognised_on=level1, requested_on=datetime.date(2025, 12, 15), wait_months=12
        )
        is None
    )
    assert engine.check_level2_request(level1_recognised_on=None, requested_on=level1, wait_months=12)


def test_months_are_added_to_the_end_of_a_short_month():
    assert engine.add_months(datetime.date(2025, 1, 31), 1) == datetime.date(2025, 2, 28)
    assert engine.add_months(datetime.date(2025, 11, 30), 3) == datetime.date(2026, 2, 28)


def _data(**over):
    data = {
        "code": "T-1",
        "title": "Thử",
        "subject_kind": "family",
        "regime": "points",
        "year_from": 2020,
        "bands": TT22_BANDS,
        "groups": [{"code": "1", "title": "Nhóm", "criteria": [{"code": "1.1", "text": "A", "max_points": 100}]}],
    }
    return {**data, **over}


@pytest.mark.django_db
def test_a_rubric_loads_from_data_and_reloads_in_place():
    rubric = rubric_services.rubric_load(_data())
    first = rubric_selectors.rubric_criteria(rubric_selectors.rubric_queryset().get(pk=rubric.pk))[0]
    again = rubric_services.rubric_load(_data(title="Thử lại"))
    assert again.pk == rubric.pk
    assert again.title == "Thử lại"
    assert rubric_selectors.rubric_criteria(rubric_selectors.rubric_queryset().get(pk=rubric.pk))[0].pk == first.pk


@pytest.mark.django_db
def test_the_rubric_in_force_is_the_newest_for_the_year():
    rubric_services.rubric_load(_data(code="OLD", year_from=2015, year_to=2023))
    rubric_services.rubric_load(
        _data(
            code="NEW",
            year_from=2024,
            regime="levels",
            bands=[],
            groups=[{"code": "1", "title": "N", "criteria": [{"code": "1.1", "text": "A", "required_for_level": 1}]}],
        )
    )
    assert rubric_selectors.rubric_for("family", 2020).code == "OLD"
    assert rubric_selectors.rubric_for("family", 2025).regime == Rubric.Regime.LEVELS
    assert rubric_selectors.rubric_for("family", 2010) is None


@pytest.mark.django_db
def test_invalid_rubric_data_is_refused_with_reasons():
    with pytest.raises(ValueError) as info:
        rubric_services.rubric_load(
            _data(bands=[], groups=[{"code": "1", "title": "N", "criteria": [{"code": "x", "text": "A"}]}])
        )
    messages = " ".join(info.value.args[0])
    assert "xếp loại" in messages
    assert "điểm tối đa" in messages
