"""Done-when of issue 19 (resources): on a phone (390×844) a centre director logs an activity, finds
a resource of the office's library by typing part of its name (accents left out) in the pick-list,
ticks it, saves, and sees it on the activity page; the resource page then counts the activity.
The office's gallery shows a published model with its photo. Screenshots go to tests/artifacts/."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from resources.models import ModelStatus
from tests.factories import World
from tests.resources import helpers

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
PHONE = {"width": 390, "height": 844}

pytestmark = pytest.mark.browser


@pytest.fixture
def live_world(transactional_db):
    return World()


def _shot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"resources_{name}.png"), full_page=True)


def test_a_director_picks_a_resource_when_logging_an_activity(chromium, live_server, live_world, log_in):
    world = live_world
    helpers.make_resource(world.office, title="Kỹ năng phòng chống đuối nước", field="life_skills")
    helpers.make_resource(world.office, title="Kỹ thuật trồng lúa chất lượng cao", field="agriculture")
    helpers.make_resource(world.office, title="Luật Giao thông đường bộ", field="law")
    helpers.make_resource(world.centre, actor=world.director, title="Đề xuất chưa duyệt")
    helpers.make_model(world.centre, status=ModelStatus.PUBLISHED, title="Tủ sách cộng đồng thôn Đông", photos=1)

    context = chromium.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="vi-VN"
    )
    phone = context.new_page()
    phone.set_default_timeout(10_000)
    log_in(phone, "director", next=f"/trung-tam/{world.centre.pk}/hoat-dong/them/")

    phone.get_by_label("Lĩnh vực").select_option("life_skills")
    phone.get_by_label("Tên lớp / chuyên đề / hoạt động").fill("Phòng chống đuối nước cho trẻ em")
    phone.get_by_label("Số người tham gia").fill("35")
    expect(phone.get_by_label("Đề xuất chưa duyệt")).to_have_count(0)  # only what the office published
    phone.get_by_label("Tìm học liệu").fill("duoi nuoc")
    expect(phone.get_by_label("Luật Giao thông đường bộ — Pháp luật")).to_be_hidden()
    phone.get_by_label("Kỹ năng phòng chống đuối nước — Kỹ năng sống").check()
    _shot(phone, "activity_form_phone")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    phone.get_by_role("button", name="Lưu hoạt động").click()
    expect(phone.get_by_text(re.compile("Đã ghi “Phòng chống đuối nước cho trẻ em”"))).to_be_visible()

    phone.get_by_role("link", name="Phòng chống đuối nước cho trẻ em").first.click()
    used = phone.get_by_test_id("activity-resources")
    expect(used).to_have_text("Kỹ năng phòng chống đuối nước")
    _shot(phone, "activity_page_phone")
    used.get_by_role("link").click()
    expect(phone.get_by_role("heading", name="Kỹ năng phòng chống đuối nước")).to_be_visible()
    expect(phone.get_by_test_id("uses")).to_have_text("1 hoạt động của TTHTCĐ")

    phone.goto(f"{live_server.url}/hoc-lieu/mo-hinh/")
    card = phone.locator(".card", has_text="Tủ sách cộng đồng thôn Đông")
    expect(card.get_by_role("img")).to_be_visible()
    # The thumbnail loads lazily: wait until the browser has it (a busy machine answers it later),
    # then it must be a real picture, not a broken image.
    card.get_by_role("img").element_handle().wait_for_element_state("stable")
    phone.wait_for_function("img => img.complete", arg=card.get_by_role("img").element_handle())
    assert card.get_by_role("img").evaluate("img => img.naturalWidth > 0")
    _shot(phone, "gallery_phone")
    context.close()
