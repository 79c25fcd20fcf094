"""The leader signs the annual report (issue 17): the officer prepares and sends, the office's leader
approves (the report is issued with the leader as signer) or returns it with a reason; an office with
no leader account lets the officer issue, and the audit says so."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from annual.models import AnnualReport
from annual.services import (
    annual_report_approve,
    annual_report_create,
    annual_report_freeze,
    annual_report_return,
)
from reports.models import Notification
from tests.factories import make_user
from units.calendar import today
from units.models import AuditEntry, Role
from units.services import membership_create

pytestmark = pytest.mark.django_db

ON = datetime.date(2026, 5, 20)


@pytest.fixture
def sent(world):
    draft = annual_report_create(actor=world.officer, office=world.office, school_year=2025)
    return draft, annual_report_freeze(actor=world.officer, report=draft, on=ON)


def test_sending_waits_for_the_leader_and_tells_them(world, sent):
    draft, version = sent
    assert version.status == AnnualReport.Status.PENDING and not version.is_issued
    assert Notification.objects.filter(user=world.leader, link=reverse("annual:detail", args=[version.pk])).exists()
    assert AuditEntry.objects.filter(action="annual_report.submit", object_id=str(version.pk)).exists()


def test_the_leader_approves_and_becomes_the_signer(world, sent):
    _draft, version = sent
    issued = annual_report_approve(actor=world.leader, report=version)
    issued.refresh_from_db()
    assert issued.status == AnnualReport.Status.FROZEN and issued.get_status_display() == "Đã ban hành"
    assert issued.signer_name == "Trần Thị Trưởng"
    assert issued.document_date == today()
    assert issued.reviewed_by == world.leader and issued.reviewed_at is not None
    entry = AuditEntry.objects.get(action="annual_report.approve", object_id=str(issued.pk))
    assert entry.actor == world.leader and entry.changes["signer_name"][1] == "Trần Thị Trưởng"
    assert Notification.objects.filter(user=world.officer, text__contains="đã duyệt và ban hành").exists()


def test_the_leader_returns_with_a_reason_the_officer_reads_on_the_draft(world, sent, client):
    draft, version = sent
    annual_report_return(actor=world.leader, report=version, reason="Thiếu số liệu trung tâm Đống Đa")
    version.refresh_from_db()
    assert version.status == AnnualReport.Status.RETURNED
    assert AuditEntry.objects.filter(action="annual_report.return", object_id=str(version.pk)).exists()
    client.force_login(world.officer)
    page = client.get(reverse("annual:detail", args=[draft.pk])).content.decode()
    assert "Lãnh đạo trả lại phiên bản 1:" in page and "Thiếu số liệu trung tâm Đống Đa" in page
    assert "Trình lãnh đạo duyệt" in page  # the officer fixes the draft and sends again
    home = client.get(reverse("home")).content.decode()
    assert "Thiếu số liệu trung tâm Đống Đa" in home
    again = annual_report_freeze(actor=world.officer, report=draft, on=ON)
    assert again.version == 2 and again.is_pending


def test_a_return_without_a_reason_is_refused(world, sent):
    _draft, version = sent
    with pytest.raises(ValidationError):
        annual_report_return(actor=world.leader, report=version, reason="  ")
    version.refresh_from_db()
    assert version.is_pending


def test_the_officer_cannot_issue_nor_send_twice_while_the_leader_has_not_answered(world, sent):
    draft, version = sent
    with pytest.raises(PermissionDenied):
        annual_report_approve(actor=world.officer, report=version)
    with pytest.raises(PermissionDenied):
        annual_report_return(actor=world.officer, report=version, reason="x")
    with pytest.raises(ValidationError, match="đang chờ lãnh đạo duyệt"):
        annual_report_freeze(actor=world.officer, report=draft, on=ON)
    version.refresh_from_db()
    assert version.is_pending


@pytest.mark.parametrize("who", ["viewer", "principal", "director", "outsider_officer"])
def test_a_viewer_a_principal_or_another_office_cannot_approve_or_return(world, sent, who):
    _draft, version = sent
    user = getattr(world, who)
    with pytest.raises(PermissionDenied):
        annual_report_approve(actor=user, report=version)
    with pytest.raises(PermissionDenied):
        annual_report_return(actor=user, report=version, reason="Không đồng ý")
    version.refresh_from_db()
    assert version.is_pending


def test_only_a_waiting_version_is_approved_or_returned(world, sent):
    draft, version = sent
    annual_report_approve(actor=world.leader, report=version)
    with pytest.raises(ValidationError):
        annual_report_approve(actor=world.leader, report=version)
    with pytest.raises(ValidationError):
        annual_report_return(actor=world.leader, report=version, reason="Muộn")
    with pytest.raises(ValidationError):
        annual_report_approve(actor=world.leader, report=draft)


def test_a_leader_who_sent_the_version_does_not_sign_it(world):
    both = make_user(Role.OFFICE_OFFICER, world.office, username="both")
    membership_create(actor=None, user=both, unit=world.office, role=Role.OFFICE_LEADER)
    draft = annual_report_create(actor=both, office=world.office, school_year=2025)
    version = annual_report_freeze(actor=both, report=draft, on=ON)
    with pytest.raises(ValidationError, match="do chính bạn trình"):
        annual_report_approve(actor=both, report=version)
    annual_report_approve(actor=world.leader, report=version)


def test_an_office_without_a_leader_account_lets_the_officer_issue_and_says_so(world, client):
    office = world.other_office
    client.force_login(world.outsider_officer)
    draft = annual_report_create(actor=world.outsider_officer, office=office, school_year=2025)
    page = client.get(reverse("annual:detail", args=[draft.pk])).content.decode()
    assert "Phòng chưa có tài khoản lãnh đạo trên cổng" in page
    response = client.post(reverse("annual:freeze", args=[draft.pk]), {"frozen_on": "20/05/2026"}, follow=True)
    assert "bạn đã ban hành phiên bản 1" in response.content.decode()
    issued = draft.versions.get()
    assert issued.is_issued
    entry = AuditEntry.objects.get(action="annual_report.issue", object_id=str(issued.pk))
    assert "chưa có tài khoản lãnh đạo" in entry.changes["no_leader"][1]


def test_the_leader_sees_it_at_home_and_approves_from_the_page_after_confirming(world, sent, client):
    _draft, version = sent
    client.force_login(world.leader)
    home = client.get(reverse("home")).content.decode()
    assert "chờ bạn duyệt" in home and reverse("annual:detail", args=[version.pk]) in home
    page = client.get(reverse("annual:detail", args=[version.pk])).content.decode()
    assert "Duyệt và ban hành" in page and 'data-confirm="Duyệt và ban hành' in page
    assert 'data-confirm="Trả lại báo cáo' in page
    response = client.post(reverse("annual:approve", args=[version.pk]), follow=True)
    assert "Đã duyệt: báo cáo đã ban hành" in response.content.decode()
    assert "Trần Thị Trưởng duyệt và ký ngày" in response.content.decode()
    assert "chờ bạn duyệt" not in client.get(reverse("home")).content.decode()


def test_the_officer_and_the_viewer_see_no_approve_button(world, sent, client):
    _draft, version = sent
    for user in (world.officer, world.viewer):
        client.force_login(user)
        page = client.get(reverse("annual:detail", args=[version.pk])).content.decode()
        assert "đang chờ lãnh đạo phòng duyệt" in page and "Duyệt và ban hành" not in page
        assert client.post(reverse("annual:approve", args=[version.pk])).status_code == 403


def test_another_offices_report_is_not_found(world, sent, client):
    _draft, version = sent
    client.force_login(world.outsider_officer)
    assert client.post(reverse("annual:approve", args=[version.pk])).status_code == 404
    assert client.post(reverse("annual:return", args=[version.pk]), {"reason": "x"}).status_code == 404


def test_a_return_from_the_page_without_a_reason_changes_nothing(world, sent, client):
    _draft, version = sent
    client.force_login(world.leader)
    response = client.post(reverse("annual:return", args=[version.pk]), {"reason": ""}, follow=True)
    assert "Hãy ghi lý do trả lại" in response.content.decode()
    version.refresh_from_db()
    assert version.is_pending


def test_a_sent_version_prints_as_a_draft_until_the_leader_signs(world, sent, client):
    _draft, version = sent
    client.force_login(world.officer)
    url = reverse("annual:document", args=[version.pk])
    assert "DỰ THẢO" in client.get(url).content.decode()
    annual_report_approve(actor=world.leader, report=version)
    assert "DỰ THẢO" not in client.get(url).content.decode()


def test_the_officer_and_the_leader_see_which_sections_have_no_text_yet(world, client):
    from annual.blocks import SECTION_KEYS
    from annual.services import annual_report_update

    draft = annual_report_create(actor=world.officer, office=world.office, school_year=2025)
    written = dict.fromkeys(SECTION_KEYS, "Đã viết.") | {"funding": "", "communication": "  "}
    annual_report_update(actor=world.officer, report=draft, narrative=written)
    client.force_login(world.officer)
    html = client.get(reverse("annual:detail", args=[draft.pk])).content.decode()
    assert "2 mục chưa có phần lời: VII. Kinh phí và cơ sở vật chất; VIII. Công tác tuyên truyền." in html

    version = annual_report_freeze(actor=world.officer, report=draft, on=ON)
    client.force_login(world.leader)
    html = client.get(reverse("annual:detail", args=[version.pk])).content.decode()
    assert "Duyệt và ban hành" in html and "2 mục chưa có phần lời" in html

    annual_report_update(actor=world.officer, report=draft, narrative=dict.fromkeys(SECTION_KEYS, "Đủ."))
    client.force_login(world.officer)
    assert "chưa có phần lời" not in client.get(reverse("annual:detail", args=[draft.pk])).content.decode()


def test_the_report_page_opens_with_links_to_each_section(world, client):
    draft = annual_report_create(actor=world.officer, office=world.office, school_year=2025)
    client.force_login(world.officer)
    html = client.get(reverse("annual:detail", args=[draft.pk])).content.decode()
    toc = html.split('data-testid="annual-toc"', 1)[1].split("</nav>", 1)[0]
    assert toc.count('href="#phan-') == 9
    assert 'href="#phan-funding"' in toc and 'id="phan-funding"' in html
    assert toc.count("chưa có phần lời") == 9  # nothing written yet: every section says so to a screen reader
