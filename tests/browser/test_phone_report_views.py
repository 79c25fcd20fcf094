"""Issue 17: on a 390 × 844 phone the read-only report grid (a sent report) and the period's roll-up
read as cards — each indicator a card, each figure labelled with its column, the section's total
highlighted — and the page never scrolls sideways, even for a 7-column form. Screenshots in
tests/artifacts/."""

import pytest
from playwright.sync_api import expect

from reports import services
from tests.factories import World
from tests.reports import helpers

from .conftest import artifact_path

pytestmark = pytest.mark.browser

WIDE_COLUMNS = [
    ("DT", "Người dân tộc thiểu số"),
    ("KT", "Người khuyết tật"),
    ("CT", "Cán bộ, công chức cấp xã"),
    ("HS", "Học sinh bỏ học"),
    ("NL", "Người lớn tuổi trên 60"),
]

SIDEWAYS = "document.scrollingElement.scrollWidth"


@pytest.fixture
def sent_report(transactional_db):
    """A 7-column report the school has sent, in a period the office rolls up."""
    world = World()
    data = helpers.small_form_data("WIDE")
    data["columns"] += [{"code": code, "label": label} for code, label in WIDE_COLUMNS]
    for row in data["sections"][0]["rows"][:2]:
        row["cells"].update({code: {"type": "integer"} for code, _label in WIDE_COLUMNS})
    form = services.form_create_from_dict(actor=world.officer, owner=world.office, data=data)
    services.form_publish(actor=world.officer, form=form)
    period = helpers.open_period(world, form)
    submission = helpers.submission_of(period, world.school)
    values = {"R01.TS": "1250", "R01.NU": "600", "R02.TS": "30", "R02.NU": "12", "R01.DT": "312", "R01.NL": "48"}
    return helpers.fill_and_submit(submission, world.principal, values)


def figures(page, row_text: str) -> dict[str, str]:
    """{column label: figure} as the card of the row reads."""
    return page.evaluate(
        """(text) => {
          const row = [...document.querySelectorAll("table.report-grid tbody tr")]
            .find((tr) => tr.innerText.includes(text));
          const out = {};
          for (const td of row.querySelectorAll("td[data-label]")) {
            if (td.offsetParent !== null) out[td.dataset.label] = td.innerText.trim();
          }
          return out;
        }""",
        row_text,
    )


def test_a_sent_report_reads_as_cards_on_a_phone(sent_report, phone_page, log_in):
    log_in(phone_page, "principal")
    phone_page.goto(f"{phone_page.base_url}/bao-cao/bao-cao/{sent_report.pk}/")
    grid = phone_page.locator("table.report-grid")
    law = grid.locator("tr", has_text="Lớp pháp luật")
    expect(law).to_be_visible()
    phone_page.screenshot(path=str(artifact_path("phone-report-read-only")), full_page=True)
    assert phone_page.evaluate(SIDEWAYS) <= 390
    box = law.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390  # the card fits the screen
    read = figures(phone_page, "Lớp pháp luật")
    assert read["Tổng số"] == "1.250" and read["Người dân tộc thiểu số"] == "312" and read["Nữ"] == "600"
    total = grid.locator("tr[data-total]", has_text="Cộng")
    expect(total).to_be_visible()
    assert figures(phone_page, "Cộng")["Tổng số"] == "1.280"
    # The change history under the grid is cards too: the cell's name reads across the card, the
    # new figure labelled, not a five-column table breaking "Người dân tộc thiểu số" word by word.
    change = phone_page.locator("table.history-cards tbody tr", has_text="Lớp pháp luật — Người dân tộc thiểu số")
    expect(change.locator("td[data-label='Mới']")).to_have_text("312")
    box = change.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    assert change.locator("td.card-title").bounding_box()["width"] > 250


def test_the_roll_up_reads_as_cards_on_a_phone_with_its_drill_down(sent_report, phone_page, log_in):
    log_in(phone_page, "officer")
    phone_page.goto(f"{phone_page.base_url}/bao-cao/ky/{sent_report.period_id}/tong-hop/")
    law = phone_page.locator("table.report-grid tr", has_text="Lớp pháp luật")
    expect(law).to_be_visible()
    phone_page.screenshot(path=str(artifact_path("phone-rollup")), full_page=True)
    assert phone_page.evaluate(SIDEWAYS) <= 390
    assert figures(phone_page, "Lớp pháp luật")["Tổng số"] == "1.250"
    link = law.get_by_role("link", name="1.250")
    box = link.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44  # the drill-down figure is a tap target
    link.click()
    expect(phone_page.get_by_text("Trường THCS Đống Đa")).to_be_visible()


def test_the_periods_units_are_cards_with_their_view_button_on_a_phone(sent_report, phone_page, log_in):
    log_in(phone_page, "officer")
    phone_page.goto(f"{phone_page.base_url}/bao-cao/ky/{sent_report.period_id}/don-vi/")
    card = phone_page.locator("tbody tr", has_text="Trường THCS Đống Đa")
    expect(card).to_be_visible()
    phone_page.screenshot(path=str(artifact_path("phone-period-units")), full_page=True)
    assert phone_page.evaluate(SIDEWAYS) <= 390
    view = card.get_by_role("link", name="Xem")
    box = view.bounding_box()
    assert box["x"] + box["width"] <= 390 and box["height"] >= 44  # the main action is on screen
    assert card.locator("td.card-select").bounding_box()["height"] >= 44
    expect(card.locator("td[data-label='Trạng thái']")).to_contain_text("Đã nộp")
