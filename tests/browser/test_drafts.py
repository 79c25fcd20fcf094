"""Issue 17: a draft survives a dropped connection. The activity form and the report grid keep what was
typed in the browser's localStorage when the save cannot reach the server, say so, and send it again
("Gửi lại") once the network is back; the draft is gone after the save. Screenshots in tests/artifacts/."""

import re

import pytest
from playwright.sync_api import expect

from centers.models import Activity
from tests.factories import World
from tests.reports import helpers as report_helpers

from .conftest import artifact_path

pytestmark = pytest.mark.browser

KEPT = "Chưa gửi được — đã giữ bản nháp trên máy"


@pytest.fixture
def live_world(transactional_db):
    return World()


def drafts(page) -> int:
    return page.evaluate("Object.keys(localStorage).filter((k) => k.startsWith('gdtx-draft:')).length")


def test_an_activity_typed_offline_is_kept_and_sent_when_the_network_is_back(live_world, phone_page, log_in):
    log_in(phone_page, "director")
    phone_page.goto(f"{phone_page.base_url}/trung-tam/{live_world.centre.pk}/hoat-dong/them/")
    phone_page.get_by_label("Lĩnh vực").select_option("health")
    phone_page.get_by_label("Tên lớp / chuyên đề / hoạt động").fill("Phòng chống sốt xuất huyết")
    phone_page.get_by_label("Địa điểm").fill("Nhà văn hóa thôn Đông")
    phone_page.get_by_label("Giáo viên / báo cáo viên").fill("Lê Thị Thu")
    phone_page.get_by_label("Số người tham gia").fill("38")
    phone_page.get_by_label("Trong đó nữ").fill("20")

    phone_page.context.set_offline(True)
    phone_page.get_by_role("button", name="Lưu hoạt động").click()
    expect(phone_page.get_by_role("alert").filter(has_text=KEPT)).to_be_visible()
    resend = phone_page.get_by_role("button", name="Gửi lại")
    expect(resend).to_be_disabled()
    assert drafts(phone_page) == 1 and not Activity.objects.exists()
    phone_page.screenshot(path=str(artifact_path("draft-activity-offline-phone")), full_page=True)

    # A reload while still without the server (the page comes back from a new visit) still has the draft.
    phone_page.context.set_offline(False)
    phone_page.reload()
    expect(phone_page.get_by_label("Tên lớp / chuyên đề / hoạt động")).to_have_value("Phòng chống sốt xuất huyết")
    expect(phone_page.get_by_label("Giáo viên / báo cáo viên")).to_have_value("Lê Thị Thu")
    phone_page.get_by_role("button", name="Gửi lại").click()
    expect(phone_page.get_by_text("Đã ghi “Phòng chống sốt xuất huyết” — 38 người tham gia")).to_be_visible()
    activity = Activity.objects.get()
    assert (activity.lecturer, activity.participants, activity.women) == ("Lê Thị Thu", 38, 20)
    assert drafts(phone_page) == 0


def test_report_figures_typed_offline_are_resent_when_online_fires(live_world, page, log_in):
    submission = report_helpers.submission_of(report_helpers.open_period(live_world), live_world.school)
    log_in(page, "principal")
    page.goto(f"{page.base_url}/bao-cao/bao-cao/{submission.pk}/")
    cell = page.locator("#grid-form input[name^='v:'][data-number]").first
    name = cell.get_attribute("name")
    cell.fill("1.250")

    page.context.set_offline(True)
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.get_by_role("alert").filter(has_text=KEPT)).to_be_visible()
    expect(page.get_by_role("button", name="Gửi lại")).to_be_disabled()
    assert drafts(page) == 1
    page.screenshot(path=str(artifact_path("draft-report-offline-desktop")), full_page=True)

    page.context.set_offline(False)  # the browser fires `online`
    expect(page.get_by_role("button", name="Gửi lại")).to_be_enabled()
    page.get_by_role("button", name="Gửi lại").click()
    expect(page.get_by_text("Đã lưu bản nháp.")).to_be_visible()
    assert drafts(page) == 0
    page.reload()  # the figure is the server's now, not the browser's draft
    expect(page.locator(f'#grid-form [name="{name}"]')).to_have_value(re.compile(r"^1\.?250$"))
    expect(page.get_by_role("alert").filter(has_text=KEPT)).to_have_count(0)
    assert submission.values.filter(number=1250).exists()
