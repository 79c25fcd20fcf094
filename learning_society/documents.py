"""Documents of the learning society, all through the one official-document layer (documents):
the recognition decision with its list as an annex numbered apart (PDF and Word), the certificate
of one family or unit, and the statistics report of the office.

The decision's header, authority heading, signer and "Căn cứ" lines come from the recognition
authority it was issued under (learning_society.authority); no household code reaches paper: a
family is named by its head of household and hamlet (`paper_name`)."""

from __future__ import annotations

import re

from documents import Column, OfficialDocument, Row, Table, document_symbol, pdf_response, render_official_pdf
from documents.blocks import Annex, Paragraph, TableBlock
from documents.issuer import issuer_for
from rubrics.models import Rubric
from units import legal

from .authority import (
    Authority,
    authority_for,
    authority_heading,
    authority_name,
    decision_bases,
    decision_issuer,
    decision_signer,
    office_agency,
)
from .models import Assessment, Checker, Decision, IssuingLevel, Title
from .permissions import rules_for
from .rules import recognition_valid_through, validity_source

__all__ = ["certificate_pdf", "decision_document", "decision_pdf", "paper_name", "pdf_response", "stats_pdf"]

# What the titles' holders are called in running text ("cho 12 gia đình").
HOLDERS = {
    Title.FAMILY: "gia đình",
    Title.CLAN: "dòng họ",
    Title.HAMLET_COMMUNITY: "thôn, tổ dân phố",
    Title.LEARNING_UNIT: "đơn vị",
    Title.COMMUNE_COMMUNITY: "xã, phường, thị trấn",
    Title.CITIZEN: "công dân",
}
PROPOSERS = {
    Checker.ASSOCIATION: "Hội Khuyến học",
    Checker.COMMUNE: "công chức Văn hóa - Xã hội",
    Checker.OFFICE: "bộ phận phụ trách giáo dục thường xuyên",
}
HOUSEHOLD_PREFIX = re.compile(r"^(hộ|gia đình)\s+(ông|bà)?\s*", re.IGNORECASE)


def paper_name(subject) -> str:
    """The subject's name on paper: never the register's household code. A family reads "Gia đình
    <head of household>" (the head's name when it is known, else the name without its code)."""
    name = subject.plain_name
    if subject.title != Title.FAMILY:
        return name or subject.name
    head = (subject.head_name or HOUSEHOLD_PREFIX.sub("", name)).strip()
    return f"Gia đình {head}" if head else name


def place_of(subject) -> str:
    """ "Thôn Đông, Xã Đống Đa": the hamlet and its commune (select_related area and area__parent)."""
    area = subject.area
    parent = area.parent if area.parent_id else None
    return f"{area.full_name}, {parent.full_name}" if parent is not None and area.kind == "hamlet" else area.full_name


def _level_of(annex: list[Assessment]) -> int | None:
    levels = {a.level for a in annex if a.rubric.regime == Rubric.Regime.LEVELS and a.level}
    return levels.pop() if len(levels) == 1 else None


def decision_authority(decision: Decision, annex: list[Assessment]) -> Authority:
    """The authority the decision was issued under (kept on it), or today's for an older decision."""
    return Authority.from_snapshot(decision.authority) or authority_for(
        decision.issuer, decision.title, _level_of(annex), year=decision.year
    )


def _number_and_code(typed: str) -> tuple[str, str]:
    """ "1/QĐ-UBND" → ("1", "UBND"); "12" → ("12", ""): the number and the abbreviation typed."""
    match = re.match(r"^\s*(\d+)\s*/\s*QĐ\s*-\s*(\S+)\s*$", typed or "")
    if match:
        return match.group(1), match.group(2)
    match = re.match(r"^\s*(\d+)\s*(?:/.*)?$", typed or "")
    return (match.group(1), "") if match else (typed, "")


def decision_symbol(decision: Decision) -> str:
    """ "01/QĐ-UBND": the number as typed, with the leading zero of Nghị định 30/2020."""
    number, code = _number_and_code(decision.number)
    if not code:
        return decision.number
    return document_symbol(number, "QĐ", code)


def _area_of(decision: Decision, annex: list[Assessment]):
    """The unit whose subjects the decision recognises: the hamlet or commune of the first row."""
    return annex[0].subject.area if annex else decision.issuer


def _annex_table(decision: Decision, annex: list[Assessment], valid_through) -> Table:
    points = any(a.total is not None for a in annex)
    family = decision.title == Title.FAMILY
    columns = [
        Column("STT", "int", width=5),
        Column("Gia đình (chủ hộ)" if family else "Tên", width=34),
        Column("Địa chỉ" if family else "Thuộc", width=30),
        Column("Kết quả", width=14),
    ]
    if points:
        columns.append(Column("Điểm", "decimal", width=8))
    if valid_through:
        columns.append(Column("Có giá trị đến", "date", width=14))
    rows = []
    for n, a in enumerate(annex, start=1):
        cells = [n, paper_name(a.subject), place_of(a.subject), str(a.result_label)]
        if points:
            cells.append(a.total)
        if valid_through:
            cells.append(a.expires_on)
        rows.append(Row(cells))
    return Table(title="", columns=columns, rows=rows)


