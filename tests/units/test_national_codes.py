"""Official codes of the national lists (issue 16): communes after 1 July 2025 (QĐ 19/2025/QĐ-TTg)
from the vietnam-provinces package, checked when a unit is saved; the commune picker; the 2025
merger lineage from the vietnamadminunits conversion tables."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from tests.factories import make_unit, make_user
from units import national
from units.models import Role, Unit, UnitKind

UNKNOWN = "Mã xã 99999 không có trong danh mục đơn vị hành chính theo Quyết định 19/2025/QĐ-TTg (cần xác minh)."


@pytest.fixture
def quang_ninh(db):
    office = make_unit(UnitKind.OFFICE, name="Sở GD&ĐT Quảng Ninh", code="SO22", province_code="22")
    officer = make_user(Role.OFFICE_OFFICER, office, username="cv.qn")
    return office, officer


def test_the_list_knows_the_wards_of_ha_long_after_the_merger():
    assert national.province("22").name == "Quảng Ninh"
    ha_long = national.commune("06688")
    assert (ha_long.name, ha_long.level_label, ha_long.short_name, ha_long.province_code) == (
        "Phường Hạ Long",
        "Phường",
        "Hạ Long",
        "22",
    )
    assert national.commune("06673").name == "Phường Bãi Cháy"
    assert national.commune("06685").name == "Phường Hồng Gai"
    assert national.commune("99999") is None


def test_a_commune_with_its_official_code_is_saved(quang_ninh):
    office, _officer = quang_ninh
    ward = make_unit(UnitKind.COMMUNE, parent=office, name="Hạ Long", level_label="Phường", official_code="06688")
    assert Unit.objects.get(pk=ward.pk).official_code == "06688"


def test_an_unknown_commune_code_is_refused_with_the_decision_named(quang_ninh):
    office, _officer = quang_ninh
    with pytest.raises(ValidationError) as refused:
        make_unit(UnitKind.COMMUNE, parent=office, name="Không Có", official_code="99999")
    assert refused.value.message_dict["official_code"] == [UNKNOWN]
    assert not Unit.objects.filter(name="Không Có").exists()


def test_a_commune_code_of_another_province_is_refused(quang_ninh):
    office, _officer = quang_ninh
    with pytest.raises(ValidationError) as refused:
        make_unit(UnitKind.COMMUNE, parent=office, name="Hoàn Kiếm", official_code="00070")
    assert (
        "Phường Hoàn Kiếm của Thành phố Hà Nội, không thuộc Quảng Ninh"
        in refused.value.message_dict["official_code"][0]
    )


def test_a_hamlet_has_no_official_code_and_a_school_keeps_its_ministry_code(quang_ninh):
    office, _officer = quang_ninh
    ward = make_unit(UnitKind.COMMUNE, parent=office, name="Hạ Long", official_code="06688")
    with pytest.raises(ValidationError) as refused:
        make_unit(UnitKind.HAMLET, parent=ward, name="Khu 1", official_code="06688")
    assert "thôn, trường, trung tâm để trống" in refused.value.message_dict["official_code"][0]
    school = make_unit(UnitKind.SCHOOL, parent=ward, name="THCS Hạ Long", moet_code="22ab0101")
    assert school.moet_code == "22AB0101"
    with pytest.raises(ValidationError) as refused:
        make_unit(UnitKind.SCHOOL, parent=ward, name="THCS Sai Mã", moet_code="22-01")
    assert "moet_code" in refused.value.message_dict


def test_the_unit_form_refuses_an_unknown_code_and_keeps_what_was_typed(quang_ninh, login):
    office, officer = quang_ninh
    client = login(officer)
    data = {
        "kind": "commune",
        "parent": office.pk,
        "code": "XA-MOI",
        "name": "Tên Thử",
        "level_label": "Xã",
        "official_code": "99999",
        "valid_from": "01/07/2025",
    }
    response = client.post(reverse("units:create"), data)
    assert response.status_code == 200
    assert UNKNOWN in response.content.decode()
    assert 'value="Tên Thử"' in response.content.decode()
    assert not Unit.objects.filter(code="XA-MOI").exists()


def test_the_picker_offers_the_communes_of_the_office_province_and_fills_the_unit(quang_ninh, login):
    office, officer = quang_ninh
    client = login(officer)
    page = client.get(reverse("units:create")).content.decode()
    assert "Phường Hạ Long (06688)" in page
    assert "Phường Hoàn Kiếm" not in page  # Hà Nội's
    data = {
        "kind": "commune",
        "parent": office.pk,
        "code": "XA-HALONG",
        "name": "",
        "level_label": "Xã",
        "commune_pick": "06688",
        "valid_from": "01/07/2025",
    }
    response = client.post(reverse("units:create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    ward = Unit.objects.get(code="XA-HALONG")
    assert (ward.name, ward.level_label, ward.official_code, ward.full_name) == (
        "Hạ Long",
        "Phường",
        "06688",
        "Phường Hạ Long",
    )


def test_merge_lineage_is_filled_from_the_conversion_tables(quang_ninh):
    office, _officer = quang_ninh
    old = datetime.date(2000, 1, 1)
    hong_hai = make_unit(UnitKind.COMMUNE, parent=office, name="Hồng Hải", level_label="Phường", valid_from=old)
    hong_ha = make_unit(
        UnitKind.COMMUNE, parent=office, name="Hồng Hà", level_label="Phường", official_code="06697", valid_from=old
    )
    ha_long = make_unit(
        UnitKind.COMMUNE,
        parent=office,
        name="Hạ Long",
        level_label="Phường",
        official_code="06688",
        valid_from=datetime.date(2025, 7, 1),
    )
    call_command("fill_merge_lineage", office="SO22", dry_run=True, stdout=(out := _Out()))
    assert "sẽ thêm: Phường Hồng Hải" in out.text and not ha_long.predecessors.exists()
    call_command("fill_merge_lineage", office="SO22", stdout=(out := _Out()))
    assert set(ha_long.predecessors.all()) == {hong_hai, hong_ha}
    call_command("fill_merge_lineage", office="SO22", stdout=(out := _Out()))
    assert "Đã thêm 0 liên kết" in out.text


class _Out:
    def __init__(self):
        self.text = ""

    def write(self, text):
        self.text += text

    def flush(self):
        pass


def test_one_commune_of_the_list_is_one_open_unit(quang_ninh):
    office, _officer = quang_ninh
    make_unit(UnitKind.COMMUNE, parent=office, name="Hạ Long", code="XA-HL", official_code="06688")
    with pytest.raises(ValidationError) as refused:
        make_unit(UnitKind.COMMUNE, parent=office, name="Hạ Long 2", official_code="06688")
    assert refused.value.message_dict["official_code"] == [
        "Mã xã 06688 đã dùng cho Xã Hạ Long (mã đơn vị XA-HL) đang hoạt động."
    ]


def test_the_unit_page_shows_the_official_code(quang_ninh, login):
    office, officer = quang_ninh
    ward = make_unit(UnitKind.COMMUNE, parent=office, name="Hạ Long", official_code="06688")
    page = login(officer).get(reverse("units:detail", args=[ward.pk])).content.decode()
    assert "Mã đơn vị hành chính" in page and "06688" in page
