"""Issue 17, field work: the import guide says which cells may be left blank, and the error file a
commune downloads is named once ".xlsx", not "….xlsx.xlsx"."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from literacy.models import ImportBatch
from tests.literacy.fixtures import excel_upload, make_round, row


def _guide(sheet) -> dict:
    return {r[0]: r[1] for r in sheet.iter_rows(min_row=2, values_only=True) if r and r[0] and r[1]}


def test_the_guide_does_not_call_a_column_that_may_be_left_blank_required(world, login):
    client = login(world.principal)
    workbook = load_workbook(io.BytesIO(client.get(reverse("literacy:import_template") + "?tai=1").content))
    guide = _guide(workbook["Huong dan"])
    assert guide["Mã hộ"] == guide["Họ và tên"] == guide["Ngày sinh"] == "Có"
    # Blank is Kinh, not disabled, not exempt, grade 0: the column stays, the cell may be empty.
    for header in ("Dân tộc", "Khuyết tật", "Miễn", "Hoàn thành XMC", "Lớp đã hoàn thành"):
        assert guide[header] == "Không (giữ cột, ô để trống được)", header
    assert guide["Số nhà"] == "Không"
    page = client.get(reverse("literacy:import_template")).content.decode()
    assert "Không (giữ cột, ô để trống được)" in page


def test_the_error_file_has_one_xlsx_extension(world, login):
    client = login(world.officer)
    upload = excel_upload([row(name="An"), row(name="Bình", grade=13)])
    upload.name = "ho-thon-dong.xlsx"
    client.post(
        reverse("literacy:import_start"),
        {"round": make_round(world.office).pk, "commune": world.commune.pk, "file": upload},
    )
    batch = ImportBatch.objects.get()
    response = client.get(reverse("literacy:import_detail", kwargs={"pk": batch.pk}) + "?xuat=xlsx")
    disposition = response["Content-Disposition"]
    assert "loi-nhap-ho-thon-dong.xlsx" in disposition
    assert ".xlsx.xlsx" not in disposition
