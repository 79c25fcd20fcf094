"""The top menu (issue 17): at 1280 × 800 it stays on one line however many modules plug into
"Công tác năm" (the office's year of work: Tập huấn, Kiểm tra, …, from AppConfig.nav_entry); on a
390 × 844 phone it opens from the menu button, its entries are 44 px targets and the page does not
scroll sideways. Screenshots go to tests/artifacts/."""

import pytest

from units import demo

from .conftest import artifact_path

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1280, "height": 800}

LINE = """() => {
  const items = [...document.querySelectorAll("#mainNav > .navbar-nav > .nav-item")];
  return {
    middles: items.map((li) => {
      const box = li.getBoundingClientRect();
      return Math.round(box.top + box.height / 2);
    }),
    labels: items.map((li) => li.innerText.trim().replace(/\\s+/g, " ")),
    navbar: Math.round(document.querySelector(".portal-navbar").getBoundingClientRect().height),
  };
}"""


@pytest.fixture
def laptop_page(browser, live_server):
    context = browser.new_context(viewport=LAPTOP, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = live_server.url
    yield page
    context.close()


def test_the_top_menu_is_one_line_at_1280_px_with_the_year_modules_in_one_menu(demo_data, laptop_page, log_in):
    log_in(laptop_page, "demo.chuyenvien", demo.DEMO_PASSWORD)
    laptop_page.goto(laptop_page.base_url + "/")
    measured = laptop_page.evaluate(LINE)
    laptop_page.screenshot(path=str(artifact_path("top-menu-1280")))
    assert "Công tác năm" in measured["labels"]
    assert "Đơn vị & người dùng" in measured["labels"]
    assert max(measured["middles"]) - min(measured["middles"]) <= 2, measured  # every item on one line
    assert measured["navbar"] < 80, measured  # one line, not two
    # The year's modules are inside the menu, not in the bar.
    assert not any(label in ("Tập huấn", "Kiểm tra") for label in measured["labels"])
    laptop_page.get_by_role("button", name="Công tác năm").click()
    laptop_page.locator("#mainNav").get_by_role("link", name="Kiểm tra", exact=True).click()
    laptop_page.wait_for_url("**/kiem-tra/**")
    assert laptop_page.locator("#yearNav.active").count() == 1  # the open module is marked


YEAR_MODULES = {
    "Tập huấn": "/tap-huan/",
    "Kiểm tra": "/kiem-tra/",
    "Thi đua – khen thưởng": "/thi-dua/",
    "Truyền thông": "/truyen-thong/",
    "Học liệu & mô hình": "/hoc-lieu/",
}


@pytest.mark.parametrize("username", ["demo.chuyenvien", "demo.truongphong"])
def test_on_every_year_module_the_menu_stays_one_line_and_is_walked_with_the_keyboard(
    demo_data, laptop_page, log_in, username
):
    """Each module of "Công tác năm" is reached from the keyboard alone (Tab to the menu, Enter,
    arrows, Enter) and, once there, the bar is still one line at 1280 px."""
    page = laptop_page
    log_in(page, username, demo.DEMO_PASSWORD)
    for label, path in YEAR_MODULES.items():
        page.goto(page.base_url + "/")
        page.locator("#yearNav").focus()
        page.keyboard.press("Enter")
        menu = page.locator("#mainNav .dropdown-menu[aria-labelledby=yearNav]")
        assert "show" in menu.get_attribute("class")
        entries = [text.strip() for text in menu.locator(".dropdown-item").all_inner_texts()]
        assert set(YEAR_MODULES) <= set(entries), entries  # no destination lost
        for _step in range(entries.index(label) + 1):
            page.keyboard.press("ArrowDown")
        assert page.evaluate("document.activeElement.innerText.trim()") == label
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url.startswith(page.base_url + path), (label, page.url)
        assert page.locator("#yearNav.active").count() == 1, label
        measured = page.evaluate(LINE)
        page.screenshot(path=str(artifact_path(f"top-menu-1280-{username}-{label}")))
        assert max(measured["middles"]) - min(measured["middles"]) <= 2, (label, measured)
        assert measured["navbar"] < 80, (label, measured)


def test_on_a_phone_the_menu_opens_with_44_px_entries_and_no_sideways_scroll(demo_data, phone_page, log_in):
    log_in(phone_page, "demo.chuyenvien", demo.DEMO_PASSWORD)
    phone_page.goto(phone_page.base_url + "/")
    phone_page.get_by_role("button", name="Mở trình đơn").click()
    phone_page.get_by_role("button", name="Công tác năm").click()
    phone_page.locator("#mainNav").get_by_role("link", name="Tập huấn", exact=True).wait_for()
    phone_page.screenshot(path=str(artifact_path("top-menu-phone")), full_page=True)
    sizes = phone_page.evaluate(
        """() => [...document.querySelectorAll("#mainNav .nav-link, #mainNav .dropdown-menu.show .dropdown-item")]
          .map((el) => [el.innerText.trim(), Math.round(el.getBoundingClientRect().height)])"""
    )
    assert {"Tập huấn", "Kiểm tra"} <= {label for label, _height in sizes}
    assert [s for s in sizes if s[1] < 44] == []
    assert phone_page.evaluate("document.scrollingElement.scrollWidth") <= 390
