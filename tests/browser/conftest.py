"""Browser tests: Playwright's sync API driving Debian's /usr/bin/chromium against live_server.

No `playwright install`: the browser comes from the Debian package (SETUP-NOTES.md). When a test
fails, a full-page screenshot of where it stood goes to tests/artifacts/<test name>.png.
"""

import io
import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run in a thread
# with a loop unless told it is safe (it is: the loop only talks to the browser process).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: F401  (re-exported for app tests)

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


def artifact_path(name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '_', name)}.png"


@pytest.fixture(scope="session")
def browser(chromium):
    return chromium


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.base_url = live_server.url
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.base_url = live_server.url
    yield page
    context.close()


@pytest.fixture
def demo_data(transactional_db):
    """The demo district from `seed_demo` (units and people only), inside the test database."""
    call_command("seed_demo", "--no-modules", stdout=io.StringIO())


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed or item.get_closest_marker("browser") is None:
        return
    for name in ("page", "phone_page"):
        page = item.funcargs.get(name)
        if page is None:
            continue
        try:
            page.screenshot(
                path=str(artifact_path(f"{item.name}-{name}" if name != "page" else item.name)), full_page=True
            )
        except Exception as exc:  # a closed page must not hide the test's own failure
            report.sections.append(("screenshot", f"could not save a screenshot: {exc}"))
