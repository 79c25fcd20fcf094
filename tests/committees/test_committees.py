"""Steering committees (issue 19): the decision, members by position, dated changes kept as
history; scope; the commune's page and home page; the demo."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse

from committees import demo, services
from committees.models import Committee, Kind, Member, Position
from committees.selectors import committee_of, commune_committees
from tests.committees import helpers
from tests.communication.helpers import pdf
from tests.factories import make_user
from units.models import AuditEntry, Role, Unit, today

pytestmark = pytest.mark.django_db


def test_an_officer_records_the_decision_and_the_members(world, login):
    client = login(world.officer)
    response = client.post(
        reverse("committees:committee_add"),
        {
            "commune": world.commune.pk,
            "kind": Kind.PCGD_XMC,
            "decision_number": "25/QĐ-UBND",
            "decision_date": "15/03/2025",
            "decision_signer": "Đặng Quốc Bảo, Chủ tịch UBND xã",
            "upload": pdf("qd.pdf"),
        },
    )
    committee = Committee.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("committees:committee", args=[committee.pk])
    assert committee.content_type == "application/pdf"
    for name, position, job in (
        ("Hoàng Văn Sơn", "head", "Phó Chủ tịch UBND xã"),
        ("Nguyễn Thị Hạnh", "deputy", "Hiệu trưởng trường THCS"),
        ("Phạm Thu Trang", "secretary", "Công chức Văn hóa - Xã hội"),
    ):
        response = client.post(
            reverse("committees:member_add", args=[committee.pk]),
            {"full_name": name, "position": position, "job": job, "from_date": "15/03/2025"},
        )
        assert response.status_code == 302
    page = client.get(reverse("committees:committee", args=[committee.pk])).content.decode()
    assert "Quyết định số 25/QĐ-UBND ngày 15/03/2025" in page
    assert page.index("Hoàng Văn Sơn") < page.index("Nguyễn Thị Hạnh") < page.index("Phạm Thu Trang")
    assert client.get(reverse("committees:committee_file", args=[committee.pk])).content.startswith(b"%PDF")
    assert AuditEntry.objects.filter(action="committees.member_add", unit=world.commune).count() == 3


def test_a_replacement_keeps_the_old_member_in_the_history(world, login):
    committee = helpers.make_committee(world.commune)
    head = helpers.add_member(committee, "Hoàng Văn Sơn", position=Position.HEAD)
    client = login(world.officer)
    on = today() - datetime.timedelta(days=10)
    response = client.post(
        reverse("committees:member_replace", args=[head.pk]),
        {
            "on": on.strftime("%d/%m/%Y"),
            "full_name": "Lường Văn Thái",
            "job": "Phó Chủ tịch UBND xã",
            "change_note": "QĐ 45/QĐ-UBND kiện toàn ban",
        },
    )
    assert response.status_code == 302
    head.refresh_from_db()
    newcomer = Member.objects.get(full_name="Lường Văn Thái")
    assert head.until == on and newcomer.from_date == on and newcomer.replaces == head
    assert newcomer.position == Position.HEAD
    # who served on a day before the change is still known
    before = committee_of(world.commune, Kind.PCGD_XMC, day=on - datetime.timedelta(days=1))
    assert [m.full_name for m in before.serving_members] == ["Hoàng Văn Sơn"]
    assert [m.full_name for m in committee_of(world.commune).serving_members] == ["Lường Văn Thái"]
    page = client.get(reverse("committees:committee", args=[committee.pk])).content.decode()
    assert "thay Hoàng Văn Sơn" in page and "QĐ 45/QĐ-UBND kiện toàn ban" in page
    assert f"thôi từ {on:%d/%m/%Y}" in page
    entry = AuditEntry.objects.get(action="committees.member_replace")
    assert entry.changes["full_name"] == ["Hoàng Văn Sơn", "Lường Văn Thái"]
    # a member who left cannot leave again
    response = client.post(reverse("committees:member_end", args=[head.pk]), {"on": today().strftime("%d/%m/%Y")})
    assert response.status_code == 200 and "đã thôi từ ngày" in response.content.decode()


def test_the_rules_of_a_committee_are_said_in_vietnamese(world):
    committee = helpers.make_committee(world.commune)
    helpers.add_member(committee, "Trưởng ban A", position=Position.HEAD)
    with pytest.raises(ValidationError, match="đã có Trưởng ban"):
        helpers.add_member(committee, "Trưởng ban B", position=Position.HEAD)
    with pytest.raises(ValidationError, match="trước ngày quyết định"):
        helpers.add_member(committee, "Sớm quá", day=helpers.ESTABLISHED - datetime.timedelta(days=1))
    with pytest.raises(ValidationError, match="đã có ban này"):
        helpers.make_committee(world.commune)
    with pytest.raises(ValidationError, match="cấp xã"):
        helpers.make_committee(world.school)
    with pytest.raises(PermissionDenied):
        services.committee_create(
            actor=world.outsider_officer,
            commune=world.difficult_commune,
            kind=Kind.LEARNING_SOCIETY,
            decision_number="1",
            decision_date=helpers.ESTABLISHED,
            decision_signer="X",
        )


def test_a_changed_decision_is_audited_with_the_old_number(world, login):
    committee = helpers.make_committee(world.commune)
    client = login(world.officer)
    response = client.post(
        reverse("committees:committee_edit", args=[committee.pk]),
        {"decision_number": "26/QĐ-UBND", "decision_date": "15/03/2025", "decision_signer": "Đặng Quốc Bảo"},
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="committees.committee_update")
    assert entry.changes["decision_number"] == ["25/QĐ-UBND", "26/QĐ-UBND"]


def test_another_office_and_the_schools_see_nothing(world, login):
    committee = helpers.make_committee(world.commune)
    member = helpers.add_member(committee)
    for user in (world.outsider_officer, world.principal, world.director):
        client = login(user)
        assert client.get(reverse("committees:committee", args=[committee.pk])).status_code == 404
        assert client.get(reverse("committees:member_replace", args=[member.pk])).status_code == 404
        listed = client.get(reverse("committees:index")).content.decode()
        assert reverse("committees:committee", args=[committee.pk]) not in listed
    assert login(world.viewer).get(reverse("committees:member_add", args=[committee.pk])).status_code == 403
    assert login(world.association_officer).get(reverse("committees:committee", args=[committee.pk])).status_code == 200


def test_the_communes_page_shows_its_committees(world, login):
    committee = helpers.make_committee(world.commune)
    helpers.add_member(committee, "Hoàng Văn Sơn", position=Position.HEAD, job="Phó Chủ tịch UBND xã")
    page = login(world.officer).get(reverse("units:detail", args=[world.commune.pk])).content.decode()
    assert 'data-testid="committees-panel"' in page
    assert "Ban chỉ đạo phổ cập giáo dục, xóa mù chữ" in page
    assert "Trưởng ban: Hoàng Văn Sơn (Phó Chủ tịch UBND xã)" in page
    page = login(world.officer).get(reverse("units:detail", args=[world.school.pk])).content.decode()
    assert 'data-testid="committees-panel"' not in page


def test_the_commune_officers_home_page_shows_the_committees(world, login):
    helpers.make_committee(world.commune, kind=Kind.LEARNING_SOCIETY)
    commune_officer = make_user(Role.OFFICE_OFFICER, world.commune, username="xa.vhxh", full_name="Công chức xã")
    page = login(commune_officer).get(reverse("home")).content.decode()
    assert "Ban chỉ đạo xây dựng xã hội học tập" in page and 'data-testid="committees-panel"' in page


def test_the_commune_page_runs_two_queries_for_its_committees_whatever_their_members(world, django_assert_num_queries):
    committee = helpers.make_committee(world.commune)
    helpers.add_member(committee, "A")
    with django_assert_num_queries(2):
        commune_committees(world.commune)
    for n in range(10):
        helpers.add_member(committee, f"B{n}")
    helpers.make_committee(world.commune, kind=Kind.LEARNING_SOCIETY)
    with django_assert_num_queries(2):
        found = commune_committees(world.commune)
    assert len(found[0].serving_members) == 11


def test_the_demo_has_both_committees_of_two_communes_and_one_dated_change(db):
    call_command("seed_demo", "--no-modules", stdout=io.StringIO())
    office = Unit.objects.get(code="DEMO-PGD")
    demo.seed(office=office, stdout=io.StringIO())
    assert Committee.objects.count() == 4
    assert Committee.objects.values("commune").distinct().count() == 2
    replaced = Member.objects.filter(until__isnull=False)
    assert replaced.count() == 1 and replaced.get().replaced_by.full_name == "Lường Văn Thái"
    demo.seed(office=office, stdout=io.StringIO())
    assert Committee.objects.count() == 4 and Member.objects.count() == 23
