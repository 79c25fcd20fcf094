"""Browser (issue 19): a teacher takes attendance on a 390-px phone and types a class's term results
in the grid with the keyboard; completing term 3 raises the learner's literacy level."""

import datetime
import os

import pytest

from literacy import services
from literacy.models import Attendance, TermResult
from tests.literacy.fixtures import YEAR, make_household, make_person, make_round

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

NO_SIDEWAYS = "() => document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth"


@pytest.fixture
def phone(live_server, chromium):
    context = chromium.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN", has_touch=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


@pytest.mark.browser
def test_a_teacher_takes_attendance_on_a_phone_and_types_the_results_grid(world, live_server, phone, log_in):
    survey_round = make_round(world.office, number=1, reference_date=datetime.date(YEAR, 3, 31))
    household = make_household(survey_round, world.hamlet)
    people = [make_person(household, name=n, birth_year=YEAR - 20) for n in ("An Văn Ba", "Bế Thị Cúc", "Cầm Văn Dũng")]
    literacy_class = services.class_create(
        actor=None, run_by=world.centre, name="Lớp GĐ1 bản Mới", stage="1", start_date=datetime.date(YEAR, 1, 5)
    )
    services.enrol(actor=None, literacy_class=literacy_class, persons=people)
    page = phone
    log_in(page, world.director.username)

    page.goto(f"{live_server.url}/xoa-mu-chu/lop/{literacy_class.pk}/")
    page.click("text=Điểm danh")
    assert page.evaluate(NO_SIDEWAYS)
    toggle = page.locator("label.attend-row", has_text="Bế Thị Cúc")
    box = toggle.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 300  # a big tap target on the phone
    toggle.tap()
    assert "Vắng" in toggle.inner_text()
    page.click("text=Lưu điểm danh")
    page.wait_for_selector("text=2/3 có mặt")
    assert Attendance.objects.filter(present=False, enrolment__person__full_name="Bế Thị Cúc").count() == 1

    page.goto(f"{live_server.url}/xoa-mu-chu/lop/{literacy_class.pk}/bang-ket-qua/")
    first = page.locator("input.grid-cell").first
    assert first.input_value() == ""  # never a default result
    first.click()
    for key in ("h", "Enter", "h", "Enter", "t", "Enter", "c"):
        page.keyboard.press(key)
    page.click("text=Lưu cả bảng")
    page.wait_for_selector("text=Đã lưu bảng kết quả")
    an = literacy_class.enrolments.get(person__full_name="An Văn Ba")
    assert dict(TermResult.objects.filter(enrolment=an).values_list("term", "result")) == {1: "HT", 2: "HT", 3: "HTT"}
    assert TermResult.objects.get(enrolment__person__full_name="Bế Thị Cúc", term=1).result == "CHT"
    an.person.refresh_from_db()
    assert an.person.literacy_level == 1
