"""Done-when of issue 19 for communication: a director logs a news item (with a photo) and sees it
counted in the lifelong-learning week report — the period the office opens pre-fills the "Tin, bài"
row from the log. Screenshots go to tests/artifacts/."""

import datetime
import io
import os

import pytest
from playwright.sync_api import expect

from communication.models import NewsItem
from reports import services as report_services
from reports.models import ReportForm, Submission
from tests.browser.conftest import artifact_path
from tests.factories import World
from tests.reports.helpers import open_period
from units.models import UnitKind, today

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser


@pytest.fixture
def live_world(transactional_db):
    world = World()
    report_services.standard_forms_load(publish=True)
    return world


def _photo() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (1200, 800), (30, 120, 200)).save(out, "JPEG")
    return out.getvalue()


def test_a_director_logs_news_and_sees_it_counted_in_the_week_report(chromium, live_server, live_world, log_in):
    context = chromium.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(15_000)

    log_in(page, "director", next="/truyen-thong/")
    expect(page.get_by_text("Chưa có tin, bài nào.")).to_be_visible()
    page.get_by_role("link", name="Ghi tin, bài").click()
    page.get_by_label("Kênh").select_option(label="Mạng xã hội (Zalo, Facebook)")
    page.get_by_label("Chủ đề").select_option(label="Tuần lễ hưởng ứng học tập suốt đời")
    page.get_by_label("Tiêu đề").fill("Nhóm Zalo thôn Đông hưởng ứng Tuần lễ học tập suốt đời")
    page.get_by_label("Số lượng").fill("3")
    page.get_by_label("Tệp đính kèm (ảnh hoặc PDF)").set_input_files(
        {"name": "zalo.jpg", "mimeType": "image/jpeg", "buffer": _photo()}
    )
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_text("Đã ghi tin, bài")).to_be_visible()
    expect(
        page.get_by_role("link", name="Nhóm Zalo thôn Đông hưởng ứng Tuần lễ học tập suốt đời", exact=True)
    ).to_be_visible()
    expect(page.get_by_role("img", name="Ảnh: Nhóm Zalo thôn Đông")).to_be_visible()
    expect(page.get_by_test_id("total-news")).to_have_text("3")
    page.screenshot(path=str(artifact_path("communication_log")), full_page=True)
    assert NewsItem.objects.get().unit == live_world.centre

    # The office opens the week's report for its centres: the centre's "Tin, bài" row starts at 3.
    form = ReportForm.objects.filter(code="HTSD-TUAN", owner__isnull=True).order_by("-version").first()
    period = open_period(
        live_world,
        form,
        kinds=[UnitKind.CENTRE],
        label="Tuần lễ hưởng ứng học tập suốt đời",
        start_date=today() - datetime.timedelta(days=6),
        end_date=today(),
    )
    submission = Submission.objects.get(period=period, unit=live_world.centre)
    page.goto(f"{live_server.url}/")  # the director's home lists the reports to fill
    expect(page.get_by_text("Tuần lễ hưởng ứng học tập suốt đời").first).to_be_visible()
    page.get_by_role("link", name="Nhập số liệu").first.click()
    cell = page.locator('[id="v-H08.SL"]')
    expect(cell).to_have_value("3")
    expect(page.get_by_text("Điền sẵn từ: Sổ tin, bài tuyên truyền").first).to_be_attached()
    assert page.url.endswith(f"/{submission.pk}/")
    page.screenshot(path=str(artifact_path("communication_week_report")), full_page=True)
    context.close()
