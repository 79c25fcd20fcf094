"""The unit-tree and people pages as an officer, a leader and a viewer use them."""

import datetime
import unicodedata

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import make_unit, make_user
from units import services
from units.models import AuditEntry, Membership, Role, Unit, UnitKind, UnitParentChange, User

PASSWORD = "Mat-khau-rat-dai-9"


def _grow(world, communes: int) -> None:
    """More communes, each with a hamlet, a school and a person, in office A."""
    for n in range(communes):
        commune = make_unit(UnitKind.COMMUNE, parent=world.office, name=f"Xã Thêm {n}")
        make_unit(UnitKind.HAMLET, parent=commune)
        school = make_unit(UnitKind.SCHOOL, parent=commune)
        make_user(Role.PRINCIPAL, school)


def _queries(client, url, **headers) -> int:
    client.get(url, **headers)  # warm: sessions, content types
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **headers)
    assert response.status_code == 200
    return len(ctx)


@pytest.mark.parametrize(
    "url",
    [
        "/don-vi/",
        "/don-vi/?q=xa&kind=commune",
        "/don-vi/?on=01/01/2020&closed=on",
        "/don-vi/nguoi-dung/",
        "/don-vi/nguoi-dung/?q=nguoi",
        "/don-vi/sap-nhap/",
    ],
)
def test_list_pages_run_the_same_number_of_queries_for_3_and_30_communes(url, world, client, django_assert_num_queries):
    client.force_login(world.officer)
    _grow(world, 3)
    small = _queries(client, url)
    _grow(world, 27)
    with django_assert_num_queries(small):
        assert client.get(url).status_code == 200


def test_unit_pages_run_the_same_number_of_queries_whatever_the_size(world, client, django_assert_num_queries):
    client.force_login(world.officer)
    _grow(world, 3)
    urls = [
        reverse("units:detail", args=[world.office.pk]),
        reverse("units:children", args=[world.office.pk]),
        reverse("units:person_detail", args=[world.principal.pk]),
    ]
    small = [_queries(client, url) for url in urls]
    _grow(world, 27)
    for url, n in zip(urls, small, strict=True):
        with django_assert_num_queries(n):
            client.get(url)


# The tree --------------------------------------------------------------------------------------


def test_tree_shows_the_communes_with_their_badges(world, client):
    client.force_login(world.viewer)
    html = client.get(reverse("units:tree")).content.decode()
    assert "Xã Đống Đa" in html and "Xã Nậm Pồ" in html
    assert "ĐBKK" in html
    assert reverse("units:children", args=[world.commune.pk]) in html
    assert "Thêm đơn vị" not in html  # viewers read only


