"""The year's guidance: tasks, plans with checked files, who has submitted, reminders, access."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from annual import guidance as svc
from reports.models import Notification

pytestmark = pytest.mark.django_db


def _published(world):
    g = svc.guidance_create(
        actor=world.officer, office=world.office, school_year=2025, title="Hướng dẫn GDTX 2025-2026"
    )
    svc.guidance_task_add(actor=world.officer, guidance=g, area="literacy", text="Duy trì chuẩn xóa mù chữ")
    svc.guidance_task_add(actor=world.officer, guidance=g, area="centres", text="Mỗi TTHTCĐ có kế hoạch năm")
    return svc.guidance_publish(actor=world.officer, guidance=g)


def _pdf(name="ke-hoach.pdf", body=b"%PDF-1.4 plan"):
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def test_a_guidance_needs_a_task_before_it_is_published(world):
    g = svc.guidance_create(actor=world.officer, office=world.office, school_year=2025, title="Hướng dẫn")
    with pytest.raises(ValidationError):
        svc.guidance_publish(actor=world.officer, guidance=g)
    with pytest.raises(PermissionDenied):
        svc.guidance_task_add(actor=world.leader, guidance=g, area="ict", text="x")


def test_schools_see_only_published_guidance(world):
    draft = svc.guidance_create(actor=world.officer, office=world.office, school_year=2026, title="Dự thảo")
    published = _published(world)
    assert list(svc.guidance_visible_to(world.principal)) == [published]
    assert draft in svc.guidance_visible_to(world.viewer)
    assert not svc.guidance_visible_to(world.outsider_principal).exists()


def test_plan_files_are_judged_by_their_content(world):
    g = _published(world)
    for bad in (
        _pdf("ke-hoach.pdf", b"MZ\x90\x00 a renamed program"),
        _pdf("ke-hoach.exe", b"%PDF-1.4"),
        _pdf("ke-hoach.pdf", b"%PDF-" + b"0" * (svc.MAX_PLAN_BYTES + 1)),
    ):
        with pytest.raises(ValidationError):
            svc.plan_submit(actor=world.principal, guidance=g, unit=world.school, text="", attachment=bad)
    plan = svc.plan_submit(
        actor=world.principal,
        guidance=g,
        unit=world.school,
        text="",
        attachment=_pdf("Kế hoạch.docx", b"PK\x03\x04 docx"),
    )
    assert plan.attachment_name == "Kế hoạch.docx"
    with pytest.raises(PermissionDenied):  # a principal answers for their own school only
        svc.plan_submit(actor=world.principal, guidance=g, unit=world.centre, text="Kế hoạch")


def test_the_office_sees_who_has_submitted_by_commune_and_kind(world):
    g = _published(world)
    svc.plan_submit(actor=world.principal, guidance=g, unit=world.school, text="Kế hoạch của trường")
    counts = svc.plan_counts(g)
    assert counts["submitted"] == 1 and counts["missing"] == counts["total"] - 1
    board = {u.pk: u.has_plan for u in svc.plan_board(g)}
    assert board[world.school.pk] is True and board[world.centre.pk] is False
    only_centres = list(svc.plan_board(g, kind="centre"))
    assert [u.pk for u in only_centres] == [world.centre.pk]
    in_commune = {u.pk for u in svc.plan_board(g, commune=str(world.commune.pk))}
    assert world.school.pk in in_commune and world.other_school.pk not in in_commune


def test_a_reminder_reaches_the_units_still_missing(world):
    g = _published(world)
    svc.plan_submit(actor=world.principal, guidance=g, unit=world.school, text="Kế hoạch")
    sent = svc.guidance_remind(actor=world.officer, guidance=g)
    assert sent > 0
    assert Notification.objects.filter(user=world.director).exists()
    assert not Notification.objects.filter(user=world.principal).exists()


def test_a_plan_file_is_served_only_to_those_who_may_see_it(world, client):
    g = _published(world)
    plan = svc.plan_submit(actor=world.principal, guidance=g, unit=world.school, text="", attachment=_pdf())
    url = reverse("annual:plan_file", args=[plan.pk])
    for user, status in [
        (world.principal, 200),
        (world.officer, 200),
        (world.director, 404),
        (world.outsider_officer, 404),
    ]:
        client.force_login(user)
        assert client.get(url).status_code == status, user


def test_the_principal_submits_a_plan_from_the_page(world, client):
    g = _published(world)
    client.force_login(world.principal)
    page = client.get(reverse("annual:guidance_detail", args=[g.pk])).content.decode()
    assert "Duy trì chuẩn xóa mù chữ" in page and "Nộp kế hoạch" in page
    response = client.post(
        reverse("annual:plan_submit", args=[g.pk]),
        {"unit": world.school.pk, "text": "", "attachment": _pdf("virus.pdf", b"MZ not a pdf")},
        follow=True,
    )
    assert "không phải văn bản PDF, DOC, DOCX hay ODT" in response.content.decode()
    assert not g.plans.exists()
