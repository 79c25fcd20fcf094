"""Every URL of the annual report once (tests/permission_matrix.py): the office reads, officers
write; principals, directors and associations get 403 on the pages and 404 on a report."""

from annual.models import AnnualReport
from annual.services import annual_report_create
from tests.permission_matrix import EVERYONE, OFFICE, OFFICER, UrlCase
from units.models import Role

NON_OFFICE = EVERYONE - OFFICE


def draft_of(world) -> AnnualReport:
    report = AnnualReport.objects.filter(office=world.office, status=AnnualReport.Status.DRAFT).first()
    return report or annual_report_create(actor=world.officer, office=world.office, school_year=2025)


def _pk(world):
    return {"pk": draft_of(world).pk}


def _sent(world):
    """A version the officer sent to the leader (the same one for every role of a case)."""
    import datetime

    from annual.services import annual_report_freeze

    draft = draft_of(world)
    version = draft.versions.order_by("-version").first() or annual_report_freeze(
        actor=world.officer, report=draft, on=datetime.date(2026, 5, 20)
    )
    return {"pk": version.pk}


LEADER = {Role.OFFICE_LEADER}


CASES = [
    UrlCase("annual:list", ok=OFFICE, outsider=200),
    UrlCase(
        "annual:create",
        method="post",
        data=lambda w: {"office": w.office.pk, "school_year": 2024},
        ok=OFFICER,
        outsider=200,
    ),
    UrlCase("annual:detail", kwargs=_pk, ok=OFFICE, hidden=NON_OFFICE),
    UrlCase(
        "annual:detail",
        label="save",
        kwargs=_pk,
        method="post",
        data=lambda w: {"text_situation": "Tình hình chung", "place": "Hạ Long", "recipients": "Sở GD&ĐT;"},
        ok=OFFICER,
        hidden=NON_OFFICE,
    ),
    UrlCase(
        "annual:freeze",
        kwargs=_pk,
        method="post",
        data=lambda w: {"frozen_on": "30/06/2026"},
        ok=OFFICER,
        hidden=NON_OFFICE,
    ),
    UrlCase("annual:detail", label="sent", kwargs=_sent, ok=OFFICE, hidden=NON_OFFICE),
    # the leader signs: the officer who sent it and the viewer may see it, not approve or return it
    UrlCase("annual:approve", kwargs=_sent, method="post", ok=LEADER, hidden=NON_OFFICE),
    UrlCase(
        "annual:return",
        kwargs=_sent,
        method="post",
        data=lambda w: {"reason": "Thiếu số liệu trung tâm"},
        ok=LEADER,
        hidden=NON_OFFICE,
    ),
    UrlCase("annual:document", kwargs=_pk, ok=OFFICE, hidden=NON_OFFICE),
    UrlCase("annual:pdf", kwargs=_pk, method="post", ok=OFFICE, hidden=NON_OFFICE),
    UrlCase("annual:xlsx", kwargs=_pk, ok=OFFICE, hidden=NON_OFFICE),
    UrlCase("annual:docx", kwargs=_pk, ok=OFFICE, hidden=NON_OFFICE),
]


