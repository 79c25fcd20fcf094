"""Two people save the same report at the same moment: one wins, the other is told, nothing is lost.

Two threads, each with its own database connection, call the real service at once with the
version number their page showed. The row lock (select_for_update on PostgreSQL, the IMMEDIATE
write lock on SQLite) serialises them; the second then sees a newer version and is refused with
a message instead of overwriting the first person's numbers.

The suite's SQLite database is in memory with a shared cache, where a lock is refused at once
("table is locked") instead of being waited for as the portal's file database does (timeout 20 s
in settings/base.py); `_as_the_file_database_would` waits the same way so the test means the same
on both engines. Run with DATABASE_URL=postgres://... for real row locks.
"""

import json
import re
import threading
import time

import pytest
from django.db import OperationalError, connection
from django.urls import reverse

from reports import services
from reports.models import Submission
from tests.factories import World
from tests.reports.helpers import open_period, submission_of

pytestmark = pytest.mark.django_db(transaction=True)


def _value(submission, code):
    from tests.reports.test_services import _value as read

    return read(submission, code)


def _as_the_file_database_would(call):
    for _ in range(400):
        try:
            return call()
        except OperationalError as exc:
            if "locked" not in str(exc):
                raise
            time.sleep(0.05)
    raise AssertionError("the other save never released its lock")


def test_two_people_saving_the_same_report_at_once(settings):
    world = World()
    sub = submission_of(open_period(world), world.school)
    page_version = sub.version
    barrier = threading.Barrier(2)
    outcome = {}

    def save(user, number):
        try:
            barrier.wait(timeout=30)
            _as_the_file_database_would(
                lambda: services.submission_save(
                    actor=user,
                    submission=Submission.objects.get(pk=sub.pk),
                    raw_values={"R01.TS": number},
                    expected_version=page_version,
                )
            )
            outcome[user.username] = "saved"
        except services.VersionConflict as exc:
            outcome[user.username] = exc.messages[0]
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(world.principal, "10")),
        threading.Thread(target=save, args=(world.school_staff, "99")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcome) == ["principal", "teacher"]
    winners = [name for name, result in outcome.items() if result == "saved"]
    assert len(winners) == 1, outcome
    loser = next(name for name in outcome if name not in winners)
    assert "người khác lưu" in outcome[loser]
    expected = 10 if winners == ["principal"] else 99
    sub.refresh_from_db()
    assert sub.version == page_version + 1
    assert _value(sub, "R01.TS") == expected


# ----------------------------------------------------------------------------------------------
# Households, people, learning-society assessments and centre self-assessments (units.concurrency)
# ----------------------------------------------------------------------------------------------

STALE = "trang của bạn đã cũ"


def _race(**saves):
    """Run each named save in its own thread with its own connection, all released at once.
    Returns {name: "saved" or the StaleEdit message}."""
    from units.concurrency import StaleEdit

    barrier = threading.Barrier(len(saves))
    outcome = {}

    def run(name, save):
        try:
            barrier.wait(timeout=30)
            _as_the_file_database_would(save)
            outcome[name] = "saved"
        except StaleEdit as exc:
            outcome[name] = exc.messages[0]
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in saves.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcome) == sorted(saves)
    winners = [name for name, result in outcome.items() if result == "saved"]
    assert len(winners) == 1, outcome
    loser = next(name for name in outcome if name not in winners)
    assert STALE in outcome[loser]
    return winners[0]


def _second_officer(world):
    from tests.factories import make_user
    from units.models import Role

    return make_user(Role.OFFICE_OFFICER, world.office, username="officer2", full_name="Trần Văn Hai")


def _html(response):
    return response.content.decode()


# --- households and people ---------------------------------------------------------------------


def _household(world):
    from tests.literacy.fixtures import make_household, make_round

    return make_household(make_round(world.office), world.hamlet, head="Nguyễn Văn Chủ")


def _household_form(world, household, **fields):
    return {
        "hamlet": world.hamlet.pk,
        "code": household.code,
        "house_number": "",
        "head_name": household.head_name,
        "residence": "permanent",
        "version": household.version,
        **fields,
    }


