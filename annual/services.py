"""Reads, access and writes of the office's annual report (báo cáo tổng kết năm học GDTX).

Only officers of the office (or above) write; office leaders and viewers read. Anyone else —
principals, directors, another office — never sees a report (404), like any other object.
The officer prepares and sends a version to the office's leader, who approves (issues) or returns
it (issue 17); only when the office has no leader account does the officer issue alone.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from units import duties
from units.audit import record
from units.calendar import today
from units.models import Membership, Role, Unit, UnitKind
from units.panel_cache import kept_value
from units.selectors import active_memberships, can_manage_unit, is_office_user, manage_roots, units_visible_to

from .blocks import SCREEN_KEYS, SECTION_KEYS, compute_blocks, kept_blocks, school_year_dates, screen_blocks
from .models import AnnualReport

MAX_SECTION_CHARS = 20000


# Reads -----------------------------------------------------------------------------------------


def reports_visible_to(user) -> QuerySet[AnnualReport]:
    if not is_office_user(user):
        return AnnualReport.objects.none()
    return AnnualReport.objects.filter(office__in=units_visible_to(user)).select_related("office", "created_by")


def report_list(user) -> QuerySet[AnnualReport]:
    return reports_visible_to(user).order_by("-school_year", "office__name", "status", "-version")


def offices_for_new_report(user) -> QuerySet[Unit]:
    """Offices an officer may write a report for: the offices they manage."""
    ids = [u.pk for u in manage_roots(user)]
    qs = Unit.objects.filter(kind=UnitKind.OFFICE)
    return qs if user.is_superuser else qs.filter(pk__in=ids)


def can_write(user, report: AnnualReport) -> bool:
    return can_manage_unit(user, report.office)


def can_sign(user, report: AnnualReport) -> bool:
    """The office's leader (lãnh đạo phòng) approves and returns its annual report."""
    if user.is_superuser:
        return True
    return any(
        m.role == Role.OFFICE_LEADER and report.office.path.startswith(m.unit.path) for m in active_memberships(user)
    )


def get_annual_report_for_user(user, pk, *, write: bool = False, sign: bool = False) -> AnnualReport:
    """404 when the user may not see the report; 403 when they see it but may not write (`write`)
    or approve and return it (`sign`)."""
    report = get_object_or_404(reports_visible_to(user), pk=pk)
    if write and not can_write(user, report):
        raise PermissionDenied
    if sign and not can_sign(user, report):
        raise PermissionDenied
    return report


def office_leaders(office: Unit) -> list:
    """The people who sign for the office today: its active leader accounts."""
    memberships = Membership.objects.active_on().filter(unit=office, role=Role.OFFICE_LEADER).select_related("user")
    return [m.user for m in memberships if m.user.is_active]


def pending_version(draft: AnnualReport) -> AnnualReport | None:
    return draft.versions.filter(status=AnnualReport.Status.PENDING).order_by("-version").first()


def latest_version(draft: AnnualReport) -> AnnualReport | None:
    return draft.versions.order_by("-version").first()


def pending_for_leader(user) -> QuerySet[AnnualReport]:
    """Versions waiting for this leader's signature (their home's "Cần xử lý")."""
    offices = [m.unit for m in active_memberships(user) if m.role == Role.OFFICE_LEADER]
    if not offices:
        return AnnualReport.objects.none()
    return (
        reports_visible_to(user)
        .filter(status=AnnualReport.Status.PENDING, office__in=offices)
        .order_by("school_year", "version")
    )


def report_dates(report: AnnualReport) -> tuple[datetime.date, datetime.date]:
    start, end = school_year_dates(report.school_year)
    if report.frozen_on and report.frozen_on < end:
        end = report.frozen_on
    return start, end


def report_blocks(report: AnnualReport, progress=None) -> list[dict]:
    """A frozen version's stored figures; a draft's from the modules: the kept ones the page shows
    (its preview and XLSX say what the page says), computed afresh when a job reports progress."""
    if report.is_frozen:
        return report.snapshot
    start, end = school_year_dates(report.school_year)
    if progress is None:
        return [
            {k: v for k, v in block.items() if k not in SCREEN_KEYS} for block in kept_blocks(report.office, start, end)
        ]
    return compute_blocks(report.office, start, end, progress=progress)


def screen_blocks_of(report: AnnualReport) -> list[dict]:
    """The blocks as the report's page shows them, their tables rendered once and kept in the
    shared cache: a draft's until the next change to its office's figures (blocks.kept_blocks), a
    frozen version's for as long as the cache keeps it (its snapshot never changes)."""
    if report.is_frozen:
        return kept_value(
            f"annual-screen:{report.pk}", f"{report.version}:{report.frozen_on}", lambda: screen_blocks(report.snapshot)
        )
    start, end = school_year_dates(report.school_year)
    return kept_blocks(report.office, start, end)


