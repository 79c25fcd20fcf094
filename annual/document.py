"""The office's annual report and the year's guidance as official documents, through the one
document layer (documents.issuer_for, OfficialDocument.issued_by, documents.blocks): the same
document object feeds the preview, the PDF and the Word file.

The annual report's own "nơi nhận", signer and place are the officer's to change; left empty (or
still the values every report was created with before the office had an identity) they come from
the office's identity (units.UnitIdentity), so nobody sends "UBND huyện (để b/c)" to a commune
office nor a signer without a name."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from django.utils.translation import gettext as _

from documents import OfficialDocument, Signer
from documents.blocks import ChartBlock, Heading, Paragraph, TableBlock
from documents.issuer import Issuer, issuer_for
from units.models import UnitKind

from .blocks import sections_for
from .guidance import expected_units
from .models import AnnualReport, Guidance, GuidanceArea

# A table wider than this (its columns, "TT" included) puts its section on landscape pages: eight
# narrow figure columns of communes still read on a portrait page (16 mm each).
PORTRAIT_MAX_COLUMNS = 10
# Written into every report created before the identity existed (annual.services, until issue 15):
# a report still holding exactly these was never edited, and follows the identity instead.
OLD_DEFAULT_RECIPIENTS = "Sở GD&ĐT (để b/c);\nUBND huyện (để b/c);\nLãnh đạo Phòng;"
OLD_DEFAULT_AUTHORITY = "KT. TRƯỞNG PHÒNG"
OLD_DEFAULT_POSITION = "PHÓ TRƯỞNG PHÒNG"
# Hints that belong to the page (the numbers link to the units there), never to paper. Snapshots
# frozen before the hint left the table's note still carry it.
SCREEN_HINTS = ("; bấm vào số để xem đơn vị", "bấm vào số để xem đơn vị")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _own_recipients(report: AnnualReport) -> list[str]:
    if report.recipients.replace("\r\n", "\n").strip() == OLD_DEFAULT_RECIPIENTS:
        return []
    return _lines(report.recipients)


def _own_signer(report: AnnualReport) -> Signer | None:
    never_edited = (
        report.signer_authority == OLD_DEFAULT_AUTHORITY
        and report.signer_position == OLD_DEFAULT_POSITION
        and not report.signer_name
    )
    if never_edited or not (report.signer_position or report.signer_name):
        return None
    return Signer(authority=report.signer_authority, position=report.signer_position, name=report.signer_name)


def leader_signer(report: AnnualReport, name: str) -> Signer:
    """The signature block of the leader who approved (issue 17): their name, under the head's
    position when they are the head named in the office's identity, "KT." the deputy's when they are
    the deputy; otherwise the position the officer wrote, or the identity's usual one."""
    issuer = issuer_for(report.office)
    if issuer.head.name and issuer.head.name == name:
        usual = issuer.signer(head=True)
    elif issuer.deputy is not None and issuer.deputy.name == name:
        usual = Signer(
            authority=f"KT. {issuer.head.position.upper()}" if issuer.head.position else "",
            position=issuer.deputy.position.upper(),
            name=name,
        )
    else:
        usual = _own_signer(report) or issuer.signer()
    return Signer(authority=usual.authority, position=usual.position, name=name)


def identity_defaults(report: AnnualReport, issuer: Issuer | None = None) -> dict:
    """Initial values of the composer's place, recipients and signer fields that the report leaves
    to the identity (what the paper prints when the officer changes nothing)."""
    issuer = issuer or issuer_for(report.office)
    initial = {}
    if not report.place:
        initial["place"] = issuer.place
    if not _own_recipients(report):
        initial["recipients"] = "\n".join(issuer.recipients)
    if _own_signer(report) is None:
        signer = issuer.signer()
        initial.update(signer_authority=signer.authority, signer_position=signer.position, signer_name=signer.name)
    return initial