# The year's guidance and the plans -------------------------------------------------------------
def _guidance(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from annual import guidance as svc
    from annual.models import Guidance

    if not hasattr(world, "_guidance"):
        published = svc.guidance_create(actor=world.officer, office=world.office, school_year=2025, title="Hướng dẫn")
        svc.guidance_task_add(actor=world.officer, guidance=published, area="literacy", text="Duy trì chuẩn XMC")
        svc.guidance_publish(actor=world.officer, guidance=Guidance.objects.get(pk=published.pk))
        draft = svc.guidance_create(actor=world.officer, office=world.office, school_year=2026, title="Dự thảo")
        plan = svc.plan_submit(
            actor=world.principal,
            guidance=Guidance.objects.get(pk=published.pk),
            unit=world.school,
            text="Kế hoạch",
            attachment=SimpleUploadedFile("ke-hoach.pdf", b"%PDF-1.4 plan", content_type="application/pdf"),
        )
        world._guidance = (published, draft, plan)
    return world._guidance


def _draft_task(world):
    from annual import guidance as svc
    from annual.models import GuidanceTask

    _p, draft, _plan = _guidance(world)
    task = GuidanceTask.objects.filter(guidance=draft).first() or svc.guidance_task_add(
        actor=world.officer, guidance=draft, area="ict", text="Cập nhật cổng thông tin"
    )
    return {"pk": task.pk}


FILLERS = {Role.PRINCIPAL, Role.SCHOOL_STAFF, Role.CENTRE_DIRECTOR, Role.CENTRE_STAFF}
ASSOCIATION = {Role.ASSOCIATION_OFFICER}

CASES += [
    UrlCase("annual:guidance_list", ok=OFFICE | FILLERS, outsider=200),
    UrlCase(
        "annual:guidance_create",
        method="post",
        data=lambda w: {"office": w.office.pk, "school_year": 2030, "title": "Hướng dẫn 2030-2031"},
        ok=OFFICER,
        outsider=200,
    ),
    UrlCase(
        "annual:guidance_detail", kwargs=lambda w: {"pk": _guidance(w)[0].pk}, ok=OFFICE | FILLERS, hidden=ASSOCIATION
    ),
    UrlCase(
        "annual:guidance_document",
        kwargs=lambda w: {"pk": _guidance(w)[0].pk},
        ok=OFFICE | FILLERS,
        hidden=ASSOCIATION,
    ),
    UrlCase(
        "annual:guidance_docx", kwargs=lambda w: {"pk": _guidance(w)[0].pk}, ok=OFFICE | FILLERS, hidden=ASSOCIATION
    ),
    UrlCase(
        "annual:guidance_task_add",
        kwargs=lambda w: {"pk": _guidance(w)[1].pk},
        method="post",
        data=lambda w: {"area": "staff", "text": "Bồi dưỡng giáo viên", "deadline": "30/10/2026"},
        ok=OFFICER,
        hidden=FILLERS | ASSOCIATION,
    ),
    UrlCase(
        "annual:guidance_task_delete",
        kwargs=_draft_task,
        method="post",
        ok=OFFICER,
        hidden=FILLERS | ASSOCIATION,
    ),
    UrlCase(
        "annual:guidance_publish",
        kwargs=lambda w: {"pk": _guidance(w)[0].pk},
        method="post",
        ok=OFFICER,
        hidden=ASSOCIATION,
    ),
    UrlCase(
        "annual:guidance_remind",
        kwargs=lambda w: {"pk": _guidance(w)[0].pk},
        method="post",
        ok=OFFICER,
        hidden=ASSOCIATION,
    ),
    UrlCase(
        "annual:plan_submit",
        kwargs=lambda w: {"pk": _guidance(w)[0].pk},
        method="post",
        data=lambda w: {"text": "Kế hoạch năm học"},
        ok=FILLERS,
        hidden=ASSOCIATION,
    ),
    UrlCase(
        "annual:plan_file",
        kwargs=lambda w: {"pk": _guidance(w)[2].pk},
        ok=OFFICE | {Role.PRINCIPAL, Role.SCHOOL_STAFF},
        hidden={Role.CENTRE_DIRECTOR, Role.CENTRE_STAFF} | ASSOCIATION,
    ),
    UrlCase(
        "annual:plan_document",
        kwargs=lambda w: {"pk": _guidance(w)[2].pk},
        ok=OFFICE | {Role.PRINCIPAL, Role.SCHOOL_STAFF},
        hidden={Role.CENTRE_DIRECTOR, Role.CENTRE_STAFF} | ASSOCIATION,
    ),
]


# Guidance tasks followed to the end (issue 18) -------------------------------------------------
def _followed(world):
    """The published guidance's task given to every school and centre, and the school's progress."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from annual import tasks
    from annual.models import GuidanceTask

    if not hasattr(world, "_followed"):
        published = _guidance(world)[0]
        task = GuidanceTask.objects.select_related("guidance__office").filter(guidance=published).first()
        tasks.task_assign(actor=world.officer, task=task, unit_kinds=["school", "centre"], units=[])
        progress = tasks.progress_update(
            actor=world.principal,
            task=task,
            unit=world.school,
            status="in_progress",
            report="Đang làm",
            evidence=SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n png", content_type="image/png"),
        )
        world._followed = (task, progress)
    return world._followed


CASES += [
    UrlCase("annual:task_matrix", kwargs=lambda w: {"pk": _guidance(w)[0].pk}, ok=OFFICE, hidden=ASSOCIATION),
    UrlCase("annual:task_detail", kwargs=lambda w: {"pk": _followed(w)[0].pk}, ok=OFFICE | FILLERS, hidden=ASSOCIATION),
    UrlCase(
        "annual:task_assign",
        kwargs=lambda w: {"pk": _followed(w)[0].pk},
        method="post",
        data=lambda w: {"unit_kinds": ["school", "centre"]},
        ok=OFFICER,
        hidden=ASSOCIATION,
    ),
    UrlCase(
        "annual:progress_update",
        kwargs=lambda w: {"pk": _followed(w)[0].pk},
        method="post",
        data=lambda w: {"unit": w.school.pk, "status": "in_progress", "report": "Đang làm"},
        ok=FILLERS,
        hidden=ASSOCIATION,
    ),
    UrlCase(
        "annual:progress_file",
        kwargs=lambda w: {"pk": _followed(w)[1].pk},
        ok=OFFICE | {Role.PRINCIPAL, Role.SCHOOL_STAFF},
        hidden={Role.CENTRE_DIRECTOR, Role.CENTRE_STAFF} | ASSOCIATION,
    ),
]
