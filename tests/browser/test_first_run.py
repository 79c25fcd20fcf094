"""A real office moves in on a clean database (issue 16), in the browser: the superuser is sent to
the first-run page, sets up the office, the first officer logs in with the one-time password, must
change it, and adds a ward picked from the national list."""

import pytest
from playwright.sync_api import expect

from units.models import Unit, User

pytestmark = pytest.mark.browser

ADMIN_PASSWORD = "Quan-tri-rat-dai-9"
NEW_PASSWORD = "Mot-mat-khau-moi-2026"


def test_a_superuser_sets_up_the_office_and_the_officer_picks_a_ward(transactional_db, page, log_in):
    User.objects.create_superuser("quantri", "qt@example.vn", ADMIN_PASSWORD, full_name="Quản Trị")
    log_in(page, "quantri", ADMIN_PASSWORD)
    expect(page).to_have_url(f"{page.base_url}/cai-dat/")
    page.get_by_label("Tên đơn vị quản lý").fill("Sở Giáo dục và Đào tạo Quảng Ninh")
    page.get_by_label("Tỉnh, thành phố").select_option("22")
    page.get_by_label("Chữ viết tắt tên cơ quan").fill("SGDĐT")
    page.get_by_label("Địa danh").fill("Quảng Ninh")
    page.get_by_label("Chức vụ người đứng đầu").fill("Giám đốc")
    page.get_by_label("Tên đăng nhập của cán bộ đầu tiên").fill("cv.qn")
    page.get_by_label("Họ tên cán bộ").fill("Trần Thị Chuyên")
    page.get_by_role("button", name="Cài đặt").click()
    password = page.get_by_test_id("one-time-password").inner_text()

    log_in(page, "cv.qn", password)
    expect(page).to_have_url(f"{page.base_url}/tai-khoan/doi-mat-khau/")
    page.locator("#id_old_password").fill(password)
    page.locator("#id_new_password1").fill(NEW_PASSWORD)
    page.locator("#id_new_password2").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Lưu mật khẩu mới").click()
    assert not User.objects.get(username="cv.qn").must_change_password

    page.goto(f"{page.base_url}/don-vi/them/")
    page.locator("#id_kind").select_option("commune")
    page.locator("#id_parent").select_option(str(Unit.objects.get(parent=None).pk))
    page.get_by_label("Chọn xã, phường từ danh mục").select_option("06688")
    expect(page.locator("#id_official_code")).to_have_value("06688")
    expect(page.locator("#id_name")).to_have_value("Hạ Long")
    expect(page.locator("#id_level_label")).to_have_value("Phường")
    page.locator("#id_code").fill("HALONG")
    page.get_by_role("button", name="Thêm đơn vị").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Phường Hạ Long")
    assert Unit.objects.get(code="HALONG").official_code == "06688"
