"""The award decision (quyết định khen thưởng, Nghị định 30/2020 type code QĐ) of a movement, issued
by the office through the one document layer: the authority heading, the "Căn cứ" lines from
units.legal (Luật Thi đua, khen thưởng 2022, Nghị định 98/2023/NĐ-CP), three articles, the signer,
and the annex (danh sách) of collectives and individuals, numbered apart. PDF and Word from the same
object. Before issue it is a draft (DỰ THẢO) with the number and day left blank."""

from django.utils.translation import gettext as _

from documents import Column, OfficialDocument, Row, Table
from documents.blocks import Annex, Paragraph, TableBlock
from documents.issuer import issuer_for
from units import legal
from units.calendar import today

from .models import Award, Movement, Recipient


def _year(movement: Movement) -> str:
    return f"{movement.school_year}-{movement.school_year + 1}"


def authority_name(issuer) -> str:
    """ "Trưởng phòng Giáo dục và Đào tạo" from the head's position and the agency's name."""
    position = (issuer.head.position or "Trưởng phòng").strip()
    agency = issuer.agency.strip()
    if position.lower().endswith("phòng") and agency.lower().startswith("phòng "):
        agency = agency[len("phòng ") :]
    return f"{position} {_running(agency)}"


def _running(name: str) -> str:
    """An agency's name in running text: as the identity spells it, or sentence case when it is
    stored in capitals ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO" → "Phòng giáo dục và đào tạo")."""
    return f"{name[:1].upper()}{name[1:].lower()}" if name.isupper() else name


def collective_table(awards: list[Award]) -> Table:
    rows = [Row([a.unit.name, a.form_label, a.reason]) for a in awards]
    return Table(
        title=_("I. Tập thể"),
        columns=[
            Column(_("Tên tập thể"), width=34),
            Column(_("Hình thức khen thưởng"), width=26),
            Column(_("Thành tích"), width=40),
        ],
        rows=rows,
        number_rows=True,
    )


def individual_table(awards: list[Award]) -> Table:
    rows = [Row([a.person_name, a.person_role, a.unit.name, a.form_label, a.reason]) for a in awards]
    return Table(
        title=_("II. Cá nhân"),
        columns=[
            Column(_("Họ và tên"), width=22),
            Column(_("Chức vụ"), width=16),
            Column(_("Đơn vị"), width=24),
            Column(_("Hình thức khen thưởng"), width=18),
            Column(_("Thành tích"), width=30),
        ],
        rows=rows,
        number_rows=True,
    )


def decision_document(movement: Movement) -> OfficialDocument:
    decision = getattr(movement, "decision", None) if movement.pk else None
    issuer = issuer_for(movement.office)
    if decision is not None:
        awards = list(decision.awards.select_related("unit"))
    else:
        awards = list(movement.awards.filter(decision__isnull=True).select_related("unit"))
    collectives = [a for a in awards if a.recipient == Recipient.COLLECTIVE]
    individuals = [a for a in awards if a.recipient == Recipient.INDIVIDUAL]
    authority = authority_name(issuer)
    day = decision.signed_on if decision else today()
    doc = OfficialDocument.issued_by(
        issuer,
        kind="QĐ",
        number=decision.number if decision else None,
        date=day,
        blank_day=decision is None,
        draft=decision is None,
        excerpt=_("Về việc khen thưởng tập thể, cá nhân có thành tích trong phong trào thi đua “%(t)s” năm học %(y)s")
        % {"t": movement.title, "y": _year(movement)},
        authority_heading=authority.upper(),
        bases=[
            legal.basis_line("luat06_2022"),
            legal.basis_line("nd98_2023"),
            _("Căn cứ chức năng, nhiệm vụ, quyền hạn của %(a)s;") % {"a": _running(issuer.agency)},
            _("Căn cứ kết quả chấm điểm phong trào thi đua “%(t)s” năm học %(y)s;")
            % {"t": movement.title, "y": _year(movement)},
            _("Theo đề nghị của bộ phận phụ trách công tác thi đua, khen thưởng."),
        ],
        recipients=[_("Như Điều 3;"), *issuer.recipients],
    )
    parts = []
    if collectives:
        parts.append(_("%(n)d tập thể") % {"n": len(collectives)})
    if individuals:
        parts.append(_("%(n)d cá nhân") % {"n": len(individuals)})
    who = _(" và ").join(parts) or _("các tập thể, cá nhân")
    doc.blocks = [
        Paragraph(_("QUYẾT ĐỊNH:"), bold=True, align="center", indent=False),
        Paragraph(
            _(
                "Điều 1. Khen thưởng %(who)s có thành tích trong phong trào thi đua “%(t)s” năm học %(y)s "
                "(có danh sách kèm theo)."
            )
            % {"who": who, "t": movement.title, "y": _year(movement)}
        ),
        Paragraph(
            _("Điều 2. Tập thể, cá nhân có tên tại Điều 1 được hưởng chế độ khen thưởng theo quy định hiện hành.")
        ),
        Paragraph(
            _(
                "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Các đơn vị có liên quan và các tập thể, cá nhân "
                "có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."
            )
        ),
    ]
    annex_blocks = []
    if collectives:
        annex_blocks.append(TableBlock(collective_table(collectives)))
    if individuals:
        annex_blocks.append(TableBlock(individual_table(individuals)))
    if not annex_blocks:
        annex_blocks.append(Paragraph(_("Chưa có tập thể, cá nhân nào được đề nghị."), italic=True))
    doc.annexes = [
        Annex(
            _("Phụ lục"),
            _("Danh sách tập thể, cá nhân được khen thưởng trong phong trào thi đua “%(t)s” năm học %(y)s")
            % {"t": movement.title, "y": _year(movement)},
            annex_blocks,
            note=_("(Kèm theo Quyết định số %(s)s ngày %(d)s của %(a)s)")
            % {"s": doc.symbol, "d": day.strftime("%d/%m/%Y") if decision else "…", "a": authority},
        )
    ]
    return doc
