"""Issue 17 polish seen on a phone: file inputs in Vietnamese, dates that never break, the filter
form behind a 'Lọc' button, the office home's attention panel first."""

import pytest

from units import demo

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