def test_expanding_a_commune_loads_its_children(world, client):
    client.force_login(world.leader)
    response = client.get(reverse("units:children", args=[world.commune.pk]), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "Thôn Đông" in html and "Trường THCS Đống Đa" in html
    assert "<html" not in html


def test_live_search_returns_a_flat_list_without_accents(world, client):
    client.force_login(world.officer)
    response = client.get(reverse("units:tree"), {"q": "dong da"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html
    assert "Xã Đống Đa" in html and "Trường THCS Đống Đa" in html
    assert "Nậm Pồ" not in html


def test_search_accepts_decomposed_unicode_from_the_page(world, client):
    client.force_login(world.officer)
    html = client.get(reverse("units:tree"), {"q": unicodedata.normalize("NFD", "Nậm Pồ")}).content.decode()
    assert "Trường Tiểu học Nậm Pồ" in html


def test_search_results_are_paginated(world, client):
    client.force_login(world.officer)
    _grow(world, 30)
    html = client.get(reverse("units:tree"), {"kind": "commune"}).content.decode()
    assert "1 / 2" in html
    assert "Xã Thêm" in client.get(reverse("units:tree"), {"kind": "commune", "page": 2}).content.decode()


def test_tree_of_a_date_before_the_merger_shows_the_old_communes(world, client):
    services.units_merge(
        actor=world.officer,
        sources=[world.commune, world.difficult_commune],
        effective_date=datetime.date(2025, 7, 1),
        code="XA-MOI",
        name="Hồng Phong",
        level_label="Xã",
        parent=world.office,
    )
    client.force_login(world.officer)
    today_html = client.get(reverse("units:tree")).content.decode()
    assert "Xã Hồng Phong" in today_html and "hình thành từ sáp nhập" in today_html
    commune_link = f'href="{reverse("units:detail", args=[world.commune.pk])}"'
    assert commune_link not in today_html
    past_html = client.get(reverse("units:tree"), {"on": "30/06/2025"}).content.decode()
    merged_link = f'href="{reverse("units:detail", args=[Unit.objects.get(code="XA-MOI").pk])}'
    assert commune_link.rstrip('"') in past_html and merged_link not in past_html
    assert "sáp nhập vào Xã Hồng Phong từ 01/07/2025" in past_html
    closed_html = client.get(reverse("units:tree"), {"closed": "on"}).content.decode()
    assert "Xã Đống Đa" in closed_html and "đã giải thể/sáp nhập" in closed_html
    kids = client.get(reverse("units:children", args=[world.commune.pk]), {"on": "30/06/2025"}).content.decode()
    assert "Thôn Đông" in kids


def test_a_date_that_is_not_a_date_is_explained_not_a_crash(world, client):
    client.force_login(world.officer)
    response = client.get(reverse("units:tree"), {"on": "31/02/2025"})
    assert response.status_code == 200
    assert "Ngày 31/02/2025 không có trong lịch." in response.content.decode()
    assert client.get(reverse("units:children", args=[world.commune.pk]), {"on": "abc"}).status_code == 200


# Unit detail and forms -------------------------------------------------------------------------


def test_unit_detail_shows_ancestors_children_people_and_history(world, client):
    services.unit_move(
        actor=world.officer,
        unit=world.school,
        new_parent=world.difficult_commune,
        effective_date=datetime.date(2026, 1, 1),
    )
    client.force_login(world.officer)
    html = client.get(reverse("units:detail", args=[world.school.pk])).content.decode()
    assert "Phòng GD&amp;ĐT huyện Thử Nghiệm" in html  # breadcrumb
    assert "Phạm Thị Hiệu" in html and "Hiệu trưởng" in html
    assert "Từ 01/01/2026: Xã Đống Đa → Xã Nậm Pồ" in html
    assert "Chuyển đơn vị cấp trên" in html  # audit entry
    assert reverse("units:close", args=[world.school.pk]) in html


def test_leaders_see_a_unit_without_the_officer_actions(world, client):
    client.force_login(world.leader)
    html = client.get(reverse("units:detail", args=[world.commune.pk])).content.decode()
    assert "Thôn Đông" in html
    assert reverse("units:edit", args=[world.commune.pk]) not in html


def test_officer_adds_a_hamlet_to_a_commune(world, client):
    client.force_login(world.officer)
    form = client.get(reverse("units:create"), {"parent": world.commune.pk}).content.decode()
    assert 'list="level-labels-commune"' in form and 'id="level-labels-hamlet"' in form
    response = client.post(
        reverse("units:create"),
        {
            "kind": "hamlet",
            "parent": world.commune.pk,
            "code": "TH-MOI",
            "name": "Tây",
            "level_label": "Thôn",
            "valid_from": "01/09/2025",
        },
    )
    unit = Unit.objects.get(code="TH-MOI")
    assert response.status_code == 302 and response["Location"] == reverse("units:detail", args=[unit.pk])
    assert unit.parent == world.commune and unit.valid_from == datetime.date(2025, 9, 1)
    assert unit.path.startswith(world.commune.path)
    assert AuditEntry.objects.filter(action="unit.create", unit=unit, actor=world.officer).exists()


def test_unit_form_shows_errors_in_vietnamese_and_keeps_what_was_typed(world, client):
    client.force_login(world.officer)
    response = client.post(
        reverse("units:create"),
        {
            "kind": "school",
            "parent": world.commune.pk,
            "code": "SCH1",
            "name": "Trường Mầm non Hoa Mai",
            "valid_from": "01/09/2025",
            "address": "Thôn Đông",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Trường Mầm non Hoa Mai" in html and "Thôn Đông" in html
    assert "Hãy chọn cấp học của trường" in html or "đã tồn tại" in html
    assert not Unit.objects.filter(name="Trường Mầm non Hoa Mai").exists()


def test_a_school_needs_its_level(world, client):
    client.force_login(world.officer)
    response = client.post(
        reverse("units:create"),
        {
            "kind": "school",
            "parent": world.commune.pk,
            "code": "SCH-NEW",
            "name": "Trường Hoa Mai",
            "valid_from": "01/09/2025",
        },
    )
    assert "Hãy chọn cấp học của trường" in response.content.decode()


def test_a_hamlet_cannot_sit_under_the_office(world, client):
    client.force_login(world.officer)
    response = client.post(
        reverse("units:create"),
        {"kind": "hamlet", "parent": world.office.pk, "code": "TH-X", "name": "Lạc", "valid_from": "01/09/2025"},
    )
    assert "không thể trực thuộc" in response.content.decode()
    assert not Unit.objects.filter(code="TH-X").exists()


def test_an_officer_cannot_put_a_unit_under_another_office(world, client):
    client.force_login(world.officer)
    response = client.post(
        reverse("units:create"),
        {"kind": "hamlet", "parent": world.other_commune.pk, "code": "TH-X", "name": "Lạc", "valid_from": "01/09/2025"},
    )
    assert response.status_code == 200 and not Unit.objects.filter(code="TH-X").exists()


def test_officer_edits_a_commune_and_its_difficulty_flag(world, client):
    client.force_login(world.officer)
    response = client.post(
        reverse("units:edit", args=[world.commune.pk]),
        {
            "code": "XA1",
            "name": "Đống Đa",
            "level_label": "Phường",
            "especially_difficult": "on",
            "valid_from": "01/01/2000",
        },
    )
    assert response.status_code == 302
    world.commune.refresh_from_db()
    assert world.commune.level_label == "Phường" and world.commune.especially_difficult
    assert AuditEntry.objects.filter(action="unit.update", unit=world.commune).exists()


def test_closing_asks_first_then_closes_with_the_reason(world, client):
    client.force_login(world.officer)
    url = reverse("units:close", args=[world.commune.pk])
    page = client.get(url).content.decode()
    assert "data-confirm" in page and "4 đơn vị trực thuộc" in page
    response = client.post(url, {"valid_to": "31/12/2030", "reason": "Giải thể theo quyết định"})
    assert response.status_code == 302
    world.commune.refresh_from_db()
    world.hamlet.refresh_from_db()
    assert world.commune.valid_to == world.hamlet.valid_to == datetime.date(2030, 12, 31)
    detail = client.get(reverse("units:detail", args=[world.commune.pk])).content.decode()
    assert "Giải thể theo quyết định" in detail


def test_closing_needs_a_date_and_a_reason(world, client):
    client.force_login(world.officer)
    response = client.post(reverse("units:close", args=[world.hamlet.pk]), {"valid_to": "", "reason": ""})
    assert response.status_code == 200
    world.hamlet.refresh_from_db()
    assert world.hamlet.valid_to is None


def test_an_officer_cannot_close_the_office_they_work_from(world, client):
    client.force_login(world.officer)
    response = client.post(reverse("units:close", args=[world.office.pk]), {"valid_to": "31/12/2030", "reason": "x"})
    assert "Không thể giải thể đơn vị gắn với vai trò quản lý của chính bạn" in response.content.decode()
    world.office.refresh_from_db()
    assert world.office.valid_to is None


def test_moving_a_school_to_another_commune_keeps_history(world, client):
    client.force_login(world.officer)
    url = reverse("units:move", args=[world.school.pk])
    assert "Xã Nậm Pồ" in client.get(url).content.decode()
    response = client.post(url, {"new_parent": world.difficult_commune.pk, "effective_date": "01/01/2026"})
    assert response.status_code == 302
    world.school.refresh_from_db()
    assert world.school.parent == world.difficult_commune
    assert UnitParentChange.objects.filter(unit=world.school, effective_date=datetime.date(2026, 1, 1)).exists()


def test_a_move_to_an_impossible_date_is_explained(world, client):
    client.force_login(world.officer)
    response = client.post(
        reverse("units:move", args=[world.school.pk]),
        {"new_parent": world.difficult_commune.pk, "effective_date": "31/02/2026"},
    )
    assert "Ngày 31/02/2026 không có trong lịch." in response.content.decode()


def test_an_officer_of_another_office_gets_not_found_for_office_a(world, client):
    client.force_login(world.outsider_officer)
    assert client.get(reverse("units:edit", args=[world.commune.pk])).status_code == 404
    assert client.post(reverse("units:close", args=[world.commune.pk]), {"valid_to": "01/01/2030"}).status_code == 404


# Merge -----------------------------------------------------------------------------------------


MERGE_DATA = {
    "code": "XA-MOI",
    "name": "Hồng Phong",
    "level_label": "Xã",
    "especially_difficult": "on",
    "effective_date": "01/07/2025",
}


def test_merge_shows_what_will_move_before_doing_anything(world, client):
    client.force_login(world.officer)
    data = {**MERGE_DATA, "sources": [world.commune.pk, world.difficult_commune.pk]}
    html = client.post(reverse("units:merge"), data).content.decode()
    assert "Xác nhận sáp nhập" in html
    assert "Thôn Đông" in html and "Trường Tiểu học Nậm Pồ" in html
    assert "30/06/2025" in html
    assert not Unit.objects.filter(code="XA-MOI").exists()


def test_merge_runs_after_confirmation(world, client):
    client.force_login(world.officer)
    data = {**MERGE_DATA, "sources": [world.commune.pk, world.difficult_commune.pk], "confirm": "1"}
    response = client.post(reverse("units:merge"), data)
    merged = Unit.objects.get(code="XA-MOI")
    assert response["Location"] == reverse("units:detail", args=[merged.pk])
    assert merged.especially_difficult and merged.full_name == "Xã Hồng Phong"
    world.commune.refresh_from_db()
    assert world.commune.valid_to == datetime.date(2025, 6, 30)
    html = client.get(reverse("units:detail", args=[world.commune.pk])).content.decode()
    assert "Sáp nhập vào" in html and "Xã Hồng Phong" in html and "01/07/2025" in html


def test_merge_needs_two_communes(world, client):
    client.force_login(world.officer)
    html = client.post(reverse("units:merge"), {**MERGE_DATA, "sources": [world.commune.pk]}).content.decode()
    assert "Chọn ít nhất hai đơn vị" in html


def test_merge_refuses_a_code_already_used(world, client):
    client.force_login(world.officer)
    data = {**MERGE_DATA, "code": "XA1", "sources": [world.commune.pk, world.difficult_commune.pk], "confirm": "1"}
    html = client.post(reverse("units:merge"), data).content.decode()
    assert "Mã đơn vị này đã được dùng" in html
    world.commune.refresh_from_db()
    assert world.commune.valid_to is None


def test_going_back_from_the_preview_keeps_the_choices(world, client):
    client.force_login(world.officer)
    data = {**MERGE_DATA, "sources": [world.commune.pk, world.difficult_commune.pk], "confirm": "0"}
    html = client.post(reverse("units:merge"), data).content.decode()
    assert "Xem trước" in html and 'value="Hồng Phong"' in html


# People ----------------------------------------------------------------------------------------


def test_people_list_shows_active_roles_and_filters(world, client):
    client.force_login(world.viewer)
    html = client.get(reverse("units:people"), {"q": "hieu"}).content.decode()
    assert "Phạm Thị Hiệu" in html and "Hiệu trưởng · Trường THCS Đống Đa" in html
    assert "Hoàng Văn Giáo" not in html
    by_role = client.get(reverse("units:people"), {"role": "centre_director"}).content.decode()
    assert "Vũ Thị Giám" in by_role and "Phạm Thị Hiệu" not in by_role
    by_unit = client.get(reverse("units:people"), {"unit": world.centre.pk}).content.decode()
    assert "Đỗ Văn Tâm" in by_unit and "Phạm Thị Hiệu" not in by_unit


def test_people_live_search_returns_only_the_results(world, client):
    client.force_login(world.officer)
    html = client.get(reverse("units:people"), {"q": "giam"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in html and "Vũ Thị Giám" in html


def _person_data(world, **extra):
    return {
        "username": "nguyenvana",
        "full_name": "Nguyễn Văn An",
        "email": "an@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "unit": world.school.pk,
        "role": "school_staff",
        "valid_from": "05/09/2025",
        **extra,
    }


def test_officer_creates_a_person_who_can_then_log_in(world, client):
    client.force_login(world.officer)
    response = client.post(reverse("units:person_create"), _person_data(world))
    person = User.objects.get(username="nguyenvana")
    assert response["Location"] == reverse("units:person_detail", args=[person.pk])
    assert person.check_password(PASSWORD)
    membership = person.memberships.get()
    assert (membership.unit, membership.role, membership.valid_from) == (
        world.school,
        Role.SCHOOL_STAFF,
        datetime.date(2025, 9, 5),
    )


def test_person_form_checks_passwords_and_keeps_the_rest(world, client):
    client.force_login(world.officer)
    html = client.post(reverse("units:person_create"), _person_data(world, password2="khac-han-9999")).content.decode()
    assert "Hai mật khẩu không khớp nhau" in html and 'value="Nguyễn Văn An"' in html
    weak = client.post(reverse("units:person_create"), _person_data(world, password1="123", password2="123"))
    assert weak.status_code == 200 and not User.objects.filter(username="nguyenvana").exists()


def test_person_form_refuses_a_taken_username(world, client):
    client.force_login(world.officer)
    html = client.post(reverse("units:person_create"), _person_data(world, username="Principal")).content.decode()
    assert "Tên đăng nhập này đã có người dùng" in html


def test_the_first_role_must_fit_the_unit(world, client):
    client.force_login(world.officer)
    html = client.post(
        reverse("units:person_create"), _person_data(world, unit=world.commune.pk, role="principal")
    ).content.decode()
    assert "Vai trò Hiệu trưởng chỉ được giao trên" in html
    assert not User.objects.filter(username="nguyenvana").exists()


def test_person_detail_lists_roles_past_and_present(world, client):
    membership = services.membership_create(
        actor=world.officer,
        user=world.principal,
        unit=world.centre,
        role=Role.CENTRE_STAFF,
        valid_from=datetime.date(2024, 1, 1),
    )
    services.membership_end(actor=world.officer, membership=membership, valid_to=datetime.date(2024, 12, 31))
    client.force_login(world.officer)
    html = client.get(reverse("units:person_detail", args=[world.principal.pk])).content.decode()
    assert "Vai trò đang giữ" in html and "Trường THCS Đống Đa" in html
    assert "01/01/2024 – 31/12/2024" in html
    assert reverse("units:person_password", args=[world.principal.pk]) in html


def test_officer_edits_a_person_and_can_lock_the_account(world, client):
    client.force_login(world.officer)
    response = client.post(
        reverse("units:person_edit", args=[world.principal.pk]),
        {"username": "principal", "full_name": "Phạm Thị Hiệu", "position": "Hiệu trưởng", "phone": "0912"},
    )
    assert response.status_code == 302
    world.principal.refresh_from_db()
    assert not world.principal.is_active and world.principal.position == "Hiệu trưởng"


def test_officer_sets_a_new_password(world, client):
    client.force_login(world.officer)
    url = reverse("units:person_password", args=[world.principal.pk])
    mismatch = client.post(url, {"password1": PASSWORD, "password2": PASSWORD + "x"})
    assert "Hai mật khẩu không khớp nhau" in mismatch.content.decode()
    assert client.post(url, {"password1": PASSWORD, "password2": PASSWORD}).status_code == 302
    world.principal.refresh_from_db()
    assert world.principal.check_password(PASSWORD)
    assert AuditEntry.objects.filter(action="person.set_password", object_id=str(world.principal.pk)).exists()


def test_a_leader_may_read_people_but_not_change_them(world, client):
    client.force_login(world.leader)
    assert client.get(reverse("units:person_detail", args=[world.principal.pk])).status_code == 200
    assert client.get(reverse("units:person_edit", args=[world.principal.pk])).status_code == 403
    assert client.post(reverse("units:person_password", args=[world.principal.pk]), {}).status_code == 403


def test_officer_gives_a_second_role_from_the_person_page(world, client):
    client.force_login(world.officer)
    url = reverse("units:membership_add", kwargs={"person": world.principal.pk})
    response = client.post(url, {"unit": world.centre.pk, "role": "centre_staff", "valid_from": "01/10/2025"})
    assert response["Location"] == reverse("units:person_detail", args=[world.principal.pk])
    assert world.principal.memberships.filter(unit=world.centre, role=Role.CENTRE_STAFF).exists()


def test_officer_gives_a_role_from_the_unit_page(world, client):
    client.force_login(world.officer)
    url = reverse("units:membership_add", kwargs={"unit": world.school.pk})
    response = client.post(url, {"person": world.viewer.pk, "role": "school_staff", "valid_from": "01/10/2025"})
    assert response["Location"] == reverse("units:detail", args=[world.school.pk])
    assert Membership.objects.filter(user=world.viewer, unit=world.school).exists()


def test_a_role_that_does_not_fit_the_unit_is_explained(world, client):
    client.force_login(world.officer)
    url = reverse("units:membership_add", kwargs={"person": world.principal.pk})
    html = client.post(url, {"unit": world.commune.pk, "role": "centre_director", "valid_from": "01/10/2025"})
    assert "Vai trò Giám đốc trung tâm chỉ được giao trên" in html.content.decode()


def test_ending_a_role_asks_first(world, client):
    membership = world.school_staff.memberships.get()
    client.force_login(world.officer)
    url = reverse("units:membership_end", args=[membership.pk])
    page = client.get(url).content.decode()
    assert "data-confirm" in page and "Hoàng Văn Giáo" in page
    response = client.post(url, {"valid_to": "31/12/2030"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.valid_to == datetime.date(2030, 12, 31)


def test_a_role_cannot_end_before_it_began(world, client):
    membership = world.school_staff.memberships.get()
    client.force_login(world.officer)
    html = client.post(reverse("units:membership_end", args=[membership.pk]), {"valid_to": "31/12/1999"})
    assert "Ngày kết thúc không thể trước ngày bắt đầu" in html.content.decode()


def test_a_bad_pk_in_the_people_filter_is_not_found(world, client):
    client.force_login(world.officer)
    assert client.get(reverse("units:people"), {"unit": "abc"}).status_code == 404


def test_a_superuser_sees_every_tree_and_may_create_a_root(world, client):
    client.force_login(make_user(is_superuser=True))
    html = client.get(reverse("units:tree")).content.decode()
    assert "Phòng GD&amp;ĐT huyện Thử Nghiệm" in html and "Phòng GD&amp;ĐT huyện Bên Kia" in html
    response = client.post(
        reverse("units:create"),
        {"kind": "office", "code": "SO", "name": "Sở GD&ĐT Thử", "level_label": "Sở GD&ĐT", "valid_from": "01/07/2025"},
    )
    assert response.status_code == 302 and Unit.objects.get(code="SO").parent is None


def test_editing_a_closed_unit_keeps_its_dates_consistent(world, client):
    services.unit_close(actor=world.officer, unit=world.hamlet, valid_to=datetime.date(2020, 1, 1))
    client.force_login(world.officer)
    response = client.post(
        reverse("units:edit", args=[world.hamlet.pk]),
        {"code": "TH1", "name": "Thôn Đông", "level_label": "Thôn", "valid_from": "01/01/2021"},
    )
    assert "Ngày hết hiệu lực không thể trước ngày bắt đầu hiệu lực" in response.content.decode()
    html = client.get(reverse("units:detail", args=[world.hamlet.pk])).content.decode()
    assert "đã giải thể/sáp nhập" in html


def test_ids_above_999_are_written_without_the_thousands_dot(world, client):
    # USE_THOUSAND_SEPARATOR would print 12345 as "12.345", breaking links and htmx targets.
    commune = make_unit(UnitKind.COMMUNE, parent=world.office, name="Xã Số Lớn", pk=12345)
    make_unit(UnitKind.HAMLET, parent=commune)
    client.force_login(world.officer)
    tree = client.get(reverse("units:tree")).content.decode()
    assert 'hx-target="#children-12345"' in tree and 'id="children-12345"' in tree
    detail = client.get(reverse("units:detail", args=[commune.pk])).content.decode()
    assert "?parent=12345" in detail and "?unit=12345" in detail
    assert client.get(reverse("units:people"), {"unit": "12345"}).status_code == 200
