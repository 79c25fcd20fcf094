"""Reads, access and writes of the office's annual report (báo cáo tổng kết năm học GDTX).

Only officers of the office (or above) write; office leaders and viewers read. Anyone else —
principals, directors, another office — never sees a report (404), like any other object.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from units.audit import record
from units.calendar import today
from units.models import Unit, UnitKind
from units.selectors import can_manage_unit, is_office_user, manage_roots, units_visible_to

from .blocks import SECTION_KEYS, compute_blocks, school_year_dates
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


def get_annual_report_for_user(user, pk, *, write: bool = False) -> AnnualReport:
    report = get_object_or_404(reports_visible_to(user), pk=pk)
    if write and not can_write(user, report):
        raise PermissionDenied
    return report


def report_dates(report: AnnualReport) -> tuple[datetime.date, datetime.date]:
    start, end = school_year_dates(report.school_year)
    if report.frozen_on and report.frozen_on < end:
        end = report.frozen_on
    return start, end


def report_blocks(report: AnnualReport, progress=None) -> list[dict]:
    """A frozen version's stored figures; a draft's figures computed now from the modules."""
    if report.is_frozen:
        return report.snapshot
    start, end = school_year_dates(report.school_year)
    return compute_blocks(report.office, start, end, progress=progress)


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
    """Chốt số liệu: a new frozen version holding the figures as they stand at `on` (no later than
    the end of the school year), the narrative and the signer as written now. The draft stays."""
    if not can_manage_unit(actor, report.office):
        raise PermissionDenied
    if report.is_frozen:
        raise ValidationError(_("Chỉ chốt số liệu từ bản nháp."))
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
    frozen = AnnualReport(
        office=draft.office,
        school_year=draft.school_year,
        status=AnnualReport.Status.FROZEN,
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
    record(
        actor=actor,
        action="annual_report.freeze",
        obj=frozen,
        unit=draft.office,
        changes={"version": [None, version], "frozen_on": [None, cut.isoformat()]},
    )
    return frozen
