"""Ethnicity is one of the 54 groups of Quyết định 121-TCTK/PP, stored as its code (issue 14): Kinh
under any of its names is the majority, never counted as an ethnic minority."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from literacy import attainment, household_import
from literacy.forms import PersonForm
from literacy.models import Person
from literacy.rules import B15_35
from tests.factories import World
from tests.literacy.fixtures import (
    YEAR,
    bulk_people,
    literacy_world,
    make_household,
    make_person,
    make_round,
    workbook_bytes,
)
from tests.literacy.fixtures import row as import_row

KINH_NAMES = ["Kinh (Việt)", "Việt", "Người Kinh", "01", "kinh", "KINH (VIET)"]
MONG_NAMES = ["Mông", "H'Mông", "08", "HMÔNG", "Mèo"]


@pytest.mark.django_db
def test_kinh_under_any_name_is_not_a_minority_in_the_commune_counts(world):
    survey_round = make_round(world.office)
    specs = [{"birth_year": YEAR - 20, "grade": 3, "ethnicity": name} for name in KINH_NAMES + MONG_NAMES]
    bulk_people(survey_round, world.hamlet, specs)
    result, _round, _conf = attainment.commune_standard(world.commune, YEAR)
    minority = result.band(B15_35, "minority")
    assert (minority.population, minority.literate1) == (len(MONG_NAMES), len(MONG_NAMES))
    assert set(Person.objects.values_list("ethnicity", flat=True)) == {"01", "08"}


@pytest.mark.django_db
def test_the_importer_accepts_a_code_the_official_name_or_another_name(world):
    survey_round = make_round(world.office)
    typed = [*KINH_NAMES, "", *MONG_NAMES, "khmer", "Khơ-me", "Ê Đê", "12"]
    rows = [import_row(code=f"HO{i}", name=f"Người Số {i}", ethnicity=value) for i, value in enumerate(typed)]
    plan = household_import.check(io.BytesIO(workbook_bytes(rows)), survey_round=survey_round, commune=world.commune)
    assert plan.ok, plan.errors[:3]
    household_import.apply(plan, actor=world.officer, survey_round=survey_round, commune=world.commune)
    stored = {p.full_name: (p.ethnicity, p.ethnic_minority) for p in Person.objects.all()}
    expected = ["01"] * (len(KINH_NAMES) + 1) + ["08"] * len(MONG_NAMES) + ["05", "05", "12", "12"]
    assert [stored[f"Người Số {i}"] for i in range(len(typed))] == [(c, c != "01") for c in expected]


@pytest.mark.django_db
def test_an_unknown_ethnicity_in_the_file_is_a_row_error_listing_what_is_accepted(world):
    survey_round = make_round(world.office)
    data = workbook_bytes([import_row(code="HO1", ethnicity="Kinh"), import_row(code="HO2", ethnicity="Sao Hỏa")])
    plan = household_import.check(io.BytesIO(data), survey_round=survey_round, commune=world.commune)
    assert not plan.ok
    [error] = plan.errors
    assert error.column == "Dân tộc" and error.row == 3
    assert "Sao Hỏa" in error.message and "01" in error.message and "Tày" in error.message


@pytest.mark.django_db
def test_the_person_form_is_a_select_of_the_54_groups(world, login):
    form = PersonForm()
    choices = [value for value, _label in form.fields["ethnicity"].choices]
    assert choices == [f"{n:02d}" for n in range(1, 55)]
    lit = literacy_world(world)
    response = login(world.principal).get(reverse("literacy:person_create", kwargs={"pk": lit.household.pk}))
    page = response.content.decode()
    assert '<select name="ethnicity"' in page and "08 - HMông" in page and "54 - Rơ-măm" in page
    response = login(world.principal).post(
        reverse("literacy:person_create", kwargs={"pk": lit.household.pk}),
        {"full_name": "Giàng Thị Dợ", "birth_year": 1990, "sex": "F", "ethnicity": "08", "grade": 3, "stage": 0}
        | {"residence": "permanent", "status": "present"},
    )
    assert response.status_code == 302
    person = Person.objects.get(full_name="Giàng Thị Dợ")
    assert (person.ethnicity, person.ethnic_minority, person.ethnicity_name) == ("08", True, "HMông")


@pytest.mark.django_db
def test_a_value_outside_the_list_is_refused_by_the_form():
    form = PersonForm(data={"full_name": "A", "birth_year": 1990, "sex": "M", "ethnicity": "Sao Hỏa"})
    assert not form.is_valid()
    assert "danh mục 54 dân tộc" in form.errors["ethnicity"][0]


LIT_BEFORE = ("literacy", "0004_import_batch_job_in_jobs_app")
CEN_BEFORE = ("centers", "0004_rubric_moves_to_rubrics_app")


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_the_data_migration_maps_the_stored_free_text_and_lists_what_it_cannot():
    from tests.centers import helpers

    world = World()
    household = make_household(make_round(world.office), world.hamlet)
    texts = ["Kinh (Việt)", "Việt", "Người Kinh", "01", "", "H'Mông", "Thái", "Sao Hỏa"]
    people = [make_person(household, name=f"Người {i}") for i in range(len(texts))]
    learner_texts = ["Kinh (Việt)", "Việt", "Người Kinh", "01", "", "Mông", "08", "Sao Hỏa"]
    activity = helpers.make_activity(
        world.centre,
        participants=0,
        women=0,
        ethnic_minority=0,
        elderly=0,
        learners="\n".join(f"Học viên {i}; nam; 1990" for i in range(len(learner_texts))),
    )
    try:
        old = _migrate([LIT_BEFORE, CEN_BEFORE])
        for person, text in zip(people, texts, strict=True):
            old.get_model("literacy", "Person").objects.filter(pk=person.pk).update(
                ethnicity=text, ethnic_minority=True
            )
        OldLearner = old.get_model("centers", "Learner")
        for order, text in enumerate(learner_texts):
            OldLearner.objects.filter(activity_id=activity.pk, order=order).update(
                ethnicity=text, is_ethnic_minority=bool(text) and text.lower() != "kinh"
            )
        old.get_model("centers", "Activity").objects.filter(pk=activity.pk).update(ethnic_minority=7)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    mapped = [Person.objects.get(pk=p.pk) for p in people]
    assert [(p.ethnicity, p.ethnic_minority) for p in mapped] == [
        ("01", False),
        ("01", False),
        ("01", False),
        ("01", False),
        ("01", False),
        ("08", True),
        ("03", True),
        ("", False),
    ]
    assert mapped[-1].ethnicity_note == "Sao Hỏa" and mapped[-1].ethnicity_name == "Sao Hỏa"
    activity.refresh_from_db()
    learners = list(activity.learners.order_by("order"))
    assert [(p.ethnicity, p.is_ethnic_minority) for p in learners] == [
        ("01", False),
        ("01", False),
        ("01", False),
        ("01", False),
        ("", False),
        ("08", True),
        ("08", True),
        ("", False),
    ]
    assert activity.ethnic_minority == 2
    out = io.StringIO()
    call_command("ethnicity_unmapped", stdout=out)
    listed = out.getvalue()
    assert "Người 7" in listed and "Học viên 7" in listed and "Sao Hỏa" in listed and "Còn 2 bản ghi" in listed
    assert "Người 0" not in listed and "Học viên 0" not in listed
