"""Issue 17: two more journeys walked end to end at desktop (1280 × 800) and phone (390 × 844) size,
as test_journeys.py walks the others — every page measured for sideways scroll, tap targets (phone)
and axe-core's serious or critical violations, a full-page screenshot of each in tests/artifacts/
(journey-<user>-<page>-<size>.png):

- the office leader (demo.truongphong), once the officer has sent the year's annual report: home ("chờ
  bạn duyệt") → the sent version's sign-off page → its printable version (still "DỰ THẢO") → back,
  "Duyệt và ban hành" after confirming → the report issued with the leader as signer → a unit's sent
  report → "Duyệt";
- the officer's unit tree (demo.chuyenvien): the tree → a commune → "Thêm đơn vị trực thuộc" → a
  school under the commune, whose page shows its level (THCS), never the hamlet's "Thôn"."""

import re

import pytest
from playwright.sync_api import expect

from annual.models import AnnualReport
from annual.services import annual_report_freeze
from reports.models import Submission
from units import demo
from units.calendar import today
from units.models import Unit, UnitKind, User

from .conftest import artifact_path
from .journeys import seed_journeys
from .test_home_screens import demo_reports_and_centres  # noqa: F401  (the shared seeding fixture)
from .test_journeys import DESKTOP, axe_problems, measure

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
        found = measure(page, self.size, self.username, name)
        found += axe_problems(page)
        self.problems += [f"{self.username} {self.size} {name} ({page.url}): {p}" for p in found]

    def open_menu(self) -> None:
        """On the phone the top menu folds behind its button."""
        if self.size == "phone":
            self.page.get_by_role("button", name="Mở trình đơn").click()


def leader_walk(walk: Walk, submission: Submission, version: AnnualReport) -> None:
    page = walk.page
    page.goto(page.base_url + "/")
    walk.check("home")
    # The officer has sent the year's annual report: the leader's home says it waits for them.
    waiting = page.get_by_test_id("home-annual-signoff")
    waiting.get_by_role("link", name=f"phiên bản {version.version}").click()
    expect(page.get_by_test_id("annual-signing")).to_be_visible()
    walk.check("annual-signoff")
    page.get_by_role("link", name="Xem bản in").click()
    page.wait_for_url("**/ban-in/")
    expect(page.get_by_text("BÁO CÁO", exact=True)).to_be_visible()
    expect(page.get_by_text("DỰ THẢO", exact=True).first).to_be_visible()  # not signed yet
    walk.check("annual-print")
    page.go_back()
    # The leader signs: "Duyệt và ban hành" asks first, then the report is issued with the leader as signer.
    # Sending the figures stays the officer's (annual.services.can_write).
    expect(page.get_by_role("button", name="Trình lãnh đạo duyệt")).to_have_count(0)
    approve = page.get_by_test_id("annual-signing").get_by_role("button", name="Duyệt và ban hành")
    if walk.size == "phone":
        box = approve.bounding_box()
        assert box["height"] >= 44 and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    questions: list[str] = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.accept()))
    approve.click()
    expect(page.get_by_text("Đã duyệt: báo cáo đã ban hành, bạn là người ký.")).to_be_visible()
    assert questions == ["Duyệt và ban hành báo cáo này với bạn là người ký?"], questions
    expect(page.get_by_test_id("annual-status")).to_have_text("Đã ban hành")
    expect(page.get_by_test_id("annual-signed")).to_contain_text("Trần Văn Minh duyệt và ký ngày")
    walk.check("annual-approved")
    version.refresh_from_db()
    assert version.is_issued and version.signer_name == "Trần Văn Minh", (walk.size, version.status)
    page.goto(page.base_url + "/")
    expect(page.get_by_test_id("home-annual-signoff")).to_have_count(0)  # nothing left waiting

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
    draft = AnnualReport.objects.get(office=office, status=AnnualReport.Status.DRAFT)
    sent = list(Submission.objects.filter(period__owner=office, status="submitted").order_by("pk")[:2])
    assert len(sent) == 2
    commune = Unit.objects.filter(parent=office, kind=UnitKind.COMMUNE, valid_to__isnull=True).order_by("pk").first()
    problems: list[str] = []
    for (size, page), submission in zip((("desktop", desktop_page), ("phone", phone_page)), sent, strict=True):
        # The officer sends the figures (a new version at each size: the desktop's is issued first).
        version = annual_report_freeze(actor=officer, report=draft, on=today())
        assert version.is_pending
        log_in(page, "demo.truongphong", demo.DEMO_PASSWORD)
        leader_walk(Walk(page, "demo.truongphong", size, problems), submission, version)
        page.context.clear_cookies()
        log_in(page, "demo.chuyenvien", demo.DEMO_PASSWORD)
        unit_tree_walk(Walk(page, "demo.chuyenvien", size, problems), commune, f"DEMO-THCS-HB-{size.upper()}")
    assert problems == [], "\n".join(problems)
