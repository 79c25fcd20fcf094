"""Issue 17: "Ghi hoạt động", the centre director's main task, is the first thing on a phone's home
screen (it was 1.5 screens down), and it opens the activity form."""

import pytest
from playwright.sync_api import expect

from tests.factories import World

from .conftest import PHONE, artifact_path

pytestmark = pytest.mark.browser


@pytest.fixture
def live_world(transactional_db):
    return World()


def test_the_directors_main_task_is_on_the_first_screen_of_a_phone(live_world, phone_page, log_in):
    log_in(phone_page, "director")
    button = phone_page.get_by_test_id("quick-activity")
    expect(button).to_be_visible()
    box = button.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"]
    # Nothing to tap comes before it but the header's menu.
    first = phone_page.locator("main a:visible, main button:visible").first
    expect(first).to_have_attribute("data-testid", "quick-activity")
    phone_page.screenshot(path=str(artifact_path("director-home-phone-first-screen")))
    button.click()
    expect(phone_page.get_by_role("heading", name="Ghi hoạt động")).to_be_visible()
