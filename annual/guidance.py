"""The year's GDTX guidance (hướng dẫn nhiệm vụ GDTX năm học) and the plans schools and centres
submit against it: reads scoped to the user, one access helper per object, writes as services.

Plan files: PDF, DOC, DOCX or ODT only, judged by their first bytes (a renamed program stays a
program), at most 10 MB, and served only to those who may see the plan."""

import datetime
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from reports.permissions import FILL_ROLES
from units.audit import record
from units.models import Unit, UnitKind
from units.selectors import active_memberships, can_manage_unit, is_office_user, units_visible_to
from units.text import as_id, nfc

from .models import Guidance, GuidanceTask, YearPlan

PLAN_KINDS = [UnitKind.SCHOOL, UnitKind.CENTRE, UnitKind.DISTRICT_CENTRE]
MAX_PLAN_BYTES = 10 * 1024 * 1024
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc (Word 97–2003)
ZIP = b"PK\x03\x04"  # .docx and .odt are zip packages


# Reads ------------------------------------------------------------------------------------------


def _fill_units(user) -> list[Unit]:
    return [m.unit for m in active_memberships(user) if m.role in FILL_ROLES and m.unit.kind in PLAN_KINDS]


def guidance_visible_to(user) -> QuerySet[Guidance]:
    """The office sees its guidance; a school or centre sees the published guidance of offices above it."""
    q = Q(pk__in=[])
    if is_office_user(user):
        q |= Q(office__in=units_visible_to(user))
    ancestor_ids = {pk for unit in _fill_units(user) for pk in unit.ancestor_ids()}
    if ancestor_ids:
        q |= Q(office_id__in=ancestor_ids, status=Guidance.Status.PUBLISHED)
    return Guidance.objects.filter(q).select_related("office")


def get_guidance_for_user(user, pk, *, write: bool = False) -> Guidance:
    guidance = get_object_or_404(guidance_visible_to(user), pk=pk)
    if write and not can_manage_unit(user, guidance.office):
        raise PermissionDenied
    return guidance


def expected_units(guidance: Guidance) -> QuerySet[Unit]:
    start = datetime.date(guidance.school_year, 9, 1)
    return Unit.objects.subtree_of(guidance.office).filter(kind__in=PLAN_KINDS).active_on(start)


def plan_board(guidance: Guidance, *, commune: str = "", kind: str = "") -> QuerySet[Unit]:
    """Every school and centre that must submit, with whether it has: one query, paginated by the view."""
    units = expected_units(guidance).select_related("parent")
    if commune_id := as_id(commune):
        units = units.filter(path__contains=f"/{commune_id}/")
    if kind in PLAN_KINDS:
        units = units.filter(kind=kind)
    plans = YearPlan.objects.filter(guidance=guidance, unit=OuterRef("pk"))
    return units.annotate(has_plan=Exists(plans)).order_by("has_plan", "path")


def plan_counts(guidance: Guidance) -> dict:
    units = expected_units(guidance)
    total = units.count()
    submitted = YearPlan.objects.filter(guidance=guidance, unit__in=units).count()
    return {"total": total, "submitted": submitted, "missing": total - submitted}


def plan_units_for(user, guidance: Guidance) -> list[Unit]:
    """The user's own schools or centres that answer this guidance."""
    return [u for u in _fill_units(user) if u.path.startswith(guidance.office.path)]


def get_plan_for_user(user, pk) -> YearPlan:
    plan = get_object_or_404(YearPlan.objects.select_related("guidance", "guidance__office", "unit"), pk=pk)
    own = plan.unit_id in {u.pk for u in _fill_units(user)}
    office = is_office_user(user) and units_visible_to(user).filter(pk=plan.unit_id).exists()
    if not (own or office or user.is_superuser):
        from django.http import Http404

        raise Http404
    return plan


# Writes -----------------------------------------------------------------------------------------


@transaction.atomic
def guidance_create(*, actor, office: Unit, school_year: int, title: str, number: str = "", plan_due=None) -> Guidance:
    if office.kind != UnitKind.OFFICE or not can_manage_unit(actor, office):
        raise PermissionDenied
    if Guidance.objects.filter(office=office, school_year=school_year).exists():
        raise ValidationError(_("Năm học này đã có hướng dẫn nhiệm vụ; hãy mở văn bản đó để sửa."))
    guidance = Guidance(
        office=office,
        school_year=school_year,
        title=nfc(title),
        number=nfc(number),
        plan_due=plan_due,
        created_by=actor,
    )
    guidance.full_clean()
    guidance.save()
    record(actor=actor, action="guidance.create", obj=guidance, unit=office, changes={"title": [None, guidance.title]})
    return guidance


