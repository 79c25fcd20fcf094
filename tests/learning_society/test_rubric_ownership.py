"""Rubrics have an owner (issue 12, security item 2 and item 7 for the rubric import).

Before: POST /xa-hoi-hoc-tap/bo-tieu-chi/nap/ rewrote a rubric by code for every office (office B
made A's family rubric total 8 points, turned the TTHTCĐ rubric into a family rubric, and a band
label over 40 characters made every family assessment 500 on PostgreSQL), audited with no unit.
Now the shipped rubrics are read-only national defaults, an office imports and edits only its own
copy, its units use that copy, and every change is in the office's audit log."""

import copy
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from centers import rubric_2553
from centers import services as centre_services
from learning_society import services
from learning_society.models import Assessment, Title
from rubrics import engine
from rubrics import selectors as rubric_selectors
from rubrics import services as rubric_services
from rubrics.models import Rubric, RubricCriterion, RubricGroup
from tests.factories import make_unit, make_user
from tests.hardening.strategies import EXAMPLES, sweep
from units.models import AuditEntry, Role, UnitKind

YEAR = 2025
FAMILY_CODE = "GDHT-MAU-2021"  # the national default in force in 2025 (QĐ 448 ends in 2020)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _family_data(**over) -> dict:
    """The shipped family rubric with its criteria cut down to one worth 8 points (office B's upload)."""
    data = rubric_selectors.rubric_data(Rubric.objects.get(code=FAMILY_CODE, owner=None))
    data["groups"] = [{**data["groups"][0], "criteria": [{**data["groups"][0]["criteria"][0], "max_points": 8}]}]
    data["bands"] = [{"label": "Đạt", "min": "5"}, {"label": "Không đạt", "min": "0"}]
    return {**data, **over}


def _upload(client, body: bytes):
    return client.post(
        reverse("rubrics:import"),
        {"file": SimpleUploadedFile("bo-tieu-chi.json", body, content_type="application/json")},
        follow=True,
    )


def _rows():
    return (
        list(Rubric.objects.order_by("pk").values_list()),
        list(RubricGroup.objects.order_by("pk").values_list()),
        list(RubricCriterion.objects.order_by("pk").values_list()),
    )


def _max_total(rubric) -> int:
    return engine.max_total(rubric_selectors.rubric_criteria(rubric_selectors.rubric_queryset().get(pk=rubric.pk)))


@pytest.fixture
def national_centre(db):
    return rubric_2553.load(Rubric, RubricGroup, RubricCriterion)


@pytest.fixture
def a_copy(world, shipped):
    return rubric_services.rubric_copy(actor=world.officer, rubric=shipped[FAMILY_CODE], office=world.office)


def test_office_b_import_makes_its_own_copy_and_never_changes_a_or_the_national_default(world, shipped, a_copy):
    national_total = _max_total(shipped[FAMILY_CODE])
    a_total = _max_total(a_copy)

    response = _upload(_client(world.outsider_officer), json.dumps(_family_data()).encode())

    assert response.status_code == 200
    assert "alert-danger" not in response.content.decode()
    b_copy = Rubric.objects.get(code=FAMILY_CODE, owner=world.other_office)
    assert _max_total(b_copy) == 8
    assert _max_total(Rubric.objects.get(pk=shipped[FAMILY_CODE].pk)) == national_total
    assert _max_total(Rubric.objects.get(pk=a_copy.pk)) == a_total == national_total
    # Each office's units use their own office's rubric; a unit of neither sees the default.
    assert rubric_selectors.rubric_in_force(Title.FAMILY, world.hamlet, YEAR).pk == a_copy.pk
    assert rubric_selectors.rubric_in_force(Title.FAMILY, world.other_commune, YEAR).pk == b_copy.pk


def test_office_b_cannot_open_edit_or_delete_office_a_copy(world, a_copy):
    client = _client(world.outsider_officer)
    before = _rows()

    assert client.get(reverse("rubrics:edit", args=[a_copy.pk])).status_code == 404
    assert client.post(reverse("rubrics:edit", args=[a_copy.pk]), {"rubric_title": "B"}).status_code == 404
    assert client.post(reverse("rubrics:remove", args=[a_copy.pk]), {"xac_nhan": "1"}).status_code == 404
    assert client.get(reverse("rubrics:detail", args=[a_copy.pk])).status_code == 404
    assert _rows() == before


def test_the_national_default_is_read_only_in_the_portal(world, shipped):
    client = _client(world.officer)
    national = shipped[FAMILY_CODE]
    before = _rows()

    assert client.get(reverse("rubrics:edit", args=[national.pk])).status_code == 403
    assert client.post(reverse("rubrics:edit", args=[national.pk]), {"rubric_title": "A"}).status_code == 403
    assert client.post(reverse("rubrics:remove", args=[national.pk]), {"xac_nhan": "1"}).status_code == 403
    assert _rows() == before


