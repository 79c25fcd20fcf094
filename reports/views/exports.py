"""XLSX and official PDF of a submission and of a roll-up: the very Table the page shows
(reports.selectors.submission_table / rollup_table, built by reports/grid.py)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from documents import OfficialDocument, Signer, official_document_response, table_to_xlsx, xlsx_response
from units.calendar import today
from units.models import UnitKind

from ..access import get_submission_for_user
from ..formspec import load_form_spec
from ..selectors import rollup_filter_labels, submission_table
from .export_links import with_query as _with
from .periods import _period_for_office, rollup_context


def _file_name(*parts) -> str:
    return " - ".join(p for p in parts if p).replace("/", "-")


def _submission_source(request, pk):
    submission = get_submission_for_user(request.user, pk)
    return submission, submission_table(submission, spec=load_form_spec(submission.period.form))


def submission_xlsx(request, pk):
    submission, table = _submission_source(request, pk)
    data = table_to_xlsx(table, heading_lines=[submission.unit.full_name.upper(), f"{submission.period.label}"])
    return xlsx_response(
        data, _file_name(submission.period.form.title, submission.unit.full_name, submission.period.label)
    )


def _place(unit) -> str:
    commune = unit if unit.kind == UnitKind.COMMUNE else unit.parent
    return commune.name if commune is not None and commune.kind == UnitKind.COMMUNE else ""


def submission_document(request, pk):
    """The submission as an official report (Nghị định 30/2020/NĐ-CP): preview, ?pdf=1 for the PDF,
    ?xlsx=1 for the workbook (one URL, one row source)."""
    if request.GET.get("xlsx"):
        return submission_xlsx(request, pk)
    submission, table = _submission_source(request, pk)
    unit = submission.unit
    position = {UnitKind.SCHOOL: "HIỆU TRƯỞNG", UnitKind.CENTRE: "GIÁM ĐỐC", UnitKind.DISTRICT_CENTRE: "GIÁM ĐỐC"}
    signed = submission.submitted_at or timezone.now()
    doc = OfficialDocument(
        parent_agency=unit.parent.full_name if unit.parent_id else "",
        agency=unit.full_name,
        agency_code=unit.code,
        type_code="BC",
        place=_place(unit),
        date=timezone.localdate(signed),
        title="Báo cáo",
        excerpt=f"{submission.period.form.title} — {submission.period.label}",
        recipients=[f"{submission.period.owner.full_name} (để b/c);"],
        archive="VT.",
        signer=Signer(position=position.get(unit.kind, "THỦ TRƯỞNG ĐƠN VỊ"), name=str(submission.submitted_by or "")),
        draft=not submission.is_locked,
    )
    return official_document_response(
        request,
        "reports/documents/table_report.html",
        {"doc": doc, "table": table, "comment": submission.comment},
        filename=_file_name(submission.period.form.title, unit.full_name, submission.period.label) + ".pdf",
        back_url=reverse("reports:submission", args=[submission.pk]),
        xlsx_url=reverse("reports:submission_document", args=[submission.pk]) + "?xlsx=1",
    )


def _rollup_source(request, pk):
    period = _period_for_office(request, pk)
    context = rollup_context(request, period)
    return period, context, context["table"]


def rollup_xlsx(request, pk):
    period, context, table = _rollup_source(request, pk)
    labels = rollup_filter_labels(**context["filters"])
    data = table_to_xlsx(table, heading_lines=[period.owner.full_name.upper(), " — ".join([period.label, *labels])])
    return xlsx_response(data, _file_name(_("Tổng hợp"), period.form.title, period.label, *labels))


def rollup_document(request, pk):
    if request.GET.get("xlsx"):
        return rollup_xlsx(request, pk)
    period, context, table = _rollup_source(request, pk)
    filters = context["filters"]
    scope = _("chỉ tính báo cáo đã duyệt") if filters["approved_only"] else _("tính các báo cáo đã nộp")
    doc = OfficialDocument(
        agency=period.owner.full_name,
        agency_code="PGDĐT",
        type_code="BC",
        place=period.owner.address.split(",")[-1].strip() if period.owner.address else "",
        date=today(),
        title="Báo cáo",
        excerpt=" — ".join(
            [_("Tổng hợp %(f)s") % {"f": period.form.title}, period.label, *rollup_filter_labels(**filters)]
        ),
        recipients=[_("Sở GD&ĐT (để b/c);"), _("UBND (để b/c);")],
        archive="VT, GDTX.",
        signer=Signer(authority="KT. TRƯỞNG PHÒNG", position="PHÓ TRƯỞNG PHÒNG"),
    )
    query = request.GET.copy()
    for key in ("pdf", "xlsx"):
        query.pop(key, None)
    query = query.urlencode()
    return official_document_response(
        request,
        "reports/documents/table_report.html",
        {
            "doc": doc,
            "table": table,
            "note": _("Số liệu tổng hợp từ %(n)s báo cáo, %(s)s.") % {"n": context["count"], "s": scope},
        },
        filename=_file_name(_("Tổng hợp"), period.form.title, period.label) + ".pdf",
        back_url=reverse("reports:rollup", args=[period.pk]) + (f"?{query}" if query else ""),
        xlsx_url=reverse("reports:rollup_document", args=[period.pk]) + _with(query, "xlsx=1"),
    )
