"""Issue 16, "Done when": a real office moves in on a clean database (no demo), walked in one browser
test as a new user would. The superuser sets up the office on /cai-dat/; the first officer changes
the one-time password, onboards 30 communes, 90 schools and 150 people from the template, imports a
household file laid out as the national survey form through the built-in profile, exports the
register in the national layout and imports it back with no duplicate; a principal created by the
onboarding fills the report offline in Excel and uploads it, the officer approves, issues an API token
and the roll-up read with that token holds the figure typed offline.

Every step reuses the step's own test helpers (file builders, cell addresses); only the report form
and the survey round come from the services, as noted where they do."""

import datetime
import json
import re
import urllib.request
from types import SimpleNamespace

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from literacy.models import ImportBatch, Person
from tests.literacy.fixtures import make_round, workbook_bytes
from tests.literacy.test_mapping import NATIONAL_HEADERS, national_row
from tests.reports.helpers import make_form
from tests.reports.test_offline import _cell
from tests.units.test_onboarding import NEW_PASSWORD, _fill, district_rows
from units import national
from units.models import Unit, User, today

pytestmark = pytest.mark.browser

ADMIN_PASSWORD = "Quan-tri-rat-dai-9"
OFFICER_PASSWORD = "Chuyen-vien-moi-2026"
OFFLINE_FIGURE = 137  # typed into the workbook offline; must come back through the API


def _change_password(page, old: str, new: str) -> None:
    expect(page).to_have_url(f"{page.base_url}/tai-khoan/doi-mat-khau/")
    page.locator("#id_old_password").fill(old)
    page.locator("#id_new_password1").fill(new)
    page.locator("#id_new_password2").fill(new)
    page.get_by_role("button", name="Lưu mật khẩu mới").click()


def _import_households(page, survey_round, commune, path) -> None:
    page.goto(f"{page.base_url}/xoa-mu-chu/nhap/")
    page.select_option("#id_round", str(survey_round.pk))
    page.select_option("#id_commune", str(commune.pk))
    page.select_option("#id_layout", "quoc-gia")  # the national survey form's built-in profile
    page.set_input_files("#id_file", str(path))
    page.click("#check-button")
    page.wait_for_selector("#import-summary")


