"""Done-when of issue 19 for emulation: the office launches a movement with its criteria, two schools
register and report with evidence, the office scores, ranks, proposes awards and issues the award
decision, and downloads it as PDF. Screenshots go to tests/artifacts/."""

import os

import pytest
from playwright.sync_api import expect

from emulation.models import Award, Movement, RegStatus, Stage
from tests.browser.conftest import artifact_path
from tests.emulation.helpers import PDF
from tests.factories import World

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser

TITLE = "Cả nước trở thành một xã hội học tập"


@pytest.fixture
def live_world(transactional_db):
    return World()


def _confirm_and_click(page, name):
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name=name).click()


def _register_and_report(page, log_in, username, movement_url, texts, points):
    log_in(page, username)
    page.goto(movement_url)
    page.get_by_role("link", name="Đăng ký thi đua").click()
    page.get_by_label("Nội dung đăng ký, cam kết").fill("Đơn vị cam kết thực hiện đầy đủ các tiêu chí.")
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_text("Đã đăng ký thi đua")).to_be_visible()
    page.get_by_role("link", name="Ghi báo cáo").click()
    for i, (text, point) in enumerate(zip(texts, points, strict=True), start=1):
        page.get_by_label(f"Kết quả thực hiện tiêu chí {i}").fill(text)
        page.get_by_label(f"Điểm tự chấm tiêu chí {i}").fill(point)
    page.get_by_role("button", name="Lưu báo cáo").click()
    page.get_by_role("link", name="Thêm minh chứng").click()
    page.get_by_label("Minh chứng cho tiêu chí").select_option(label="Tổ chức hoạt động học tập suốt đời")
    page.get_by_label("Tệp minh chứng (ảnh hoặc PDF, tối đa 10 MB)").set_input_files(
        {"name": "ke-hoach.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_role("link", name="ke-hoach.pdf")).to_be_visible()
    _confirm_and_click(page, "Gửi báo cáo")
    expect(page.get_by_test_id("reg-status")).to_have_text("Đã gửi báo cáo")


def test_the_office_launches_two_schools_report_and_the_office_issues_the_award_decision(
    chromium, live_server, live_world, log_in
):
    context = chromium.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)

    log_in(page, "officer", next="/thi-dua/")
    expect(page.get_by_text("Chưa có phong trào thi đua nào")).to_be_visible()
    page.get_by_role("link", name="Phát động phong trào").click()
    page.get_by_label("Tên phong trào").fill(TITLE)
    page.get_by_label("Hạn báo cáo").fill("31/12/2099")
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    page.get_by_role("link", name="Thêm tiêu chí").click()
    page.get_by_label("Nội dung tiêu chí").fill("Tổ chức hoạt động học tập suốt đời")
    page.get_by_label("Điểm tối đa").fill("60")
    page.get_by_label("Bắt buộc có minh chứng").check()
    page.get_by_role("button", name="Lưu và nhập tiếp").click()
    page.get_by_label("Nội dung tiêu chí").fill("Phối hợp xây dựng gia đình học tập")
    page.get_by_label("Điểm tối đa").fill("40")
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_role("columnheader", name="100", exact=True)).to_be_visible()
    _confirm_and_click(page, "Chuyển sang bước: Đăng ký")
    expect(page.get_by_test_id("stage")).to_have_text("Đăng ký")
    movement_url = page.url

    _register_and_report(
        page, log_in, "principal", movement_url, ["Tổ chức 6 chuyên đề", "Phối hợp 3 thôn"], ["55", "35,5"]
    )
    _register_and_report(
        page, log_in, "principal2", movement_url, ["Tổ chức 4 chuyên đề", "Phối hợp 2 thôn"], ["50", "30"]
    )
    page.screenshot(path=str(artifact_path("emulation_school_report_sent")), full_page=True)

    log_in(page, "officer")
    page.goto(movement_url)
    _confirm_and_click(page, "Chuyển sang bước: Báo cáo")
    expect(page.get_by_test_id("stage")).to_have_text("Báo cáo")
    _confirm_and_click(page, "Chuyển sang bước: Chấm điểm")
    expect(page.get_by_test_id("stage")).to_have_text("Chấm điểm")
    for school, scores in (("Trường THCS Đống Đa", ("58", "38")), ("Trường Tiểu học Nậm Pồ", ("45", "30"))):
        page.get_by_role("link", name=f"Chấm điểm {school}").click()
        page.get_by_label("Điểm của phòng tiêu chí 1").fill(scores[0])
        page.get_by_label("Điểm của phòng tiêu chí 2").fill(scores[1])
        page.get_by_role("button", name="Lưu điểm").click()
        expect(page.get_by_text(f"Đã chấm điểm {school}.")).to_be_visible()
    page.get_by_role("link", name="Xếp hạng").click()
    first = page.locator("tbody tr").first
    expect(first).to_contain_text("Trường THCS Đống Đa")
    expect(first).to_contain_text("96")
    page.screenshot(path=str(artifact_path("emulation_ranking")), full_page=True)

    first.get_by_role("link", name="Đề nghị khen").click()
    page.get_by_label("Thành tích").fill("Dẫn đầu phong trào")
    page.get_by_role("button", name="Lưu và nhập tiếp").click()
    page.get_by_role("radio", name="Cá nhân").check()
    page.get_by_role("combobox", name="Đơn vị").select_option(label="Trường THCS Đống Đa")
    page.get_by_label("Họ và tên (khen cá nhân)").fill("Phạm Thị Hiệu")
    page.get_by_label("Chức vụ (khen cá nhân)").fill("Hiệu trưởng")
    page.get_by_label("Thành tích").fill("Chỉ đạo tốt phong trào")
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.locator("#khen-thuong")).to_contain_text("Phạm Thị Hiệu")

    page.get_by_role("link", name="Ban hành quyết định").click()
    page.get_by_label("Số quyết định").fill("15")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_test_id("stage")).to_have_text("Đã khen thưởng")
    page.get_by_role("link", name="Quyết định khen thưởng").click()
    expect(page.get_by_text("Phạm Thị Hiệu")).to_be_visible()
    page.screenshot(path=str(artifact_path("emulation_decision_preview")), full_page=True)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tải PDF").click()
    path = download_info.value.path()
    with open(path, "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert download_info.value.suggested_filename.endswith(".pdf")

    movement = Movement.objects.get(title=TITLE)
    assert movement.stage == Stage.AWARDED
    assert set(movement.registrations.values_list("status", flat=True)) == {RegStatus.SCORED}
    assert Award.objects.filter(decision__number="15").count() == 2
    context.close()
