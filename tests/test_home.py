"""The home page of each role: what it shows, and a query count that does not grow with data."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gdtx_portal import views
from tests.factories import make_unit, make_user
from units import milestones
from units.models import Role, SchoolLevel, UnitKind
from units.plugins import plugin_modules


def home_html(client, user) -> str:
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def queries_for_home(client, user) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/").status_code == 200
    return len(ctx)


def grow(world, n: int = 5) -> None:
    """More communes, hamlets, schools, centres, people and audit rows under office A, and more
    colleagues on every role's unit."""
    for i in range(n):
        commune = make_unit(UnitKind.COMMUNE, parent=world.office, name=f"Thêm {i}")
        make_unit(UnitKind.HAMLET, parent=commune)
        make_unit(UnitKind.HAMLET, parent=world.commune)
        make_unit(UnitKind.SCHOOL, parent=commune, school_level=SchoolLevel.PRIMARY)
        make_unit(UnitKind.CENTRE, parent=commune)
        make_user(Role.SCHOOL_STAFF, world.school)
        make_user(Role.CENTRE_STAFF, world.centre)
        make_user(Role.ASSOCIATION_OFFICER, world.association)
        make_user(Role.VIEWER, world.office)


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_home_page_queries_do_not_grow_with_data(world, client, django_assert_num_queries, role):
    user = world.role_users[role]
    before = queries_for_home(client, user)
    # The office's dashboard gathers every module's panel and chart (issue 7): a fixed budget,
    # and above all the same number after the office grows.
    assert before <= 45
    grow(world, views.COLLEAGUES_SHOWN)
    with django_assert_num_queries(before):
        assert client.get("/").status_code == 200


def test_office_home_summarises_the_office(world, client):
    html = home_html(client, world.officer)
    assert "Bảng điều hành của phòng" in html
    assert "Đống Đa" in html and "Nậm Pồ" in html
    assert "ĐBKK" in html
    assert "Thêm đơn vị" in html
    assert "Bên Kia" not in html  # office B's communes are not office A's business


def test_leader_and_viewer_see_the_dashboard_without_the_edit_buttons(world, client):
    leader = home_html(client, world.leader)
    assert "Trang của lãnh đạo phòng" in leader and "Thêm đơn vị" not in leader
    viewer = home_html(client, world.viewer)
    assert "Trang theo dõi (chỉ đọc)" in viewer and "Thêm đơn vị" not in viewer


def test_long_commune_lists_end_with_a_link_to_the_tree(world, client):
    grow(world, views.COMMUNES_SHOWN)
    html = home_html(client, world.officer)
    assert "Xem thêm 2 xã trong cây đơn vị" in html


def test_communes_are_in_vietnamese_alphabetical_order(world, client):
    for name in ["Đông Sơn", "Dương Liễu", "Ea Súp", "An Bình"]:
        make_unit(UnitKind.COMMUNE, parent=world.office, name=name)
    html = home_html(client, world.officer)
    positions = [html.index(f"Xã {name}") for name in ["An Bình", "Dương Liễu", "Đống Đa", "Đông Sơn", "Ea Súp"]]
    assert positions == sorted(positions)


def test_school_home_shows_the_school_and_its_people(world, client):
    html = home_html(client, world.principal)
    assert "Trang của hiệu trưởng" in html
    assert "Thông tin nhà trường" in html
    assert "Trường THCS Đống Đa" in html and "SCH1" in html
    assert "Hoàng Văn Giáo" in html  # a colleague with an account
    assert "Nậm Pồ" not in html
    staff = home_html(client, world.school_staff)
    assert "Trang của cán bộ, giáo viên" in staff


def test_long_colleague_lists_say_how_many_more(world, client):
    for _ in range(views.COLLEAGUES_SHOWN + 3):
        make_user(Role.SCHOOL_STAFF, world.school)
    html = home_html(client, world.principal)
    # principal + teacher + 11 new = 13 people, 8 shown
    assert "và 5 người khác" in html


def test_centre_home(world, client):
    html = home_html(client, world.director)
    assert "Trang của giám đốc trung tâm" in html and "TTHTCĐ xã Đống Đa" in html
    assert "Thông tin trung tâm" in html
    assert "Trang của cán bộ trung tâm" in home_html(client, world.centre_staff)


def test_association_home_shows_the_commune_it_works_in(world, client):
    html = home_html(client, world.association_officer)
    assert "Trang của Hội Khuyến học" in html
    assert "Địa bàn xã Đống Đa" in html
    assert "Thôn Đông" in html and "Thôn Thôn" not in html


