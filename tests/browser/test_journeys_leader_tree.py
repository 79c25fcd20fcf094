"""Issue 17: two more journeys walked end to end at desktop (1280 × 800) and phone (390 × 844) size,
as test_journeys.py walks the others — every page measured for sideways scroll, tap targets (phone)
and axe-core's serious or critical violations, a full-page screenshot of each in tests/artifacts/
(journey-<user>-<page>-<size>.png):

- the office leader (demo.truongphong): home → the year's annual report → its printable version (what
  the leader signs; freezing the figures is the officer's) → a unit's sent report → "Duyệt";
- the officer's unit tree (demo.chuyenvien): the tree → a commune → "Thêm đơn vị trực thuộc" → a
  school under the commune, whose page shows its level (THCS), never the hamlet's "Thôn"."""

import re

import pytest
from playwright.sync_api import expect

from annual.models import AnnualReport
from reports.models import Submission
from units import demo
from units.models import Unit, UnitKind, User

from .conftest import artifact_path
from .journeys import MEASURE, TAPPABLE, seed_journeys
from .test_home_screens import demo_reports_and_centres  # noqa: F401  (the shared seeding fixture)
from .test_journeys import DESKTOP, axe_problems

pytestmark = pytest.mark.browser


@pytest.fixture
def desktop_page(browser, live_server):
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = live_server.url
    yield page
    context.close()


@pytest.fixture
def journey_district(demo_reports_and_centres):  # noqa: F811
    seed_journeys()


class Walk:
    """One person's walk at one size: each page checked and photographed as it is reached."""

    def __init__(self, page, username: str, size: str, problems: list[str]):
        self.page, self.username, self.size, self.problems = page, username, size, problems

    def check(self, name: str) -> None:
        page = self.page
        page.wait_for_load_state()
        page.screenshot(path=str(artifact_path(f"journey-{self.username}-{name}-{self.size}")), full_page=True)
        found = page.evaluate(MEASURE, TAPPABLE)
        if self.size == "desktop":  # 44 px targets are the phone's rule; sideways scroll is everyone's
            found = [p for p in found if not p.startswith("tap target")]
        found += axe_problems(page)
        self.problems += [f"{self.username} {self.size} {name} ({page.url}): {p}" for p in found]

    def open_menu(self) -> None:
        """On the phone the top menu folds behind its button."""
        if self.size == "phone":
            self.page.get_by_role("button", name="Mở trình đơn").click()


def leader_walk(walk: Walk, submission: Submission) -> None:
    page = walk.page
    page.goto(page.base_url + "/")
    walk.check("home")
    page.locator("main").get_by_role("link", name="Báo cáo tổng kết năm học").first.click()
    expect(page.get_by_role("heading", name="Báo cáo tổng kết năm học")).to_be_visible()
    walk.check("annual-report")
    page.get_by_role("link", name="Xem bản in").click()
    page.wait_for_url("**/ban-in/")
    expect(page.get_by_text("BÁO CÁO", exact=True)).to_be_visible()
    walk.check("annual-print")
    # The leader reads and signs; freezing the figures stays the officer's (annual.services.can_write).
    page.go_back()
    expect(page.get_by_role("button", name="Chốt số liệu")).to_have_count(0)

    page.goto(f"{page.base_url}/bao-cao/bao-cao/{submission.pk}/")
    walk.check("sent-report")
    page.get_by_role("button", name="Duyệt", exact=True).click()
    expect(page.get_by_text(f"Đã duyệt báo cáo của {submission.unit.full_name}")).to_be_visible()
    walk.check("approved")
    submission.refresh_from_db()
    assert submission.status == "approved", (walk.size, submission.status)


def unit_tree_walk(walk: Walk, commune: Unit, code: str) -> None:
    page = walk.page
    page.goto(page.base_url + "/")
    walk.open_menu()
    page.get_by_role("link", name="Đơn vị & người dùng").click()
    page.wait_for_url("**/don-vi/")
    walk.check("unit-tree")
    page.goto(f"{page.base_url}/don-vi/{commune.pk}/")  # the tree's rows are the commune's own links
    walk.check("commune")
    page.get_by_role("link", name="Thêm đơn vị trực thuộc").click()
    walk.check("unit-add")
    page.locator("#id_kind").select_option(label="Trường học")
    page.locator("#id_school_level").select_option(value="THCS")
    page.locator("#id_code").fill(code)
    page.locator("#id_name").fill(f"Trường THCS Hoa Ban {walk.size}")
    page.locator("main").get_by_role("button", name="Thêm đơn vị").click()
    expect(page.get_by_role("heading", name=f"Trường THCS Hoa Ban {walk.size}")).to_be_visible()
    walk.check("school-added")
    school = Unit.objects.get(code=code)
    assert school.parent_id == commune.pk and school.kind == UnitKind.SCHOOL
    badge = page.locator("main .badge-kind").first
    expect(badge).to_have_text("Trung học cơ sở")
    assert school.level_label != "Thôn" and re.search(r"\bThôn\b", page.locator("main").inner_text()) is None


def test_the_leader_and_the_unit_tree_journeys_at_desktop_and_phone(journey_district, desktop_page, phone_page, log_in):
    officer = User.objects.get(username="demo.chuyenvien")
    office = officer.memberships.get().unit
    assert AnnualReport.objects.filter(office=office, status=AnnualReport.Status.DRAFT).exists()
    sent = list(Submission.objects.filter(period__owner=office, status="submitted").order_by("pk")[:2])
    assert len(sent) == 2
    commune = Unit.objects.filter(parent=office, kind=UnitKind.COMMUNE, valid_to__isnull=True).order_by("pk").first()
    problems: list[str] = []
    for (size, page), submission in zip((("desktop", desktop_page), ("phone", phone_page)), sent, strict=True):
        log_in(page, "demo.truongphong", demo.DEMO_PASSWORD)
        leader_walk(Walk(page, "demo.truongphong", size, problems), submission)
        page.context.clear_cookies()
        log_in(page, "demo.chuyenvien", demo.DEMO_PASSWORD)
        unit_tree_walk(Walk(page, "demo.chuyenvien", size, problems), commune, f"DEMO-THCS-HB-{size.upper()}")
    assert problems == [], "\n".join(problems)
