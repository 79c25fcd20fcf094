"""Done-when of issue 18 for training: the office plans a training and records attendance; a
principal sees their teacher's training. Screenshots go to tests/artifacts/."""

import os

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import artifact_path
from tests.factories import World
from training.models import Participant

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser


@pytest.fixture
def live_world(transactional_db):
    return World()


def test_the_office_plans_a_training_records_attendance_and_the_principal_sees_it(
    chromium, live_server, live_world, log_in
):
    context = chromium.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(10_000)

    log_in(page, "officer", next="/tap-huan/")
    page.get_by_role("link", name="Lập kế hoạch lớp").click()
    page.get_by_label("Nội dung tập huấn").fill("Bồi dưỡng dạy học xóa mù chữ")
    page.get_by_label("Lĩnh vực").select_option(label="Xóa mù chữ, sau biết chữ")
    page.get_by_label("Địa điểm").fill("Hội trường Phòng GD&ĐT")
    page.get_by_label("Số giờ (tiết)").fill("16")
    page.get_by_label("Số người dự kiến").fill("20")
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_role("heading", name="Bồi dưỡng dạy học xóa mù chữ")).to_be_visible()

    page.get_by_role("link", name="Thêm người dự").click()
    page.get_by_label("Chọn người trên cổng").select_option(label="Hoàng Văn Giáo")
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_role("cell", name="Hoàng Văn Giáo")).to_be_visible()

    page.get_by_role("link", name="Điểm danh, ghi kết quả").click()
    page.get_by_role("checkbox", name="Hoàng Văn Giáo").check()
    page.get_by_label("Kết quả Hoàng Văn Giáo").select_option(label="Đạt")
    page.get_by_label("Số chứng nhận Hoàng Văn Giáo").fill("XMC-2026-001")
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_text("Đã ghi điểm danh và kết quả.")).to_be_visible()
    expect(page.get_by_text("Đã tổ chức")).to_be_visible()
    page.screenshot(path=str(artifact_path("training_course_attendance")), full_page=True)
    assert Participant.objects.get(full_name="Hoàng Văn Giáo").attended

    log_in(page, "principal")
    page.get_by_role("link", name="Xem ai đã được tập huấn").click()
    expect(page.get_by_role("cell", name="Hoàng Văn Giáo")).to_be_visible()
    expect(page.get_by_role("link", name="Bồi dưỡng dạy học xóa mù chữ")).to_be_visible()
    expect(page.get_by_text("XMC-2026-001")).to_be_visible()
    page.screenshot(path=str(artifact_path("training_principal_sees_teacher")), full_page=True)
    context.close()