def test_a_user_without_a_role_is_told_what_to_do(db, client):
    user = make_user(username="norole", full_name="Người Chưa Giao")
    html = home_html(client, user)
    assert "chưa có vai trò nào đang hiệu lực" in html
    assert "Đổi mật khẩu" in html


def test_a_user_whose_role_ended_is_treated_as_without_role(world, client):
    membership = world.principal.memberships.get()
    membership.valid_to = datetime.date(2020, 1, 1)
    membership.valid_from = datetime.date(2019, 1, 1)
    membership.save()
    assert "chưa có vai trò nào đang hiệu lực" in home_html(client, world.principal)


def test_home_pages_show_upcoming_milestones_for_the_role(world, client):
    centre = home_html(client, world.director)
    assert "Mốc thời gian sắp tới" in centre
    school = home_html(client, world.principal)
    assert "TTHTCĐ nộp báo cáo hoạt động năm" not in school


def test_milestones_come_in_date_order_and_roll_over_to_next_year():
    upcoming = milestones.upcoming_milestones(Role.CENTRE_DIRECTOR, datetime.date(2026, 5, 21), limit=10)
    starts = [m["start"] for m in upcoming]
    assert starts == sorted(starts)
    assert starts[0] == datetime.date(2026, 10, 1)  # lifelong-learning week is next
    report = next(m for m in upcoming if "20/5" in str(m["source"]) or m["start"].month == 5)
    assert report["start"] == datetime.date(2027, 5, 20)


def test_a_milestone_lasting_a_week_is_ongoing_inside_it():
    week = next(
        m for m in milestones.upcoming_milestones(Role.PRINCIPAL, datetime.date(2026, 10, 3)) if m["start"].month == 10
    )
    assert week["ongoing"] and week["end"] == datetime.date(2026, 10, 7)


def test_a_role_only_sees_its_milestones():
    upcoming = milestones.upcoming_milestones(Role.ASSOCIATION_OFFICER, datetime.date(2026, 1, 1), limit=20)
    titles = {str(m["title"]) for m in upcoming}
    assert "Báo cáo kết quả xây dựng các mô hình học tập" in titles
    assert "TTHTCĐ nộp báo cáo hoạt động năm cho Phòng GD&ĐT" not in titles


