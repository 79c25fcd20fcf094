"""Recognition decisions, certificates and the statistics report on paper (issue 15, DOMAIN.md §4, §6):
the authority per title decides who issues and signs, "Căn cứ" lines come from units.legal, the list
is an annex numbered apart, and no household code reaches paper."""

import datetime
import io

import docx
import pdfplumber
from django.urls import reverse

from learning_society import documents, selectors, services
from learning_society.models import Decision, RecognitionAuthority, Subject, Title
from rubrics.selectors import rubric_criteria
from units import legal
from units.models import AuditEntry

SIGNED = datetime.date(2025, 12, 15)


def _pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _checked_family(world, name, *, source_ref="", head_name=""):
    subject = Subject.objects.create(
        area=world.hamlet, title=Title.FAMILY, name=name, source_ref=source_ref, head_name=head_name
    )
    rubric = services.rubric_or_error(Title.FAMILY, 2025)
    points = {subject.pk: {c.pk: str(c.max_points) for c in rubric_criteria(rubric)}}
    services.grid_save(actor=world.officer, area=world.hamlet, title=Title.FAMILY, year=2025, points=points, check=True)
    return subject.assessments.get()


def _family_decision(world, number="1/QĐ-UBND", **family) -> Decision:
    a = _checked_family(world, family.pop("name", "Hộ ông Nguyễn Văn An"), **family)
    return services.recognise(
        actor=world.officer,
        assessment_ids=[a.pk],
        issuer=world.commune,
        area=world.hamlet,
        title=Title.FAMILY,
        year=2025,
        number=number,
        signed_on=SIGNED,
        signer_name="Phạm Văn Chủ",
    )


def _levels_decision(world, subject, number):
    rubric = services.rubric_or_error(subject.title, 2025)
    criteria = [c for c in rubric_criteria(rubric) if (c.required_for_level or 1) <= 1]
    a = services.assessment_save(
        actor=None,
        subject=subject,
        year=2025,
        met={c.pk for c in criteria},
        evidence={c.pk: "Biên bản số 1" for c in criteria},
        submit=True,
    )
    services.assessments_check(actor=world.officer, assessment_ids=[a.pk])
    return services.recognise(
        actor=world.officer,
        assessment_ids=[a.pk],
        issuer=world.office,
        title=subject.title,
        year=2025,
        number=number,
        signed_on=SIGNED,
        signer_name="Trần Thị Trưởng",
    )


def _doc(decision):
    return documents.decision_document(decision, selectors.decision_annex(decision))


def _body(doc) -> str:
    return "\n".join(b.text for b in doc.blocks)


def test_a_family_decision_is_the_commune_chairmans_with_the_list_as_an_annex(world, shipped):
    doc = _doc(_family_decision(world))
    assert doc.agency == "Ủy ban nhân dân xã Đống Đa"
    assert doc.symbol == "01/QĐ-UBND"
    assert doc.title == "Quyết định" and doc.excerpt == "Về việc công nhận danh hiệu “Gia đình học tập” năm 2025"
    assert doc.authority_heading == "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ ĐỐNG ĐA"
    assert (doc.signer.authority, doc.signer.position, doc.signer.name) == ("", "CHỦ TỊCH", "Phạm Văn Chủ")
    assert doc.bases[0].startswith("Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15")
    assert legal.basis_line("qd387_2022") in doc.bases
    assert doc.bases[-1] == "Xét đề nghị của Hội Khuyến học."
    body = _body(doc)
    assert "Điều 1. Công nhận danh hiệu “Gia đình học tập” năm 2025 cho 1 gia đình" in body
    assert "Điều 2." in body and "Điều 3." in body and "chịu trách nhiệm thi hành Quyết định này./." in body
    assert doc.recipient_lines[0] == "- Như Điều 3;" and doc.recipient_lines[-1].startswith("- Lưu: VT")
    (annex,) = doc.annexes
    assert annex.title == "Danh sách gia đình được công nhận danh hiệu “Gia đình học tập” năm 2025"
    assert annex.note == ("(Kèm theo Quyết định số 01/QĐ-UBND ngày 15/12/2025 của Chủ tịch Ủy ban nhân dân xã Đống Đa)")
    text = _pdf_text(documents.decision_pdf(_family_decision(world, "2/QĐ-UBND"), []))
    assert "TM." not in text and "CHỦ TỊCH PHÒNG" not in text


