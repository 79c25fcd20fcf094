"""PDFs of the learning society: the recognition decision with its annex (Nghị định 30/2020 layout,
through the shared official base), the certificate per subject, and the statistics report."""

from django.template.loader import render_to_string

from documents import (
    OfficialDocument,
    Signer,
    pdf_response,
    render_official_pdf,
    render_pdf,
    vn_document_date,
)
from units.models import UnitKind

from .models import Assessment, Decision
from .rules import recognition_valid_through
from .services import agency_name

__all__ = ["agency_name", "certificate_pdf", "decision_pdf", "pdf_response", "stats_pdf"]


def decision_document(decision: Decision) -> OfficialDocument:
    return OfficialDocument(
        agency=decision.issuer_name,
        title="QUYẾT ĐỊNH",
        type_code="QĐ",
        excerpt=f"Về việc công nhận danh hiệu “{decision.get_title_display()}” năm {decision.year}",
        place=decision.place,
        date=decision.signed_on,
        recipients=["Như Điều 3;", "Hội Khuyến học;", "Phòng GD&ĐT;"],
        archive="VT.",
        signer=Signer(
            authority="TM. ỦY BAN NHÂN DÂN" if decision.issuer.kind == UnitKind.COMMUNE else "",
            position=decision.signer_position.upper(),
            name=decision.signer_name,
        ),
    )


def decision_pdf(decision: Decision, annex: list[Assessment], *, request=None) -> bytes:
    validity = next((a.rubric.validity_months for a in annex if a.rubric.validity_months), None)
    # Article 2 prints the recognitions' last valid day (Thông tư 25/2023/TT-BGDĐT: the 3 years following
    # the year of recognition), the same day as the annex rows and the certificates.
    valid_through = recognition_valid_through(decision.signed_on, validity)
    return render_official_pdf(
        "learning_society/pdf/decision.html",
        {
            "doc": decision_document(decision),
            "decision": decision,
            "annex": annex,
            "valid_through": valid_through,
            "validity_years": valid_through.year - decision.signed_on.year if valid_through else None,
        },
        request=request,
    )


def certificate_pdf(assessment: Assessment, *, request=None) -> bytes:
    html = render_to_string(
        "learning_society/pdf/certificate.html",
        {
            "a": assessment,
            "subject": assessment.subject,
            "decision": assessment.decision,
            "place_date": vn_document_date(assessment.decision.place, assessment.decision.signed_on),
        },
        request=request,
    )
    return render_pdf(html)


def stats_pdf(context: dict, *, request=None) -> bytes:
    root = context["root"]
    doc = OfficialDocument(
        agency=root.full_name,
        title="BÁO CÁO",
        type_code="BC",
        agency_code="UBND" if root.kind == UnitKind.COMMUNE else "PGDĐT",
        excerpt=f"Thống kê xây dựng xã hội học tập năm {context['year']}",
        recipients=["Sở GD&ĐT (để b/c);", "Hội Khuyến học (để p/h);"],
        archive="VT.",
        blank_day=True,
    )
    return render_official_pdf("learning_society/pdf/stats.html", {**context, "doc": doc}, request=request)
