"""The cycle through the services: grid scores by hand, validation, checking, recognition, levels."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from learning_society import services
from learning_society.models import Assessment, Decision, Registration, Score, Title
from reports.providers import get_provider
from rubrics.selectors import rubric_criteria
from units.models import AuditEntry, UnitKind

from .conftest import YEAR


def _criteria(title=Title.FAMILY, year=YEAR):
    return rubric_criteria(services.rubric_or_error(title, year))


def _points(criteria, values):
    return {c.pk: v for c, v in zip(criteria, values, strict=True)}


# Quyết định 448/QĐ-KHVN family rubric as shipped: 15 + 15 + 15 + 15 + 10 + 10 + 10 + 10 = 100.
@pytest.mark.parametrize(
    ("values", "total", "band", "passed"),
    [
        (["15", "15", "15", "15", "10", "10", "5", "0"], "85", "Tốt", True),
        (["15", "15", "15", "15", "10", "10", "4,9", "0"], "84.9", "Khá", True),
        (["15", "15", "10", "10", "5", "5", "5", "5"], "70", "Khá", True),
        (["15", "15", "10", "10", "5", "4.9", "5", "5"], "69.9", "Trung bình", True),
        (["10", "10", "10", "10", "5", "5", "0", "0"], "50", "Trung bình", True),
        (["10", "10", "10", "10", "5", "4.9", "0", "0"], "49.9", "Không đạt", False),
    ],
)
def test_the_grid_totals_and_bands_families_at_the_band_edges(world, families, values, total, band, passed):
    criteria = _criteria()
    family = families[0]
    services.grid_save(
        actor=world.officer,
        area=world.hamlet,
        title=Title.FAMILY,
        year=YEAR,
        points={family.pk: _points(criteria, values)},
    )
    a = Assessment.objects.get(subject=family, year=YEAR)
    assert a.total == Decimal(total)
    assert a.band == band
    assert a.passed is passed
    assert a.status == Assessment.Status.SELF_ASSESSED


def test_the_grid_saves_every_row_at_once_and_registers_them(world, families):
    criteria = _criteria()
    full = ["15", "15", "15", "15", "10", "10", "10", "10"]
    points = {f.pk: _points(criteria, full) for f in families[:2]}
    points[families[2].pk] = {}  # an empty row is not an assessment
    n = services.grid_save(actor=world.officer, area=world.hamlet, title=Title.FAMILY, year=YEAR, points=points)
    assert n == 2
    assert Assessment.objects.filter(year=YEAR).count() == 2
    assert Score.objects.count() == 2 * len(criteria)
    assert Registration.objects.filter(year=YEAR).count() == 2
    assert AuditEntry.objects.filter(action="learning_society.grid_save").count() == 1


def test_points_above_the_maximum_save_nothing_and_name_the_cell(world, families):
    criteria = _criteria()
    good = _points(criteria, ["15", "15", "15", "15", "10", "10", "10", "10"])
    bad = _points(criteria, ["16", "15", "15", "15", "10", "10", "10", "10"])
    with pytest.raises(services.GridError) as info:
        services.grid_save(
            actor=world.officer,
            area=world.hamlet,
            title=Title.FAMILY,
            year=YEAR,
            points={families[0].pk: good, families[1].pk: bad},
        )
    assert (families[1].pk, criteria[0].pk) in info.value.cells
    assert "tối đa 15" in info.value.cells[(families[1].pk, criteria[0].pk)]
    assert Assessment.objects.count() == 0


def test_an_incomplete_row_stays_a_draft(world, families):
    criteria = _criteria()
    services.grid_save(
        actor=world.officer,
        area=world.hamlet,
        title=Title.FAMILY,
        year=YEAR,
        points={families[0].pk: {criteria[0].pk: "10"}},
    )
    a = Assessment.objects.get()
    assert a.status == Assessment.Status.DRAFT
    assert a.band == ""


def test_a_change_after_the_check_must_be_checked_again(world, families):
    criteria = _criteria()
    row = _points(criteria, ["15", "15", "15", "15", "10", "10", "10", "10"])
    kw = {"actor": world.association_officer, "area": world.hamlet, "title": Title.FAMILY, "year": YEAR}
    services.grid_save(points={families[0].pk: row}, check=True, **kw)
    assert Assessment.objects.get().status == Assessment.Status.CHECKED
    services.grid_save(points={families[0].pk: row}, **kw)
    assert Assessment.objects.get().status == Assessment.Status.CHECKED
    services.grid_save(points={families[0].pk: {**row, criteria[0].pk: "14"}}, **kw)
    assert Assessment.objects.get().status == Assessment.Status.SELF_ASSESSED


def _checked(world, families, values=None):
    criteria = _criteria()
    values = values or ["15", "15", "15", "15", "10", "10", "10", "10"]
    services.grid_save(
        actor=world.officer,
        area=world.hamlet,
        title=Title.FAMILY,
        year=YEAR,
        points={f.pk: _points(criteria, values) for f in families},
        check=True,
    )
    return list(Assessment.objects.filter(subject__in=families).order_by("pk"))


def _recognise(world, ids, number="12/QĐ-UBND", **kw):
    return services.recognise(
        actor=kw.pop("actor", world.officer),
        assessment_ids=ids,
        issuer=world.commune,
        title=Title.FAMILY,
        year=YEAR,
        number=number,
        signed_on=datetime.date(2025, 12, 15),
        signer_name="Phạm Văn Chủ",
        signer_position="Chủ tịch",
        **kw,
    )


def test_recognition_makes_a_decision_for_all_that_pass(world, families):
    rows = _checked(world, families)
    decision = _recognise(world, [a.pk for a in rows])
    assert decision.assessments.count() == 3
    assert decision.issuer_name == "Ủy ban nhân dân xã Đống Đa"
    a = Assessment.objects.get(pk=rows[0].pk)
    assert a.status == Assessment.Status.RECOGNISED
    assert a.recognised_on == datetime.date(2025, 12, 15)
    assert a.expires_on is None  # points titles are yearly


def test_an_unchecked_assessment_cannot_be_recognised(world, families):
    criteria = _criteria()
    services.grid_save(
        actor=world.officer,
        area=world.hamlet,
        title=Title.FAMILY,
        year=YEAR,
        points={families[0].pk: _points(criteria, ["15", "15", "15", "15", "10", "10", "10", "10"])},
    )
    with pytest.raises(ValidationError) as info:
        _recognise(world, [Assessment.objects.get().pk])
    assert "chưa được kiểm tra" in info.value.messages[0]
    assert not Decision.objects.exists()


def test_a_failing_assessment_cannot_be_recognised(world, families):
    rows = _checked(world, families[:1], ["10", "10", "10", "10", "5", "4.9", "0", "0"])
    with pytest.raises(ValidationError) as info:
        _recognise(world, [rows[0].pk])
    assert "chưa đạt" in info.value.messages[0]


def test_the_second_officer_recognising_the_same_family_is_told_and_nothing_is_lost(world, families):
    rows = _checked(world, families)
    ids = [a.pk for a in rows]
    first = _recognise(world, ids, number="12/QĐ-UBND")
    # The second officer had the same list open and signs another decision a moment later.
    with pytest.raises(ValidationError) as info:
        _recognise(world, ids, number="13/QĐ-UBND")
    assert "đã được công nhận theo Quyết định số 12/QĐ-UBND ngày 15/12/2025" in info.value.messages[0]
    assert list(Decision.objects.values_list("number", flat=True)) == ["12/QĐ-UBND"]
    assert set(first.assessments.values_list("pk", flat=True)) == set(ids)


def test_a_decision_number_is_used_once(world, families):
    rows = _checked(world, families)
    _recognise(world, [rows[0].pk], number="12/QĐ-UBND")
    with pytest.raises(ValidationError) as info:
        _recognise(world, [rows[1].pk], number="12/QĐ-UBND")
    assert "đã được dùng" in " ".join(info.value.messages)


# --- levels regime (Thông tư 24/2023: learning units) ----------------------------------------


@pytest.fixture
def school_unit(world, shipped):
    return services.subject_create(
        actor=world.officer, area=world.school, title=Title.LEARNING_UNIT, name="Trường THCS Đống Đa", unit=world.school
    )


def _all_met(subject, year, *, level=2, requested=None, on=None):
    rubric = services.rubric_or_error(subject.title, year)
    criteria = [c for c in rubric_criteria(rubric) if (c.required_for_level or 1) <= level]
    return services.assessment_save(
        actor=None,
        subject=subject,
        year=year,
        met={c.pk for c in criteria},
        evidence={c.pk: "Biên bản số 1" for c in criteria},
        requested_level=requested,
        submit=True,
        on=on,
    )


def _recognise_unit(world, assessment, signed_on, number):
    services.assessments_check(actor=world.officer, assessment_ids=[assessment.pk])
    return services.recognise(
        actor=world.officer,
        assessment_ids=[assessment.pk],
        issuer=world.office,
        title=Title.LEARNING_UNIT,
        year=assessment.year,
        number=number,
        signed_on=signed_on,
        signer_name="Trần Thị Trưởng",
        signer_position="Trưởng phòng",
    )


def test_a_level_recognition_is_kept_the_3_years_following_its_year(world, school_unit):
    a = _all_met(school_unit, 2024, level=1)
    assert a.level == 1
    _recognise_unit(world, a, datetime.date(2024, 12, 15), "1/QĐ-PGDĐT")
    a.refresh_from_db()
    assert a.expires_on == datetime.date(2027, 12, 31)


def test_level_2_is_refused_11_months_after_level_1_and_allowed_at_12(world, school_unit):
    first = _all_met(school_unit, 2024, level=1)
    _recognise_unit(world, first, datetime.date(2024, 12, 15), "1/QĐ-PGDĐT")
    with pytest.raises(ValidationError) as info:
        _all_met(school_unit, 2025, requested=2, on=datetime.date(2025, 11, 15))
    assert "từ ngày 15/12/2025" in info.value.message_dict["requested_level"][0]
    with pytest.raises(ValidationError):
        services.registrations_create(
            actor=None, subjects=[school_unit], year=2025, requested_level=2, on=datetime.date(2025, 11, 15)
        )
    assert services.registrations_create(
        actor=None, subjects=[school_unit], year=2025, requested_level=2, on=datetime.date(2025, 12, 15)
    )
    second = _all_met(school_unit, 2025, requested=2, on=datetime.date(2025, 12, 15))
    assert second.level == 2
    _recognise_unit(world, second, datetime.date(2025, 12, 20), "2/QĐ-PGDĐT")
    second.refresh_from_db()
    assert second.level == 2
    assert second.expires_on == datetime.date(2028, 12, 31)


def test_level_2_without_a_level_1_recognition_is_refused(world, school_unit):
    with pytest.raises(ValidationError) as info:
        _all_met(school_unit, 2025, requested=2, on=datetime.date(2025, 12, 15))
    assert "Chưa được công nhận mức độ 1" in info.value.message_dict["requested_level"][0]


def test_a_criterion_needing_evidence_does_not_count_without_it(world, school_unit):
    rubric = services.rubric_or_error(Title.LEARNING_UNIT, 2025)
    level1 = [c for c in rubric_criteria(rubric) if c.required_for_level == 1]
    a = services.assessment_save(
        actor=None, subject=school_unit, year=2025, met={c.pk for c in level1}, evidence={}, submit=False
    )
    assert a.level is None
    with pytest.raises(ValidationError):
        services.assessment_save(
            actor=None, subject=school_unit, year=2025, met={c.pk for c in level1}, evidence={}, submit=True
        )


# --- subjects, registration, statistics, providers -------------------------------------------


def test_a_family_cannot_belong_to_a_school(world, shipped):
    with pytest.raises(ValidationError):
        services.subject_create(actor=None, area=world.school, title=Title.FAMILY, name="Hộ A")


def test_families_come_from_the_household_register_once(world, shipped, monkeypatch):
    from reports import providers

    # A stand-in register for this test only; monkeypatch restores literacy's real source after it.
    monkeypatch.setitem(
        providers._subject_sources,
        "literacy.households",
        (
            "Hộ gia đình",
            lambda hamlet: [{"ref": "HH-1", "name": "Hộ ông A", "members": 4}, {"ref": "HH-2", "name": "Hộ bà B"}],
        ),
    )
    assert services.families_import_from_register(actor=world.officer, hamlet=world.hamlet) == 2
    assert services.families_import_from_register(actor=world.officer, hamlet=world.hamlet) == 0


def test_statistics_count_shares_against_the_targets(world, families):
    from learning_society.selectors import statistics

    rows = _checked(world, families[:2])
    _recognise(world, [a.pk for a in rows])
    per_commune, total = statistics(world.office, YEAR)
    dong_da = next(r for r in per_commune if r.unit == world.commune)
    family = dong_da.titles[Title.FAMILY]
    assert (family.total, family.registered, family.assessed, family.recognised) == (3, 2, 2, 2)
    assert family.share == Decimal("66.6")  # 2/3 cut, never rounded (documents.vn_percent)
    assert family.share_text == "66,6%"
    assert family.target == 70
    assert family.meets_target is False
    assert family.breakdown == {"Tốt": 2}
    nam_po = next(r for r in per_commune if r.unit == world.difficult_commune)
    # QĐ 387/QĐ-TTg (2021–2030) gives no lower figure for difficult areas: its general 70% applies
    assert nam_po.titles[Title.FAMILY].target == 70
    assert total.titles[Title.HAMLET_COMMUNITY].total == 1  # one hamlet in the tree


def test_providers_count_recognitions_per_unit(world, families):
    rows = _checked(world, families[:2])
    _recognise(world, [a.pk for a in rows])
    provider = get_provider("learning_society.recognised.family")
    from units.models import Unit

    units = Unit.objects.filter(kind__in=[UnitKind.COMMUNE, UnitKind.OFFICE])
    values = provider.func(units, datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    assert values[world.commune.pk] == 2
    assert values[world.office.pk] == 2
    assert values[world.difficult_commune.pk] == 0
    registered = get_provider("learning_society.registered.family").func(
        units, datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)
    )
    assert registered[world.commune.pk] == 2


def test_shipped_rubrics_reload_without_losing_scores(world, families):
    rows = _checked(world, families[:1])
    services.rubrics_load_shipped(actor=None)
    assert Score.objects.filter(assessment=rows[0]).count() == 8


def test_a_level_recognised_last_year_still_counts_while_it_is_valid(world, school_unit):
    from learning_society.selectors import statistics

    first = _all_met(school_unit, 2024, level=1)
    _recognise_unit(world, first, datetime.date(2024, 12, 15), "1/QĐ-PGDĐT")
    # Kept for the 3 years following 2024 (Thông tư 25/2023/TT-BGDĐT): through 31/12/2027.
    for year, held in ((2024, 1), (2025, 1), (2026, 1), (2027, 1), (2028, 0)):
        _rows, total = statistics(world.office, year)
        assert total.titles[Title.LEARNING_UNIT].recognised == held, year
    assert statistics(world.office, 2026)[1].titles[Title.LEARNING_UNIT].breakdown == {"Mức độ 1": 1}
