"""The office's annual report: list, compose, freeze, preview / PDF, XLSX. Thin: access helper,
form, one service, redirect (STYLE.md habit 5)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents import official_document_response, table_to_xlsx, xlsx_response
from documents.docx import docx_response, official_docx
from documents.issuer import issuer_for
from documents.pdf import render_official_pdf
from jobs.access import job_detail_url
from jobs.registry import JobError, register_job
from jobs.runner import job_progress, start_job
from units.calendar import today
from units.forms import apply_errors
from units.selectors import is_office_user
from units.views.common import paginate

from ..blocks import current_school_year, sections_for, table_from_data
from ..document import annual_official, identity_defaults, report_sections
from ..forms import ComposeForm, FreezeForm, NewReportForm, ReturnForm
from ..models import AnnualReport
from ..services import (
    annual_report_approve,
    annual_report_create,
    annual_report_freeze,
    annual_report_return,
    annual_report_update,
    can_sign,
    can_write,
    get_annual_report_for_user,
    latest_version,
    office_leaders,
    offices_for_new_report,
    report_blocks,
    report_list,
    screen_blocks_of,
)

DOCUMENT_TEMPLATE = "annual/document.html"


def _check_office_user(user):
    if not is_office_user(user):
        raise PermissionDenied


def annual_list(request):
    _check_office_user(request.user)
    page = paginate(request, report_list(request.user))
    can_create = offices_for_new_report(request.user).exists()
    form = NewReportForm(user=request.user, initial={"school_year": current_school_year()}) if can_create else None
    return render(request, "annual/list.html", {"page_obj": page, "reports": page.object_list, "form": form})


@require_POST
def annual_create(request):
    _check_office_user(request.user)
    form = NewReportForm(request.POST, user=request.user)
    if not offices_for_new_report(request.user).exists():
        raise PermissionDenied
    if form.is_valid():
        try:
            report = annual_report_create(
                actor=request.user, office=form.cleaned_data["office"], school_year=form.cleaned_data["school_year"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã tạo bản nháp báo cáo tổng kết."))
            return redirect("annual:detail", pk=report.pk)
    page = paginate(request, report_list(request.user))
    return render(request, "annual/list.html", {"page_obj": page, "reports": page.object_list, "form": form})


def annual_detail(request, pk):
    report = get_annual_report_for_user(request.user, pk)
    writable = can_write(request.user, report) and not report.is_frozen
    form = ComposeForm(instance=report, initial=identity_defaults(report)) if writable else None
    freeze_form = FreezeForm(initial={"frozen_on": today()}) if writable else None
    if request.method == "POST":
        report = get_annual_report_for_user(request.user, pk, write=True)
        if report.is_frozen:
            raise PermissionDenied
        form = ComposeForm(request.POST, instance=report)
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in ComposeForm.Meta.fields}
            try:
                annual_report_update(actor=request.user, report=report, narrative=form.narrative(), **fields)
            except ValidationError as error:
                apply_errors(form, error, prefix="text_")
            else:
                messages.success(request, _("Đã lưu bản nháp."))
                return redirect("annual:detail", pk=report.pk)
    sections = sections_for(report.narrative, screen_blocks_of(report))
    versions = report.versions.select_related("reviewed_by").order_by("-version") if not report.is_frozen else []
    latest = latest_version(report) if not report.is_frozen else None
    signing = report.is_pending and can_sign(request.user, report)
    return render(
        request,
        "annual/detail.html",
        {
            "report": report,
            "form": form,
            "freeze_form": freeze_form,
            "sections": sections,
            # Said beside "Trình lãnh đạo duyệt" and on the leader's sign-off: a report is not sent
            # or signed with its sections' text missing without anyone seeing it.
            "unwritten": [s for s in sections if not s.paragraphs] if (writable or signing) else [],
            "versions": versions,
            "latest": latest,
            "has_leader": bool(office_leaders(report.office)) if writable else True,
            "signing": signing,
            "return_form": ReturnForm() if signing else None,
            "writable": writable,
        },
    )


@require_POST
def annual_freeze(request, pk):
    report = get_annual_report_for_user(request.user, pk, write=True)
    form = FreezeForm(request.POST)
    if form.is_valid():
        try:
            frozen = annual_report_freeze(actor=request.user, report=report, on=form.cleaned_data["frozen_on"])
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            if frozen.is_pending:
                text = _("Đã chốt số liệu và trình lãnh đạo duyệt: phiên bản %(v)s.")
            else:
                text = _(
                    "Phòng chưa có tài khoản lãnh đạo: bạn đã ban hành phiên bản %(v)s; việc này được ghi nhật ký."
                )
            messages.success(request, text % {"v": frozen.version})
            return redirect("annual:detail", pk=frozen.pk)
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect("annual:detail", pk=report.pk)


@require_POST
def annual_approve(request, pk):
    report = get_annual_report_for_user(request.user, pk, sign=True)
    try:
        annual_report_approve(actor=request.user, report=report)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Đã duyệt: báo cáo đã ban hành, bạn là người ký."))
    return redirect("annual:detail", pk=report.pk)


@require_POST
def annual_return(request, pk):
    report = get_annual_report_for_user(request.user, pk, sign=True)
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            annual_report_return(actor=request.user, report=report, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Đã trả lại báo cáo cho chuyên viên kèm lý do."))
    else:
        messages.error(request, _("Hãy ghi lý do trả lại để chuyên viên biết cần sửa gì."))
    return redirect("annual:detail", pk=report.pk)


def document_context(report: AnnualReport, progress=None) -> dict:
    sections = report_sections(report, report_blocks(report, progress=progress))
    return {"doc": annual_official(report, sections), "report": report, "paper_sections": sections}


def _pdf_name(report: AnnualReport) -> str:
    suffix = f" - phiên bản {report.version}" if report.is_frozen else " - bản nháp"
    return f"Báo cáo tổng kết GDTX {report.school_year_label}{suffix}.pdf"


def annual_document(request, pk):
    """Preview on an A4 sheet; `?pdf=1` downloads the official PDF (Nghị định 30/2020)."""
    report = get_annual_report_for_user(request.user, pk)
    context = document_context(report)
    if can_write(request.user, report):
        context["identity_url"] = reverse("units:identity", args=[report.office_id])
    return official_document_response(
        request,
        DOCUMENT_TEMPLATE,
        context,
        filename=_pdf_name(report),
        back_url=reverse("annual:detail", args=[report.pk]),
        xlsx_url=reverse("annual:xlsx", args=[report.pk]),
    )


def annual_docx(request, pk):
    """The same report as a Word file, for the office to finish and sign in Word."""
    report = get_annual_report_for_user(request.user, pk)
    return docx_response(official_docx(document_context(report)["doc"]), _pdf_name(report)[:-4] + ".docx")


def annual_pdf_job(job, *, report_id):
    try:
        report = get_annual_report_for_user(job.owner, report_id)
    except Exception as error:  # the owner lost access since the job was queued
        raise JobError(_("Không còn quyền xem báo cáo này.")) from error

    def progress(done, total):
        job_progress(job, done, total + 1, _("Đang lấy số liệu"))

    context = document_context(report, progress=progress)
    job_progress(job, job.total - 1 if job.total else 0, None, _("Đang dàn trang PDF"))
    return _pdf_name(report), render_official_pdf(DOCUMENT_TEMPLATE, context)


# The kind keeps the name it had under reports: jobs queued before the move still find their runner.
PDF_JOB_KIND = "reports.annual_pdf"
register_job(PDF_JOB_KIND, annual_pdf_job, retry_on_interrupt=True)  # only makes a file: safe to repeat


@require_POST
def annual_pdf_start(request, pk):
    report = get_annual_report_for_user(request.user, pk)
    job = start_job(
        actor=request.user,
        kind=PDF_JOB_KIND,
        title=_pdf_name(report),
        unit=report.office,
        params={"report_id": report.pk},
    )
    return redirect(job_detail_url(job))


def annual_xlsx(request, pk):
    report = get_annual_report_for_user(request.user, pk)
    tables = [table_from_data(block["table"]) for block in report_blocks(report)]
    heading = [
        issuer_for(report.office).agency.upper(),
        f"BÁO CÁO TỔNG KẾT NĂM HỌC {report.school_year_label} VỀ GIÁO DỤC THƯỜNG XUYÊN",
    ]
    data = table_to_xlsx(tables, title=_("Báo cáo tổng kết"), heading_lines=heading)
    return xlsx_response(data, _pdf_name(report)[:-4] + ".xlsx")
