"""Attendance per session and dropouts (issue 19)."""

import datetime

import pytest
from django.urls import reverse

from literacy import class_ops, services
from literacy.models import Attendance, Dropout
from tests.literacy.fixtures import YEAR, make_household, make_person, make_round

START = datetime.date(YEAR, 1, 5)


def _class_of_three(world):
    survey_round = make_round(world.office, number=1, reference_date=datetime.date(YEAR, 3, 31))
    household = make_household(survey_round, world.hamlet)
    people = [make_person(household, name=n, birth_year=YEAR - 20) for n in ("An Văn Ba", "Bế Thị Cúc", "Cầm Văn Dũng")]
    literacy_class = services.class_create(
        actor=None, run_by=world.centre, name="Lớp GĐ1 bản Mới", stage="1", start_date=START
    )
    services.enrol(actor=None, literacy_class=literacy_class, persons=people)
    return literacy_class, {e.person.full_name: e for e in literacy_class.enrolments.select_related("person")}


def test_a_session_is_taken_in_one_post_and_rates_follow(world, login):
    literacy_class, enrolments = _class_of_three(world)
    an, cuc, dung = enrolments.values()
    url = reverse("literacy:attendance", kwargs={"pk": literacy_class.pk})
    client = login(world.director)
    page = client.get(url)
    assert page.status_code == 200 and 'class="btn-check"' in page.content.decode()
    client.post(url, {"date": "06/01/2026", "present": [an.pk, cuc.pk]})
    client.post(url, {"date": "08/01/2026", "present": [an.pk]})
    assert Attendance.objects.filter(session__literacy_class=literacy_class).count() == 6
    rates = class_ops.learner_rates(literacy_class)
    assert (rates[an.pk].percent, rates[cuc.pk].percent, rates[dung.pk].percent) == (100.0, 50.0, 0.0)
    assert class_ops.class_rate(literacy_class).percent == 50.0
    # The same date again corrects that session instead of adding one.
    client.post(url, {"date": "08/01/2026", "present": [an.pk, dung.pk]})
    assert literacy_class.sessions.count() == 2
    html = client.get(url).content.decode()
    assert "Chuyên cần của lớp: 66,7%" in html or "Chuyên cần của lớp: 66.7%" in html


def test_a_bad_date_is_refused_in_vietnamese_and_nothing_saved(world, login):
    literacy_class, enrolments = _class_of_three(world)
    url = reverse("literacy:attendance", kwargs={"pk": literacy_class.pk})
    client = login(world.director)
    for date in ("31/02/2026", "01/01/2026", "01/01/2099", "<script>"):
        response = client.post(url, {"date": date, "present": [1, 2, "x"]})
        assert response.status_code == 400, date
    assert "trước ngày khai giảng" in client.post(url, {"date": "01/01/2026"}).content.decode()
    assert not literacy_class.sessions.exists()


def test_a_dropout_leaves_the_grids_and_only_the_office_brings_the_learner_back(world, login):
    literacy_class, enrolments = _class_of_three(world)
    cuc = enrolments["Bế Thị Cúc"]
    client = login(world.director)
    refused = client.post(reverse("literacy:dropout", kwargs={"pk": cuc.pk}), {"date": "10/01/2026", "reason": "gì đó"})
    assert refused.status_code == 400 and "Hãy chọn lý do bỏ học." in refused.content.decode()
    client.post(
        reverse("literacy:dropout", kwargs={"pk": cuc.pk}),
        {"date": "10/01/2026", "reason": "work", "note": "đi làm xa"},
    )
    assert Dropout.objects.get(enrolment=cuc).reason == "work"
    attendance_page = client.get(reverse("literacy:attendance", kwargs={"pk": literacy_class.pk})).content.decode()
    assert f'value="{cuc.pk}"' not in attendance_page
    grid = client.get(reverse("literacy:results_grid", kwargs={"pk": literacy_class.pk})).content.decode()
    assert "Đã bỏ học" in grid
    detail = client.get(reverse("literacy:class_detail", kwargs={"pk": literacy_class.pk})).content.decode()
    assert "Đã bỏ học" in detail

    reverse_url = reverse("literacy:dropout_reverse", kwargs={"pk": cuc.pk})
    assert client.post(reverse_url).status_code == 403
    assert Dropout.objects.filter(enrolment=cuc).exists()
    login(world.officer).post(reverse_url)
    assert not Dropout.objects.filter(enrolment=cuc).exists()


