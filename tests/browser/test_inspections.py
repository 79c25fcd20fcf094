"""Issue 18, done-when: the office plans and performs an inspection of a centre, issues the biên
bản, the director answers a recommendation and the office closes it — in the browser."""

import datetime

import pytest
from playwright.sync_api import expect

from inspections.models import Recommendation, RecStatus
from units import demo
from units.models import User, today

from .conftest import artifact_path

pytestmark = pytest.mark.browser


def test_an_inspection_of_a_centre_from_plan_to_closed_recommendation(demo_data, page, log_in):
    director = User.objects.get(username="demo.giamdoc")
    centre = director.memberships.get().unit
    day = today().strftime("%d/%m/%Y")
    deadline = (today() + datetime.timedelta(days=14)).strftime("%d/%m/%Y")

    log_in(page, "demo.chuyenvien", demo.DEMO_PASSWORD)
    page.goto(f"{page.base_url}/kiem-tra/")
    page.get_by_role("link", name="Lập kế hoạch kiểm tra").click()
    page.get_by_label("Đơn vị được kiểm tra").select_option(str(centre.pk))
    page.get_by_label("Ngày dự kiến kiểm tra").fill(day)
    page.get_by_label("Hoạt động và tài chính của TTHTCĐ").check()
    officer = User.objects.get(username="demo.chuyenvien")
    page.get_by_role("checkbox", name=officer.full_name).check()
    page.get_by_label("Trưởng đoàn").select_option(str(officer.pk))
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(centre.name)

    page.get_by_role("link", name="Ghi kết quả kiểm tra").click()
    for select in page.locator("select[name^=result_]").all():
        select.select_option("passed")
    page.locator("select[name^=result_]").last.select_option("failed")
    page.get_by_label("Nhận xét chung").fill("Trung tâm hoạt động đều, thiếu tủ sách.")
    page.screenshot(path=str(artifact_path("inspection-checklist")), full_page=True)
    page.get_by_role("button", name="Lưu kết quả").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã ghi kết quả kiểm tra")

    page.get_by_role("link", name="Ghi kiến nghị").click()
    page.get_by_label("Kiến nghị").fill("Bổ sung tủ sách cộng đồng")
    page.get_by_label("Hạn thực hiện").fill(deadline)
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.locator("#kien-nghi")).to_contain_text("Bổ sung tủ sách cộng đồng")

    page.get_by_role("link", name="Biên bản kiểm tra").click()
    expect(page.locator("body")).to_contain_text("BIÊN BẢN")
    expect(page.locator("body")).to_contain_text("Bổ sung tủ sách cộng đồng")
    expect(page.get_by_role("link", name="Tải PDF")).to_be_visible()

    log_in(page, "demo.giamdoc", demo.DEMO_PASSWORD)
    page.get_by_role("link", name="Bổ sung tủ sách cộng đồng").click()
    page.get_by_role("link", name="Trả lời kiến nghị").click()
    page.get_by_label("Kết quả thực hiện kiến nghị").fill("Đã nhận 120 cuốn sách và lập tủ sách.")
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.locator("#kien-nghi")).to_contain_text("Đơn vị đã trả lời")

    log_in(page, "demo.chuyenvien", demo.DEMO_PASSWORD)
    rec = Recommendation.objects.get(text="Bổ sung tủ sách cộng đồng")
    page.goto(f"{page.base_url}/kiem-tra/{rec.inspection_id}/")
    expect(page.locator("#kien-nghi")).to_contain_text("Đã nhận 120 cuốn sách")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Đóng kiến nghị").click()
    expect(page.locator("#kien-nghi")).to_contain_text("Đã đóng")
    page.screenshot(path=str(artifact_path("inspection-closed")), full_page=True)
    rec.refresh_from_db()
    assert rec.status == RecStatus.CLOSED