def decision_document(decision: Decision, annex: list[Assessment]) -> OfficialDocument:
    authority = decision_authority(decision, annex)
    area = _area_of(decision, annex)
    issuer = decision_issuer(authority, area)
    number, typed_code = _number_and_code(decision.number)
    title = decision.get_title_display()
    holders = HOLDERS.get(decision.title, "đối tượng")
    validity = next((a.rubric.validity_months for a in annex if a.rubric.validity_months), None)
    # Article 2: the recognitions' last valid day (Thông tư 25/2023/TT-BGDĐT, "bảo lưu trong 3 năm
    # tiếp theo năm được công nhận"), the same day as the annex rows and the certificates.
    valid_through = recognition_valid_through(decision.signed_on, validity)
    level = _level_of(annex)
    reached = f" (đạt Mức độ {level})" if level else ""
    proposer = PROPOSERS.get(rules_for(area)[decision.title].checker, "")
    if authority.issuing_level == IssuingLevel.PARENT:
        proposer = office_agency(area) or proposer
    signer = decision_signer(authority, issuer, decision.signer_name)
    date_text = decision.signed_on.strftime("%d/%m/%Y")
    doc = OfficialDocument.issued_by(
        issuer,
        kind="QĐ",
        signer=signer,
        number=number,
        date=decision.signed_on,
        place=decision.place or issuer.place,
        excerpt=f"Về việc công nhận danh hiệu “{title}” năm {decision.year}",
        authority_heading=authority_heading(authority, issuer),
        bases=decision_bases(authority, signed_on=decision.signed_on, year=decision.year, proposer=proposer),
        recipients=["Như Điều 3;", *issuer.recipients],
    )
    if typed_code:
        doc.agency_code = typed_code
    if valid_through:
        article2 = (
            f"Điều 2. Danh hiệu “{title}” được bảo lưu trong {valid_through.year - decision.signed_on.year} năm "
            f"tiếp theo năm được công nhận, có giá trị đến hết ngày {valid_through:%d/%m/%Y} "
            f"(theo {legal.cite(validity_source(decision.title))})."
        )
    else:
        article2 = f"Điều 2. Danh hiệu “{title}” được công nhận cho năm {decision.year}."
    executors = f"các {holders} có tên tại Điều 1" if holders != "đối tượng" else "các đối tượng có tên tại Điều 1"
    doc.blocks = [
        Paragraph("QUYẾT ĐỊNH:", bold=True, align="center", indent=False),
        Paragraph(
            f"Điều 1. Công nhận danh hiệu “{title}” năm {decision.year}{reached} cho {len(annex)} {holders} "
            "có tên trong danh sách kèm theo Quyết định này."
        ),
        Paragraph(article2),
        Paragraph(
            "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Các cơ quan, đơn vị có liên quan và "
            f"{executors} chịu trách nhiệm thi hành Quyết định này./."
        ),
    ]
    doc.annexes = [
        Annex(
            "Phụ lục",
            f"Danh sách {holders} được công nhận danh hiệu “{title}” năm {decision.year}",
            [TableBlock(_annex_table(decision, annex, valid_through))],
            note=f"(Kèm theo Quyết định số {doc.symbol} ngày {date_text} của {authority_name(authority, issuer)})",
        )
    ]
    return doc


def decision_pdf(decision: Decision, annex: list[Assessment], *, request=None) -> bytes:
    return render_official_pdf(
        "learning_society/pdf/decision.html", {"doc": decision_document(decision, annex)}, request=request
    )


def decision_docx(decision: Decision, annex: list[Assessment]) -> bytes:
    from documents.docx import official_docx

    return official_docx(decision_document(decision, annex))


def certificate_document(assessment: Assessment) -> OfficialDocument:
    """Giấy chứng nhận: issued by the decision's authority, handed to its holder (no Nơi nhận)."""
    decision = assessment.decision
    annex = [assessment]
    authority = decision_authority(decision, annex)
    issuer = decision_issuer(authority, assessment.subject.area)
    return OfficialDocument.issued_by(
        issuer,
        kind="GCN",
        signer=decision_signer(authority, issuer, decision.signer_name),
        date=decision.signed_on,
        place=decision.place or issuer.place,
        authority_heading=authority_heading(authority, issuer),
        recipients=[],
        archive="",
    )


def certificate_pdf(assessment: Assessment, *, request=None) -> bytes:
    decision = assessment.decision
    return render_official_pdf(
        "learning_society/pdf/certificate.html",
        {
            "doc": certificate_document(assessment),
            "a": assessment,
            "decision": decision,
            "holder": paper_name(assessment.subject),
            "place": place_of(assessment.subject),
            "decision_symbol": decision_symbol(decision),
        },
        request=request,
    )


def stats_document(context: dict) -> OfficialDocument:
    root = context["root"]
    issuer = issuer_for(root)
    return OfficialDocument.issued_by(
        issuer,
        kind="BC",
        excerpt=f"Thống kê xây dựng xã hội học tập năm {context['year']}",
        blank_day=True,
        recipients=issuer.recipients_or(f"{issuer.superior} (để b/c);" if issuer.superior else ""),
    )


def stats_pdf(context: dict, *, request=None) -> bytes:
    expiring = [
        {
            "name": paper_name(a.subject),
            "title": a.subject.get_title_display(),
            "result": a.result_label,
            "until": a.expires_on,
        }
        for a in context.get("expiring", [])
    ]
    return render_official_pdf(
        "learning_society/pdf/stats.html",
        {**context, "expiring": expiring, "doc": stats_document(context)},
        request=request,
    )
