"""Logging in through the form as each demo role lands on the page made for that role."""

import re

import pytest
from playwright.sync_api import expect

from units import demo
from units.models import User

pytestmark = pytest.mark.browser

# username → texts that only that role's home page shows
ROLE_PAGES = {
    "demo.chuyenvien": ["Bảng điều hành của phòng", "Các xã, phường, thị trấn", "Thêm đơn vị"],
    "demo.truongphong": ["Trang của lãnh đạo phòng", "Các xã, phường, thị trấn"],
    "demo.xem": ["Trang theo dõi (chỉ đọc)", "Quyền xem, không chỉnh sửa"],
    "demo.hieutruong": ["Trang của hiệu trưởng", "Thông tin nhà trường", "Công việc của nhà trường"],
    "demo.giaovien": ["Trang của cán bộ, giáo viên", "Thông tin nhà trường"],
    "demo.giamdoc": ["Trang của giám đốc trung tâm", "Thông tin trung tâm", "Công việc của trung tâm"],
    "demo.canbott": ["Trang của cán bộ trung tâm", "Thông tin trung tâm"],
    "demo.khuyenhoc": ["Trang của Hội Khuyến học", "Địa bàn xã Tân Phong", "Công việc của Hội"],
}
NOT_FOR_OTHERS = {
    "demo.truongphong": ["Thêm đơn vị"],
    "demo.xem": ["Thêm đơn vị", "Thêm người dùng"],
    "demo.hieutruong": ["Các xã, phường, thị trấn", "Đơn vị & người dùng"],
    "demo.khuyenhoc": ["Thông tin nhà trường", "Đơn vị & người dùng"],
}


@pytest.mark.parametrize("username", list(ROLE_PAGES))
def test_each_demo_role_lands_on_its_own_home_page(demo_data, page, username, log_in):
    person = next(p for p in demo.PEOPLE if p.username == username)
    log_in(page, username, demo.DEMO_PASSWORD)
    expect(page).to_have_url(f"{page.base_url}/")
    short_name = person.full_name.split()[-1]
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Xin chào, {short_name}")
    for text in ROLE_PAGES[username]:
        expect(page.get_by_text(text, exact=True).first).to_be_visible()
    for text in NOT_FOR_OTHERS.get(username, []):
        expect(page.get_by_text(text, exact=True)).to_have_count(0)
    # The demo banner tells everyone the data is not real.
    expect(page.get_by_text("không phải số liệu thật", exact=False)).to_be_visible()


def test_a_wrong_password_shows_a_vietnamese_error_and_keeps_the_username(demo_data, page, log_in):
    log_in(page, "demo.chuyenvien", "sai-mat-khau")
    expect(page.get_by_role("alert")).to_contain_text("Vui lòng điền vào Tên đăng nhập và mật khẩu chính xác")
    expect(page.get_by_label("Tên đăng nhập")).to_have_value("demo.chuyenvien")
    expect(page.get_by_role("heading", name="Đăng nhập", exact=True)).to_be_visible()


def test_pages_need_a_login_and_return_there_after_it(demo_data, page):
    page.goto(f"{page.base_url}/bao-cao/")
    expect(page).to_have_url(re.compile(r"/tai-khoan/dang-nhap/\?next=/bao-cao/"))
    page.get_by_label("Tên đăng nhập").fill("demo.hieutruong")
    page.get_by_label("Mật khẩu", exact=True).fill(demo.DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(f"{page.base_url}/bao-cao/")


def test_logging_out_from_the_user_menu(demo_data, page, log_in):
    log_in(page, "demo.giamdoc", demo.DEMO_PASSWORD)
    page.locator("#userMenu").click()
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page).to_have_url(re.compile(r"/tai-khoan/dang-nhap/"))
    page.goto(f"{page.base_url}/")
    expect(page).to_have_url(re.compile(r"/tai-khoan/dang-nhap/\?next=/$"))


def test_changing_the_password(demo_data, page, log_in):
    log_in(page, "demo.giaovien", demo.DEMO_PASSWORD)
    page.locator("#userMenu").click()
    page.get_by_role("link", name="Đổi mật khẩu").click()
    expect(page.get_by_role("heading", name="Đổi mật khẩu")).to_be_visible()
    # Crispy marks required fields with "*": the labels read "Mật khẩu cũ*" etc.
    expect(page.get_by_text("Mật khẩu cũ")).to_be_visible()

    # A wrong old password: the form says so in Vietnamese.
    page.locator("#id_old_password").fill("khong-dung")
    page.locator("#id_new_password1").fill("Hoc-tap-suot-doi-2026")
    page.locator("#id_new_password2").fill("Hoc-tap-suot-doi-2026")
    page.get_by_role("button", name="Lưu mật khẩu mới").click()
    expect(page.get_by_text("Mật khẩu cũ không chính xác")).to_be_visible()

    page.locator("#id_old_password").fill(demo.DEMO_PASSWORD)
    page.locator("#id_new_password1").fill("Hoc-tap-suot-doi-2026")
    page.locator("#id_new_password2").fill("Hoc-tap-suot-doi-2026")
    page.get_by_role("button", name="Lưu mật khẩu mới").click()
    expect(page.get_by_role("heading", name="Mật khẩu đã được đổi")).to_be_visible()
    assert User.objects.get(username="demo.giaovien").check_password("Hoc-tap-suot-doi-2026")

    # Out and back in with the new password.
    page.locator("#userMenu").click()
    page.get_by_role("button", name="Đăng xuất").click()
    log_in(page, "demo.giaovien", "Hoc-tap-suot-doi-2026")
    expect(page.get_by_role("heading", level=1)).to_have_text("Xin chào, Tuấn")
