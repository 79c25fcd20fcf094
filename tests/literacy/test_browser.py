"""Browser: an officer imports a workbook through the page and sees the commune's rate change.

Own small fixtures (tests/browser/ belongs to another area): Playwright's sync API driving Debian's
/usr/bin/chromium against pytest-django's live_server."""

import os

import pytest

from tests.literacy.fixtures import YEAR, bulk_people, make_round, row, workbook_bytes

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def chromium_page(live_server, chromium):
    context = chromium.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.on("dialog", lambda dialog: dialog.accept())  # data-confirm asks before the real import
    yield page
    context.close()


@pytest.mark.browser
def test_importing_a_file_through_the_page_changes_the_communes_rate(
    world, live_server, chromium_page, tmp_path, log_in
):
    page = chromium_page
    survey_round = make_round(world.office)
    # 8 of 10 people aged 20 literate: 80%, below the 90% of Nghị định 20/2014, Điều 20.
    bulk_people(
        survey_round, world.hamlet, [{"birth_year": YEAR - 20, "grade": 5}] * 8 + [{"birth_year": YEAR - 20}] * 2
    )
    workbook = tmp_path / "ho-thon-dong.xlsx"
    workbook.write_bytes(
        workbook_bytes([row(code="HO500", name=f"Người Mới {i}", birth=str(YEAR - 22)) for i in range(10)])
    )

    log_in(page, world.officer.username)

    standard_url = f"{live_server.url}/xoa-mu-chu/chuan/{world.commune.pk}/?nam={YEAR}"
    page.goto(standard_url)
    assert page.inner_text("#rate-level1").replace(",", ".") == "80.00%"

    page.goto(f"{live_server.url}/xoa-mu-chu/nhap/")
    page.select_option("#id_round", str(survey_round.pk))
    page.select_option("#id_commune", str(world.commune.pk))
    page.set_input_files("#id_file", str(workbook))
    page.click("#check-button")
    page.wait_for_selector("#import-summary")
    assert "Đã kiểm tra" in page.inner_text("#import-status")
    page.click("#commit-button")
    page.wait_for_selector("text=Đã nhập 10 dòng")

    page.goto(standard_url)
    assert page.inner_text("#rate-level1").replace(",", ".") == "90.00%"
