"""XLSX and official PDF of a submission and of a roll-up: the very Table the page shows
(reports.selectors.submission_table / rollup_table, built by reports/grid.py), issued through the
one document layer (documents.issuer_for + OfficialDocument.issued_by): the letterhead, symbol,
place, signer and recipients come from the unit's identity or the tree, never from a unit code."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from documents import OfficialDocument, official_document_response, table_to_xlsx, xlsx_response
from documents.blocks import Annex, Paragraph, TableBlock
from documents.issuer import issuer_for
from units.calendar import today
from units.selectors import can_manage_unit

from ..access import get_submission_for_user
from ..formspec import load_form_spec
from ..selectors import rollup_filter_labels, rollup_unit_table, split_columns, submission_table
from .export_links import with_query as _with
from .periods import _period_for_office, rollup_context

DOCUMENT_TEMPLATE = "documents/official.html"
# A table wider than this (its columns, "TT" included) goes on landscape pages; a narrower one stays
# on the portrait page with the header, so a short report fits the pages its content needs.
PORTRAIT_MAX_COLUMNS = 7


def _file_name(*parts) -> str:
    return " - ".join(p for p in parts if p).replace("/", "-")


def _table_block(table) -> TableBlock:
    return TableBlock(table, landscape=table.width > PORTRAIT_MAX_COLUMNS)


def _identity_url(user, unit) -> str:
    """The preview's "Đặt thể thức văn bản" link, for those who may set the unit's identity."""
    return reverse("units:identity", args=[unit.pk]) if can_manage_unit(user, unit) else ""


def _submission_source(request, pk):
    submission = get_submission_for_user(request.user, pk)
    return submission, submission_table(submission, spec=load_form_spec(submission.period.form))


def submission_xlsx(request, pk):
    submission, table = _submission_source(request, pk)
    issuer = issuer_for(submission.unit)
    data = table_to_xlsx(table, heading_lines=[issuer.agency.upper(), f"{submission.period.label}"])
    return xlsx_response(
        data, _file_name(submission.period.form.title, submission.unit.full_name, submission.period.label)
    )


def submission_official(submission, table) -> OfficialDocument:
    """The submission as the unit's report (Báo cáo) to its managing office, signed by its head."""
    issuer = issuer_for(submission.unit)
    signed = submission.submitted_at or timezone.now()
    blocks = [_table_block(table)]
    if submission.comment:
        blocks.append(Paragraph(_("Giải trình: %(c)s") % {"c": submission.comment}))
    return OfficialDocument.issued_by(
        issuer,
        kind="BC",
        date=timezone.localdate(signed),
        excerpt=f"{submission.period.form.title} — {submission.period.label}",
        blocks=blocks,
        draft=not submission.is_locked,
    )


def submission_document(request, pk):
    """The submission as an official report (Nghị định 30/2020/NĐ-CP): preview, ?pdf=1 for the PDF,
    ?xlsx=1 for the workbook (one URL, one row source)."""
    if request.GET.get("xlsx"):
        return submission_xlsx(request, pk)
    submission, table = _submission_source(request, pk)
    unit = submission.unit
    return official_document_response(
        request,
        DOCUMENT_TEMPLATE,
        {"doc": submission_official(submission, table), "identity_url": _identity_url(request.user, unit)},
        filename=_file_name(submission.period.form.title, unit.full_name, submission.period.label) + ".pdf",
        back_url=reverse("reports:submission", args=[submission.pk]),
        xlsx_url=reverse("reports:submission_document", args=[submission.pk]) + "?xlsx=1",
    )


def _rollup_source(request, pk):
    period = _period_for_office(request, pk)
    context = rollup_context(request, period)
    return period, context, context["table"]


def rollup_xlsx(request, pk):
    """The summed table, then the per-unit sheet (one row per unit, one column per figure) that an
    office sends upward with it; both titled with the filters applied."""
    period, context, table = _rollup_source(request, pk)
    filters = context["filters"]
    labels = rollup_filter_labels(**filters)
    units = rollup_unit_table(period, **filters)
    issuer = issuer_for(period.owner)
    data = table_to_xlsx([table, units], heading_lines=[issuer.agency.upper(), " — ".join([period.label, *labels])])
    return xlsx_response(data, _file_name(_("Tổng hợp"), period.form.title, period.label, *labels))


def rollup_official(period, context) -> OfficialDocument:
    """The roll-up as the office's report: the summed table in the body, the units' own figures in
    an annex on landscape pages (numbered apart), as a superior asks for them."""
    filters = context["filters"]
    scope = _("chỉ tính báo cáo đã duyệt") if filters["approved_only"] else _("tính các báo cáo đã nộp")
    note = _("Số liệu tổng hợp từ %(n)s báo cáo, %(s)s.") % {"n": context["count"], "s": scope}
    units = rollup_unit_table(period, **filters)
    doc = OfficialDocument.issued_by(
        issuer_for(period.owner),
        kind="BC",
        date=today(),
        excerpt=" — ".join(
            [_("Tổng hợp %(f)s") % {"f": period.form.title}, period.label, *rollup_filter_labels(**filters)]
        ),
        blocks=[Paragraph(note), _table_block(context["table"])],
        annexes=[
            Annex(
                label="Phụ lục",
                title=_("Số liệu từng đơn vị"),
                blocks=[TableBlock(part) for part in split_columns(units)],
                landscape=True,
            )
        ],
    )
    doc.annexes[0].note = _("(Kèm theo Báo cáo số %(s)s)") % {"s": doc.symbol}
    return doc


def rollup_document(request, pk):
    if request.GET.get("xlsx"):
        return rollup_xlsx(request, pk)
    period, context, _table = _rollup_source(request, pk)
    query = request.GET.copy()
    for key in ("pdf", "xlsx"):
        query.pop(key, None)
    query = query.urlencode()
    return official_document_response(
        request,
        DOCUMENT_TEMPLATE,
        {"doc": rollup_official(period, context), "identity_url": _identity_url(request.user, period.owner)},
        filename=_file_name(_("Tổng hợp"), period.form.title, period.label) + ".pdf",
        back_url=reverse("reports:rollup", args=[period.pk]) + (f"?{query}" if query else ""),
        xlsx_url=reverse("reports:rollup_document", args=[period.pk]) + _with(query, "xlsx=1"),
    )