def test_a_household_saved_from_a_stale_page_is_refused_and_what_was_typed_stays(client):
    from literacy.models import Household

    world = World()
    second = _second_officer(world)
    household = _household(world)
    url = reverse("literacy:household_edit", args=[household.pk])
    stale_page = _household_form(world, household)  # both opened the page now

    client.force_login(world.officer)
    assert client.post(url, {**stale_page, "head_name": "Nguyễn Văn Một"}).status_code == 302
    client.force_login(second)
    response = client.post(url, {**stale_page, "head_name": "Lê Thị Hai", "house_number": "12B"})

    assert response.status_code == 409
    html = _html(response)
    assert "Hộ này vừa được Nguyễn Văn Chuyên sửa lúc" in html
    assert STALE in html
    assert 'value="Lê Thị Hai"' in html and 'value="12B"' in html
    household = Household.objects.get(pk=household.pk)
    assert household.head_name == "Nguyễn Văn Một" and household.house_number == ""
    # The page now carries the newer version: saving again, deliberately, goes through.
    assert f'name="version" value="{household.version}"' in html
    again = client.post(url, {**stale_page, "head_name": "Lê Thị Hai", "version": household.version})
    assert again.status_code == 302
    assert Household.objects.get(pk=household.pk).head_name == "Lê Thị Hai"


def test_two_people_saving_the_same_household_at_once():
    from literacy import services as literacy
    from literacy.models import Household

    world = World()
    second = _second_officer(world)
    household = _household(world)
    seen = household.version

    def save(user, head):
        return lambda: literacy.household_update(
            actor=user, household=Household.objects.get(pk=household.pk), expected_version=seen, head_name=head
        )

    winner = _race(officer=save(world.officer, "Nguyễn Văn Một"), officer2=save(second, "Lê Thị Hai"))
    household = Household.objects.get(pk=household.pk)
    assert household.head_name == {"officer": "Nguyễn Văn Một", "officer2": "Lê Thị Hai"}[winner]
    assert household.version == seen + 1


def _person(world):
    from tests.literacy.fixtures import make_person

    return make_person(_household(world), name="Vàng Thị Mai", birth_year=1990, sex="F", grade=3)


def _person_form(person, **fields):
    return {
        "full_name": person.full_name,
        "birth_date": "",
        "birth_year": person.birth_year,
        "sex": person.sex,
        "ethnicity": "Kinh",
        "relation": "",
        "grade": person.grade,
        "stage": person.stage,
        "residence": "permanent",
        "status": "present",
        "version": person.version,
        **fields,
    }


def test_a_person_saved_from_a_stale_page_is_refused_and_what_was_typed_stays(client):
    from literacy.models import Person

    world = World()
    second = _second_officer(world)
    person = _person(world)
    url = reverse("literacy:person_edit", args=[person.pk])
    stale_page = _person_form(person)

    client.force_login(world.officer)
    assert client.post(url, {**stale_page, "grade": 5}).status_code == 302
    client.force_login(second)
    response = client.post(url, {**stale_page, "grade": 9, "relation": "Con dâu"})

    assert response.status_code == 409
    html = _html(response)
    assert "Nhân khẩu này vừa được Nguyễn Văn Chuyên sửa lúc" in html
    assert 'value="Con dâu"' in html and re.search(r'name="grade" value="9"', html)
    person = Person.objects.get(pk=person.pk)
    assert person.grade == 5 and person.relation == ""


def test_two_people_saving_the_same_person_at_once():
    from literacy import services as literacy
    from literacy.models import Person

    world = World()
    second = _second_officer(world)
    person = _person(world)
    seen = person.version

    def save(user, grade):
        return lambda: literacy.person_update(
            actor=user, person=Person.objects.get(pk=person.pk), expected_version=seen, grade=grade
        )

    winner = _race(officer=save(world.officer, 5), officer2=save(second, 9))
    person = Person.objects.get(pk=person.pk)
    assert person.grade == {"officer": 5, "officer2": 9}[winner]
    assert person.version == seen + 1


def test_an_import_that_changed_a_person_refuses_an_edit_page_opened_before_it():
    import io

    from literacy import household_import
    from literacy import services as literacy
    from literacy.models import Household, Person
    from tests.literacy.fixtures import make_round, row, workbook_bytes
    from units.concurrency import StaleEdit

    world = World()
    survey_round = make_round(world.office)

    def run_import(rows):
        data = io.BytesIO(workbook_bytes(rows))
        plan = household_import.check(data, survey_round=survey_round, commune=world.commune)
        assert plan.ok, plan.errors[:3]
        household_import.apply(plan, actor=world.officer, survey_round=survey_round, commune=world.commune)

    run_import([row(name="An", grade=2)])
    person = Person.objects.get(full_name="An")
    seen = person.version  # the edit page is opened here
    run_import([row(name="An", grade=5)])

    with pytest.raises(StaleEdit):
        literacy.person_update(actor=world.officer, person=person, expected_version=seen, grade=3)
    assert Person.objects.get(pk=person.pk).grade == 5
    assert Household.objects.get().version == 1  # the household itself did not change


