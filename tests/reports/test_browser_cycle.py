"""The whole reporting cycle in a browser: an officer opens a period, a principal fills it in (the
total computed as they type) and submits, the officer returns it, the principal fixes and
resubmits, the officer approves; the board shows 1 on time, the roll-up the numbers, and the PDF
and XLSX downloads contain them."""

import datetime
import io
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import DESKTOP
from tests.factories import World
from units.models import today

from .helpers import make_form

pytestmark = pytest.mark.browser


@pytest.fixture
def as_user(chromium, live_server, log_in):
    contexts = []

    def _open(user):
        context = chromium.new_context(viewport=DESKTOP, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.base_url = live_server.url
        page.on("dialog", lambda dialog: dialog.accept())  # "Nộp báo cáo?" and other confirmations
        log_in(page, user.username)
        return page

    yield _open
    for context in contexts:
        context.close()


def test_open_fill_submit_return_fix_approve_board_rollup_exports(transactional_db, as_user):
    world = World()
    form = make_form(world, code="CYCLE")
    dmy = lambda d: d.strftime("%d/%m/%Y")  # noqa: E731

    officer = as_user(world.officer)
    officer.goto(f"{officer.base_url}/bao-cao/ky/mo/")
    officer.get_by_label("Biểu mẫu").select_option(str(form.pk))
    officer.get_by_label("Tên kỳ báo cáo").fill("Năm học 2025-2026")
    officer.get_by_label("Số liệu từ ngày").fill("01/09/2025")
    officer.get_by_label("Số liệu đến ngày").fill(dmy(today()))
    officer.get_by_label("Ngày mở nhập").fill(dmy(today()))
    officer.get_by_label("Hạn nộp").fill(dmy(today() + datetime.timedelta(days=7)))
    officer.get_by_label("Ngày khóa sổ").fill(dmy(today() + datetime.timedelta(days=30)))
    officer.get_by_label("Trường học").check()
    officer.get_by_role("button", name="Mở kỳ báo cáo").click()
    expect(officer.get_by_text("Đã mở kỳ báo cáo; 2 đơn vị phải nộp.")).to_be_visible()
    board_url = officer.url

    principal = as_user(world.principal)
    principal.goto(f"{principal.base_url}/bao-cao/can-nop/")
    expect(principal.get_by_text("còn 7 ngày")).to_be_visible()
    principal.get_by_role("link", name="Nhập số liệu").click()
    principal.locator('[name="v:R01.TS"]').fill("120")
    principal.locator('[name="v:R01.NU"]').fill("200")
    expect(principal.locator('[data-computed="R03.TS"]')).to_have_text("120")  # computed as they type
    principal.get_by_role("button", name="Nộp báo cáo").click()
    expect(principal.get_by_text("Số nữ lớp pháp luật không được lớn hơn tổng số.").first).to_be_visible()
    principal.locator('[name="v:R01.NU"]').fill("50")
    principal.get_by_role("button", name="Nộp báo cáo").click()
    expect(principal.get_by_text("Đã nộp báo cáo.")).to_be_visible()
    submission_url = principal.url

    officer.goto(submission_url)
    officer.get_by_role("link", name="Trả lại (ghi lý do)").click()
    officer.get_by_label("Lý do").fill("Thiếu số liệu lớp tin học")
    officer.get_by_role("button", name="Trả lại").click()
    expect(officer.get_by_role("alert").filter(has_text="Đã trả lại báo cáo")).to_be_visible()

    principal.goto(f"{principal.base_url}/bao-cao/can-nop/")
    expect(principal.get_by_text("Thiếu số liệu lớp tin học")).to_be_visible()
    principal.get_by_role("link", name="Nhập số liệu").first.click()
    principal.locator('[name="v:R02.TS"]').fill("30")
    expect(principal.locator('[data-computed="R03.TS"]')).to_have_text("150")
    principal.get_by_role("button", name="Nộp báo cáo").click()
    expect(principal.get_by_text("Đã nộp báo cáo.")).to_be_visible()

    officer.goto(submission_url)
    officer.get_by_role("button", name=re.compile(r"Duyệt$")).click()
    expect(officer.get_by_role("alert").filter(has_text="Đã duyệt báo cáo")).to_be_visible()

    officer.goto(board_url)
    expect(officer.get_by_test_id("on-time")).to_have_text("1")

    officer.get_by_role("link", name="Tổng hợp").first.click()
    row = officer.locator("tr", has=officer.get_by_text("Cộng", exact=True))
    expect(row).to_contain_text("150")

    pdf_link = officer.get_by_role("link", name="Bản in (PDF)").get_attribute("href")
    pdf = officer.request.get(
        f"{officer.base_url}{pdf_link}&pdf=1" if "?" in pdf_link else f"{officer.base_url}{pdf_link}?pdf=1"
    )
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "150" in text
    xlsx_link = officer.get_by_role("link", name="Tải Excel").get_attribute("href")
    sheet = load_workbook(io.BytesIO(officer.request.get(f"{officer.base_url}{xlsx_link}").body())).active
    total = next(r for r in sheet.iter_rows(values_only=True) if r and r[0] == "R03")
    assert total[3] == 150
