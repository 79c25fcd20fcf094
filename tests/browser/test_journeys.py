"""Issue 17: every page of the office's, principal's, director's and association officer's journeys,
walked end to end at desktop (1280 × 800) and phone (390 × 844) size. On every page nothing scrolls
sideways; on the phone no table scrolls sideways inside its box either (but on the pages named in
journeys.WIDE_ON_PHONE, work left) and every button, link, field and menu entry is at least
44 × 44 px; axe-core (the pip package's copy, no network) finds no serious or critical violation. A full-page screenshot
of every page goes to tests/artifacts/journey-<user>-<page>-<size>.png for people to judge.

One test for all of it: the demo district (centres, reports, learning society) is seeded once (the
seeding is the slowest part, ~half the run) and every problem is reported together."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from units import demo

from .conftest import artifact_path
from .journeys import INSIDE, MEASURE, TAPPABLE, WIDE_ON_PHONE, journeys, seed_journeys
from .test_home_screens import demo_reports_and_centres  # noqa: F401  (the shared seeding fixture)

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 800}
SERIOUS = {"serious", "critical"}


@pytest.fixture
def desktop_page(browser, live_server):
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = live_server.url
    yield page
    context.close()


@pytest.fixture
def journey_district(demo_reports_and_centres):  # noqa: F811
    seed_journeys()


def axe_problems(page) -> list[str]:
    results = Axe().run(page)
    problems = []
    for violation in results.response["violations"]:
        if violation["impact"] in SERIOUS:
            targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
            problems.append(f"axe {violation['impact']} {violation['id']}: {violation['help']} at {targets}")
    return problems


def measure(page, size: str, username: str, name: str) -> list[str]:
    """What is wrong with the page by the rules of its size: 44 px targets and tables that fit the
    screen are the phone's rules (a wide table may scroll inside its box on a desktop); sideways
    scroll of the page is everyone's."""
    found = page.evaluate(MEASURE, TAPPABLE)
    if size == "desktop" or (username, name) in WIDE_ON_PHONE:
        found = [p for p in found if not p.startswith(INSIDE)]
    if size == "desktop":
        found = [p for p in found if not p.startswith("tap target")]
    return found


def test_every_journey_at_desktop_and_phone(journey_district, desktop_page, phone_page, log_in):
    problems = []
    for username, pages in journeys().items():
        for size, page in (("desktop", desktop_page), ("phone", phone_page)):
            log_in(page, username, demo.DEMO_PASSWORD)
            for name, path in pages:
                response = page.goto(page.base_url + path)
                where = f"{username} {size} {name} ({path})"
                if response is None or response.status != 200:
                    problems.append(f"{where}: HTTP {response and response.status}")
                    continue
                page.screenshot(path=str(artifact_path(f"journey-{username}-{name}-{size}")), full_page=True)
                found = measure(page, size, username, name)
                found += axe_problems(page)
                problems += [f"{where}: {p}" for p in found]
    assert problems == [], "\n".join(problems)
