"""Issue 17 polish seen on a phone: file inputs in Vietnamese, dates that never break, the filter
form behind a 'Lọc' button, the office home's attention panel first."""

import io

import pytest
from django.db import transaction
from django.urls import reverse
from playwright.sync_api import expect

from reports import demo as reports_demo
from units import demo

from .conftest import PHONE

pytestmark = pytest.mark.browser


def test_file_input_says_chon_tep_not_choose_file(demo_data, phone_page, log_in):
    page = phone_page
    log_in(page, "demo.chuyenvien", demo.DEMO_PASSWORD)
    page.goto(page.base_url + "/xa-hoi-hoc-tap/bo-tieu-chi/")
    pick = page.locator(".file-pick").first
    assert pick.is_visible()
    text = pick.inner_text()
    assert "Chọn tệp" in text and "Chưa chọn tệp" in text
    assert "Choose" not in page.inner_text("body")
    button = pick.locator(".file-pick-button")
    assert button.bounding_box()["height"] >= 44
    # The browser's own English button is not seen: the real input is transparent over ours…
    field = pick.locator('input[type="file"]')
    assert field.evaluate("e => getComputedStyle(e).opacity") == "0"
    # …but still the labelled, focusable field, and picking a file names it.
    label = page.locator('label[for="id_file"]').inner_text()
    assert page.get_by_label(label).first.evaluate("e => e.type") == "file"
    field.focus()
    assert page.evaluate("document.activeElement.type") == "file"
    field.set_input_files({"name": "bo-tieu-chi.json", "mimeType": "application/json", "buffer": b"{}"})
    assert pick.locator(".file-pick-name").inner_text() == "bo-tieu-chi.json"


@pytest.fixture
def demo_reports(transactional_db):
    """The demo district with its reporting periods (sent, approved, returned ones)."""
    office = demo.seed().office
    with transaction.atomic():
        reports_demo.seed(office=office, stdout=io.StringIO())


DATE_CELLS = """() => [...document.querySelectorAll('main td')]
  .filter(td => /^\\d{2}\\/\\d{2}\\/\\d{4}( \\d{2}:\\d{2})?$/.test(td.innerText.trim()) && td.offsetParent)
  .map(td => {
    const range = document.createRange();
    range.selectNodeContents(td);
    const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
    return [td.innerText.trim(), tops.size, getComputedStyle(td).whiteSpace];
  })"""


def test_dates_in_phone_lists_stay_on_one_line(demo_reports, phone_page, log_in):
    page = phone_page
    log_in(page, "demo.chuyenvien", demo.DEMO_PASSWORD)
    page.goto(page.base_url + reverse("reports:period_list"))
    cells = page.evaluate(DATE_CELLS)
    assert cells, "no date cell on the periods list"
    assert [text for text, lines, _ in cells if lines != 1] == []
    # Not by luck of the width: a date cell never wraps, however narrow its card line gets.
    assert {space for *_, space in cells} == {"nowrap"}


def test_phone_lists_come_before_their_filters(demo_data, phone_page, log_in):
    """At 390 px the people list's first row is on the first screen; the filters fold behind 'Lọc'
    (which counts the filters in use) and open on a tap."""
    page = phone_page
    log_in(page, "demo.chuyenvien", demo.DEMO_PASSWORD)
    page.goto(page.base_url + reverse("units:people") + "?role=principal")
    toggle = page.locator(".phone-filter-toggle")
    expect(toggle).to_be_visible()
    assert "1 đang dùng" in toggle.inner_text()
    assert toggle.bounding_box()["height"] >= 44
    first_row = page.locator("#people-body tbody tr, #people-body .list-group-item").first
    assert first_row.bounding_box()["y"] < PHONE["height"]
    search = page.get_by_label("Tìm", exact=False).first
    expect(search).to_be_hidden()
    toggle.click()
    expect(search).to_be_visible()


def test_desktop_filters_stay_open(demo_data, page, log_in):
    log_in(page, "demo.chuyenvien", demo.DEMO_PASSWORD)
    page.goto(page.base_url + reverse("units:people"))
    expect(page.locator(".phone-filter-toggle")).to_be_hidden()
    expect(page.locator("form.filter-card input[name=q]")).to_be_visible()


def test_office_home_shows_what_needs_doing_first_on_a_phone(demo_reports, page, phone_page, log_in):
    tops = {}
    for name, current in (("desktop", page), ("phone", phone_page)):
        log_in(current, "demo.chuyenvien", demo.DEMO_PASSWORD)
        attention = current.get_by_text("Cần xử lý: báo cáo").first
        expect(attention).to_be_visible()
        tops[name] = (attention.bounding_box()["y"], current.locator(".stat-card").first.bounding_box()["y"])
    attention_y, stats_y = tops["phone"]
    assert attention_y < stats_y and attention_y < PHONE["height"]
    attention_y, stats_y = tops["desktop"]
    assert stats_y < attention_y  # the desktop keeps its order: the figures, then the panels