def test_domain_apps_can_add_panels(world, client, monkeypatch, tmp_path, settings):
    import sys
    import types

    module = types.ModuleType("centers.home")
    module.panels = lambda request, *, role, unit: [{"template": "home/_test_panel.html", "text": f"Việc của {unit}"}]
    monkeypatch.setitem(sys.modules, "centers.home", module)
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "_test_panel.html").write_text("<p>{{ panel.text }}</p>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    plugin_modules.cache_clear()
    try:
        assert "Việc của TTHTCĐ xã Đống Đa" in home_html(client, world.director)
    finally:
        plugin_modules.cache_clear()


def test_a_district_association_branch_sees_the_communes(world, client):
    branch = make_unit(UnitKind.ASSOCIATION, parent=world.office, name="Hội Khuyến học huyện Thử Nghiệm")
    officer = make_user(Role.ASSOCIATION_OFFICER, branch)
    html = home_html(client, officer)
    assert "Các xã, phường, thị trấn trên địa bàn" in html
    assert "Xã Đống Đa" in html and "Xã Nậm Pồ · ĐBKK" in html


def test_the_district_centre_is_not_given_the_tthtcd_deadlines(world, client):
    district_centre = make_unit(UnitKind.DISTRICT_CENTRE, parent=world.office, name="Trung tâm GDNN-GDTX huyện")
    director = make_user(Role.CENTRE_DIRECTOR, district_centre)
    html = home_html(client, director)
    assert "Trung tâm GDNN-GDTX huyện" in html
    assert "TTHTCĐ nộp báo cáo hoạt động năm" not in html
    assert "trước ngày 20/5" not in html
    assert "trước ngày 20/5" in home_html(client, world.director)


def test_office_dashboard_shows_attention_figures_and_charts(world, client):
    html = home_html(client, world.officer)
    assert "Cần xử lý: báo cáo" in html
    assert "Kỳ báo cáo hết hạn trong 7 ngày" in html
    assert "Hoạt động của các TTHTCĐ theo tháng" in html  # the activities chart, drawn inline
    assert "Danh hiệu học tập năm" in html
    assert html.count("<svg") >= 2


def test_principal_home_lists_what_is_due_and_what_was_returned(world, client):
    from reports import services
    from tests.reports.helpers import fill_and_submit, open_period, submission_of

    period = open_period(world)
    submission = fill_and_submit(submission_of(period, world.school), world.principal, {"R01.TS": "10", "R01.NU": "4"})
    services.submission_return(actor=world.officer, submission=submission, reason="Thiếu số liệu lớp học")
    html = home_html(client, world.principal)
    assert "Báo cáo cần nộp" in html
    assert "Thiếu số liệu lớp học" in html
    assert "1 bị trả lại" in html


# ----------------------------------------------------------------------------------------------
# "Số liệu mới nhất": a school's or centre's latest figures, and the director's year against last
# ----------------------------------------------------------------------------------------------


def submitted_report(world, unit, user, values, *, label, days_ago=0, approve=False):
    """A period of the office's test form covering up to `days_ago` days back, filled and sent by
    `unit` (still open for entry today, so the unit can send it)."""
    from reports import services
    from reports.models import ReportForm
    from tests.reports.helpers import fill_and_submit, make_form, open_period, submission_of
    from units.models import today

    form = ReportForm.objects.filter(code="TEST-FORM").first() or make_form(world)
    end = today() - datetime.timedelta(days=days_ago)
    period = open_period(world, form, label=label, start_date=end - datetime.timedelta(days=200), end_date=end)
    submission = fill_and_submit(submission_of(period, unit), user, values)
    if approve:
        submission = services.submission_approve(actor=world.officer, submission=submission)
    return submission


def test_principal_home_shows_the_latest_figures_against_the_previous_period(world, client):
    submitted_report(
        world,
        world.school,
        world.principal,
        {"R01.TS": "1000", "R01.NU": "500", "R02.TS": "200"},
        label="Năm 2024-2025",
        days_ago=365,
    )
    latest = submitted_report(
        world,
        world.school,
        world.principal,
        {"R01.TS": "1200", "R01.NU": "600", "R02.TS": "300", "R02.NU": "100"},
        label="Năm 2025-2026",
        approve=True,
    )
    html = home_html(client, world.principal)
    assert "Số liệu mới nhất" in html
    assert reverse("reports:submission", args=[latest.pk]) in html
    assert "Biểu thử nghiệm" in html and "Năm 2025-2026" in html and "Đã duyệt" in html
    assert "/bao-cao/" in html and f"{latest.pk}" in html
    # The form's total row (named by its section), the women's rate and the first typed row,
    # with thousands separated by dots, each against last year's report.
    assert "Lớp pháp luật" in html and "1.200" in html
    assert "Người học" in html and "1.500" in html and "+300 so với kỳ trước" in html
    assert "Tỉ lệ nữ" in html and "46,7" in html
    assert "so với kỳ trước: Năm 2024-2025" in html


def test_latest_figures_link_to_the_report(world, client):
    latest = submitted_report(world, world.school, world.principal, {"R01.TS": "12"}, label="Năm 2025-2026")
    html = home_html(client, world.principal)
    assert reverse("reports:submission", args=[latest.pk]) in html
    assert "Đã nộp, chờ duyệt" in html
    assert "so với kỳ trước" not in html  # nothing earlier to compare with


def test_an_approved_report_is_shown_before_a_newer_one_still_waiting(world, client):
    submitted_report(
        world, world.school, world.principal, {"R01.TS": "2345"}, label="Kỳ đã duyệt", days_ago=30, approve=True
    )
    submitted_report(world, world.school, world.principal, {"R01.TS": "7777"}, label="Kỳ chờ duyệt")
    html = home_html(client, world.principal)
    assert "2.345" in html and "Kỳ đã duyệt" in html
    assert "7.777" not in html


def test_a_unit_that_has_sent_nothing_is_told_where_to_start(world, client):
    html = home_html(client, world.principal)
    assert "Chưa có báo cáo nào được nộp" in html
    assert f'href="{reverse("reports:inbox")}"' in html
    # A report still being typed is not a figure yet.
    from tests.reports.helpers import open_period, save, submission_of

    save(submission_of(open_period(world), world.school), world.principal, {"R01.TS": "999"})
    html = home_html(client, world.principal)
    assert "Chưa có báo cáo nào được nộp" in html and "999" not in html


def test_another_schools_figures_are_not_shown(world, client):
    submitted_report(world, world.centre, world.director, {"R01.TS": "4321"}, label="Năm 2025-2026")
    assert "4.321" not in home_html(client, world.principal)
    assert "4.321" in home_html(client, world.director)


def test_director_home_shows_the_year_against_the_same_months_last_year(world, client):
    from tests.centers.helpers import make_activity
    from units.calendar import same_day_last_year
    from units.models import today

    for _ in range(3):
        make_activity(world.centre, world.director, participants=1500)
    make_activity(
        world.centre,
        world.director,
        participants=1000,
        start_date=same_day_last_year(today()),
        end_date=same_day_last_year(today()),
    )
    html = home_html(client, world.director)
    assert "Sổ hoạt động của trung tâm, năm học" in html
    assert "Lượt người tham gia" in html and "4.500" in html
    assert "+350% so với cùng kỳ năm trước" in html  # 4,500 against 1,000
    assert "+200% so với cùng kỳ năm trước" in html  # 3 activities against 1
    assert "Chưa có báo cáo nào được nộp" in html  # the centre has sent no report yet


def test_home_queries_do_not_grow_with_more_periods_and_reports(world, client, django_assert_num_queries):
    from tests.centers.helpers import make_activity

    submitted_report(world, world.school, world.principal, {"R01.TS": "10"}, label="Kỳ 1", days_ago=100)
    submitted_report(world, world.centre, world.director, {"R01.TS": "10"}, label="Kỳ 1b", days_ago=100)
    make_activity(world.centre, world.director)
    counts = {}
    for user in (world.principal, world.director):
        queries_for_home(client, user)  # the published form's layout is now loaded in this process
        counts[user.pk] = queries_for_home(client, user)
        assert counts[user.pk] <= 45
    for i in range(2, 6):
        submitted_report(world, world.school, world.principal, {"R01.TS": str(i)}, label=f"Kỳ {i}", days_ago=100 - i)
        submitted_report(
            world, world.centre, world.director, {"R01.TS": str(i)}, label=f"Kỳ {i}b", days_ago=100 - i, approve=True
        )
        make_activity(world.centre, world.director)
    for user in (world.principal, world.director):
        client.force_login(user)
        with django_assert_num_queries(counts[user.pk]):
            assert client.get("/").status_code == 200
    assert "+1 so với kỳ trước" in home_html(client, world.principal)  # 5 against 4


def test_the_standard_forms_headline_their_totals_and_rates(db):
    """What a principal or director reads first of each form shipped with the portal."""
    from gdtx_portal.home.reporting import headline_cells
    from reports import services
    from reports.formspec import load_form_spec
    from reports.models import ReportForm

    services.standard_forms_load()
    chosen = {
        form.code: [cell.key for cell in headline_cells(load_form_spec(form))]
        for form in ReportForm.objects.filter(owner__isnull=True)
    }
    # Classes and learners of the year, staff, total income, share of socialised funding.
    assert chosen["TTHTCD-NAM"] == ["A10.SL", "A10.TS", "C05.TS", "D06.TS", "D08.TS"]
    # The two completion rates, with the teachers and learners behind the first.
    assert chosen["TRUONG-GDTX"] == ["R01.TS", "R02.TS", "R04.TS", "R07.TS"]
    # The week's totals, then the rows that are not already inside them.
    assert chosen["HTSD-TUAN"] == ["H07.SL", "H07.TS", "H08.SL", "H09.SL"]


def test_office_dashboard_shows_how_far_each_open_period_has_come(world, client):
    sent = submitted_report(world, world.school, world.principal, {"R01.TS": "5"}, label="Năm 2025-2026")
    expected = sent.period.submissions.count()
    html = home_html(client, world.officer)
    assert "Tiến độ nộp các kỳ đang mở" in html
    assert "Biểu thử nghiệm" in html and "Năm 2025-2026" in html
    assert f"1/{expected} đơn vị đã nộp" in html  # only the school has sent


def test_no_milestone_cites_the_unverified_thong_tu_19_2020():
    """DOMAIN.md §2: the 'Thông tư 19/2020' citation for the statistics year is unverified — never printed."""
    from units.milestones import CALENDAR

    sources = [str(m.source) for m in CALENDAR]
    assert sources and not any("19/2020" in s for s in sources)
    assert any("cần xác minh" in s for s in sources)


def test_each_recent_report_sits_on_its_own_line_with_its_own_status(world, client):
    # On a phone the links and badges wrapped so one report's "Đã duyệt" looked like the next one's.
    import re

    submitted_report(world, world.school, world.principal, {"R01.TS": "10"}, label="Năm 2024-2025", days_ago=365)
    submitted_report(world, world.school, world.principal, {"R01.TS": "12"}, label="Năm 2025-2026", approve=True)
    html = home_html(client, world.principal)
    recent = html.split("Đã nộp gần đây:", 1)[1].split("</ul>", 1)[0]
    items = re.findall(r"<li[^>]*>(.*?)</li>", recent, re.S)
    labelled = {
        re.search(r">(Năm [^<]+)</a>", item).group(1): re.search(r"badge[^>]*>([^<]+)<", item).group(1)
        for item in items
    }
    assert labelled == {"Năm 2025-2026": "Đã duyệt", "Năm 2024-2025": "Đã nộp, chờ duyệt"}
