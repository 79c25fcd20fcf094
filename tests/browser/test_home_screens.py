"""Every role's home page at desktop and phone sizes, saved to tests/artifacts/ to be looked at."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, make_user
from units import demo

from .conftest import artifact_path, log_in

pytestmark = pytest.mark.browser

ROLE_LOGINS = {p.username: p for p in demo.PEOPLE if p.listed}


def test_home_page_screenshots(demo_data, page, phone_page):
    """One test for all roles: the demo district is seeded once, the screenshots are all taken, and
    every problem found is reported together."""
    problems = []
    for username in ROLE_LOGINS:
        for name, current in (("desktop", page), ("phone", phone_page)):
            current.context.clear_cookies()
            log_in(current, username, demo.DEMO_PASSWORD)
            current.screenshot(path=str(artifact_path(f"home-{username}-{name}")), full_page=True)
            if not current.get_by_role("heading", level=1, name="Xin chào").is_visible():
                problems.append(f"{username} {name}: no greeting heading")
            # Nothing may stick out sideways: the page is exactly as wide as the screen.
            overflow = current.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if overflow > 0:
                problems.append(f"{username} {name}: {overflow}px wider than the screen")
            # No English left on the page (Django's untranslated defaults would show here).
            body = current.inner_text("body")
            for word in ("Home", "Log out", "Logout", "Password", "Username", "None", "Submit"):
                if re.search(rf"\b{word}\b", body):
                    problems.append(f"{username} {name}: English word {word!r} on the page")
    assert problems == []


def test_login_page_screenshots(live_server, page, phone_page):
    for name, current in (("desktop", page), ("phone", phone_page)):
        current.goto(f"{current.base_url}/tai-khoan/dang-nhap/")
        assert current.get_by_role("heading", name="Đăng nhập").is_visible()
        current.screenshot(path=str(artifact_path(f"login-{name}")), full_page=True)


def test_a_user_without_a_role_is_told_what_to_do(transactional_db, page, phone_page):
    make_user(username="chua.giao", full_name="Trịnh Văn Chờ")
    for name, current in (("desktop", page), ("phone", phone_page)):
        log_in(current, "chua.giao", PASSWORD)
        expect(current.get_by_text("Tài khoản của bạn chưa có vai trò nào đang hiệu lực.")).to_be_visible()
        expect(current.get_by_role("link", name="Đổi mật khẩu").last).to_be_visible()
        current.screenshot(path=str(artifact_path(f"home-no-role-{name}")), full_page=True)