def test_a_commune_level_officer_changes_no_rubric(world, shipped, a_copy):
    commune_officer = make_user(Role.OFFICE_OFFICER, world.commune, username="commune_officer")
    client = _client(commune_officer)
    before = _rows()

    assert _upload(client, json.dumps(_family_data()).encode()).status_code == 403
    assert client.post(reverse("rubrics:copy", args=[shipped[FAMILY_CODE].pk])).status_code == 403
    # The commune uses the office's copy, may read it, may not change it.
    assert client.get(reverse("rubrics:detail", args=[a_copy.pk])).status_code == 200
    assert client.get(reverse("rubrics:edit", args=[a_copy.pk])).status_code == 403
    assert client.post(reverse("rubrics:edit", args=[a_copy.pk]), {"rubric_title": "X"}).status_code == 403
    assert _rows() == before


def test_the_office_copy_is_used_by_its_centres_while_other_offices_keep_the_default(world, national_centre):
    b_centre = make_unit(UnitKind.CENTRE, parent=world.other_commune, name="TTHTCĐ Bên Kia")
    a_centre_copy = rubric_services.rubric_copy(actor=world.officer, rubric=national_centre, office=world.office)

    started = centre_services.assessment_start(actor=world.officer, centre=world.centre, school_year=YEAR)
    other = centre_services.assessment_start(actor=world.outsider_officer, centre=b_centre, school_year=YEAR)

    assert started.rubric_id == a_centre_copy.pk
    assert other.rubric_id == national_centre.pk


def test_the_centre_rubric_cannot_be_turned_into_a_family_rubric(world, national_centre):
    data = rubric_selectors.rubric_data(national_centre)
    data["subject_kind"] = Title.FAMILY
    before = _rows()

    page = _upload(_client(world.outsider_officer), json.dumps(data, ensure_ascii=False).encode()).content.decode()

    assert "alert-danger" in page
    assert "không thể đổi" in page
    assert _rows() == before
    assert Rubric.objects.get(pk=national_centre.pk).subject_kind == "centre"
    assert not Rubric.objects.filter(code=rubric_2553.CODE, subject_kind=Title.FAMILY).exists()


def test_an_office_copy_keeps_its_kind_on_a_later_import(world, national_centre):
    own = rubric_services.rubric_copy(actor=world.officer, rubric=national_centre, office=world.office)
    data = rubric_selectors.rubric_data(own)
    data["subject_kind"] = Title.FAMILY

    page = _upload(_client(world.officer), json.dumps(data, ensure_ascii=False).encode()).content.decode()

    assert "không thể đổi" in page
    assert Rubric.objects.get(pk=own.pk).subject_kind == "centre"


def test_a_band_label_over_40_characters_is_a_listed_problem_of_the_file(world, shipped):
    data = _family_data(code="GDHT-A-2025", bands=[{"label": "Đ" * 41, "min": "50"}, {"label": "Chưa", "min": "0"}])
    before = _rows()

    page = _upload(_client(world.officer), json.dumps(data, ensure_ascii=False).encode()).content.decode()

    assert "alert-danger" in page
    assert "từ 1 đến 40 ký tự" in page
    assert _rows() == before


@pytest.mark.parametrize(
    "body",
    [
        b'{"code": "X", "year_from": ' + b"9" * 5000 + b"}",
        b"[" * 100_000 + b"]" * 100_000,
        b'{"a": ' * 50_000 + b"1" + b"}" * 50_000,
    ],
    ids=["5000-digit integer", "100000 nested lists", "50000 nested objects"],
)
def test_huge_numbers_and_deep_nesting_are_listed_problems_not_a_500(world, shipped, body):
    before = _rows()

    response = _upload(_client(world.officer), body)

    assert response.status_code == 200
    page = response.content.decode()
    assert "alert-danger" in page
    assert "quá dài" in page or "quá nhiều cấp" in page
    assert _rows() == before


def test_a_nul_escape_in_the_file_is_taken_out_not_a_500(world, shipped):
    """PostgreSQL stores no NUL character in text or jsonb: "\\u0000" in a name or a band label
    used to reach the INSERT (DataError)."""
    data = _family_data(title="Bộ\u0000 của huyện", bands=[{"label": "Đạt\u0000", "min": "5"}])

    page = _upload(_client(world.officer), json.dumps(data).encode()).content.decode()

    assert "alert-danger" not in page
    own = Rubric.objects.get(owner=world.office, code=FAMILY_CODE)
    assert own.title == "Bộ của huyện"
    assert own.bands[0]["label"] == "Đạt"


