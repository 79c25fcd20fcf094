"""An office officer turns on two-factor login from the user menu, then logs in with a code."""

import re

import pyotp
import pytest
from playwright.sync_api import expect

from units import demo, two_factor

pytestmark = pytest.mark.browser

T0 = 1_800_000_000.0


def test_turning_on_two_factor_and_logging_in_with_a_code(demo_data, page, monkeypatch, log_in):
    clock = {"at": T0}
    monkeypatch.setattr(two_factor, "now", lambda: clock["at"])  # the live server runs in this process

    log_in(page, "demo.chuyenvien", demo.DEMO_PASSWORD)
    page.locator("#userMenu").click()
    page.get_by_role("link", name="Xác thực hai bước").click()
    expect(page.get_by_role("heading", name="Bật xác thực hai bước")).to_be_visible()
    expect(page.get_by_role("img", name="Mã QR để thêm tài khoản vào ứng dụng xác thực")).to_be_visible()
    secret = page.locator("#two-factor-secret").inner_text().replace(" ", "")
    totp = pyotp.TOTP(secret)

    page.get_by_label("Mã xác thực").fill(totp.at(int(clock["at"])))
    page.get_by_role("button", name="Bật xác thực hai bước").click()
    expect(page.get_by_role("heading", name="Mã dự phòng của bạn")).to_be_visible()
    expect(page.locator("#recovery-codes li")).to_have_count(8)
    expect(page.get_by_role("button", name="In ra")).to_be_visible()

    page.locator("#userMenu").click()
    page.get_by_role("button", name="Đăng xuất").click()
    clock["at"] += 60

    log_in(page, "demo.chuyenvien", demo.DEMO_PASSWORD)
    expect(page).to_have_url(re.compile(r"/tai-khoan/ma-xac-thuc/$"))
    page.get_by_label("Mã xác thực").fill("000000" if totp.at(int(clock["at"])) != "000000" else "111111")
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_role("alert")).to_contain_text("Mã xác thực không đúng")

    page.get_by_label("Mã xác thực").fill(totp.at(int(clock["at"])))
    page.get_by_role("button", name="Xác nhận").click()
    expect(page).to_have_url(f"{page.base_url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Xin chào"))
