"""Every role's home page at desktop and phone sizes, saved to tests/artifacts/ to be looked at."""

import datetime
import io
import re

import pytest
from django.db import transaction
from playwright.sync_api import expect

from centers import demo as centers_demo
from reports import demo as reports_demo
from reports import services
from reports.models import ReportingPeriod, Submission
from tests.factories import PASSWORD, make_user
from units import demo
from units.models import User, today

from .conftest import artifact_path

pytestmark = pytest.mark.browser

ROLE_LOGINS = {p.username: p for p in demo.PEOPLE if p.listed}


def test_home_page_screenshots(demo_data, page, phone_page, log_in):
    """One test for all roles: the demo district is seeded once, the screenshots are all taken, and
    every problem found is reported together."""
    problems = []
    for username in ROLE_LOGINS:
        for name, current in (("desktop", page), ("phone", phone_page)):
            log_in(current, username, demo.DEMO_PASSWORD)
            current.screenshot(path=str(artifact_path(f"home-{username}-{name}")), full_page=True)
            if not current.get_by_role("heading", level=1, name="Xin chào").is_visible():
                problems.append(f"{username} {name}: no greeting heading")
            # Nothing may stick out sideways: the page is exactly as wide as the screen.
            overflow = current.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if overflow > 0:
                problems.append(f"{username} {name}: {overflow}px wider than the screen")
            # No English left on the page (Django's untranslated defaults would show here).
            body = current.inner_text("body")
            for word in ("Home", "Log out", "Logout", "Password", "Username", "None", "Submit"):
                if re.search(rf"\b{word}\b", body):
                    problems.append(f"{username} {name}: English word {word!r} on the page")
    assert problems == []


# A figure as a user reads it: 1.234 or 12,5 (Vietnamese separators), or a dash when left blank.
FIGURE = re.compile(r"^(—|−?\d{1,3}(\.\d{3})*(,\d+)?)$")
DASHBOARDS = {
    "demo.chuyenvien": "Số liệu chính năm học",
    "demo.hieutruong": "Số liệu mới nhất",
    "demo.giamdoc": "Số liệu mới nhất",
}


@pytest.fixture
def demo_reports_and_centres(transactional_db):
    """The demo district with its centres' activities and its reports (sent, approved, returned):
    what the principal's and the director's figures come from. The literacy and learning-society
    demos are left out (minutes to seed); tests/annual/test_browser.py shows the office with them.
    Which units the demo sends for depends on the order of the unit tree, so the principal's school
    and the director's centre are made to have sent this year's week report and last year's too."""
    office = demo.seed().office
    for module in (centers_demo, reports_demo):
        with transaction.atomic():
            module.seed(office=office, stdout=io.StringIO())
    officer = User.objects.get(username="demo.chuyenvien")
    units = [User.objects.get(username=u).memberships.get().unit for u in ("demo.hieutruong", "demo.giamdoc")]
    this_week = ReportingPeriod.objects.filter(form__code="HTSD-TUAN").order_by("-end_date").first()
    year = this_week.end_date.year - 1
    last_week = services.period_open(
        actor=officer,
        form=this_week.form,
        owner=office,
        label=f"Tuần lễ học tập suốt đời {year}",
        start_date=datetime.date(year, 10, 1),
        end_date=datetime.date(year, 10, 7),
        open_date=datetime.date(year, 10, 1),
        due_date=datetime.date(year, 10, 15),
        lock_date=today() + datetime.timedelta(days=30),
        units=units,
        allow_past_due=True,
    )
    for period, values in ((last_week, LAST_YEAR), (this_week, THIS_YEAR)):
        if period.open_date > today():
            continue
        for submission in Submission.objects.filter(period=period, unit__in=units):
            if submission.status in (Submission.Status.DRAFT, Submission.Status.RETURNED):
                submission = services.submission_save(
                    actor=None, submission=submission, raw_values=values, expected_version=submission.version
                )
                submission = services.submission_submit(
                    actor=None, submission=submission, expected_version=submission.version
                )
            if submission.status == Submission.Status.SUBMITTED:
                services.submission_approve(actor=officer, submission=submission)


LAST_YEAR = {"H01.SL": "1", "H01.TS": "150", "H03.SL": "2", "H03.TS": "640", "H08.SL": "3"}
THIS_YEAR = {"H01.SL": "1", "H01.TS": "180", "H03.SL": "4", "H03.TS": "1250", "H08.SL": "5"}


def test_dashboards_with_the_demo_district_look_finished(demo_reports_and_centres, page, phone_page, log_in):
    """Issue 7: the office's, a principal's and a director's home at desktop and at 390 px."""
    problems = []
    for username, heading in DASHBOARDS.items():
        for name, current in (("desktop", page), ("phone", phone_page)):
            log_in(current, username, demo.DEMO_PASSWORD)
            current.screenshot(path=str(artifact_path(f"dashboard-{username}-{name}")), full_page=True)
            if not current.get_by_text(heading).first.is_visible():
                problems.append(f"{username} {name}: no {heading!r} panel")
            overflow = current.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if overflow > 0:
                problems.append(f"{username} {name}: {overflow}px wider than the screen")
            values = current.locator(".latest-figure-value").all_inner_texts()
            if username != "demo.chuyenvien" and not values:
                problems.append(f"{username} {name}: no figures shown")
            for value in values:
                number = value.split()[0] if value.split() else ""
                if not FIGURE.match(number):
                    problems.append(f"{username} {name}: figure {value!r} is not written the Vietnamese way")
            body = current.inner_text("body")
            for word in ("None", "Submit", "Total", "Report"):
                if re.search(rf"\b{word}\b", body):
                    problems.append(f"{username} {name}: English word {word!r} on the page")
            # Every card has something in it: no header over an empty body.
            for body in current.locator(".card-body").all_inner_texts():
                if not body.strip():
                    problems.append(f"{username} {name}: an empty card")
    assert problems == []


def test_login_page_screenshots(live_server, page, phone_page):
    for name, current in (("desktop", page), ("phone", phone_page)):
        current.goto(f"{current.base_url}/tai-khoan/dang-nhap/")
        assert current.get_by_role("heading", name="Đăng nhập").is_visible()
        current.screenshot(path=str(artifact_path(f"login-{name}")), full_page=True)


def test_a_user_without_a_role_is_told_what_to_do(transactional_db, page, phone_page, log_in):
    make_user(username="chua.giao", full_name="Trịnh Văn Chờ")
    for name, current in (("desktop", page), ("phone", phone_page)):
        log_in(current, "chua.giao", PASSWORD)
        expect(current.get_by_text("Tài khoản của bạn chưa có vai trò nào đang hiệu lực.")).to_be_visible()
        expect(current.get_by_role("link", name="Đổi mật khẩu").last).to_be_visible()
        current.screenshot(path=str(artifact_path(f"home-no-role-{name}")), full_page=True)