def paper_table(table):
    """The table as printed: the screen's "bấm vào số …" hint taken out of its notes."""
    notes = []
    for note in table.notes:
        text = str(note)
        for hint in SCREEN_HINTS:
            text = text.replace(hint, "")
        text = text.strip()
        if text and text not in (".", ";"):
            notes.append(text)
    table.notes = notes
    return table


@dataclass
class PaperSection:
    """One part of the report and the orientation of all its pages."""

    landscape: bool
    blocks: list = field(default_factory=list)


def report_sections(report: AnnualReport, blocks: list[dict]) -> list[PaperSection]:
    """Each section of the report as blocks: its heading and narrative, then its charts and
    tables; a section holding a wide table goes on landscape pages as a whole (one orientation per
    section, so no page is left near-empty by a switch in the middle of a part)."""
    result = []
    for section in sections_for(report.narrative, blocks):
        paper = [Heading(f"{section.number}. {section.title.upper()}")]
        paper += [Paragraph(text) for text in section.paragraphs]
        landscape = any(block["table"].width > PORTRAIT_MAX_COLUMNS for block in section.blocks)
        for block in section.blocks:
            table = paper_table(block["table"])
            # the section's own wrapper turns the page (annual/document.html); the Word file reads
            # the orientation from the blocks (annual_official). The chart follows the figures it draws.
            paper.append(TableBlock(table))
            if block["chart"]:
                paper.append(ChartBlock(str(block["chart"]), caption=_("Biểu đồ: %(t)s") % {"t": table.title}))
        result.append(PaperSection(landscape, paper))
    return result


def annual_official(report: AnnualReport, sections: list[PaperSection] | None = None) -> OfficialDocument:
    """The annual report (Báo cáo tổng kết năm học) issued by its office."""
    issuer = issuer_for(report.office)
    fields = {}
    if recipients := _own_recipients(report):
        fields["recipients"] = recipients
    # a landscape part is landscape as a whole in Word too: its heading, narrative, charts and tables
    blocks = [
        replace(block, landscape=True) if section.landscape else block
        for section in sections or []
        for block in section.blocks
    ]
    if report.frozen_on:
        blocks.append(
            Paragraph(_("Số liệu tính đến ngày %(d)s.") % {"d": report.frozen_on.strftime("%d/%m/%Y")}, italic=True)
        )
    return OfficialDocument.issued_by(
        issuer,
        kind="BC",
        signer=_own_signer(report),
        number=report.number,
        place=report.place or issuer.place,
        date=report.document_date,
        blank_day=report.document_date is None,
        excerpt=f"Tổng kết năm học {report.school_year_label} về giáo dục thường xuyên",
        draft=not report.is_issued,  # sent but not yet signed by the leader: still DỰ THẢO
        blocks=blocks,
        **fields,
    )


# The year's guidance: a công văn ----------------------------------------------------------------


# Who reads the guidance, by the kinds of unit that answer it with their plan (annual.guidance.PLAN_KINDS).
ADDRESSEES = {
    UnitKind.SCHOOL: "Hiệu trưởng các trường",
    UnitKind.CENTRE: "Giám đốc các trung tâm học tập cộng đồng",
    UnitKind.DISTRICT_CENTRE: "Giám đốc Trung tâm GDNN-GDTX",
}


def guidance_addressee(guidance: Guidance) -> str:
    """ "Kính gửi": the heads of the units the guidance goes to (those that must send a plan)."""
    kinds = set(expected_units(guidance).values_list("kind", flat=True).distinct())
    names = [name for kind, name in ADDRESSEES.items() if kind in kinds]
    return "; ".join(names or [ADDRESSEES[UnitKind.SCHOOL], ADDRESSEES[UnitKind.CENTRE]]) + "."


def _excerpt(guidance: Guidance) -> str:
    """ "V/v hướng dẫn nhiệm vụ ...": the guidance's title, its first letter small after "V/v"."""
    title = guidance.title.strip() or _("Hướng dẫn nhiệm vụ GDTX năm học %(y)s") % {"y": guidance.school_year_label}
    return title[:1].lower() + title[1:]