def test_a_new_office_moves_in_from_setup_to_the_api(transactional_db, page, log_in, tmp_path):
    page.on("dialog", lambda dialog: dialog.accept())  # "Nhập chính thức?", "Nộp báo cáo?"
    dmy = lambda d: d.strftime("%d/%m/%Y")  # noqa: E731
    assert not Unit.objects.exists()  # a clean database: no demo district

    # 1. The superuser is sent to the first-run page and sets up the office.
    User.objects.create_superuser("quantri", "qt@example.vn", ADMIN_PASSWORD, full_name="Quản Trị")
    log_in(page, "quantri", ADMIN_PASSWORD)
    expect(page).to_have_url(f"{page.base_url}/cai-dat/")
    page.get_by_label("Tên đơn vị quản lý").fill("Sở Giáo dục và Đào tạo Quảng Ninh")
    page.get_by_label("Tỉnh, thành phố").select_option("22")
    page.get_by_label("Chữ viết tắt tên cơ quan").fill("SGDĐT")
    page.get_by_label("Địa danh").fill("Quảng Ninh")
    page.get_by_label("Chức vụ người đứng đầu").fill("Giám đốc")
    page.get_by_label("Tên đăng nhập của cán bộ đầu tiên").fill("cv.qn")
    page.get_by_label("Họ tên cán bộ").fill("Trần Thị Chuyên")
    page.get_by_role("button", name="Cài đặt").click()
    one_time = page.get_by_test_id("one-time-password").inner_text()
    office = Unit.objects.get(parent=None)

    # 2. The first officer must change the one-time password.
    log_in(page, "cv.qn", one_time)
    _change_password(page, one_time, OFFICER_PASSWORD)
    officer = User.objects.get(username="cv.qn")
    assert not officer.must_change_password

    # 3. Onboarding from the template: 30 communes, 90 schools, 150 people with official codes.
    page.goto(f"{page.base_url}/don-vi/")
    page.get_by_role("link", name="Nhập từ Excel").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải mẫu").click()
    template = tmp_path / "mau.xlsx"
    download.value.save_as(template)
    filled = tmp_path / "don-vi.xlsx"
    filled.write_bytes(_fill(load_workbook(template), *district_rows()).getvalue())
    page.locator("input[type=file]").set_input_files(str(filled))
    # The 330-row check and commit run in the request: seconds, and more on a loaded CI machine, so
    # these clicks (which wait for the page they open) get a long timeout instead of the default 10 s.
    page.get_by_role("button", name="Kiểm tra tệp").click(timeout=180_000)
    expect(page.locator("#onboarding-summary")).to_contain_text("90 trường học", timeout=180_000)
    page.get_by_role("button", name="Nhập chính thức").click(timeout=180_000)
    page.get_by_role("button", name="Xem và in").click(timeout=180_000)
    row = page.locator("#onboarding-logins tbody tr", has=page.get_by_text("ht22000th", exact=True))
    principal_password = row.locator("code").nth(1).inner_text()
    first = national.communes("22")[0]
    commune = Unit.objects.get(official_code=first.code)
    assert commune.parent == office
    assert Unit.objects.filter(kind="commune", parent=office).count() == 30
    assert Unit.objects.filter(kind="school").count() == 90
    assert User.objects.filter(must_change_password=True).count() == 150

    # 4. A household file laid out as the national survey form, through the built-in profile.
    survey_round = make_round(office)  # the survey round comes from the service the round page calls
    households = tmp_path / "phieu-dieu-tra.xlsx"
    hamlet = {"Thôn": "Thôn Một"}
    households.write_bytes(
        workbook_bytes(
            [
                national_row(**hamlet),
                national_row(**hamlet, **{"Họ tên": "Hà Thị Vợ", "Ngày sinh": 1983, "Quan hệ": "Vợ", "Nữ": "x"}),
                national_row(**hamlet, **{"Họ tên": "Hà Văn Con", "Ngày sinh": "03/04/2015", "Lớp đang học": 6}),
            ],
            headers=NATIONAL_HEADERS,
        )
    )
    _import_households(page, survey_round, commune, households)
    page.click("#commit-button")
    page.wait_for_selector("text=Đã nhập 3 dòng")
    assert Person.objects.filter(round=survey_round).count() == 3

    # 5. Exported in the national layout and imported back: nobody is added twice.
    with page.expect_download() as download:
        page.click("text=Tải sổ của xã (mẫu quốc gia)")
    register = tmp_path / "so-quoc-gia.xlsx"
    download.value.save_as(register)
    _import_households(page, survey_round, commune, register)
    batch = ImportBatch.objects.order_by("-created_at").first()
    assert (batch.summary["persons_new"], batch.summary["households_new"]) == (0, 0)
    page.click("#commit-button")
    page.wait_for_selector("text=Đã nhập 3 dòng")
    assert Person.objects.filter(round=survey_round).count() == 3

    # 6. A reporting period for the schools. The report form comes from the form service (designing
    # one in the browser is the form designer's own test); the period is opened on the page.
    form = make_form(SimpleNamespace(officer=officer, office=office), code="VAO-NHA")
    page.goto(f"{page.base_url}/bao-cao/ky/mo/")
    page.get_by_label("Biểu mẫu").select_option(str(form.pk))
    page.get_by_label("Tên kỳ báo cáo").fill("Năm học 2026-2027")
    page.get_by_label("Số liệu từ ngày").fill(dmy(today() - datetime.timedelta(days=90)))
    page.get_by_label("Số liệu đến ngày").fill(dmy(today()))
    page.get_by_label("Ngày mở nhập").fill(dmy(today()))
    page.get_by_label("Hạn nộp").fill(dmy(today() + datetime.timedelta(days=7)))
    page.get_by_label("Ngày khóa sổ").fill(dmy(today() + datetime.timedelta(days=30)))
    page.get_by_label("Trường học").check()
    page.get_by_role("button", name="Mở kỳ báo cáo").click()
    expect(page.get_by_text("Đã mở kỳ báo cáo; 90 đơn vị phải nộp.")).to_be_visible(timeout=30_000)

    # 7. A principal from the onboarding logs in, downloads the workbook, fills it offline, uploads it.
    log_in(page, "ht22000th", principal_password)
    _change_password(page, principal_password, NEW_PASSWORD)
    page.goto(f"{page.base_url}/bao-cao/can-nop/")
    page.get_by_role("link", name="Nhập số liệu").first.click()
    submission_url = page.url
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải Excel để nhập").click()
    workbook = tmp_path / "bao-cao.xlsx"
    download.value.save_as(workbook)
    book = load_workbook(workbook)
    _cell(book, "R01.TS").value = OFFLINE_FIGURE
    _cell(book, "R01.NU").value = 60
    book.save(workbook)
    page.locator("#offline-file").set_input_files(str(workbook))
    page.locator("[data-offline]").get_by_role("button", name="Tải lên").click()
    expect(page.locator('[data-computed="R03.TS"]')).to_have_text(str(OFFLINE_FIGURE))
    page.get_by_role("button", name="Nộp báo cáo").click()
    expect(page.get_by_text("Đã nộp báo cáo.")).to_be_visible()

    # 8. The officer approves.
    log_in(page, "cv.qn", OFFICER_PASSWORD)
    page.goto(submission_url)
    page.get_by_role("button", name=re.compile(r"Duyệt$")).click()
    expect(page.get_by_role("alert").filter(has_text="Đã duyệt báo cáo")).to_be_visible()

    # 9. The officer issues a token; another system reads the roll-up with it.
    page.goto(f"{page.base_url}/api-truy-cap/")
    page.get_by_label("Tên ứng dụng").fill("Hệ thống của Sở")
    page.get_by_role("button", name="Cấp khóa").click()
    token = page.locator("#issued-token").inner_text().strip()
    listed = _get_json(f"{page.base_url}/api/v1/ky-bao-cao/", token)["results"]
    period_id = next(p["id"] for p in listed if p["label"] == "Năm học 2026-2027")
    body = _get_json(f"{page.base_url}/api/v1/ky-bao-cao/{period_id}/tong-hop/", token)
    served = {f"{row['code']}.{col}": value for row in body["rows"] for col, value in row["values"].items()}
    assert body["approved_reports"] == 1
    assert served["R01.TS"] == OFFLINE_FIGURE and served["R03.TS"] == OFFLINE_FIGURE


def _get_json(url: str, token: str) -> dict:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}", "Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200
        return json.loads(response.read().decode())