def test_the_closing_report_is_an_official_report_in_pdf_and_word(world, login):
    from documents.check import check_official_pdf

    literacy_class, enrolments = _class_of_three(world)
    an, cuc = enrolments["An Văn Ba"], enrolments["Bế Thị Cúc"]
    client = login(world.director)
    client.post(
        reverse("literacy:attendance", kwargs={"pk": literacy_class.pk}), {"date": "06/01/2026", "present": [an.pk]}
    )
    grid = reverse("literacy:results_grid", kwargs={"pk": literacy_class.pk})
    client.post(grid, {f"r-{an.pk}-1": "H", f"r-{an.pk}-2": "H", f"r-{an.pk}-3": "T"})
    client.post(reverse("literacy:dropout", kwargs={"pk": cuc.pk}), {"date": "10/01/2026", "reason": "moved"})
    url = reverse("literacy:closing_report", kwargs={"pk": literacy_class.pk})
    preview = client.get(url).content.decode()
    assert "An Văn Ba" in preview and "HTT" in preview and "Chuyển nơi ở" in preview
    assert "3 học viên ghi danh, 1 học viên bỏ học, 1 học viên hoàn thành giai đoạn" in preview
    response = client.get(url + "?pdf=1")
    data = b"".join(response.streaming_content) if response.streaming else response.content
    assert data.startswith(b"%PDF")
    problems = check_official_pdf(data, kind="bao_cao")
    assert problems == [], problems
    word = client.get(url + "?docx=1")
    assert word.status_code == 200 and word.content[:2] == b"PK"


def test_the_class_list_counts_dropouts(world, login):
    literacy_class, enrolments = _class_of_three(world)
    class_ops.dropout_record(actor=None, enrolment=enrolments["An Văn Ba"], date=START, reason="health")
    html = login(world.director).get(reverse("literacy:class_list")).content.decode()
    row = html.split(literacy_class.name)[1].split("</tr>")[0]
    assert '<td class="text-end">3</td><td class="text-end">1</td>' in row


def test_the_attendance_page_queries_do_not_grow_with_the_class(world, login, django_assert_max_num_queries):
    literacy_class, enrolments = _class_of_three(world)
    client = login(world.director)
    url = reverse("literacy:attendance", kwargs={"pk": literacy_class.pk})
    client.post(url, {"date": "06/01/2026", "present": [e.pk for e in enrolments.values()]})
    with django_assert_max_num_queries(25):
        client.get(url + "?ngay=2026-01-06")
    household = make_household(enrolments["An Văn Ba"].person.round, world.hamlet)
    services.enrol(actor=None, literacy_class=literacy_class, persons=[make_person(household) for _ in range(12)])
    client.post(url, {"date": "08/01/2026", "present": []})
    with django_assert_max_num_queries(25):
        client.get(url + "?ngay=2026-01-08")


def test_attendance_refuses_a_learner_of_another_class_and_saves_nothing(world):
    """Ticking an enrolment id that is not of this class (another office's, typed into the form) is
    refused and nothing is written (the IDOR POST sweep's case)."""
    from django.core.exceptions import ValidationError

    from literacy.models import ClassSession

    literacy_class, by_name = _class_of_three(world)
    enrolments = list(by_name.values())
    foreign = max(e.pk for e in enrolments) + 10_000
    with pytest.raises(ValidationError):
        class_ops.attendance_save(
            actor=None,
            literacy_class=literacy_class,
            date=START + datetime.timedelta(days=7),
            present_ids={enrolments[0].pk, foreign},
        )
    assert not ClassSession.objects.exists() and not Attendance.objects.exists()