def guidance_official(guidance: Guidance) -> OfficialDocument:
    """Hướng dẫn nhiệm vụ GDTX năm học as the office sends it: a công văn (no type code, "V/v" under
    its number, "Kính gửi" the schools and centres it goes to), the tasks by area, the plan's due date."""
    issuer = issuer_for(guidance.office)
    tasks = list(guidance.tasks.all())
    blocks = [
        Paragraph(
            _(
                "Thực hiện nhiệm vụ giáo dục thường xuyên năm học %(y)s, %(o)s hướng dẫn các đơn vị thực hiện "
                "các nhiệm vụ sau:"
            )
            % {"y": guidance.school_year_label, "o": issuer.agency}
        )
    ]
    number = 0
    for area, label in GuidanceArea.choices:
        area_tasks = [t for t in tasks if t.area == area]
        if not area_tasks:
            continue
        number += 1
        blocks.append(Heading(f"{number}. {label}", level=2))
        for task in area_tasks:
            deadline = _(" (thời hạn: %(d)s)") % {"d": task.deadline.strftime("%d/%m/%Y")} if task.deadline else ""
            blocks.append(Paragraph(f"- {task.text}{deadline}."))
    if guidance.plan_due:
        blocks.append(
            Paragraph(
                _("Các đơn vị xây dựng kế hoạch năm học và gửi về %(o)s trước ngày %(d)s.")
                % {"o": issuer.agency, "d": guidance.plan_due.strftime("%d/%m/%Y")}
            )
        )
    blocks.append(
        Paragraph(
            _("Trong quá trình thực hiện, nếu có vướng mắc, các đơn vị phản ánh về %(o)s để được hướng dẫn./.")
            % {"o": issuer.agency}
        )
    )
    published = guidance.published_at.date() if guidance.published_at else None
    return OfficialDocument.issued_by(
        issuer,
        kind="CV",
        # the clerk may have typed the whole symbol ("125/PGDĐT-GDTX"): the number is before the slash
        number=guidance.number.split("/")[0].strip(),
        date=published,
        blank_day=published is None,
        excerpt=_excerpt(guidance),
        addressee=guidance_addressee(guidance),
        recipients=[_("Như trên;"), *issuer.recipients],
        draft=not guidance.is_published,
        blocks=blocks,
    )


# A unit's yearly plan: a kế hoạch ------------------------------------------------------------------


def guidance_basis(guidance: Guidance) -> str:
    """ "Căn cứ Công văn số 05/PGDĐT-GDTX ngày 10/9/2025 của Phòng Giáo dục và Đào tạo về việc …":
    type, number, date, issuer and title of the guidance the plan answers (DOMAIN.md §6)."""
    letter = guidance_official(guidance)
    number = f" số {letter.symbol}" if guidance.number else ""
    date = f" ngày {guidance.published_at.strftime('%d/%m/%Y')}" if guidance.published_at else ""
    return f"Căn cứ Công văn{number}{date} của {letter.agency} về việc {letter.excerpt};"


def plan_official(plan) -> OfficialDocument:
    """Kế hoạch năm học of a school or centre, issued by the unit (its head signs), sent to the
    office whose guidance it answers; its text as paragraphs. A plan sent as a file only is its file."""
    guidance = plan.guidance
    date = plan.submitted_at.date() if plan.submitted_at else None
    text = [Paragraph(line) for line in _lines(plan.text)]
    if not text and plan.attachment_name:
        text = [Paragraph(_("Kế hoạch chi tiết trong tệp đính kèm: %(f)s.") % {"f": plan.attachment_name})]
    return OfficialDocument.issued_by(
        issuer_for(plan.unit),
        kind="KH",
        date=date,
        blank_day=date is None,
        excerpt=_("Thực hiện nhiệm vụ giáo dục thường xuyên năm học %(y)s") % {"y": guidance.school_year_label},
        bases=[guidance_basis(guidance)],
        blocks=text,
    )
