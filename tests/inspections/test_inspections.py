"""Inspections end to end through the pages: plan, perform, recommend, answer, close; the biên bản;
the unit's home; the office's plan against what was done; the annual block; the demo."""

import datetime
import io

from django.core.management import call_command
from django.urls import reverse

from inspections import annual, demo, services
from inspections.models import Check, Inspection, Recommendation, RecStatus, Status
from tests.inspections import helpers
from units.calendar import school_year_dates, school_year_of, today
from units.models import Unit


def _d(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def test_the_office_plans_performs_and_the_centre_answers_a_recommendation(world, client):
    client.force_login(world.officer)
    content = helpers.contents(world.office)[1]
    day = today() - datetime.timedelta(days=2)
    response = client.post(
        reverse("inspections:inspection_add"),
        {
            "unit": world.centre.pk,
            "planned_date": _d(day),
            "contents": [content.pk],
            "team": [world.officer.pk],
            "leader": world.leader.pk,
        },
    )
    inspection = Inspection.objects.get()
    assert response.status_code == 302 and inspection.status == Status.PLANNED
    assert inspection.leader == world.leader and set(inspection.team.all()) == {world.officer, world.leader}
    items = list(content.items.all())
    data = {"done_date": _d(day), "notes": "Sổ sách chưa đủ"} | {f"result_{i.pk}": "passed" for i in items}
    data[f"result_{items[0].pk}"], data[f"note_{items[0].pk}"] = "failed", "Thiếu kế hoạch"
    assert client.post(reverse("inspections:perform", args=[inspection.pk]), data).status_code == 302
    inspection.refresh_from_db()
    assert inspection.status == Status.DONE and Check.objects.filter(result="failed").count() == 1
    client.post(
        reverse("inspections:rec_add", args=[inspection.pk]),
        {"text": "Xây dựng kế hoạch hoạt động năm học", "deadline": _d(today() + datetime.timedelta(days=10))},
    )
    rec = Recommendation.objects.get()

    client.force_login(world.director)
    home = client.get(reverse("home")).content.decode()
    assert "Xây dựng kế hoạch hoạt động năm học" in home
    client.post(
        reverse("inspections:rec_answer", args=[rec.pk]),
        {"response": "Đã xây dựng và trình duyệt kế hoạch", "file": helpers.pdf()},
    )
    rec.refresh_from_db()
    assert rec.status == RecStatus.ANSWERED and rec.response_name == "chung-tu.pdf"
    assert client.get(reverse("inspections:rec_file", args=[rec.pk]))["Content-Type"] == "application/pdf"

    client.force_login(world.officer)
    page = client.get(reverse("inspections:inspection", args=[inspection.pk])).content.decode()
    assert "Đã xây dựng và trình duyệt kế hoạch" in page
    client.post(reverse("inspections:rec_close", args=[rec.pk]))
    assert Recommendation.objects.get().status == RecStatus.CLOSED
    client.force_login(world.director)
    assert "Xây dựng kế hoạch hoạt động năm học" not in client.get(reverse("home")).content.decode()
    client.force_login(world.officer)
    client.post(reverse("inspections:rec_reopen", args=[rec.pk]))
    assert Recommendation.objects.get().status == RecStatus.ANSWERED


def test_the_bien_ban_is_an_official_document_in_pdf_and_word(world, client):
    from documents.check import check_official_pdf

    inspection, _rec = helpers.done_with_rec(world)
    client.force_login(world.officer)
    url = reverse("inspections:bien_ban", args=[inspection.pk])
    preview = client.get(url).content.decode()
    assert "BIÊN BẢN" in preview.upper() and world.centre.name in preview and "Bổ sung sổ sách" in preview
    assert "TRƯỞNG ĐOÀN KIỂM TRA" in preview and world.officer.full_name in preview
    response = client.get(url + "?pdf=1")
    assert response["Content-Type"] == "application/pdf"
    assert check_official_pdf(response.content, kind="bien_ban") == []
    assert client.get(url + "?docx=1").content[:2] == b"PK"


def test_no_bien_ban_before_the_visit(world, client):
    inspection = helpers.plan(world.office, world.centre, [world.officer])
    client.force_login(world.officer)
    assert client.get(reverse("inspections:bien_ban", args=[inspection.pk])).status_code == 404


def test_the_office_sees_the_plan_against_what_was_done(world, client):
    done, _rec = helpers.done_with_rec(world)
    helpers.plan(world.office, world.school, [world.officer], day=today() + datetime.timedelta(days=5))
    overdue = helpers.recommend(done, text="Quá hạn", days=0)
    Recommendation.objects.filter(pk=overdue.pk).update(deadline=today() - datetime.timedelta(days=1))
    client.force_login(world.leader)
    page = client.get(reverse("inspections:index") + f"?nam={done.school_year}").content.decode()
    assert 'data-testid="plan-done">1/2<' in page
    assert "Kiến nghị quá hạn chưa trả lời" in page
    home = client.get(reverse("home")).content.decode()
    assert "đã kiểm tra 1/2 đợt theo kế hoạch" in home and "2 kiến nghị chưa đóng, 1 quá hạn" in home


def test_the_index_runs_a_fixed_number_of_queries(world, client, django_assert_max_num_queries):
    client.force_login(world.officer)
    url = reverse("inspections:index")
    helpers.done_with_rec(world)
    with django_assert_max_num_queries(40) as ctx:
        client.get(url)
    small = len(ctx.captured_queries)
    for _ in range(6):
        helpers.done_with_rec(world)
    with django_assert_max_num_queries(small):
        client.get(url)


def test_a_used_item_is_not_deleted_and_an_unused_one_is(world, client):
    inspection = helpers.plan(world.office, world.centre, [world.officer])
    helpers.perform(inspection)
    used = inspection.contents.first().items.first()
    client.force_login(world.officer)
    response = client.post(reverse("inspections:item_delete", args=[used.pk]), follow=True)
    assert "đã được dùng trong một đợt kiểm tra" in response.content.decode()
    client.post(reverse("inspections:item_add", args=[used.content_id]), {"text": "Mục mới"})
    new = used.content.items.get(text="Mục mới")
    client.post(reverse("inspections:item_delete", args=[new.pk]))
    assert not used.content.items.filter(text="Mục mới").exists()


def test_the_annual_report_lists_the_years_inspections(world):
    inspection, _rec = helpers.done_with_rec(world)
    block = {b.key: b for b in annual.blocks()}["inspections.visits"]
    assert block.section == "direction"
    start, end = school_year_dates(school_year_of(inspection.planned_date))
    table = block.build(world.office, start, end)
    assert table.rows[0].cells[0].value == world.centre.name
    assert table.rows[0].cells[4] == 1
    assert "1/1" in table.rows[-1].cells[0]


def test_the_demo_district_has_two_inspections_with_open_recommendations(db):
    call_command("seed_demo", "--no-modules", stdout=io.StringIO())
    office = Unit.objects.get(code="DEMO-PGD")
    out = io.StringIO()
    demo.seed(office=office, stdout=out)
    done = Inspection.objects.filter(office=office, status=Status.DONE)
    assert done.count() == 2
    assert {i.pk for i in done} == set(
        Recommendation.objects.exclude(status=RecStatus.CLOSED).values_list("inspection_id", flat=True)
    )
    assert Recommendation.objects.filter(status=RecStatus.ANSWERED).count() == 1
    before = Inspection.objects.count()
    demo.seed(office=office, stdout=io.StringIO())
    assert Inspection.objects.count() == before and "Kiểm tra" in out.getvalue()


def test_the_providers_count_visits_and_recommendations_by_unit(world, django_assert_num_queries):
    from reports.providers import get_provider

    inspection, rec = helpers.done_with_rec(world)
    helpers.recommend(inspection, text="Thứ hai")
    services.recommendation_close(actor=None, rec=rec)
    units = Unit.objects.filter(pk__in=[world.centre.pk, world.commune.pk, world.school.pk])
    day = inspection.done_date
    with django_assert_num_queries(2):
        visits = get_provider("inspections.visits").func(units, day, day)
    assert visits == {world.centre.pk: 1, world.commune.pk: 1, world.school.pk: 0}
    assert get_provider("inspections.recommendations").func(units, day, day)[world.commune.pk] == 2
    assert get_provider("inspections.recommendations_closed").func(units, day, day)[world.centre.pk] == 1
    later = day + datetime.timedelta(days=1)
    assert get_provider("inspections.visits").func(units, later, later)[world.centre.pk] == 0


def test_the_office_renames_a_sample_content_and_plans_with_it(world, client):
    content = helpers.contents(world.office)[0]
    assert content.is_sample
    client.force_login(world.officer)
    client.post(reverse("inspections:content_edit", args=[content.pk]), {"title": "Hồ sơ XMC theo hướng dẫn của Sở"})
    page = client.get(reverse("inspections:inspection_add")).content.decode()
    assert "Hồ sơ XMC theo hướng dẫn của Sở" in page
    response = client.post(reverse("inspections:content_edit", args=[content.pk]), {"title": "   "})
    assert response.status_code == 200 and "is-invalid" in response.content.decode()
