"""The Quyết định 448/QĐ-KHVN rubrics apply to 2016–2020 only (DOMAIN.md §4, issue 14): a later year
gets a sample marked "cần xác minh" that the office replaces, never QĐ 448 as if it were sourced."""

import importlib

from django.apps import apps

from learning_society.rubric_kinds import shipped_rubric_data
from rubrics.models import Rubric, RubricCriterion, RubricGroup
from rubrics.selectors import rubric_criteria, rubric_for
from rubrics.services import load_shipped

MIGRATION = importlib.import_module("rubrics.migrations.0002_legal_sources")


def test_the_shipped_qd_448_rubrics_end_in_2020_and_later_years_get_a_sample_to_verify():
    shipped = {d["code"]: d for d in shipped_rubric_data()}
    for code, sample_code in MIGRATION.QD_448.items():
        assert shipped[code]["year_to"] == 2020
        sample = shipped[sample_code]
        assert sample["year_from"] == 2021 and sample["year_to"] is None
        assert "cần xác minh" in sample["legal_basis"] and "cần xác minh" in sample["title"]
        assert all(c["is_sample"] for g in sample["groups"] for c in g["criteria"])
    open_ended_448 = [d for d in shipped_rubric_data() if "448" in d["legal_basis"] and d["year_to"] is None]
    assert open_ended_448 and all("cần xác minh" in d["legal_basis"] for d in open_ended_448)


def test_a_family_of_2020_is_scored_by_qd_448_and_one_of_2025_by_the_sample(db):
    load_shipped()
    assert rubric_for("family", 2020).code == "GDHT-448-2015"
    later = rubric_for("family", 2025)
    assert later.code == "GDHT-MAU-2021" and later.is_sample and "cần xác minh" in later.legal_basis


def test_the_migration_ends_a_stored_qd_448_rubric_in_2020_and_copies_it_as_the_sample(db):
    old = Rubric.objects.create(
        code="GDHT-448-2015", title="Gia đình học tập (Quyết định 448/QĐ-KHVN)", subject_kind="family",
        regime="points", year_from=2015, year_to=None, bands=[{"label": "Đạt", "min": "50"}],
    )  # fmt: skip
    group = RubricGroup.objects.create(rubric=old, order=1, code="1", title="Việc học của trẻ em")
    RubricCriterion.objects.create(
        group=group, order=1, code="1.1", text="Trẻ em đi học", max_points=30, is_sample=True
    )
    retired = Rubric.objects.create(
        code="GDHT-448-2015", title="Phiên bản cũ", subject_kind="family", regime="points", year_from=2015,
        owner=None, is_active=False,
    )  # fmt: skip

    MIGRATION.end_448_in_2020(apps, None)
    MIGRATION.end_448_in_2020(apps, None)  # run twice: nothing doubles

    old.refresh_from_db()
    retired.refresh_from_db()
    assert old.year_to == 2020 and retired.year_to is None
    (sample,) = Rubric.objects.filter(code="GDHT-MAU-2021")
    assert (sample.year_from, sample.year_to, sample.is_sample) == (2021, None, True)
    assert sample.bands == old.bands and "cần xác minh" in sample.legal_basis
    assert [(c.code, c.max_points, c.is_sample) for c in rubric_criteria(Rubric.objects.get(pk=sample.pk))] == [
        ("1.1", 30, True)
    ]
