"""In a real browser (issue 18): a guidance task is assigned, reported by two schools and shown
complete in the office's matrix; a commune's literacy dossier goes from request to decision."""

import datetime
import os

import pytest

from annual import guidance as gsvc
from annual.models import GuidanceTask
from tests.factories import World
from tests.literacy.fixtures import bulk_people, make_round

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = pytest.mark.browser


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.base_url = live_server.url
    page.on("dialog", lambda dialog: dialog.accept())  # data-confirm asks before sending
    yield page
    context.close()


@pytest.fixture
def browser_world(transactional_db):
    return World()


def test_a_task_assigned_reported_by_two_schools_and_complete_in_the_matrix(page, browser_world, log_in):
    world = browser_world
    guidance = gsvc.guidance_create(actor=world.officer, office=world.office, school_year=2025, title="Hướng dẫn")
    gsvc.guidance_task_add(actor=world.officer, guidance=guidance, area="ict", text="Cập nhật cổng thông tin GDTX")
    gsvc.guidance_publish(actor=world.officer, guidance=guidance)
    task = GuidanceTask.objects.get()

    log_in(page, "officer")
    page.goto(f"{page.base_url}/bao-cao/huong-dan/nhiem-vu/{task.pk}/")
    page.get_by_label("Trường").check()
    page.get_by_role("button", name="Lưu giao nhiệm vụ").click()
    page.get_by_text("Đã giao nhiệm vụ.").wait_for()

    for username in ("principal", "principal2"):
        log_in(page, username)
        page.goto(page.base_url + "/")
        page.get_by_role("link", name="Cập nhật cổng thông tin GDTX").first.click()
        page.get_by_label("Tiến độ").select_option("done")
        page.get_by_label("Báo cáo ngắn").fill("Đã cập nhật các tin bài của trường")
        page.get_by_role("button", name="Cập nhật tiến độ").click()
        page.get_by_text("Đã cập nhật tiến độ nhiệm vụ.").wait_for()

    log_in(page, "officer")
    page.goto(f"{page.base_url}/bao-cao/huong-dan/{guidance.pk}/tien-do/")
    assert page.get_by_test_id(f"total-{task.pk}").inner_text().strip() == "2/2"
    assert page.get_by_test_id("task-matrix").get_by_text("Đã hoàn thành", exact=True).count() == 2


def test_a_commune_dossier_goes_from_request_to_decision(page, browser_world, log_in):
    world = browser_world
    survey_round = make_round(world.office, year=2025, reference_date=datetime.date(2025, 9, 30))
    bulk_people(survey_round, world.hamlet, [{"birth_year": 2000, "grade": g} for g in [5] * 9 + [0]])

    log_in(page, "officer")
    page.goto(page.base_url + "/xoa-mu-chu/ho-so-cong-nhan/")
    page.locator("#id_commune").select_option(str(world.commune.pk))
    page.locator("#id_year").fill("2025")
    page.locator("#id_level").select_option("1")
    page.get_by_role("button", name="Lập hồ sơ").click()
    page.get_by_text("Đã lập hồ sơ").wait_for()
    page.get_by_role("button", name="Gửi hồ sơ").click()
    page.get_by_test_id("dossier-status").filter(has_text="Đã gửi phòng").wait_for()
    page.get_by_label("Ngày kiểm tra").fill("01/12/2025")
    page.get_by_role("button", name="Ghi biên bản kiểm tra").click()
    page.get_by_test_id("checked-figures").wait_for()
    page.get_by_label("Số quyết định").fill("15")
    page.get_by_label("Ngày ký quyết định").fill("10/12/2025")
    page.get_by_label("Họ tên người ký").fill("Lê Văn Chủ")
    page.get_by_role("button", name="Ghi quyết định").click()
    page.get_by_test_id("dossier-status").filter(has_text="Đã công nhận").wait_for()
    assert "Năm 2025: mức độ 1 — quyết định số 15 ngày 10/12/2025" in page.content()
    page.get_by_role("link", name="Xem bản in").last.click()
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN THỬ NGHIỆM" in page.content()
