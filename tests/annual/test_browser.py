"""In a real browser: the officer composes the annual report, freezes it, downloads the PDF, and
the PDF says what the modules say. Then the dashboards, screenshotted for people to look at."""

import io
import os
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from documents import vn_percent
from learning_society.selectors import statistics
from literacy.attainment import office_standard
from tests.factories import World

from .conftest import make_modules

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def annual_world(transactional_db):
    world = World()
    world.modules = make_modules(world)
    return world


@pytest.fixture
def desktop(chromium, live_server):
    context = chromium.new_context(
        viewport=DESKTOP, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.base_url = live_server.url
    yield page
    context.close()


@pytest.fixture
def phone(chromium, live_server):
    context = chromium.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="vi-VN"
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.base_url = live_server.url
    yield page
    context.close()


def shot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"annual-{name}.png"), full_page=True)


def test_the_officer_composes_freezes_and_exports_the_annual_report(annual_world, desktop, log_in):
    world, page = annual_world, desktop
    page.on("dialog", lambda dialog: dialog.accept())  # the "chốt số liệu" confirmation
    log_in(page, world.officer.username)
    page.goto(f"{page.base_url}/bao-cao/tong-ket/")
    page.get_by_label("Năm học bắt đầu").fill("2025")
    page.get_by_role("button", name="Tạo bản nháp").click()
    page.wait_for_load_state()
    assert page.get_by_text("Đã tạo bản nháp báo cáo tổng kết.").is_visible()

    page.locator("textarea[name=text_situation]").fill("Huyện có hai xã, một xã đặc biệt khó khăn.")
    page.locator("textarea[name=text_assessment]").fill("Năm học tới tiếp tục duy trì chuẩn xóa mù chữ.")
    page.get_by_label("Họ tên người ký").fill("Trần Thị Trưởng")
    page.get_by_role("button", name="Lưu bản nháp").click()
    page.wait_for_load_state()
    assert page.get_by_text("Đã lưu bản nháp.").is_visible()
    shot(page, "composer")

    page.get_by_label("Số liệu tính đến ngày").fill("30/06/2026")
    page.get_by_role("button", name="Trình lãnh đạo duyệt").click()
    page.wait_for_load_state()
    assert page.get_by_text("Đã chốt số liệu và trình lãnh đạo duyệt: phiên bản 1.").is_visible()
    assert page.get_by_test_id("annual-status").inner_text() == "Chờ lãnh đạo duyệt"

    # the leader finds it on the home page, reads it and signs it (issue 17)
    log_in(page, world.leader.username)
    page.goto(f"{page.base_url}/")
    page.get_by_test_id("home-annual-signoff").get_by_role("link").first.click()
    page.wait_for_load_state()
    shot(page, "leader-signoff")
    page.get_by_role("button", name="Duyệt và ban hành").click()
    page.wait_for_load_state()
    assert page.get_by_text("Đã duyệt: báo cáo đã ban hành, bạn là người ký.").is_visible()
    assert page.get_by_test_id("annual-status").inner_text() == "Đã ban hành"

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tải PDF").click()
    pdf = Path(download_info.value.path()).read_bytes()
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())

    for title in ("I. ĐẶC ĐIỂM TÌNH HÌNH", "III. CÔNG TÁC XÓA MÙ CHỮ", "V. XÂY DỰNG XÃ HỘI HỌC TẬP", "Nơi nhận"):
        assert title in text, title
    assert "Huyện có hai xã, một xã đặc biệt khó khăn." in text
    assert "Tổng kết năm học 2025-2026 về giáo dục thường xuyên" in text

    # the literacy rate and the recognition count the modules themselves compute
    commune = next(c for c in office_standard(world.office, 2025).communes if c.commune.pk == world.commune.pk)
    rate = vn_percent(commune.level1.rate)
    assert rate == "90,0%" and rate in text
    _areas, total = statistics(world.office, 2025)
    family = total.titles["family"]
    assert family.recognised == 3
    assert re.search(rf"Gia đình học tập {family.total} {family.registered} {family.recognised} 75,0%", text), text


def test_dashboard_screenshots_for_the_office_a_principal_and_a_director(annual_world, desktop, phone, log_in):
    world = annual_world
    problems = []
    for user in (world.officer, world.principal, world.director):
        for name, page in (("desktop", desktop), ("phone", phone)):
            log_in(page, user.username)
            page.goto(f"{page.base_url}/")
            page.wait_for_load_state()
            shot(page, f"home-{user.username}-{name}")
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if overflow > 0:
                problems.append(f"{user.username} {name}: {overflow}px wider than the screen")
    assert problems == []