# --- learning society: one assessment, and the grid --------------------------------------------


def _families(world):
    from learning_society import services as ls
    from learning_society.models import Title

    ls.rubrics_load_shipped(actor=None)
    return [
        ls.subject_create(actor=world.officer, area=world.hamlet, title=Title.FAMILY, name=name, head_name=name)
        for name in ("Hộ ông Nguyễn Văn An", "Hộ bà Trần Thị Bình")
    ]


def test_a_self_assessment_saved_from_a_stale_page_is_refused_and_what_was_typed_stays(client):
    from learning_society.models import Assessment
    from tests.learning_society.conftest import YEAR
    from tests.learning_society.test_views import FULL, criteria

    world = World()
    second = _second_officer(world)
    family = _families(world)[0]
    crit = criteria()
    url = reverse("learning_society:assess", args=[family.pk]) + f"?nam={YEAR}"
    stale_page = {"version": "0", **{f"c{c.pk}": v for c, v in zip(crit, FULL, strict=True)}}  # nothing saved yet

    client.force_login(world.officer)
    assert client.post(url, {**stale_page, f"e{crit[0].pk}": "Sổ học tập"}).status_code == 302
    client.force_login(second)
    response = client.post(url, {**stale_page, f"c{crit[0].pk}": "11", f"e{crit[0].pk}": "Biên bản họp thôn"})

    assert response.status_code == 409
    html = _html(response)
    assert "Đánh giá này vừa được Nguyễn Văn Chuyên lưu lúc" in html
    assert f'name="c{crit[0].pk}" id="id_c{crit[0].pk}" value="11"' in html
    assert 'value="Biên bản họp thôn"' in html
    assessment = Assessment.objects.get()
    first = assessment.scores.get(criterion=crit[0])
    assert first.points == 15 and first.evidence == "Sổ học tập"
    assert f'name="version" value="{assessment.version}"' in html


def test_two_people_saving_the_first_self_assessment_of_a_family_at_once():
    """No assessment row exists yet: locking the subject keeps the second from a duplicate row."""
    from learning_society import services as ls
    from learning_society.models import Assessment
    from tests.learning_society.conftest import YEAR
    from tests.learning_society.test_views import FULL, criteria

    world = World()
    second = _second_officer(world)
    family = _families(world)[0]
    crit = criteria()

    def save(user, first_points):
        points = {c.pk: v for c, v in zip(crit, FULL, strict=True)}
        points[crit[0].pk] = first_points
        return lambda: ls.assessment_save(actor=user, subject=family, year=YEAR, points=points, expected_version=0)

    winner = _race(officer=save(world.officer, "15"), officer2=save(second, "11"))
    assessment = Assessment.objects.get()
    assert assessment.scores.get(criterion=crit[0]).points == {"officer": 15, "officer2": 11}[winner]
    assert assessment.version == 1


def test_a_check_made_while_the_page_was_open_is_not_undone_by_its_save():
    from learning_society import services as ls
    from learning_society.models import Assessment
    from tests.learning_society.conftest import YEAR
    from tests.learning_society.test_views import FULL, criteria
    from units.concurrency import StaleEdit

    world = World()
    family = _families(world)[0]
    points = {c.pk: v for c, v in zip(criteria(), FULL, strict=True)}
    assessment = ls.assessment_save(actor=world.officer, subject=family, year=YEAR, points=points, submit=True)
    seen = assessment.version  # the page is opened here, then the association checks the row
    ls.assessments_check(actor=world.association_officer, assessment_ids=[assessment.pk])

    with pytest.raises(StaleEdit) as refused:
        ls.assessment_save(actor=world.officer, subject=family, year=YEAR, points=points, expected_version=seen)
    assert "Bùi Thị Hội" in refused.value.messages[0]
    assert Assessment.objects.get().status == Assessment.Status.CHECKED


def test_a_grid_saved_from_a_stale_page_is_refused_whole_and_what_was_typed_stays(client):
    from learning_society.models import Score
    from tests.learning_society.test_views import FULL, criteria, grid_post

    world = World()
    second = _second_officer(world)
    families = _families(world)
    crit = criteria()
    url = reverse("learning_society:grid", args=[world.hamlet.pk])
    client.force_login(world.officer)
    assert client.post(url, grid_post(families, crit)).status_code == 302  # both rows scored once
    stale_page = grid_post(families, crit)  # both people load the grid now

    assert client.post(url, grid_post(families, crit, values=["12", *FULL[1:]])).status_code == 302
    client.force_login(second)
    typed = json.loads(stale_page["cells"])
    typed["cells"][f"p-{families[1].pk}-{crit[1].pk}"] = "7"
    response = client.post(url, {**stale_page, "cells": json.dumps(typed)})

    assert response.status_code == 409
    html = _html(response)
    assert "Bảng chấm vừa được Nguyễn Văn Chuyên lưu lúc" in html
    assert "Hộ bà Trần Thị Bình" in html and f'name="p-{families[1].pk}-{crit[1].pk}" value="7"' in html
    points = dict(Score.objects.filter(assessment__subject=families[1]).values_list("criterion_id", "points"))
    assert points[crit[0].pk] == 12 and points[crit[1].pk] == 15  # the first person's save, untouched
    # The page now carries the rows' newer versions: saving again goes through.
    again = client.post(url, {**grid_post(families, crit), "cells": json.dumps(typed)})
    assert again.status_code == 302