def test_every_change_is_in_the_office_audit_log_and_not_in_another_office(world, shipped):
    officer = _client(world.officer)
    officer.post(reverse("rubrics:copy", args=[shipped[FAMILY_CODE].pk]))
    own = Rubric.objects.get(owner=world.office, code=FAMILY_CODE)
    _upload(officer, json.dumps(_family_data(), ensure_ascii=False).encode())
    officer.post(reverse("rubrics:remove", args=[own.pk]), {"xac_nhan": "1"})

    entries = AuditEntry.objects.filter(action__startswith="rubric.")
    assert sorted(entries.values_list("action", flat=True)) == ["rubric.copy", "rubric.delete", "rubric.import"]
    assert set(entries.values_list("unit_id", flat=True)) == {world.office.pk}
    a_log = officer.get(reverse("units:audit")).content.decode()
    assert "Sao chép bộ tiêu chí" in a_log and "Xóa bộ tiêu chí" in a_log  # the actions in words (issue 17)
    b_log = _client(world.outsider_officer).get(reverse("units:audit")).content.decode()
    assert "bộ tiêu chí" not in b_log
    # Deleted: office A's units are back on the national default.
    assert rubric_selectors.rubric_in_force(Title.FAMILY, world.hamlet, YEAR).pk == shipped[FAMILY_CODE].pk


def test_assessments_keep_the_rubric_version_they_were_scored_with(world, shipped, a_copy):
    family = services.subject_create(actor=world.officer, area=world.hamlet, title=Title.FAMILY, name="Hộ ông Một")
    criteria = rubric_selectors.rubric_criteria(a_copy)
    services.assessment_save(
        actor=world.officer, subject=family, year=YEAR, points={c.pk: c.max_points for c in criteria}
    )
    scored = Assessment.objects.get(subject=family)
    assert scored.rubric_id == a_copy.pk

    data = rubric_selectors.rubric_data(a_copy)
    data["groups"][0]["criteria"][0]["max_points"] = "1"
    new = rubric_services.rubric_save(actor=world.officer, rubric=a_copy, data=data)

    assert new.pk != a_copy.pk and new.version == 2
    assert Assessment.objects.get(pk=scored.pk).rubric_id == a_copy.pk
    old = Rubric.objects.get(pk=a_copy.pk)
    assert not old.is_active
    assert _max_total(old) == _max_total(shipped[FAMILY_CODE])
    assert rubric_selectors.rubric_in_force(Title.FAMILY, world.hamlet, YEAR).pk == new.pk
    # The old version is still shown for the assessments that used it.
    assert _client(world.officer).get(reverse("rubrics:detail", args=[a_copy.pk])).status_code == 200


def test_copying_a_national_default_moves_no_existing_assessment(world, shipped):
    family = services.subject_create(actor=world.officer, area=world.hamlet, title=Title.FAMILY, name="Hộ bà Hai")
    criteria = rubric_selectors.rubric_criteria(shipped[FAMILY_CODE])
    services.assessment_save(actor=world.officer, subject=family, year=YEAR, points={c.pk: 1 for c in criteria})

    rubric_services.rubric_copy(actor=world.officer, rubric=shipped[FAMILY_CODE], office=world.office)

    assert Assessment.objects.get(subject=family).rubric_id == shipped[FAMILY_CODE].pk


# --- the edit page ------------------------------------------------------------------------------


def _posted(page_data: dict, **changes) -> dict:
    """The edit page's fields as a browser would post them, from rubric data."""
    post = {
        "rubric_title": page_data["title"],
        "legal_basis": page_data["legal_basis"],
        "year_from": str(page_data["year_from"]),
        "year_to": str(page_data["year_to"] or ""),
        "bands": str(len(page_data["bands"])),
    }
    for i, band in enumerate(page_data["bands"]):
        post[f"b-{i}-label"], post[f"b-{i}-min"] = band["label"], band["min"]
    rows = [(g, c) for g in page_data["groups"] for c in g["criteria"]]
    post["rows"] = str(len(rows))
    for i, (g, c) in enumerate(rows):
        post.update(
            {
                f"r-{i}-group_code": g["code"],
                f"r-{i}-group_title": g["title"],
                f"r-{i}-code": c["code"],
                f"r-{i}-text": c["text"],
                f"r-{i}-max_points": c.get("max_points", ""),
            }
        )
    post.update(changes)
    return post