@transaction.atomic
def guidance_task_add(*, actor, guidance: Guidance, area: str, text: str, deadline=None) -> GuidanceTask:
    if not can_manage_unit(actor, guidance.office):
        raise PermissionDenied
    task = GuidanceTask(guidance=guidance, area=area, text=nfc(text).strip(), deadline=deadline)
    task.full_clean()
    task.save()
    record(
        actor=actor, action="guidance.task_add", obj=guidance, unit=guidance.office, changes={"task": [None, task.text]}
    )
    return task


@transaction.atomic
def guidance_task_delete(*, actor, task: GuidanceTask) -> None:
    if not can_manage_unit(actor, task.guidance.office):
        raise PermissionDenied
    record(
        actor=actor,
        action="guidance.task_delete",
        obj=task.guidance,
        unit=task.guidance.office,
        changes={"task": [task.text, None]},
    )
    task.delete()


@transaction.atomic
def guidance_publish(*, actor, guidance: Guidance) -> Guidance:
    if not can_manage_unit(actor, guidance.office):
        raise PermissionDenied
    if guidance.is_published:
        raise ValidationError(_("Hướng dẫn này đã được ban hành."))
    if not guidance.tasks.exists():
        raise ValidationError(_("Hãy thêm ít nhất một nhiệm vụ trước khi ban hành."))
    guidance.status, guidance.published_at = Guidance.Status.PUBLISHED, timezone.now()
    guidance.save(update_fields=["status", "published_at"])
    record(
        actor=actor,
        action="guidance.publish",
        obj=guidance,
        unit=guidance.office,
        changes={"status": ["draft", "published"]},
    )
    return guidance


def check_plan_file(uploaded) -> str:
    """The file's real type, or a Vietnamese message the principal can act on."""
    if uploaded.size > MAX_PLAN_BYTES:
        raise ValidationError(
            _("Tệp “%(name)s” nặng %(size)s, vượt quá giới hạn %(limit)s.")
            % {"name": uploaded.name, "size": filesizeformat(uploaded.size), "limit": filesizeformat(MAX_PLAN_BYTES)}
        )
    ext = Path(uploaded.name).suffix.lower()
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(0)
    kinds = {
        ".pdf": (head.startswith(b"%PDF-"), "application/pdf"),
        ".doc": (head.startswith(OLE), "application/msword"),
        ".docx": (head.startswith(ZIP), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ".odt": (head.startswith(ZIP), "application/vnd.oasis.opendocument.text"),
    }
    ok, content_type = kinds.get(ext, (False, ""))
    if not ok:
        raise ValidationError(
            _("Tệp “%(name)s” không phải văn bản PDF, DOC, DOCX hay ODT. Hãy lưu kế hoạch ở một trong các dạng đó.")
            % {"name": uploaded.name}
        )
    return content_type


@transaction.atomic
def plan_submit(*, actor, guidance: Guidance, unit: Unit, text: str, attachment=None) -> YearPlan:
    if unit.pk not in {u.pk for u in plan_units_for(actor, guidance)} or not guidance.is_published:
        raise PermissionDenied
    text = nfc(text or "").strip()
    plan = YearPlan.objects.filter(guidance=guidance, unit=unit).first() or YearPlan(guidance=guidance, unit=unit)
    if attachment is not None:
        plan.content_type = check_plan_file(attachment)
        plan.attachment_name = Path(attachment.name).name[:255]
        plan.attachment.save(f"{guidance.pk}-{unit.pk}{Path(attachment.name).suffix.lower()}", attachment, save=False)
    if not text and not plan.attachment:
        raise ValidationError(_("Hãy viết nội dung kế hoạch hoặc đính kèm tệp kế hoạch."))
    plan.text, plan.submitted_by = text, actor
    plan.full_clean()
    plan.save()
    record(
        actor=actor, action="guidance.plan_submit", obj=plan, unit=unit, changes={"file": [None, plan.attachment_name]}
    )
    return plan


def guidance_remind(*, actor, guidance: Guidance) -> int:
    """Nhắc nộp kế hoạch: a notification (and an email) to the people of every unit still missing."""
    from reports.services.notifications import notify, unit_people

    if not can_manage_unit(actor, guidance.office):
        raise PermissionDenied
    missing = [u.pk for u in plan_board(guidance) if not u.has_plan]
    link = reverse("annual:guidance_detail", args=[guidance.pk])
    with transaction.atomic():
        sent = notify(
            unit_people(missing),
            subject=_("Nhắc nộp kế hoạch năm học"),
            text_for=lambda unit_id: (
                _("Đơn vị chưa nộp kế hoạch năm học %(y)s theo %(t)s.")
                % {"y": guidance.school_year_label, "t": guidance.title}
            ),
            link_for=lambda unit_id: link,
        )
        record(
            actor=actor, action="guidance.remind", obj=guidance, unit=guidance.office, changes={"sent": [None, sent]}
        )
    return sent
