"""The biên bản kiểm tra (Nghị định 30/2020, type code BB) of a performed visit, issued by the
inspecting office through the one document layer: the team and the unit, the checklist per content
with its results, the general remarks, and the findings and recommendations with their deadlines.
PDF and Word from the same object."""

from django.utils.translation import gettext as _

from documents import Column, OfficialDocument, Row, Signer, Table
from documents.blocks import Heading, Paragraph, TableBlock
from documents.issuer import issuer_for
from units.calendar import today

from .models import Check, Inspection, Result


def _team(inspection: Inspection) -> list:
    """The team, its leader first."""
    return sorted(inspection.team.order_by("full_name", "id"), key=lambda u: u.pk != inspection.leader_id)


def checklist_table(inspection: Inspection) -> Table:
    checks = {c.item_id: c for c in Check.objects.filter(inspection=inspection)}
    rows = []
    for content in inspection.contents.order_by("order", "id").prefetch_related("items"):
        rows.append(Row.section(content.title))
        for item in content.items.all():
            check = checks.get(item.pk)
            result = check.get_result_display() if check and check.result else "—"
            rows.append(Row([item.text, result, check.note if check else ""]))
    return Table(
        title=_("Kết quả kiểm tra theo nội dung"),
        columns=[
            Column(_("Nội dung kiểm tra"), width=60),
            Column(_("Kết quả"), width=14),
            Column(_("Ghi chú"), width=30),
        ],
        rows=rows,
        number_rows=False,
    )


def bien_ban(inspection: Inspection) -> OfficialDocument:
    team = _team(inspection)
    day = inspection.done_date or today()
    checks = Check.objects.filter(inspection=inspection)
    passed = checks.filter(result=Result.PASSED).count()
    failed = checks.filter(result=Result.FAILED).count()
    blocks = [
        Paragraph(
            _("Hôm nay, ngày %(d)s, tại %(unit)s, đoàn kiểm tra của %(office)s tiến hành kiểm tra %(unit)s.")
            % {"d": day.strftime("%d/%m/%Y"), "unit": inspection.unit.name, "office": inspection.office.name}
        ),
        Heading(_("Thành phần đoàn kiểm tra"), level=1),
        *[
            Paragraph(
                _("%(i)d. %(n)s%(lead)s")
                % {"i": i, "n": u.full_name or u.username, "lead": _(", trưởng đoàn") if i == 1 else ""},
                indent=False,
            )
            for i, u in enumerate(team, 1)
        ],
        Heading(_("Kết quả kiểm tra"), level=1),
        Paragraph(_("Số mục đạt: %(p)d; số mục chưa đạt: %(f)d.") % {"p": passed, "f": failed}),
        TableBlock(checklist_table(inspection)),
    ]
    if inspection.notes:
        blocks += [Heading(_("Nhận xét chung"), level=1), Paragraph(inspection.notes)]
    recs = list(inspection.recommendations.order_by("deadline", "id"))
    blocks.append(Heading(_("Kết luận và kiến nghị"), level=1))
    if recs:
        for i, rec in enumerate(recs, 1):
            text = _("%(i)d. %(t)s (hạn thực hiện: %(d)s).") % {
                "i": i,
                "t": rec.text.rstrip("."),
                "d": rec.deadline.strftime("%d/%m/%Y"),
            }
            if rec.finding:
                text = _("%(i)d. Tồn tại: %(f)s Kiến nghị: %(t)s (hạn thực hiện: %(d)s).") % {
                    "i": i,
                    "f": rec.finding.rstrip(".") + ".",
                    "t": rec.text.rstrip("."),
                    "d": rec.deadline.strftime("%d/%m/%Y"),
                }
            blocks.append(Paragraph(text, indent=False))
    else:
        blocks.append(Paragraph(_("Không có kiến nghị."), italic=True))
    blocks.append(
        Paragraph(
            _("Biên bản được lập thành 02 bản, đoàn kiểm tra giữ 01 bản, %(unit)s giữ 01 bản.")
            % {"unit": inspection.unit.name},
            italic=True,
        )
    )
    leader = team[0] if team else None
    return OfficialDocument.issued_by(
        issuer_for(inspection.office),
        kind="BB",
        date=day,
        excerpt=_("Kiểm tra %(unit)s") % {"unit": inspection.unit.name},
        blocks=blocks,
        signer=Signer(position="TRƯỞNG ĐOÀN KIỂM TRA", name=(leader.full_name or leader.username) if leader else ""),
        recipients=[_("%(unit)s;") % {"unit": inspection.unit.name}],
    )
