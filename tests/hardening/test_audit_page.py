"""The audit log page: officers read who did what, when, on which unit — only in their scope."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_unit
from units import services
from units.audit import record
from units.models import AuditEntry, UnitKind

pytestmark = pytest.mark.django_db
URL = reverse("units:audit")


def _rows(response) -> list:
    return list(response.context["page_obj"].object_list)


def test_officer_sees_who_did_what_on_which_unit(world, login):
    services.unit_update(actor=world.officer, unit=world.hamlet, name="Thôn Đông Mới")
    response = login(world.officer).get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nguyễn Văn Chuyên" in page
    assert "Thôn Đông Mới" in page
    assert "Sửa thông tin đơn vị" in page


def test_another_office_never_sees_our_log(world, login):
    services.unit_update(actor=world.officer, unit=world.hamlet, name="Thôn Bí Mật")
    response = login(world.outsider_officer).get(URL)
    assert "Thôn Bí Mật" not in response.content.decode()
    assert all(entry.unit.path.startswith(world.other_office.path) for entry in _rows(response))


@pytest.mark.parametrize("role", ["principal", "director", "association_officer", "school_staff"])
def test_school_and_centre_roles_are_refused(world, login, role):
    assert login(getattr(world, role)).get(URL).status_code == 403


def test_filters_by_action_person_unit_and_dates(world, login):
    services.unit_update(actor=world.officer, unit=world.hamlet, name="Thôn Lọc")
    old = record(actor=world.leader, action="unit.update", obj=world.school, unit=world.school)
    AuditEntry.objects.filter(pk=old.pk).update(at=timezone.make_aware(datetime.datetime(2024, 3, 5, 23, 30)))
    client = login(world.officer)

    by_action = _rows(client.get(URL, {"action": "unit.update"}))
    assert by_action and all(e.action == "unit.update" for e in by_action)

    by_person = _rows(client.get(URL, {"person": "Trưởng"}))
    assert [e.pk for e in by_person] == [old.pk]

    by_unit = _rows(client.get(URL, {"unit": "thon loc"}))  # no accents needed
    assert by_unit and all(e.unit_id == world.hamlet.pk for e in by_unit)

    # The whole last day counts, in office time (23:30 on 05/03/2024).
    by_dates = _rows(client.get(URL, {"date_from": "05/03/2024", "date_to": "05/03/2024"}))
    assert [e.pk for e in by_dates] == [old.pk]


def test_a_bad_date_is_explained_and_the_other_filters_still_apply(world, login):
    services.unit_update(actor=world.officer, unit=world.hamlet, name="Thôn Lỗi")
    response = login(world.officer).get(URL, {"date_from": "31/02/2024", "person": "Chuyên"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ngày 31/02/2024 không có trong lịch." in page
    assert 'value="31/02/2024"' in page  # what was typed stays
    assert _rows(response) and all(e.actor_id == world.officer.pk for e in _rows(response))
    response = login(world.officer).get(URL, {"date_from": "06/03/2024", "date_to": "05/03/2024"})
    assert "Ngày kết thúc phải sau hoặc bằng ngày bắt đầu." in response.content.decode()


def test_hostile_filters_never_break_the_page(world, login):
    client = login(world.officer)
    for value in ["'; DROP TABLE units_unit; --", "<script>alert(1)</script>", "\u202e\u200b", "9" * 400, "%00"]:
        response = client.get(URL, {"person": value, "unit": value, "action": value, "date_from": value})
        assert response.status_code == 200
        assert "<script>alert(1)</script>" not in response.content.decode()


def test_empty_log_says_so(world, login):
    AuditEntry.objects.all().delete()
    assert "Chưa có thao tác nào được ghi" in login(world.officer).get(URL).content.decode()


def test_paginated_with_a_fixed_number_of_queries(world, login, django_assert_num_queries):
    client = login(world.officer)

    def make(n):
        units = [make_unit(UnitKind.HAMLET, parent=world.commune) for _ in range(n)]
        for unit in units:
            services.unit_update(actor=world.officer, unit=unit, name=f"{unit.name} sửa")

    make(3)
    client.get(URL)  # warm the session and the role cache
    with CaptureQueriesContext(connection) as small:
        assert client.get(URL).status_code == 200
    make(30)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(URL, {"page": 2})
    assert response.context["page_obj"].paginator.num_pages >= 3
    assert len(_rows(response)) == 25


def test_leader_and_viewer_read_it_too(world, login):
    for user in (world.leader, world.viewer):
        assert login(user).get(URL).status_code == 200


def test_reached_from_the_tree_and_people_pages(world, login):
    client = login(world.leader)
    for page in (reverse("units:tree"), reverse("units:people")):
        assert f'href="{URL}"' in client.get(page).content.decode()
