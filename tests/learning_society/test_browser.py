"""Browser: an officer scores a hamlet's families in the grid with the keyboard, then recognises them
in bulk. Own small fixtures; Playwright's sync API driving Debian's /usr/bin/chromium against
pytest-django's live_server. Screenshots go to $LS_SCREENSHOTS when it is set (for looking at)."""

import os
from pathlib import Path

import pytest

from learning_society.models import Assessment, Decision

from .conftest import YEAR

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def page(live_server, chromium):
    context = chromium.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.on("dialog", lambda dialog: dialog.accept())  # data-confirm asks before the decision
    yield page
    context.close()


def shot(page, name):
    folder = os.environ.get("LS_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{folder}/{name}.png", full_page=True)


def type_row(page, values):
    for value in values:
        page.keyboard.type(value)
        page.keyboard.press("Enter")


@pytest.mark.browser
def test_an_officer_scores_a_hamlet_in_the_grid_and_recognises_it_in_bulk(world, families, live_server, page, log_in):
    log_in(page, world.officer.username)

    page.goto(f"{live_server.url}/xa-hoi-hoc-tap/don-vi/{world.hamlet.pk}/bang-cham/?danh_hieu=family&nam={YEAR}")
    rows = page.locator("tr[data-row]")
    assert rows.count() == 3  # sorted by name: Bình, Cường, An
    rows.nth(0).locator("input.grid-cell").first.click()

    # A point above the maximum is flagged at once; the total shows it cannot be counted.
    page.keyboard.type("16")
    assert "is-invalid" in rows.nth(0).locator("input.grid-cell").first.get_attribute("class")
    assert rows.nth(0).locator(".row-total").inner_text() == "!"
    page.keyboard.press("Backspace")
    page.keyboard.press("Backspace")

    # Enter moves along the row and on to the next one.
    type_row(page, ["15", "15", "15", "15", "10", "10", "10", "10"])
    type_row(page, ["10", "10", "10", "10", "5", "5", "0", "0"])
    type_row(page, ["15", "15", "15", "15", "10", "10", "4,9"])
    page.keyboard.type("0")
    assert rows.nth(0).locator(".row-total").inner_text() == "100"
    assert rows.nth(0).locator(".row-band").inner_text() == "Tốt"
    assert rows.nth(1).locator(".row-band").inner_text() == "Trung bình"
    assert rows.nth(2).locator(".row-total").inner_text() == "84,9"
    assert rows.nth(2).locator(".row-band").inner_text() == "Khá"
    # Arrow keys move between rows in the same column.
    page.keyboard.press("ArrowUp")
    page.keyboard.type("5")  # the focused cell's text is selected, so this replaces 0 with 5
    assert rows.nth(1).locator(".row-total").inner_text() == "55"
    shot(page, "grid")

    page.click("#saveCheckGrid")
    page.wait_for_selector(".alert-success")
    assert sorted(Assessment.objects.values_list("status", flat=True)) == ["checked"] * 3, page.inner_text(".alert")
    assert rows.nth(2).locator(".row-total").inner_text() == "84,9"

    page.click("#bulkRecognise")
    page.wait_for_selector("#issueDecision")
    assert page.locator("input[name=assessment]:checked").count() == 3
    page.fill("#id_number", "27/QĐ-UBND")
    page.fill("#id_signed_on", "15/12/2025")
    page.fill("#id_signer_name", "Phạm Văn Chủ")
    shot(page, "recognise")
    page.click("#issueDecision")
    page.wait_for_url("**/quyet-dinh/*/")
    body = page.inner_text("main")
    assert "Quyết định số 27/QĐ-UBND" in body
    for family in families:
        assert family.name in body
    shot(page, "decision")
    decision = Decision.objects.get()
    assert decision.assessments.count() == 3
    assert set(decision.assessments.values_list("band", flat=True)) == {"Tốt", "Khá", "Trung bình"}
