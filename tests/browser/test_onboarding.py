"""Bulk onboarding in the browser (issue 16): an officer downloads the template, fills it, uploads it,
reads the row errors, uploads the corrected file, commits it, prints the list of logins once, and a
new principal logs in with the one-time password and must change it."""

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.factories import PASSWORD, make_unit, make_user
from tests.units.test_onboarding import NEW_PASSWORD, _fill, _person, _unit
from units import national
from units.models import Role, Unit, UnitKind, User

pytestmark = pytest.mark.browser


def test_an_officer_onboards_a_commune_and_a_principal_logs_in(transactional_db, page, log_in, tmp_path):
    office = make_unit(UnitKind.OFFICE, name="Phòng GD&ĐT thử", code="PGD-QN", province_code="22")
    make_user(Role.OFFICE_OFFICER, office, username="chuyenvien", full_name="Đặng Thị Chuyên")
    commune = national.communes("22")[0]
    log_in(page, "chuyenvien", PASSWORD)
    page.goto(f"{page.base_url}/don-vi/")
    page.get_by_role("link", name="Nhập từ Excel").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải mẫu").click()
    template = tmp_path / download.value.suggested_filename
    assert template.name == "mau-nhap-don-vi-nguoi-dung.xlsx"
    download.value.save_as(template)
    book = load_workbook(template)

    school = _unit(UnitKind.SCHOOL, "Trường Tiểu học Kim Đồng", parent=commune.code, level="TH", moet="QN01")
    rows = [_unit(UnitKind.COMMUNE, official=commune.code), school]
    bad = tmp_path / "loi.xlsx"
    bad.write_bytes(
        _fill(
            book, rows, [_person("Lê Thị Bình", "QN01", Role.PRINCIPAL), _person("Vô Danh", "", Role.PRINCIPAL)]
        ).getvalue()
    )
    page.locator("input[type=file]").set_input_files(str(bad))
    page.get_by_role("button", name="Kiểm tra tệp").click()
    errors = page.locator("#onboarding-errors tbody tr")
    expect(errors).to_have_count(1)
    expect(errors.first).to_contain_text("Nguoi dung")
    assert not Unit.objects.filter(moet_code="QN01").exists()

    good = tmp_path / "dung.xlsx"
    book = load_workbook(template)
    good.write_bytes(_fill(book, rows, [_person("Lê Thị Bình", "QN01", Role.PRINCIPAL)]).getvalue())
    page.get_by_role("link", name="Nhập tệp khác").click()
    page.locator("input[type=file]").set_input_files(str(good))
    page.get_by_role("button", name="Kiểm tra tệp").click()
    expect(page.locator("#onboarding-summary")).to_contain_text("1 trường học")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Nhập chính thức").click()
    page.get_by_role("button", name="Xem và in").click()
    row = page.locator("#onboarding-logins tbody tr").first
    expect(row).to_contain_text("binhlt")
    password = row.locator("code").nth(1).inner_text()
    page.goto(page.url)  # the same page again: the list was taken, the passwords are gone
    expect(page.locator("#onboarding-logins-gone")).to_contain_text("đã được lấy")
    expect(page.locator("#onboarding-logins")).to_have_count(0)

    log_in(page, "binhlt", password)
    expect(page).to_have_url(f"{page.base_url}/tai-khoan/doi-mat-khau/")
    page.locator("#id_old_password").fill(password)
    page.locator("#id_new_password1").fill(NEW_PASSWORD)
    page.locator("#id_new_password2").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Lưu mật khẩu mới").click()
    assert not User.objects.get(username="binhlt").must_change_password