def test_two_people_saving_the_same_grid_at_once():
    from learning_society import services as ls
    from learning_society.models import Assessment, Title
    from tests.learning_society.conftest import YEAR
    from tests.learning_society.test_views import FULL, criteria

    world = World()
    second = _second_officer(world)
    families = _families(world)
    crit = criteria()
    kw = {"area": world.hamlet, "title": Title.FAMILY, "year": YEAR}
    full = {f.pk: {c.pk: v for c, v in zip(crit, FULL, strict=True)} for f in families}
    ls.grid_save(actor=world.officer, points=full, **kw)
    seen = dict(Assessment.objects.values_list("subject_id", "version"))

    def save(user, first_points):
        points = {sid: {**row, crit[0].pk: first_points} for sid, row in full.items()}
        return lambda: ls.grid_save(actor=user, points=points, expected_versions=seen, **kw)

    winner = _race(officer=save(world.officer, "12"), officer2=save(second, "9"))
    expected = {"officer": 12, "officer2": 9}[winner]
    for assessment in Assessment.objects.all():
        assert assessment.scores.get(criterion=crit[0]).points == expected
        assert assessment.version == seen[assessment.subject_id] + 1


# --- centre self-assessment --------------------------------------------------------------------


def _centre_assessment(world):
    from centers import rubric_2553
    from rubrics.models import Rubric, RubricCriterion, RubricGroup
    from tests.centers import helpers
    from tests.factories import make_user
    from units.models import Role

    rubric_2553.load(Rubric, RubricGroup, RubricCriterion)  # a transactional test empties the tables
    deputy = make_user(Role.CENTRE_DIRECTOR, world.centre, username="director2", full_name="Lò Văn Phó")
    return helpers.make_assessment(world.centre, world.director), deputy


def test_a_centre_self_assessment_saved_from_a_stale_page_is_refused_and_what_was_typed_stays(client):
    from centers.models import SelfAssessment

    world = World()
    assessment, deputy = _centre_assessment(world)
    url = reverse("centers:assessment", args=[world.centre.pk]) + f"?nam={assessment.school_year}"
    rows = list(assessment.scores.values_list("criterion_id", flat=True))
    stale_page = {"save_scores": "1", "version": assessment.version}

    client.force_login(world.director)
    assert client.post(url, {**stale_page, f"p_{rows[0]}": "4", f"n_{rows[0]}": "Sổ theo dõi"}).status_code == 302
    client.force_login(deputy)
    response = client.post(url, {**stale_page, f"p_{rows[0]}": "3", f"n_{rows[0]}": "Biên bản kiểm tra"})

    assert response.status_code == 409
    html = _html(response)
    assert "Bản tự đánh giá vừa được Vũ Thị Giám lưu lúc" in html
    assert "Biên bản kiểm tra" in html
    assessment = SelfAssessment.objects.get(pk=assessment.pk)
    score = assessment.scores.get(criterion_id=rows[0])
    assert score.self_points == 4 and score.note == "Sổ theo dõi" and assessment.self_total == 4
    assert f'name="version" value="{assessment.version}"' in html


def test_two_people_saving_the_same_centre_self_assessment_at_once():
    from centers import services as centres
    from centers.models import SelfAssessment

    world = World()
    assessment, deputy = _centre_assessment(world)
    seen = assessment.version
    first = assessment.scores.values_list("criterion_id", flat=True).first()

    def save(user, points):
        return lambda: centres.assessment_save_scores(
            actor=user,
            assessment=SelfAssessment.objects.get(pk=assessment.pk),
            scores={first: (points, "")},
            expected_version=seen,
        )

    winner = _race(director=save(world.director, 4), director2=save(deputy, 2))
    assessment = SelfAssessment.objects.get(pk=assessment.pk)
    assert assessment.self_total == {"director": 4, "director2": 2}[winner]
    assert assessment.version == seen + 1
