"""The literacy recognition dossier (issue 18): a commune that meets a level prepares its dossier
from the register, the office checks it (the figures kept as they were), returns it or records the
decision; documents through the one document layer; the commune's history of recognitions."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from literacy import dossier as svc
from literacy.models import LiteracySettings, RecognitionDossier
from tests.literacy.fixtures import bulk_people, make_round

pytestmark = pytest.mark.django_db
YEAR = 2025
CHECKED = datetime.date(2025, 12, 1)


def _register(world, grades=None):
    """Đống Đa: 10 people born 2000; 9 literate at level 1 (90,0%: met), 8 at level 2 (80,0%: not)."""
    survey_round = make_round(world.office, year=YEAR, reference_date=datetime.date(2025, 9, 30))
    grades = grades if grades is not None else [5] * 8 + [3, 0]
    return survey_round, bulk_people(survey_round, world.hamlet, [{"birth_year": 2000, "grade": g} for g in grades])


def _checked(world):
    _register(world)
    d = svc.dossier_create(actor=world.officer, commune=world.commune, year=YEAR, level=1)
    svc.dossier_submit(actor=world.officer, dossier=d)
    return svc.dossier_check(actor=world.officer, dossier=d, checked_on=CHECKED, notes="Hồ sơ đầy đủ")


def test_a_dossier_needs_the_level_met_in_the_register(world):
    _register(world)
    with pytest.raises(ValidationError, match="chưa đạt chuẩn mức độ 2"):
        svc.dossier_create(actor=world.officer, commune=world.commune, year=YEAR, level=2)
    with pytest.raises(ValidationError, match="chưa có đợt điều tra"):
        svc.dossier_create(actor=world.officer, commune=world.commune, year=2019, level=1)
    with pytest.raises(PermissionDenied):
        svc.dossier_create(actor=world.outsider_officer, commune=world.commune, year=YEAR, level=1)
    assert not RecognitionDossier.objects.exists()


def test_from_request_to_decision_with_a_return_on_the_way(world):
    _register(world)
    d = svc.dossier_create(actor=world.officer, commune=world.commune, year=YEAR, level=1)
    svc.dossier_submit(actor=world.officer, dossier=d)
    with pytest.raises(ValidationError, match="lý do"):
        svc.dossier_return(actor=world.officer, dossier=d, reason="  ")
    svc.dossier_return(actor=world.officer, dossier=d, reason="Thiếu danh sách MC1 của thôn Đông")
    assert d.status == "returned"
    with pytest.raises(ValidationError):
        svc.dossier_check(actor=world.officer, dossier=d, checked_on=CHECKED)
    svc.dossier_submit(actor=world.officer, dossier=d, self_check="Đã bổ sung")
    with pytest.raises(PermissionDenied):
        svc.dossier_check(actor=world.leader, dossier=d, checked_on=CHECKED)
    svc.dossier_check(actor=world.officer, dossier=d, checked_on=CHECKED)
    with pytest.raises(ValidationError, match="trước ngày kiểm tra"):
        svc.dossier_recognise(
            actor=world.officer, dossier=d, number="12", date=datetime.date(2025, 11, 1), signer="Lê Văn Chủ"
        )
    svc.dossier_recognise(
        actor=world.officer, dossier=d, number="12", date=datetime.date(2025, 12, 10), signer="Lê Văn Chủ"
    )
    assert d.status == "recognised" and d.decision_authority == "district"
    assert list(svc.history(world.commune)) == [d]


def test_the_checked_figures_stay_as_they_were_when_the_register_changes(world, login):
    d = _checked(world)
    assert d.checked_figures["literate"] == 9 and d.checked_figures["population"] == 10
    from literacy.models import SurveyRound

    survey_round = SurveyRound.objects.get(year=YEAR)
    bulk_people(survey_round, world.hamlet, [{"birth_year": 2000, "grade": 0}] * 5)
    d.refresh_from_db()
    assert d.checked_figures["population"] == 10
    text = login(world.officer).get(reverse("literacy:dossier_document", args=[d.pk, "bien-ban-kiem-tra"]))
    html = text.content.decode()
    assert "dân số 10 người" in html and "biết chữ mức độ 1 9 người" in html and "90,0%" in html


def test_the_decision_is_signed_by_the_authority_the_office_sets(world, login):
    d = _checked(world)
    svc.dossier_recognise(
        actor=world.officer, dossier=d, number="5", date=datetime.date(2025, 12, 10), signer="Lê Văn Chủ"
    )
    html = login(world.officer).get(reverse("literacy:dossier_document", args=[d.pk, "quyet-dinh"])).content.decode()
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN THỬ NGHIỆM" in html and "05/QĐ-UBND" in html
    assert "(cần xác minh)" in html  # after July 2025 with no setting: the default is unverified
    LiteracySettings.objects.update_or_create(office=world.office, defaults={"recognition_decider": "commune"})
    assert svc.decider(world.office, datetime.date(2025, 12, 10))[:2] == ("commune", "Chủ tịch UBND xã")
    assert svc.decider(LiteracySettings.objects.get().office, datetime.date(2024, 1, 1))[2] is True


def test_the_documents_pass_the_official_check(world, login):
    from documents.check import check_official_pdf

    d = _checked(world)
    svc.dossier_recognise(
        actor=world.officer, dossier=d, number="5", date=datetime.date(2025, 12, 10), signer="Lê Văn Chủ"
    )
    client = login(world.officer)
    for slug, kind in (("bien-ban-kiem-tra", "bien_ban"), ("quyet-dinh", "quyet_dinh")):
        response = client.get(reverse("literacy:dossier_document", args=[d.pk, slug]) + "?pdf=1")
        assert response["Content-Type"] == "application/pdf"
        assert check_official_pdf(response.content, kind=kind) == [], slug
    for slug in svc.DOCUMENTS:
        response = client.get(reverse("literacy:dossier_docx", args=[d.pk, slug]))
        assert response.status_code == 200 and response.content[:2] == b"PK"


def test_decision_documents_wait_for_the_check(world, login):
    _register(world)
    d = svc.dossier_create(actor=world.officer, commune=world.commune, year=YEAR, level=1)
    client = login(world.officer)
    assert client.get(reverse("literacy:dossier_document", args=[d.pk, "to-trinh"])).status_code == 200
    assert client.get(reverse("literacy:dossier_document", args=[d.pk, "quyet-dinh"])).status_code == 404
    assert client.get(reverse("literacy:dossier_document", args=[d.pk, "khong-co"])).status_code == 404


@pytest.mark.parametrize(
    "data",
    [
        {"commune": "abc", "year": "2025", "level": "1"},
        {"commune": "999999", "year": "2025", "level": "1"},
        {"year": "<script>", "level": "9"},
        {"year": "99999999999999999999", "level": "1' OR 1=1"},
    ],
)
def test_hostile_create_input_is_a_form_error(world, login, data):
    _register(world)
    response = login(world.officer).post(reverse("literacy:dossier_create"), data)
    assert response.status_code == 200 and not RecognitionDossier.objects.exists()


@pytest.mark.parametrize(
    "url,data",
    [
        ("literacy:dossier_check", {"checked_on": "31/02/2025"}),
        ("literacy:dossier_check", {"checked_on": "x" * 500, "notes": "a" * 5000}),
        ("literacy:dossier_return", {"reason": ""}),
        ("literacy:dossier_return", {"reason": "\u202e" + "b" * 3000}),
    ],
)
def test_hostile_office_input_is_a_form_error(world, login, url, data):
    _register(world)
    d = svc.dossier_create(actor=world.officer, commune=world.commune, year=YEAR, level=1)
    svc.dossier_submit(actor=world.officer, dossier=d)
    response = login(world.officer).post(reverse(url, args=[d.pk]), data)
    assert response.status_code == 200
    d.refresh_from_db()
    assert d.status == "submitted"


def test_the_list_reads_in_constant_queries(world, login, django_assert_max_num_queries):
    from tests.factories import make_unit
    from units.models import UnitKind

    _register(world)
    svc.dossier_create(actor=world.officer, commune=world.commune, year=YEAR, level=1)
    client = login(world.officer)
    url = reverse("literacy:dossier_list")
    client.get(url)
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    for i in range(6):
        commune = make_unit(UnitKind.COMMUNE, parent=world.office, name=f"Xã số {i}", code=f"X9{i}")
        RecognitionDossier.objects.create(commune=commune, office=world.office, year=YEAR, level=1)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "Xã số 5" in client.get(url).content.decode()


def test_the_history_shows_on_the_commune_page_and_in_the_annual_report(world, login):
    from literacy.annual import recognitions_block

    d = _checked(world)
    svc.dossier_recognise(
        actor=world.officer, dossier=d, number="12", date=datetime.date(2025, 12, 10), signer="Lê Văn Chủ"
    )
    html = login(world.officer).get(reverse("literacy:standard", args=[world.commune.pk]) + "?nam=2025").content
    assert "Năm 2025: mức độ 1 — quyết định số 12 ngày 10/12/2025" in html.decode()
    table = recognitions_block(world.office, datetime.date(2025, 9, 1), datetime.date(2026, 8, 31))
    assert [r.cells[:4] for r in table.rows] == [[world.commune.name, 1, 2025, "12"]]
    assert recognitions_block(world.office, datetime.date(2024, 9, 1), datetime.date(2025, 8, 31)).rows == []


def test_the_commune_request_and_self_check_pass_the_official_check(world, login):
    """Issued by the commune's People's Committee from its identity (documents.issuer_for); the
    XMC table and the MC list as annexes on landscape pages numbered apart."""
    from documents.check import check_official_pdf
    from units.models import UnitIdentity

    UnitIdentity.objects.create(
        unit=world.commune,
        official_name="Ủy ban nhân dân xã Đống Đa",
        abbreviation="UBND",
        place_name="Đống Đa",
        head_position="Chủ tịch",
        head_name="Lò Văn Xã",
    )
    d = _checked(world)
    client = login(world.officer)
    for slug, kind in (("to-trinh", "to_trinh"), ("bao-cao-tu-kiem-tra", "bao_cao")):
        response = client.get(reverse("literacy:dossier_document", args=[d.pk, slug]) + "?pdf=1")
        assert check_official_pdf(response.content, kind=kind) == [], slug


def test_the_office_saves_who_signs_the_recognition_decision_on_the_settings_page(world, login):
    """The settings form carries the decision's signer (recognition_decider); saving it was a 500."""
    from django.urls import reverse

    from literacy.models import LiteracySettings

    client = login(world.officer)
    url = reverse("literacy:settings", kwargs={"pk": world.office.pk})
    form = client.get(url).context["form"]
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data["age_method"] = form.initial.get("age_method") or form.fields["age_method"].choices[0][0]
    choices = [value for value, _label in getattr(form.fields["recognition_decider"], "choices", []) if value]
    data["recognition_decider"] = choices[0] if choices else "Chủ tịch UBND huyện"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:500]
    assert LiteracySettings.objects.get(office=world.office).recognition_decider == data["recognition_decider"]
