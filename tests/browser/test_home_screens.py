"""Every role's home page at desktop and phone sizes, saved to tests/artifacts/ to be looked at."""

import pytest

from units import demo

from .conftest import artifact_path, log_in

pytestmark = pytest.mark.browser

ROLE_LOGINS = {p.username: p for p in demo.PEOPLE if p.listed}


@pytest.mark.parametrize("username", list(ROLE_LOGINS))
def test_home_page_screenshots(demo_data, page, phone_page, username):
    for name, current in (("desktop", page), ("phone", phone_page)):
        log_in(current, username, demo.DEMO_PASSWORD)
        assert current.get_by_role("heading", level=1).first.is_visible()
        # Nothing may stick out sideways on a phone: the page is as wide as the screen.
        overflow = current.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{username} {name}: {overflow}px wider than the screen"
        current.screenshot(path=str(artifact_path(f"home-{username}-{name}")), full_page=True)


def test_login_page_screenshots(live_server, page, phone_page):
    for name, current in (("desktop", page), ("phone", phone_page)):
        current.goto(f"{current.base_url}/tai-khoan/dang-nhap/")
        assert current.get_by_role("heading", name="Đăng nhập").is_visible()
        current.screenshot(path=str(artifact_path(f"login-{name}")), full_page=True)