def test_the_edit_page_shows_the_criteria_points_and_bands(world, a_copy):
    page = _client(world.officer).get(reverse("rubrics:edit", args=[a_copy.pk]))

    assert page.status_code == 200
    html = page.content.decode()
    first = rubric_selectors.rubric_criteria(a_copy)[0]
    assert 'name="r-0-max_points"' in html and 'name="b-0-label"' in html
    assert first.text in html
    assert a_copy.bands[0]["label"] in html


def test_the_edit_page_refuses_bad_data_with_messages_and_saves_nothing(world, a_copy):
    data = rubric_selectors.rubric_data(a_copy)
    before = _rows()
    audit_before = AuditEntry.objects.count()

    page = _client(world.officer).post(
        reverse("rubrics:edit", args=[a_copy.pk]),
        _posted(data, **{"b-0-label": "X" * 41, "r-0-max_points": "mười", "year_from": "9" * 5000, "rubric_title": ""}),
    )

    assert page.status_code == 200
    html = page.content.decode()
    assert "alert-danger" in html
    assert "từ 1 đến 40 ký tự" in html
    assert "điểm tối đa" in html
    assert "Năm bắt đầu phải là số nguyên" in html
    assert "Tên bộ tiêu chí phải có" in html
    assert 'value="mười"' in html  # what was typed is shown again
    assert _rows() == before
    assert AuditEntry.objects.count() == audit_before


def test_the_edit_page_saves_points_and_bands_and_audits_on_the_office(world, a_copy):
    data = rubric_selectors.rubric_data(a_copy)
    first = data["groups"][0]["criteria"][0]

    response = _client(world.officer).post(
        reverse("rubrics:edit", args=[a_copy.pk]),
        _posted(data, **{"r-0-max_points": "7,5", "b-0-label": "Xuất sắc", "rubric_title": "Bộ tiêu chí của huyện"}),
    )

    assert response.status_code == 302
    saved = rubric_selectors.rubric_in_force(Title.FAMILY, world.hamlet, YEAR)
    assert saved.title == "Bộ tiêu chí của huyện"
    assert saved.bands[0]["label"] == "Xuất sắc"
    criterion = next(c for c in rubric_selectors.rubric_criteria(saved) if c.code == first["code"])
    assert str(criterion.max_points) == "7.50"
    entry = AuditEntry.objects.get(action="rubric.edit")
    assert entry.unit_id == world.office.pk
    assert "title" in entry.changes and "bands" in entry.changes


def test_an_exported_copy_imports_back_unchanged(world, a_copy):
    client = _client(world.officer)
    exported = client.get(reverse("rubrics:export", args=[a_copy.pk]))
    before = _rows()

    assert exported["Content-Type"].startswith("application/json")
    data = json.loads(exported.content)
    assert data["code"] == FAMILY_CODE
    page = _upload(client, copy.deepcopy(exported.content)).content.decode()

    assert "alert-danger" not in page
    assert _rows() == before


def test_a_levels_rubric_is_edited_with_its_levels_and_months(world, shipped):
    own = rubric_services.rubric_copy(actor=world.officer, rubric=shipped["DVHT-TT24-2024"], office=world.office)
    client = _client(world.officer)
    url = reverse("rubrics:edit", args=[own.pk])
    html = client.get(url).content.decode()
    assert 'name="r-0-level"' in html and 'name="validity_months"' in html

    data = rubric_selectors.rubric_data(own)
    post = _posted(data, validity_months="24", level2_wait_months="mười hai", bands="0")
    rows = [c for g in data["groups"] for c in g["criteria"]]
    post.update({f"r-{i}-level": str(c["required_for_level"]) for i, c in enumerate(rows)})
    refused = client.post(url, post)
    assert "Số tháng chờ trước mức độ 2 phải là số nguyên" in refused.content.decode()

    post["level2_wait_months"] = "12"
    assert client.post(url, post).status_code == 302
    assert Rubric.objects.get(pk=own.pk).validity_months == 24


@EXAMPLES
@given(data=st.data())
def test_the_edit_page_survives_hostile_input(world, data):
    """Any text in any field of the edit page: the page again with its problems or a saved rubric
    holding what was typed, never a 500 (a DataError on PostgreSQL) and nothing half-stored."""
    if not hasattr(world, "_edit_copy"):
        services.rubrics_load_shipped(actor=None)
        national = Rubric.objects.get(code=FAMILY_CODE, owner=None)
        world._edit_copy = rubric_services.rubric_copy(actor=world.officer, rubric=national, office=world.office)
    current = Rubric.objects.get(owner=world.office, code=FAMILY_CODE, is_active=True)
    sweep(_client(world.officer), reverse("rubrics:edit", args=[current.pk]), data)