def test_a_commune_community_is_recognised_by_the_head_of_the_office(world, shipped):
    commune = Subject.objects.create(
        area=world.commune, title=Title.COMMUNE_COMMUNITY, name="Xã Đống Đa", unit=world.commune
    )
    doc = _doc(_levels_decision(world, commune, "3/QĐ-PGDĐT"))
    assert (doc.parent_agency, doc.agency, doc.symbol) == (
        "UBND huyện Thử Nghiệm",
        "Phòng Giáo dục và Đào tạo",
        "03/QĐ-PGDĐT",
    )
    assert doc.authority_heading == "TRƯỞNG PHÒNG GIÁO DỤC VÀ ĐÀO TẠO HUYỆN THỬ NGHIỆM"
    assert (doc.signer.authority, doc.signer.position) == ("", "TRƯỞNG PHÒNG")
    assert legal.basis_line("tt25_2023") in doc.bases
    assert not any("Luật Tổ chức chính quyền" in line for line in doc.bases)  # an office is no People's Committee
    assert "đạt Mức độ 1" in _body(doc)
    assert "có giá trị đến hết ngày 31/12/2028" in _body(doc)


def test_a_learning_unit_is_recognised_by_the_district_peoples_committee(world, shipped):
    unit = Subject.objects.create(
        area=world.school, title=Title.LEARNING_UNIT, name="Trường THCS Đống Đa", unit=world.school
    )
    decision = _levels_decision(world, unit, "4/QĐ-UBND")
    doc = _doc(decision)
    assert (doc.parent_agency, doc.agency, doc.symbol) == ("", "Ủy ban nhân dân huyện Thử Nghiệm", "04/QĐ-UBND")
    assert doc.authority_heading == "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN THỬ NGHIỆM"
    assert (doc.signer.position, doc.signer.name) == ("CHỦ TỊCH", "Trần Thị Trưởng")
    assert legal.basis_line("tt24_2023") in doc.bases
    assert doc.bases[-1] == "Xét đề nghị của Phòng Giáo dục và Đào tạo."
    assert "có giá trị đến hết ngày 31/12/2028 (theo Thông tư 24/2023/TT-BGDĐT" in _body(doc)
    assert decision.signer_position == "Chủ tịch" and decision.issuer_name == "Ủy ban nhân dân huyện Thử Nghiệm"


def test_the_office_changing_the_authority_changes_the_next_decision_not_a_signed_one(world, login, shipped):
    before = _family_decision(world, "5/QĐ-UBND")
    client = login(world.officer)
    response = client.post(
        reverse("learning_society:authority", args=[world.office.pk]),
        {
            "title": "family",
            "level": "0",
            "decider": "Phó Chủ tịch UBND xã",
            "issuing_level": "commune",
            "head_position": "Chủ tịch",
            "signer_form": "deputy",
            "legal_source": "qd387_2022",
        },
    )
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="learning_society.authority", unit=world.office).exists()
    after = _doc(_family_decision(world, "6/QĐ-UBND", name="Hộ bà Trần Thị Bình"))
    assert (after.signer.authority, after.signer.position) == ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    assert after.authority_heading == "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ ĐỐNG ĐA"
    assert (_doc(before).signer.authority, _doc(before).signer.position) == ("", "CHỦ TỊCH")
    page = client.get(reverse("learning_society:authority", args=[world.office.pk])).content.decode()
    assert "Phó Chủ tịch UBND xã" in page