# Writes ----------------------------------------------------------------------------------------


@transaction.atomic
def annual_report_create(*, actor, office: Unit, school_year: int) -> AnnualReport:
    if not can_manage_unit(actor, office) or office.kind != UnitKind.OFFICE:
        raise PermissionDenied
    if AnnualReport.objects.filter(office=office, school_year=school_year, status=AnnualReport.Status.DRAFT).exists():
        raise ValidationError(_("Đã có bản nháp báo cáo tổng kết năm học này; hãy mở bản nháp đó để soạn tiếp."))
    report = AnnualReport(
        office=office,
        school_year=school_year,
        # place, recipients and signer are left empty: the paper takes them from the office's
        # identity until the officer writes the report's own (annual.document)
        created_by=actor,
    )
    report.full_clean()
    report.save()
    record(
        actor=actor,
        action="annual_report.create",
        obj=report,
        unit=office,
        changes={"school_year": [None, school_year]},
    )
    return report


EDITABLE_FIELDS = (
    "number",
    "place",
    "document_date",
    "recipients",
    "signer_authority",
    "signer_position",
    "signer_name",
)


@transaction.atomic
def annual_report_update(*, actor, report: AnnualReport, narrative: dict, **fields) -> AnnualReport:
    if not can_manage_unit(actor, report.office):
        raise PermissionDenied
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if report.is_frozen:
        raise ValidationError(_("Bản đã chốt số liệu không sửa được; hãy sửa bản nháp rồi chốt lại."))
    errors = {}
    clean = {}
    for key in SECTION_KEYS:
        text = (narrative.get(key) or "").replace("\r\n", "\n").strip()
        if len(text) > MAX_SECTION_CHARS:
            errors[key] = _("Phần này dài quá %(n)s ký tự.") % {"n": MAX_SECTION_CHARS}
        clean[key] = text
    if errors:
        raise ValidationError(errors)
    changes = {}
    for key in SECTION_KEYS:
        if clean[key] != report.narrative.get(key, ""):
            changes[f"narrative.{key}"] = [report.narrative.get(key, ""), clean[key]]
    report.narrative = clean
    for name in EDITABLE_FIELDS:
        if name in fields and fields[name] != getattr(report, name):
            changes[name] = [str(getattr(report, name) or ""), str(fields[name] or "")]
            setattr(report, name, fields[name])
    report.full_clean()
    report.save()
    if changes:
        record(actor=actor, action="annual_report.update", obj=report, unit=report.office, changes=changes)
    return report


@transaction.atomic
def annual_report_freeze(*, actor, report: AnnualReport, on: datetime.date) -> AnnualReport:
    """Chốt số liệu và trình lãnh đạo duyệt: a new version holding the figures as they stand at `on`
    (no later than the end of the school year), the narrative and the signer as written now, sent
    to the office's leader (PENDING). The draft stays. An office with no leader account issues the
    version at once (FROZEN), and the audit entry says it was issued without a leader."""
    if not can_manage_unit(actor, report.office):
        raise PermissionDenied
    if report.is_frozen:
        raise ValidationError(_("Chỉ chốt số liệu từ bản nháp."))
    waiting = pending_version(report)
    if waiting is not None:
        raise ValidationError(
            _("Phiên bản %(v)s đang chờ lãnh đạo duyệt: chờ lãnh đạo duyệt hoặc trả lại rồi mới trình bản mới.")
            % {"v": waiting.version}
        )
    start, end = school_year_dates(report.school_year)
    if on < start:
        raise ValidationError(
            {"frozen_on": _("Ngày chốt phải từ ngày bắt đầu năm học (%(d)s).") % {"d": start.strftime("%d/%m/%Y")}}
        )
    if on > today():  # the local date (Asia/Ho_Chi_Minh), not the server's UTC date
        raise ValidationError({"frozen_on": _("Ngày chốt không được sau ngày hôm nay.")})
    cut = min(on, end)
    draft = AnnualReport.objects.select_for_update().get(pk=report.pk)
    version = (draft.versions.aggregate(m=Max("version"))["m"] or 0) + 1
    leaders = office_leaders(draft.office)
    frozen = AnnualReport(
        office=draft.office,
        school_year=draft.school_year,
        status=AnnualReport.Status.PENDING if leaders else AnnualReport.Status.FROZEN,
        version=version,
        draft=draft,
        narrative=dict(draft.narrative),
        **{name: getattr(draft, name) for name in EDITABLE_FIELDS},
        frozen_on=cut,
        snapshot=compute_blocks(draft.office, start, cut),
        created_by=actor,
    )
    frozen.full_clean()
    frozen.save()
    changes = {"version": [None, version], "frozen_on": [None, cut.isoformat()]}
    if leaders:
        record(actor=actor, action="annual_report.submit", obj=frozen, unit=draft.office, changes=changes)
        _tell(
            leaders,
            frozen,
            _("Báo cáo tổng kết năm học %(y)s (phiên bản %(v)s) chờ lãnh đạo duyệt.")
            % {"y": frozen.school_year_label, "v": version},
        )
    else:
        changes["no_leader"] = [None, _("Phòng chưa có tài khoản lãnh đạo: chuyên viên ban hành")]
        record(actor=actor, action="annual_report.issue", obj=frozen, unit=draft.office, changes=changes)
    return frozen


