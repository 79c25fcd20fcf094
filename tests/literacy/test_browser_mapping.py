"""Browser (issue 16): an officer imports a commune's own layout through the mapping step, saves the
mapping, downloads the register in the national layout and imports it back: nobody is added twice."""

import os

import pytest

from literacy.models import ImportBatch, MappingProfile, Person
from tests.literacy.fixtures import make_round, workbook_bytes
from tests.literacy.test_browser import chromium_page  # noqa: F401 (the same page fixture)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.mark.browser
def test_a_file_in_the_communes_layout_is_mapped_imported_exported_and_imported_back(
    world,
    live_server,
    chromium_page,  # noqa: F811
    tmp_path,
    log_in,
):
    page = chromium_page
    survey_round = make_round(world.office)
    own = tmp_path / "danh-sach-xa.xlsx"
    own.write_bytes(
        workbook_bytes(
            [
                ["H1", "Đông", "Lò Văn A", "Lò Văn A", "02/03/1980", "", "", "001080001234"],
                ["H1", "Đông", "", "Lò Thị B", 1984, "x", "Thái", ""],
                ["H2", "Đông", "Cầm Văn C", "Cầm Văn C", 1975, "", "", ""],
            ],
            headers=["Mã", "Thôn", "Chủ hộ", "HO VA TEN", "Năm sinh", "Nữ", "Dân tộc", "CCCD"],
            before=[["DANH SÁCH HỘ GIA ĐÌNH XÃ ĐỐNG ĐA"]],
        )
    )
    log_in(page, world.officer.username)
    page.goto(f"{live_server.url}/xoa-mu-chu/nhap/")
    page.select_option("#id_round", str(survey_round.pk))
    page.select_option("#id_commune", str(world.commune.pk))
    page.set_input_files("#id_file", str(own))
    page.click("#check-button")
    page.wait_for_selector("#import-needs-mapping")
    page.click("#import-needs-mapping a")
    page.wait_for_selector("#mapping-table")
    assert "Lò Thị B" in page.inner_text("#mapping-table")  # the first rows, under their columns
    page.select_option("select[name=target_0]", "household_code")
    page.fill("input[name=save_as]", "Danh sách xã Đống Đa")
    os.makedirs("tests/artifacts", exist_ok=True)
    page.screenshot(path="tests/artifacts/literacy-mapping-step.png", full_page=True)
    page.click("#mapping-check")
    page.wait_for_selector("#import-summary")
    page.click("#commit-button")
    page.wait_for_selector("text=Đã nhập 3 dòng")
    assert Person.objects.filter(round=survey_round).count() == 3
    assert Person.objects.get(full_name="Lò Văn A").id_number == "001080001234"
    assert MappingProfile.objects.filter(office=world.office, name="Danh sách xã Đống Đa").exists()

    with page.expect_download() as download:
        page.click("text=Tải sổ của xã (mẫu quốc gia)")
    national = tmp_path / "so-quoc-gia.xlsx"
    download.value.save_as(national)

    page.goto(f"{live_server.url}/xoa-mu-chu/nhap/")
    page.select_option("#id_round", str(survey_round.pk))
    page.select_option("#id_commune", str(world.commune.pk))
    page.select_option("#id_layout", "quoc-gia")
    page.set_input_files("#id_file", str(national))
    page.click("#check-button")
    page.wait_for_selector("#import-summary")
    batch = ImportBatch.objects.order_by("-created_at").first()
    assert (batch.summary["persons_new"], batch.summary["households_new"]) == (0, 0)
    page.click("#commit-button")
    page.wait_for_selector("text=Đã nhập 3 dòng")
    assert Person.objects.filter(round=survey_round).count() == 3
