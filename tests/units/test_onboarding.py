"""Bulk onboarding from Excel (issue 16): the template, the dry run, the all-or-nothing commit, the
re-run that creates nothing, and the one-time list of logins."""

import datetime
import io
import itertools

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import make_unit, make_user
from units import national
from units.models import AuditEntry, Membership, OnboardingBatch, Role, Unit, UnitKind, User
from units.onboarding.columns import PEOPLE_SHEET, UNITS_SHEET

NEW_PASSWORD = "Mot-mat-khau-moi-2026"
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ"]
MIDDLES = ["Văn", "Thị", "Đức", "Minh", "Thu"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Giang"]


@pytest.fixture
def office(db):
    return make_unit(UnitKind.OFFICE, name="Phòng GD&ĐT thử", code="PGD-QN", province_code="22")


@pytest.fixture
def officer(office):
    return make_user(Role.OFFICE_OFFICER, office, username="chuyenvien", full_name="Đặng Thị Chuyên")


def _template(client, office) -> "openpyxl.Workbook":  # noqa: F821
    response = client.get(reverse("units:onboarding_template") + f"?don_vi={office.pk}")
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def _fill(book, units: list[list], people: list[list]) -> io.BytesIO:
    for title, rows in ((UNITS_SHEET, units), (PEOPLE_SHEET, people)):
        sheet = book[title]
        for offset, row in enumerate(rows, start=3):  # row 2 is the template's example, left in place
            for column, value in enumerate(row, start=1):
                sheet.cell(row=offset, column=column, value=value)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "don-vi.xlsx"
    return buffer


def _unit(kind, name="", official="", parent="", level="", moet=""):
    return ["", str(UnitKind(kind).label), name, official, parent, level, moet]


def _person(name, unit, role, username="", unit_name=""):
    return ["", name, username, "", "", "", unit, unit_name, str(Role(role).label)]


def _district_file(client, office):
    return _fill(_template(client, office), *district_rows())


def district_rows() -> tuple[list, list]:
    """30 communes of province 22 with a hamlet, a centre and 3 schools each, and 150 people (the
    principal of school 22<i>TH is `ht22<i>th`), as rows of the template's two sheets."""
    communes = national.communes("22")[:30]
    units, people = [], []
    names = (f"{s} {m} {g}" for s, m, g in itertools.product(SURNAMES, MIDDLES, GIVEN))
    for i, commune in enumerate(communes):
        units.append(_unit(UnitKind.COMMUNE, official=f"{commune.code} — {commune.name}"))
        units.append(_unit(UnitKind.HAMLET, "Thôn Một", parent=commune.code))
        units.append(_unit(UnitKind.CENTRE, f"TTHTCĐ {commune.short_name}", parent=commune.code))
        for level in ("MN", "TH", "THCS"):
            moet = f"22{i:03d}{level}"
            units.append(_unit(UnitKind.SCHOOL, f"Trường {level} {commune.short_name}", "", commune.code, level, moet))
            people.append(_person(next(names), moet, Role.PRINCIPAL, username=f"ht{moet.lower()}"))
        people.append(
            _person(next(names), commune.code, Role.CENTRE_DIRECTOR, unit_name=f"TTHTCĐ {commune.short_name}")
        )
        people.append(_person(next(names), f"22{i:03d}TH", Role.SCHOOL_STAFF))
    units.append(_unit(UnitKind.DISTRICT_CENTRE, "Trung tâm GDNN-GDTX thử"))
    units.append(_unit(UnitKind.ASSOCIATION, "Hội Khuyến học", parent=communes[0].code))
    return units, people


def _check(client, office, upload):
    response = client.post(reverse("units:onboarding"), {"root": office.pk, "file": upload})
    assert response.status_code == 302, response.content.decode()[:2000]
    return OnboardingBatch.objects.latest("id")


def test_a_district_imports_from_the_template_once_and_the_logins_come_once(office, officer, login):
    client = login(officer)
    data = _district_file(client, office).getvalue()
    units_before, people_before = Unit.objects.count(), User.objects.count()

    batch = _check(client, office, io.BytesIO(data))
    assert batch.errors == [] and batch.status == "checked"
    assert batch.summary["created"] == {
        "commune": 30,
        "hamlet": 30,
        "school": 90,
        "centre": 30,
        "district_centre": 1,
        "association": 1,
        "people": 150,
    }
    assert (Unit.objects.count(), User.objects.count()) == (units_before, people_before)  # a dry run
    page = client.get(reverse("units:onboarding_detail", args=[batch.pk])).content.decode()
    assert "Sẽ tạo" in page and "commit-button" in page

    assert client.post(reverse("units:onboarding_commit", args=[batch.pk])).status_code == 302
    assert Unit.objects.count() == units_before + 182
    assert User.objects.filter(must_change_password=True).count() == 150
    commune = Unit.objects.get(official_code=national.communes("22")[0].code)
    assert commune.parent == office and commune.level_label and commune.valid_to is None
    school = Unit.objects.get(moet_code="22000TH")
    assert (school.parent, school.school_level) == (commune, "TH")
    director = Membership.objects.get(role=Role.CENTRE_DIRECTOR, unit__parent=commune)
    assert director.unit.kind == UnitKind.CENTRE
    assert AuditEntry.objects.filter(action="unit.onboarding").count() == 1

    again = _check(client, office, io.BytesIO(data))
    assert again.errors == [] and again.summary["created"] == {}
    assert again.summary["existing"]["school"] == 90 and again.summary["existing"]["people"] == 150

    logins_url = reverse("units:onboarding_logins", args=[batch.pk])
    assert "Danh sách chỉ lấy được một lần" in client.get(logins_url).content.decode()
    shown = client.post(logins_url, {"dang": "trang"})
    assert "no-store" in shown["Cache-Control"]
    page = shown.content.decode()
    assert "ht22000th" in page and page.count("<code>") == 300
    assert OnboardingBatch.objects.get(pk=batch.pk).logins_sealed == ""
    second = client.post(logins_url, {"dang": "xlsx"}, follow=True).content.decode()
    assert "ht22000th" not in second and "đã được lấy" in second

    # The one-time password opens only the password change page, until it is changed.
    password = page.split("ht22000th</code></td><td><code>")[1].split("<")[0]
    assert len(password) == 10
    client.logout()
    client.post(reverse("login"), {"username": "ht22000th", "password": password})
    assert client.get(reverse("units:tree")).url == reverse("password_change")
    client.post(
        reverse("password_change"),
        {"old_password": password, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert not User.objects.get(username="ht22000th").must_change_password
    assert client.get(reverse("home")).status_code == 200


def test_three_bad_rows_are_listed_and_nothing_is_written(office, officer, login, world):
    client = login(officer)
    good, unknown, elsewhere = national.communes("22")[:3]
    make_unit(UnitKind.COMMUNE, parent=world.other_office, name="Xa khác", code="XA-KHAC", official_code=elsewhere.code)
    upload = _fill(
        _template(client, office),
        [
            _unit(UnitKind.COMMUNE, official=good.code),
            _unit(UnitKind.COMMUNE, official="99999"),
            _unit(UnitKind.COMMUNE, official=elsewhere.code),
            _unit(UnitKind.SCHOOL, "Trường không cấp", parent=good.code),
        ],
        [_person("Ngô Văn Tốt", good.code, Role.OFFICE_OFFICER)],
    )
    units_before, people_before = Unit.objects.count(), User.objects.count()
    batch = _check(client, office, upload)
    assert [(sheet, row, column) for sheet, row, column, _message in batch.errors] == [
        (UNITS_SHEET, 4, "Mã xã (mã hành chính)"),
        (UNITS_SHEET, 5, "Mã xã (mã hành chính)"),
        (UNITS_SHEET, 6, "Cấp học"),
    ]
    messages = " ".join(message for *_rest, message in batch.errors)
    assert "99999 không có trong danh mục" in messages and "đơn vị quản lý khác" in messages
    assert "Xa khác" not in messages  # another office's unit is never named
    page = client.get(reverse("units:onboarding_detail", args=[batch.pk])).content.decode()
    assert "3 lỗi" in page and "commit-button" not in page
    assert client.post(reverse("units:onboarding_commit", args=[batch.pk])).status_code == 302
    assert (Unit.objects.count(), User.objects.count()) == (units_before, people_before)
    assert not Unit.objects.filter(official_code=good.code).exists()


def test_a_parent_of_another_office_is_not_found(office, officer, login, world):
    client = login(officer)
    upload = _fill(_template(client, office), [_unit(UnitKind.HAMLET, "Thôn Lạ", parent=world.commune.code)], [])
    batch = _check(client, office, upload)
    assert [(row, column) for _sheet, row, column, _m in batch.errors] == [(3, "Thuộc xã (mã xã hoặc mã đơn vị)")]
    assert not Unit.objects.filter(name="Thôn Lạ").exists()


def test_the_template_has_drop_downs_an_example_row_and_a_guide(office, officer, login):
    client = login(officer)
    book = _template(client, office)
    units = book[UNITS_SHEET]
    assert units["A2"].value == "Ví dụ"
    sources = {str(rule.sqref).split(":")[0]: rule.formula1 for rule in units.data_validations.dataValidation}
    assert set(sources) == {"B2", "D2", "E2", "F2"}
    lists = book["_danh_muc"]
    assert lists.sheet_state == "hidden"
    assert "Trường học" in [c.value for c in lists["A"]]
    assert "Hiệu trưởng" in [c.value for c in lists["C"]]
    assert any("Bãi Cháy" in (c.value or "") for c in lists["E"])
    assert "Bắt buộc" in [c.value for c in book["Huong dan"][10]]


def test_only_the_example_row_is_refused_as_empty(office, officer, login):
    client = login(officer)
    response = client.post(
        reverse("units:onboarding"), {"root": office.pk, "file": _fill(_template(client, office), [], [])}
    )
    assert response.status_code == 200
    assert "không có dòng nào để nhập" in response.content.decode()
    assert not OnboardingBatch.objects.exists()


@pytest.mark.parametrize(
    "content",
    [b"not a workbook", b"PK\x03\x04broken", b""],
)
def test_a_file_that_is_not_a_workbook_is_refused_with_a_message(office, officer, login, content):
    client = login(officer)
    upload = io.BytesIO(content)
    upload.name = "x.xlsx"
    response = client.post(reverse("units:onboarding"), {"root": office.pk, "file": upload})
    assert response.status_code == 200 and not OnboardingBatch.objects.exists()


def test_an_officer_resetting_a_password_makes_the_person_change_it(world, login):
    client = login(world.officer)
    client.post(
        reverse("units:person_password", args=[world.school_staff.pk]),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert User.objects.get(pk=world.school_staff.pk).must_change_password
    client.logout()
    client.post(reverse("login"), {"username": "teacher", "password": NEW_PASSWORD})
    assert client.get(reverse("home")).url == reverse("password_change")


@pytest.mark.parametrize("kind", ["far cell", "zip bomb", "billion laughs"])
def test_a_hostile_file_is_refused_with_the_guards_reason(office, officer, login, kind):
    from tests.hardening.test_hostile_files import HOSTILE

    build, reason = HOSTILE[kind]
    upload = io.BytesIO(build())
    upload.name = "don-vi.xlsx"
    response = login(officer).post(reverse("units:onboarding"), {"root": office.pk, "file": upload})
    assert response.status_code == 200 and reason in response.content.decode()
    assert not OnboardingBatch.objects.exists()


@pytest.mark.parametrize(
    ("output", "content_type", "magic"), [("pdf", "application/pdf", b"%PDF"), ("xlsx", "", b"PK")]
)
def test_the_logins_download_once_as_pdf_or_excel(office, officer, login, output, content_type, magic):
    client = login(officer)
    commune = national.communes("22")[0]
    upload = _fill(
        _template(client, office),
        [_unit(UnitKind.COMMUNE, official=commune.code)],
        [_person("Lý Thị Mới", commune.code, Role.OFFICE_OFFICER)],
    )
    batch = _check(client, office, upload)
    client.post(reverse("units:onboarding_commit", args=[batch.pk]))
    assert User.objects.get(username="moilt").must_change_password
    response = client.post(reverse("units:onboarding_logins", args=[batch.pk]), {"dang": output})
    assert response.content.startswith(magic) and content_type in response["Content-Type"]
    assert "no-store" in response["Cache-Control"]
    again = client.post(reverse("units:onboarding_logins", args=[batch.pk]), {"dang": output})
    assert again.status_code == 302


HOSTILE_CELLS = [
    "x" * 5000,
    '=HYPERLINK("http://a","b")',
    "<script>alert(1)</script>",
    "\u202eRTL",
    "😀",
    -1,
    3.5,
    True,
    datetime.date(2025, 7, 1),
    "  ",
    "Thôn\u0301",
    "../../etc/passwd",
    "06688 06688",
    "ht 22000th",
    "%(name)s",
]


def test_hostile_cells_are_row_errors_never_a_500_and_write_nothing(office, officer, login):
    client = login(officer)
    rows = [HOSTILE_CELLS[i : i + 7] + HOSTILE_CELLS[: max(0, i + 7 - len(HOSTILE_CELLS))] for i in range(15)]
    units = [["", *row] for row in rows] + [["", str(UnitKind(UnitKind.COMMUNE).label), *row[1:]] for row in rows]
    people = [["", *(rows[i] + rows[(i + 1) % 15])[:8]] for i in range(15)]
    before = (Unit.objects.count(), User.objects.count())
    response = client.post(
        reverse("units:onboarding"), {"root": office.pk, "file": _fill(_template(client, office), units, people)}
    )
    assert response.status_code == 302
    batch = OnboardingBatch.objects.get()
    assert batch.status == "failed" and len({(sheet, row) for sheet, row, _c, _m in batch.errors}) >= 44
    assert client.get(response["Location"]).status_code == 200
    assert (Unit.objects.count(), User.objects.count()) == before


def test_a_file_changed_by_someone_else_between_check_and_commit_writes_nothing(office, officer, login):
    """The commit checks the file again: a commune another officer added meanwhile under another
    office makes the row an error, and the whole file stays out."""
    client = login(officer)
    first, second = national.communes("22")[:2]
    upload = _fill(
        _template(client, office),
        [_unit(UnitKind.COMMUNE, official=first.code), _unit(UnitKind.COMMUNE, official=second.code)],
        [],
    )
    batch = _check(client, office, upload)
    assert batch.status == "checked" and bytes(batch.content)
    elsewhere = make_unit(UnitKind.OFFICE, name="Phòng khác", code="PGD-KHAC", province_code="22")
    make_unit(UnitKind.COMMUNE, parent=elsewhere, name="Chiếm", code="XA-CHIEM", official_code=second.code)
    page = client.post(reverse("units:onboarding_commit", args=[batch.pk]), follow=True).content.decode()
    assert "có dòng lỗi, chưa nhập gì" in page and "đơn vị quản lý khác" in page
    batch.refresh_from_db()
    assert batch.status == "failed" and bytes(batch.content) == b""
    assert not Unit.objects.filter(official_code=first.code).exists()
