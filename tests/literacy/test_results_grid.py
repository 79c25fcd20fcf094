"""The bulk term-results grid (issue 19): one page for the whole class, one save, empty by default,
every wrong cell named, all or nothing, a warning for a skipped term, and completion through levels.py."""

import datetime

from django.urls import reverse

from literacy import services
from literacy.models import TermResult
from tests.literacy.fixtures import YEAR, make_household, make_person, make_round


def _class_of_three(world):
    survey_round = make_round(world.office, number=1, reference_date=datetime.date(YEAR, 3, 31))
    household = make_household(survey_round, world.hamlet)
    people = [make_person(household, name=n, birth_year=YEAR - 20) for n in ("An Văn Ba", "Bế Thị Cúc", "Cầm Văn Dũng")]
    literacy_class = services.class_create(
        actor=None, run_by=world.centre, name="Lớp GĐ1 bản Mới", stage="1", start_date=datetime.date(YEAR, 1, 5)
    )
    services.enrol(actor=None, literacy_class=literacy_class, persons=people)
    enrolments = {e.person.full_name: e for e in literacy_class.enrolments.select_related("person")}
    return literacy_class, enrolments


def _url(literacy_class):
    return reverse("literacy:results_grid", kwargs={"pk": literacy_class.pk})


def test_the_grid_shows_every_learner_and_term_empty_by_default(world, login):
    literacy_class, enrolments = _class_of_three(world)
    page = login(world.director).get(_url(literacy_class))
    html = page.content.decode()
    assert page.status_code == 200
    for name, enrolment in enrolments.items():
        assert name in html
        for term in (1, 2, 3):
            assert f'name="r-{enrolment.pk}-{term}" value=""' in html
    assert "Hoàn thành tốt" not in html.split("<tbody>")[1].split("</tbody>")[0]
    detail = login(world.director).get(reverse("literacy:class_detail", kwargs={"pk": literacy_class.pk}))
    assert _url(literacy_class) in detail.content.decode()


def test_one_save_completes_the_stage_and_raises_the_level_and_a_correction_lowers_it(world, login):
    literacy_class, enrolments = _class_of_three(world)
    an, cuc = enrolments["An Văn Ba"], enrolments["Bế Thị Cúc"]
    client = login(world.director)
    cells = {f"r-{an.pk}-1": "h", f"r-{an.pk}-2": "T", f"r-{an.pk}-3": "HT", f"r-{cuc.pk}-1": "C"}
    response = client.post(_url(literacy_class), cells)
    assert response.status_code == 302
    an.refresh_from_db()
    an.person.refresh_from_db()
    assert an.completed and an.person.literacy_level == 1
    assert dict(TermResult.objects.filter(enrolment=an).values_list("term", "result")) == {1: "HT", 2: "HTT", 3: "HT"}
    assert TermResult.objects.filter(enrolment=cuc).count() == 1

    response = client.post(_url(literacy_class), {**cells, f"r-{an.pk}-3": "C"})
    an.refresh_from_db()
    an.person.refresh_from_db()
    assert not an.completed and an.person.literacy_level == 0
    # Emptying a cell takes the result away.
    client.post(_url(literacy_class), {**cells, f"r-{an.pk}-3": ""})
    assert not TermResult.objects.filter(enrolment=an, term=3).exists()


def test_a_wrong_cell_is_named_and_nothing_is_saved(world, login):
    literacy_class, enrolments = _class_of_three(world)
    an, dung = enrolments["An Văn Ba"], enrolments["Cầm Văn Dũng"]
    response = login(world.director).post(
        _url(literacy_class), {f"r-{an.pk}-1": "H", f"r-{an.pk}-3": "H", f"r-{dung.pk}-2": "Giỏi"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Dòng 3 (Cầm Văn Dũng), kỳ 2" in html and "Giỏi" in html
    assert 'value="Giỏi"' in html  # what was typed stays on the page
    assert not TermResult.objects.filter(enrolment__literacy_class=literacy_class).exists()


def test_a_skipped_term_is_warned_about(world, login):
    literacy_class, enrolments = _class_of_three(world)
    an = enrolments["An Văn Ba"]
    client = login(world.director)
    response = client.post(_url(literacy_class), {f"r-{an.pk}-1": "H", f"r-{an.pk}-3": "H"}, follow=True)
    html = response.content.decode()
    assert "An Văn Ba: kỳ 2 còn trống" in html
    assert "skipped-term" in html


def test_the_grid_queries_do_not_grow_with_the_class(world, login, django_assert_max_num_queries):
    literacy_class, enrolments = _class_of_three(world)
    client = login(world.director)
    with django_assert_max_num_queries(20):
        client.get(_url(literacy_class))
    household = make_household(enrolments["An Văn Ba"].person.round, world.hamlet)
    more = [make_person(household, birth_year=YEAR - 30) for _ in range(12)]
    services.enrol(actor=None, literacy_class=literacy_class, persons=more)
    with django_assert_max_num_queries(20):
        client.get(_url(literacy_class))


def test_a_reader_who_may_not_edit_cannot_save(world, login):
    literacy_class, enrolments = _class_of_three(world)
    an = enrolments["An Văn Ba"]
    response = login(world.viewer).post(_url(literacy_class), {f"r-{an.pk}-1": "H"})
    assert response.status_code == 403
    assert not TermResult.objects.filter(enrolment=an).exists()


def test_the_one_learner_form_of_the_class_page_has_no_preselected_result(world, login):
    literacy_class, _enrolments = _class_of_three(world)
    html = (
        login(world.director).get(reverse("literacy:class_detail", kwargs={"pk": literacy_class.pk})).content.decode()
    )
    select = html.split('name="result"')[1].split("</select>")[0]
    assert '<option value="" selected>' in select


def test_a_result_someone_else_saved_meanwhile_is_not_overwritten(world, login):
    literacy_class, enrolments = _class_of_three(world)
    an, cuc = enrolments["An Văn Ba"], enrolments["Bế Thị Cúc"]
    page = login(world.director).get(_url(literacy_class)).content.decode()
    assert f'name="o-r-{an.pk}-1" value=""' in page
    # A colleague records An's term 1 while this page is open.
    services.result_record(actor=world.officer, enrolment=an, term=1, result="CHT")
    client = login(world.director)
    # Left as shown (empty) → not written: the colleague's result stays.
    client.post(_url(literacy_class), {f"r-{an.pk}-1": "", f"o-r-{an.pk}-1": "", f"r-{cuc.pk}-1": "H"})
    assert TermResult.objects.get(enrolment=an, term=1).result == "CHT"
    assert TermResult.objects.get(enrolment=cuc, term=1).result == "HT"
    # Changed here too → refused, the cell named, nothing saved.
    response = client.post(
        _url(literacy_class), {f"r-{an.pk}-1": "T", f"o-r-{an.pk}-1": "", f"r-{cuc.pk}-2": "H", f"o-r-{cuc.pk}-2": ""}
    )
    assert response.status_code == 400
    assert "Dòng 1 (An Văn Ba), kỳ 1: người khác vừa ghi “Chưa hoàn thành”" in response.content.decode()
    assert TermResult.objects.get(enrolment=an, term=1).result == "CHT"
    assert not TermResult.objects.filter(enrolment=cuc, term=2).exists()
