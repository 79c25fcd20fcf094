import os

import pytest
from django.db.models.signals import post_migrate
from hypothesis import settings as hypothesis_settings

from tests.factories import PASSWORD, World

# The hostile-input tests (tests/hardening) draw the same examples on every run, so `make test` and
# CI give the same answer for the same code; `HYPOTHESIS_PROFILE=explore make test` draws fresh
# ones each run to look for new failures (pin what it finds with @example or a fixed test).
hypothesis_settings.register_profile("repeatable", derandomize=True, database=None)
hypothesis_settings.register_profile("explore", derandomize=False)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


def _shipped_rows_back(sender, **kwargs):
    """A transactional test (browser walks, concurrency) ends with `flush`, which empties every
    table, the rows the data migrations wrote included: the national centre rubric of Công văn 2553
    (centers migration 0002). flush then sends post_migrate, and here the rubric is put back, so the
    next test on that worker finds the database as `migrate` left it, whatever order xdist deals
    the tests in (27 permission-matrix cases failed on PostgreSQL when one followed a flush)."""
    if sender.label != "centers":
        return
    from centers import rubric_2553
    from rubrics.models import Rubric, RubricCriterion, RubricGroup

    rubric_2553.load(Rubric, RubricGroup, RubricCriterion)


post_migrate.connect(_shipped_rows_back, dispatch_uid="tests.shipped_rows_back")


# The longest tests (a minute or more each: the journey walks, the IDOR sweeps, the benches on the
# demo district) run first. xdist hands tests out as its two workers free up, so a walk dealt last
# would leave one worker idle for its whole length at the end of the run; dealt first, the short
# tests fill in around them.
SLOW_FIRST = (
    "tests/browser/test_journeys.py",
    "tests/browser/test_journeys_leader_tree.py",
    "tests/hardening/test_idor_post_sweep.py",
    "tests/hardening/test_idor_sweep.py",
    "tests/test_benches.py",
    "tests/browser/test_home_screens.py",
    "tests/learning_society/test_demo.py",
    "tests/browser/test_office_moves_in.py",
    "tests/emulation/test_browser.py",
    "tests/centers/test_browser.py",
    "tests/annual/test_browser.py",
    "tests/literacy/test_ethnicity.py",
)


def pytest_collection_modifyitems(items):
    items.sort(key=lambda item: not item.nodeid.startswith(SLOW_FIRST))  # stable: the rest keep their order


@pytest.fixture
def world(db) -> World:
    return World.restored()


@pytest.fixture
def kept(settings):
    """A local-memory cache, as kept figures have in production (the suite otherwise runs without a
    cache): tests/test_panel_cache.py, tests/annual/test_kept_blocks.py."""
    from django.core.cache import cache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "kept"}}
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def login(client):
    """login(user) → the test client, logged in as that user."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def log_in(live_server):
    """log_in(page, username, password=PASSWORD, next="") → logged in through the login form in the
    browser, as a person does (the browser tests' one way in; `login` above is the test client's).
    Cookies go first, so the page starts as a new visitor even when another user was logged in.
    The page is left first (about:blank): a request the previous page still had in flight (a PDF
    preview, an htmx load) would otherwise answer after the login page with a new CSRF cookie of
    its own, and the login form's token would no longer match it (403 on PostgreSQL, where such a
    page is slower to answer)."""

    def _log_in(page, username: str, password: str = PASSWORD, *, next: str = "") -> None:
        page.goto("about:blank")
        page.context.clear_cookies()
        page.goto(f"{live_server.url}/tai-khoan/dang-nhap/" + (f"?next={next}" if next else ""))
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu", exact=True).fill(password)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_load_state()

    return _log_in


# Playwright's sync API keeps an event loop in the main thread once a browser test has run; Django's
# ORM refuses to run in such a thread unless told it is safe (it is: the loop only talks to Chromium).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"  # Debian's package; no `playwright install` (SETUP-NOTES.md)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def chromium():
    """One Chromium for the whole run: Playwright's sync API allows one instance per process."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()