def _tell(users, report: AnnualReport, text: str) -> None:
    from reports.services.notifications import notify

    notify(
        [(report.office_id, user) for user in users],
        subject=_("Báo cáo tổng kết năm học"),
        text_for=lambda _u: text,
        link_for=lambda _u: reverse("annual:detail", args=[report.pk]),
    )


def _signing_checks(actor, report: AnnualReport, *, action: str) -> AnnualReport:
    if not can_sign(actor, report):
        raise PermissionDenied
    report = (
        AnnualReport.objects.select_for_update(of=("self",)).select_related("office", "created_by").get(pk=report.pk)
    )
    if report.status != AnnualReport.Status.PENDING:
        raise ValidationError(_("Chỉ %(action)s được phiên bản đang chờ lãnh đạo duyệt.") % {"action": action})
    # Separation of duties (units.duties): a leader who also sent this version does not sign it.
    duties.check_review(
        actor,
        units=[],
        done_by=[report.created_by_id],
        own=_("Bạn không thể %(action)s báo cáo do chính bạn trình: việc %(action)s phải do lãnh đạo khác."),
        member="",
        params={"action": action},
    )
    return report


def _sender(report: AnnualReport) -> list:
    return [report.created_by] if report.created_by and report.created_by.is_active else []


@transaction.atomic
def annual_report_approve(*, actor, report: AnnualReport) -> AnnualReport:
    """The leader approves: the version is issued (Đã ban hành) with the leader as signer and the
    day of signing as the document's date."""
    from .document import leader_signer

    report = _signing_checks(actor, report, action=_("duyệt"))
    signed_on = today()
    signer = leader_signer(report, getattr(actor, "full_name", "") or str(actor))
    changes = {
        "status": [report.status, AnnualReport.Status.FROZEN],
        "signer_authority": [report.signer_authority, signer.authority],
        "signer_position": [report.signer_position, signer.position],
        "signer_name": [report.signer_name, signer.name],
        "document_date": [report.document_date.isoformat() if report.document_date else None, signed_on.isoformat()],
    }
    report.status = AnnualReport.Status.FROZEN
    report.signer_authority = signer.authority[:80]
    report.signer_position = signer.position[:80]
    report.signer_name = signer.name[:120]
    report.document_date = signed_on
    report.reviewed_by = actor if getattr(actor, "pk", None) else None
    report.reviewed_at = timezone.now()
    report.return_reason = ""
    report.full_clean()
    report.save()
    record(actor=actor, action="annual_report.approve", obj=report, unit=report.office, changes=changes)
    _tell(
        _sender(report),
        report,
        _("Lãnh đạo đã duyệt và ban hành báo cáo tổng kết năm học %(y)s (phiên bản %(v)s).")
        % {"y": report.school_year_label, "v": report.version},
    )
    return report


@transaction.atomic
def annual_report_return(*, actor, report: AnnualReport, reason: str) -> AnnualReport:
    """The leader returns the version with a reason the officer reads on the draft."""
    reason = (reason or "").replace("\r\n", "\n").strip()
    if not reason:
        raise ValidationError({"reason": _("Hãy ghi lý do trả lại để chuyên viên biết cần sửa gì.")})
    report = _signing_checks(actor, report, action=_("trả lại"))
    report.status = AnnualReport.Status.RETURNED
    report.return_reason = reason
    report.reviewed_by = actor if getattr(actor, "pk", None) else None
    report.reviewed_at = timezone.now()
    report.full_clean()
    report.save()
    record(
        actor=actor,
        action="annual_report.return",
        obj=report,
        unit=report.office,
        changes={"status": [AnnualReport.Status.PENDING, AnnualReport.Status.RETURNED], "reason": [None, reason]},
    )
    _tell(
        _sender(report),
        report,
        _("Lãnh đạo trả lại báo cáo tổng kết năm học %(y)s (phiên bản %(v)s): %(r)s")
        % {"y": report.school_year_label, "v": report.version, "r": reason},
    )
    return report