def test_a_collective_signature_or_a_chairman_of_the_office_is_refused_and_the_input_shown_again(world, login, shipped):
    client = login(world.officer)
    hostile = "<script>alert(1)</script> Chủ tịch"
    response = client.post(
        reverse("learning_society:authority", args=[world.office.pk]),
        {
            "title": "commune_community",
            "level": "0",
            "decider": hostile,
            "issuing_level": "office",
            "head_position": "Chủ tịch",
            "signer_form": "collective",
            "legal_source": "không-có",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Phòng không có chức danh Chủ tịch" in page or "Hãy chọn" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Chủ tịch" in page and "<script>alert(1)" not in page
    assert not RecognitionAuthority.objects.exists()
    response = client.post(
        reverse("learning_society:authority", args=[world.office.pk]),
        {
            "title": "commune_community",
            "level": "0",
            "decider": "Trưởng phòng",
            "issuing_level": "office",
            "head_position": "Chủ tịch",
            "signer_form": "collective",
        },
    )
    page = response.content.decode()
    assert "Phòng không có chức danh Chủ tịch" in page and "Chỉ Ủy ban nhân dân mới ký" in page
    assert not RecognitionAuthority.objects.exists()


def test_another_office_cannot_see_or_change_the_authority(world, login, shipped):
    client = login(world.outsider_officer)
    url = reverse("learning_society:authority", args=[world.office.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"title": "family", "reset": "1"}).status_code == 404


def test_no_household_code_on_the_certificate_or_the_annex(world, shipped):
    decision = _family_decision(world, "7/QĐ-UBND", name="Hộ Lò Văn Páo (X02-0125)", source_ref="HH-8f2c", head_name="")
    annex = selectors.decision_annex(decision)
    certificate = _pdf_text(documents.certificate_pdf(annex[0]))
    listing = _pdf_text(documents.decision_pdf(decision, annex))
    for text in (certificate, listing):
        assert "X02-0125" not in text and "HH-8f2c" not in text
        assert "Gia đình Lò Văn Páo" in text and "Thôn Đông" in text
    assert "GIẤY CHỨNG NHẬN" in certificate and "Phạm Văn Chủ" in certificate
    assert "Có giá trị đến" in certificate or "năm 2025" in certificate
    assert "Nơi nhận" not in certificate


def test_the_certificate_of_the_office_passes_the_official_document_check(world, shipped):
    from documents.check import check_official_pdf

    commune = Subject.objects.create(
        area=world.commune, title=Title.COMMUNE_COMMUNITY, name="Xã Đống Đa", unit=world.commune
    )
    decision = _levels_decision(world, commune, "8/QĐ-PGDĐT")
    data = documents.certificate_pdf(selectors.decision_annex(decision)[0])
    assert check_official_pdf(data, kind="giay_chung_nhan", unit_code="OFFA") == []
    assert "Có giá trị đến hết ngày 31/12/2028" in _pdf_text(data)


def test_the_word_file_carries_the_same_title_symbol_signer_and_annex(world, login, shipped):
    decision = _family_decision(world, "9/QĐ-UBND")
    client = login(world.officer)
    page = client.get(reverse("learning_society:decision", args=[decision.pk])).content.decode()
    url = reverse("learning_society:decision_docx", args=[decision.pk])
    assert url in page
    response = client.get(url)
    assert response.status_code == 200
    word = docx.Document(io.BytesIO(response.content))
    parts = [p.text for p in word.paragraphs]
    for table in word.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    text = "\n".join(parts)
    assert "QUYẾT ĐỊNH" in text and "09/QĐ-UBND" in text
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ ĐỐNG ĐA" in text and "Phạm Văn Chủ" in text
    assert "DANH SÁCH GIA ĐÌNH ĐƯỢC CÔNG NHẬN" in text.upper()


def test_the_statistics_report_is_the_offices_with_signer_recipients_and_cited_targets(world, login, shipped):
    client = login(world.officer)
    response = client.get(reverse("learning_society:stats_pdf") + "?nam=2025")
    assert response.status_code == 200
    text = _pdf_text(b"".join(response.streaming_content) if response.streaming else response.content)
    assert "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO" in text and "UBND HUYỆN THỬ NGHIỆM" in text
    assert "/BC-PGDĐT" in text and "Thử Nghiệm, ngày" in text
    assert "Lê Văn Phó" in text and "Nơi nhận:" in text and "Lưu: VT, GDTX." in text
    assert "387/QĐ-TTg" in text


def test_the_recognition_page_says_who_issues_and_signs(world, login, shipped):
    _checked_family(world, "Hộ ông Nguyễn Văn An")
    page = login(world.officer).get(
        reverse("learning_society:recognise", args=[world.hamlet.pk]) + "?danh_hieu=family&nam=2025"
    )
    text = page.content.decode()
    assert "Ủy ban nhân dân xã Đống Đa" in text and "Chủ tịch Ủy ban nhân dân xã Đống Đa" in text


def test_a_collective_decision_carries_the_committees_own_heading_with_tm(world, shipped):
    services.recognition_authority_save(
        actor=world.officer,
        office=world.office,
        title=Title.FAMILY,
        decider="Ủy ban nhân dân xã",
        issuing_level="commune",
        head_position="Chủ tịch",
        signer_form="collective",
    )
    doc = _doc(_family_decision(world, "11/QĐ-UBND"))
    assert doc.authority_heading == "ỦY BAN NHÂN DÂN XÃ ĐỐNG ĐA"
    assert (doc.signer.authority, doc.signer.position) == ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")


def test_the_authority_of_a_level_wins_over_the_one_for_every_level(world, shipped):
    from learning_society.authority import authority_for

    for level, decider in ((0, "Trưởng phòng GD&ĐT"), (2, "Giám đốc Sở GD&ĐT")):
        services.recognition_authority_save(
            actor=world.officer,
            office=world.office,
            title=Title.COMMUNE_COMMUNITY,
            level=level,
            decider=decider,
            issuing_level="office",
            head_position="Trưởng phòng",
            signer_form="head",
        )
    assert authority_for(world.commune, Title.COMMUNE_COMMUNITY, 2).decider == "Giám đốc Sở GD&ĐT"
    assert authority_for(world.commune, Title.COMMUNE_COMMUNITY, 1).decider == "Trưởng phòng GD&ĐT"
    assert authority_for(world.other_commune, Title.COMMUNE_COMMUNITY, 2).decider == "Trưởng phòng GD&ĐT"
    assert authority_for(world.other_commune, Title.COMMUNE_COMMUNITY, 2).office_name == ""  # the default


def test_a_learning_units_validity_cites_the_learning_unit_circular():
    from learning_society.rules import validity_source

    assert validity_source("learning_unit") == "tt24_2023"
    assert validity_source("commune_community") == "tt25_2023"
