"""The issuer of a document comes from the unit's identity or the tree, never from internal codes
(issue 15: "XÃ PÁ LÙNG" without "UBND", "/BC-DEMO-X11-TH", hard-coded "PGDĐT" and "KT. TRƯỞNG PHÒNG")."""

import pytest
from django.urls import reverse

from documents import OfficialDocument
from documents.issuer import derive_abbreviation, issuer_for
from tests.factories import make_unit
from units.models import AuditEntry, Unit, UnitIdentity, UnitKind

pytestmark = pytest.mark.django_db


def test_a_school_takes_its_parent_line_place_and_head_from_the_tree(world):
    issuer = issuer_for(world.school)
    assert issuer.parent_agency == "UBND xã Đống Đa"
    assert issuer.agency == "Trường THCS Đống Đa"
    assert issuer.place == "Đống Đa"
    assert issuer.abbreviation == "THCSĐĐ"
    assert "SCH1" not in issuer.abbreviation
    signer = issuer.signer()
    assert (signer.position, signer.name) == ("HIỆU TRƯỞNG", "Phạm Thị Hiệu")
    # It reports to the office that manages it, named as the office names itself.
    assert issuer.recipients == ("Phòng Giáo dục và Đào tạo huyện Thử Nghiệm (để b/c);",)
    assert issuer.missing == ()


def test_a_centre_signs_as_its_director_and_an_unmanned_unit_says_who_is_missing(world):
    signer = issuer_for(world.centre).signer()
    assert (signer.position, signer.name) == ("GIÁM ĐỐC", "Vũ Thị Giám")
    empty = make_unit(UnitKind.SCHOOL, parent=world.commune, name="Trường Tiểu học Mới", code="SCHNEW")
    assert "họ tên người ký" in issuer_for(empty).missing


def test_the_office_prints_its_own_identity_and_its_deputy_signs_kt(world):
    issuer = issuer_for(world.office)
    doc = OfficialDocument.issued_by(issuer, kind="BC", number=5, excerpt="Tổng kết năm học")
    assert doc.parent_agency == "UBND huyện Thử Nghiệm"
    assert doc.agency == "Phòng Giáo dục và Đào tạo"
    assert doc.symbol == "05/BC-PGDĐT"
    assert doc.title == "Báo cáo"
    assert doc.place == "Thử Nghiệm"
    assert (doc.signer.authority, doc.signer.position, doc.signer.name) == (
        "KT. TRƯỞNG PHÒNG",
        "PHÓ TRƯỞNG PHÒNG",
        "Lê Văn Phó",
    )
    assert doc.recipient_lines == [
        "- Sở GD&ĐT tỉnh Thử Nghiệm (để b/c);",
        "- UBND huyện Thử Nghiệm (để b/c);",
        "- Lưu: VT, GDTX.",
    ]


def test_a_letter_has_no_type_code_and_carries_the_drafting_unit(world):
    doc = OfficialDocument.issued_by(issuer_for(world.office), kind="CV", number=12, excerpt="Hướng dẫn nhiệm vụ")
    assert doc.symbol == "12/PGDĐT-GDTX"
    assert doc.is_letter


def test_an_office_without_identity_is_told_what_to_set(world):
    issuer = issuer_for(world.other_office)
    assert any("thể thức văn bản" in item for item in issuer.missing)


def test_the_head_signs_when_no_deputy_signs(world):
    world.identity.deputy_signs = False
    world.identity.save()
    signer = issuer_for(world.office).signer()
    assert (signer.authority, signer.position, signer.name) == ("", "TRƯỞNG PHÒNG", "Trần Thị Trưởng")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Trường Tiểu học Lê Lợi", "THLL"),
        ("Trung tâm học tập cộng đồng xã Pá Lùng", "TTHTCĐPL"),
        ("Trường Mầm non Hoa Sen", "MNHS"),
        ("Hội Khuyến học xã Tân Phong", "HKHTP"),
    ],
)
def test_abbreviations_come_from_the_name(name, expected):
    assert derive_abbreviation(name) == expected


def test_a_commune_without_identity_is_its_peoples_committee(world):
    issuer = issuer_for(world.commune)
    assert issuer.agency == "Ủy ban nhân dân Xã Đống Đa"
    assert issuer.parent_agency == ""


def test_the_officer_sets_the_identity_and_bad_input_is_redisplayed(world, login):
    client = login(world.officer)
    url = reverse("units:identity", args=[world.commune.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Thể thức văn bản" in page.content.decode()
    data = {
        "official_name": "Phòng Văn hóa - Xã hội",
        "parent_agency": "UBND xã Đống Đa",
        "abbreviation": "VH XH",
        "place_name": "Đống Đa",
        "head_position": "Trưởng phòng",
        "head_name": "Nguyễn Văn A",
        "deputy_signs": "on",
        "archive": "VT.",
    }
    refused = client.post(url, data)
    assert refused.status_code == 200
    body = refused.content.decode()
    assert "không có dấu cách" in body
    assert "Cấp phó ký thay thì cần" in body
    assert not UnitIdentity.objects.filter(unit=world.commune).exists()
    data.update(abbreviation="VHXH", deputy_signs="")
    saved = client.post(url, data)
    assert saved.status_code == 302
    identity = UnitIdentity.objects.get(unit=world.commune)
    assert identity.abbreviation == "VHXH"
    assert AuditEntry.objects.filter(action="unit.identity_create", unit=world.commune).exists()
    assert issuer_for(world.commune).agency == "Phòng Văn hóa - Xã hội"


def test_another_office_and_a_principal_cannot_set_it(world, login):
    url = reverse("units:identity", args=[world.office.pk])
    assert login(world.outsider_officer).get(url).status_code == 404
    assert login(world.principal).post(url, {"official_name": "X"}).status_code in (403, 404)
    assert UnitIdentity.objects.get(unit=world.office).official_name == "Phòng Giáo dục và Đào tạo"


def test_a_commune_that_sets_its_identity_does_not_take_the_schools_reports_from_the_office(world):
    UnitIdentity.objects.create(
        unit=world.commune,
        official_name="Ủy ban nhân dân xã Đống Đa",
        abbreviation="UBND",
        place_name="Đống Đa",
        head_position="Chủ tịch",
        head_name="Nguyễn Văn Xã",
    )
    assert issuer_for(world.school).recipients == ("Phòng Giáo dục và Đào tạo huyện Thử Nghiệm (để b/c);",)
    commune = issuer_for(world.commune)
    assert (commune.agency, commune.signer().name, commune.missing) == (
        "Ủy ban nhân dân xã Đống Đa",
        "Nguyễn Văn Xã",
        (),
    )


def test_every_demo_commune_signs_with_its_chairmans_name(db):
    from units import demo

    result = demo.seed()
    communes = Unit.objects.filter(kind=UnitKind.COMMUNE, path__startswith=result.office.path)
    assert communes.exists()
    for commune in communes:
        assert issuer_for(commune).signer().name, commune
    assert issuer_for(result.office).missing == ()


def test_a_commune_without_identity_numbers_its_documents_ubnd(world):
    assert issuer_for(world.commune).abbreviation == "UBND"
