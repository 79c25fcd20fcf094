"""Issue 17: the report grid's phone mode. At 390 × 844 the entry grid shows one section at a time,
chosen with the "Chọn phần để nhập" chips (every section in sight, each at least 44 px, wrapped so the
page never scrolls sideways), each row a card with its column names, the section's total row in sight
at its top; at desktop size the table and its chip-less keyboard entry stay as they were. Screenshots
in tests/artifacts/."""

import pytest
from playwright.sync_api import expect

from tests.factories import World
from tests.reports import helpers

from .conftest import artifact_path

pytestmark = pytest.mark.browser


@pytest.fixture
def submission(transactional_db):
    world = World()
    return helpers.submission_of(helpers.open_period(world), world.school)


def sideways(page) -> int:
    return page.evaluate("document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth")


def test_on_a_phone_the_grid_shows_one_section_at_a_time_with_its_total(submission, phone_page, log_in):
    log_in(phone_page, "principal")
    phone_page.goto(f"{phone_page.base_url}/bao-cao/bao-cao/{submission.pk}/")
    picker = phone_page.get_by_role("group", name="Chọn phần để nhập")
    expect(picker).to_be_visible()
    chips = picker.get_by_role("button")
    assert chips.count() >= 2
    for i in range(chips.count()):  # every section a chip a thumb can hit, none off the screen
        box = chips.nth(i).bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, chips.nth(i).inner_text()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, chips.nth(i).inner_text()
    expect(chips.first).to_have_attribute("aria-pressed", "true")
    grid = phone_page.locator("#grid-form table.report-grid")
    law = grid.locator("tr", has_text="Lớp pháp luật")
    money = grid.locator("tr", has_text="Kinh phí")
    expect(law).to_be_visible()
    expect(money).to_be_hidden()
    total = grid.locator("tr[data-total]", has_text="Cộng")
    expect(total).to_be_visible()
    assert total.bounding_box()["y"] < law.bounding_box()["y"]  # the total sits above the rows to type
    expect(law.locator("td[data-label='Nữ']")).to_be_visible()
    assert sideways(phone_page) == 0
    phone_page.screenshot(path=str(artifact_path("grid-phone-section-1")), full_page=True)

    law.locator("input").first.fill("12")
    chips.nth(1).click()
    expect(chips.nth(1)).to_have_attribute("aria-pressed", "true")
    expect(chips.first).to_have_attribute("aria-pressed", "false")
    expect(money).to_be_visible()
    expect(law).to_be_hidden()
    money.locator("input").first.fill("5.000.000")
    assert sideways(phone_page) == 0
    phone_page.screenshot(path=str(artifact_path("grid-phone-section-2")), full_page=True)
    phone_page.get_by_role("button", name="Lưu nháp").click()
    expect(phone_page.get_by_text("Đã lưu bản nháp.")).to_be_visible()
    assert submission.values.filter(number=12).exists() and submission.values.filter(number=5_000_000).exists()


def test_at_desktop_size_the_grid_stays_a_table_typed_with_the_keyboard(submission, page, log_in):
    log_in(page, "principal")
    page.goto(f"{page.base_url}/bao-cao/bao-cao/{submission.pk}/")
    expect(page.get_by_role("group", name="Chọn phần để nhập")).to_be_hidden()
    grid = page.locator("#grid-form table.report-grid")
    expect(grid.locator("tr", has_text="Lớp pháp luật")).to_be_visible()
    expect(grid.locator("tr", has_text="Kinh phí")).to_be_visible()
    first = grid.locator("tr", has_text="Lớp pháp luật").locator("input").first
    first.click()
    page.keyboard.type("7")
    page.keyboard.press("Tab")
    page.keyboard.type("3")
    expect(grid.locator("tr", has_text="Lớp pháp luật").locator("input").nth(1)).to_have_value("3")
