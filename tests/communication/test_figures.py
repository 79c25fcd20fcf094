"""The communication figures other modules take: the report forms' news rows (providers), the annual
report's "Công tác tuyên truyền" section (annual blocks), and the demo district."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from annual.blocks import AnnualBlock
from communication import annual, demo
from communication.models import NewsItem
from reports import services as report_services
from reports.models import DataValue, ReportForm
from reports.providers import get_provider
from tests.communication import helpers
from tests.reports.helpers import open_period, submission_of
from units.models import AuditEntry, Unit, UnitKind, today

pytestmark = pytest.mark.django_db


def _week_form() -> ReportForm:
    report_services.standard_forms_load(publish=True)
    return ReportForm.objects.filter(code="HTSD-TUAN", owner__isnull=True).order_by("-version").first()


def _week(world, form, *, days_back=6):
    day = today()
    return open_period(
        world,
        form,
        kinds=[UnitKind.CENTRE],
        label="Tuần lễ hưởng ứng học tập suốt đời",
        start_date=day - datetime.timedelta(days=days_back),
        end_date=day,
    )


def _cell(sub, key):
    row, col = key.split(".")
    return DataValue.objects.filter(submission=sub, cell__row__code=row, cell__column__code=col).first()


def test_a_director_logs_news_and_the_week_report_is_pre_filled_with_it(world, login):
    """Done-when (issue 19): a director logs a news item and sees it counted in the lifelong-learning
    week report — the period's form pre-fills "Tin, bài" (H08) and "Băng rôn, pa nô" (H09)."""
    client = login(world.director)
    day = (today() - datetime.timedelta(days=2)).strftime("%d/%m/%Y")
    for title, channel, count in (
        ("Bài trên Zalo nhóm thôn về Tuần lễ học tập suốt đời", "social", "3"),
        ("Phát thanh Tuần lễ trên loa xã", "radio", "2"),
        ("Băng rôn hưởng ứng ở nhà văn hóa", "poster", "4"),
    ):
        response = client.post(
            reverse("communication:item_add"),
            {"unit": world.centre.pk, "date": day, "channel": channel, "topic": "week", "title": title, "count": count},
        )
        assert response.status_code == 302
    helpers.log(world.centre, title="Tin cũ, trước tuần lễ", day=today() - datetime.timedelta(days=40))
    helpers.log(world.school, title="Tin của trường, không phải của trung tâm", count=9)

    sub = submission_of(_week(world, _week_form()), world.centre)
    h08, h09 = _cell(sub, "H08.SL"), _cell(sub, "H09.SL")
    assert (h08.number, h08.from_provider) == (5, True)
    assert h09.number == 4
    page = login(world.director).get(reverse("reports:submission", args=[sub.pk])).content.decode()
    assert "Tuyên truyền và đánh giá" in page
    assert "Sổ tin, bài tuyên truyền" in page  # the cell says where its number comes from


def test_news_logged_after_the_week_opened_marks_the_cell_with_the_new_figure(world, login):
    sub = submission_of(_week(world, _week_form()), world.centre)
    assert _cell(sub, "H08.SL").number == 0
    helpers.log(world.centre, title="Bài trên cổng thông tin xã", channel="website", count=2)
    page = login(world.director).get(reverse("reports:submission", args=[sub.pk])).content.decode()
    assert 'data-stale="H08.SL"' in page


def test_the_school_report_takes_its_news_row_from_the_log(world):
    report_services.standard_forms_load(publish=True)
    form = ReportForm.objects.filter(code="TRUONG-GDTX", owner__isnull=True).order_by("-version").first()
    helpers.log(world.school, title="Tin trên trang web trường", channel="website", count=3)
    helpers.log(world.school, title="Pano ở cổng trường", channel="poster", count=2)  # not a news row
    sub = submission_of(open_period(world, form, kinds=[UnitKind.SCHOOL]), world.school)
    assert _cell(sub, "R12.TS").number == 3


def test_providers_sum_counts_over_each_units_subtree(world):
    helpers.log(world.school, channel="website", count=2)
    helpers.log(world.centre, channel="radio", count=5)
    helpers.log(world.centre, channel="poster", count=3)
    helpers.log(world.office, channel="event", count=1)
    helpers.log(world.other_school, channel="press", count=7, day=today() - datetime.timedelta(days=400))
    units = Unit.objects.filter(pk__in=[world.commune.pk, world.office.pk, world.difficult_commune.pk])
    start, end = today() - datetime.timedelta(days=30), today()
    assert get_provider("communication.news").func(units, start, end) == {
        world.commune.pk: 7,
        world.office.pk: 7,
        world.difficult_commune.pk: 0,
    }
    assert get_provider("communication.posters").func(units, start, end)[world.office.pk] == 3
    assert get_provider("communication.events").func(units, start, end)[world.office.pk] == 1
    assert get_provider("communication.items").func(units, start, end)[world.office.pk] == 4
    assert get_provider("communication.channel.radio").func(units, start, end)[world.commune.pk] == 5


def test_a_provider_runs_one_query_whatever_the_units(world, django_assert_num_queries):
    for _ in range(3):
        helpers.log(world.school)
    units = Unit.objects.all()
    with django_assert_num_queries(2):  # the units, the aggregate
        get_provider("communication.news").func(units, today() - datetime.timedelta(days=9), today())


def test_the_annual_report_has_the_communication_section(world):
    helpers.log(world.centre, channel="radio", count=5)
    helpers.log(world.school, channel="website", count=2)
    blocks = {b.key: b for b in annual.blocks()}
    assert all(isinstance(b, AnnualBlock) and b.section == "communication" for b in blocks.values())
    start, end = today() - datetime.timedelta(days=30), today()
    by_channel = blocks["communication.channels"].build(world.office, start, end)
    radio = next(r for r in by_channel.rows if r.cells[0].value == "Đài truyền thanh xã")
    assert radio.cells[1:] == [1, 5]
    assert by_channel.rows[-1].cells[1:] == [2, 7]
    by_commune = blocks["providers.communication"].build(world.office, start, end)
    row = next(r for r in by_commune.rows if r.cells[0].value == "Đống Đa")
    assert row.cells[1].value == 7


def test_the_demo_district_has_a_month_of_news_and_runs_twice_without_change(db):
    call_command("seed_demo", "--no-modules", stdout=io.StringIO())
    office = Unit.objects.get(code="DEMO-PGD")
    out = io.StringIO()
    demo.seed(office=office, stdout=out)
    items = NewsItem.objects.filter(unit__path__startswith=office.path)
    assert items.count() == 20
    assert {i.unit.kind for i in items} >= {UnitKind.OFFICE, UnitKind.COMMUNE, UnitKind.SCHOOL, UnitKind.CENTRE}
    assert min(i.date for i in items) >= today() - datetime.timedelta(days=31)
    assert AuditEntry.objects.filter(action="communication.item_create").count() == 20
    demo.seed(office=office, stdout=io.StringIO())
    assert NewsItem.objects.count() == 20
    assert "Truyền thông" in out.getvalue()
