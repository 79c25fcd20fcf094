"""The literacy recognition dossier (issue 18): a commune that meets a level prepares its dossier
for a year — tờ trình, báo cáo tự kiểm tra, the XMC standard table and the MC name list, all read
from the register — the office checks it (biên bản kiểm tra with the figures it verified, kept as
they were that day) and the decision recognising the commune is issued and recorded.

States: draft → submitted → checked (or returned with reasons, then submitted again) → recognised.
The commune side (an officer of the commune, or the office acting for it) prepares and submits; the
office that manages the commune checks, returns and records the decision.

Who signs the decision: the office's setting (LiteracySettings.recognition_decider); blank → the
Chairman of the district People's Committee, the rule before 1 July 2025 (Nghị định 20/2014/NĐ-CP);
for later years no source was found, so the page and the decision say "(cần xác minh)"."""

import datetime
from dataclasses import replace

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from committees.models import Kind as CommitteeKind
from committees.models import Position
from committees.selectors import committee_of
from documents import OfficialDocument, Signer, vn_percent
from documents.blocks import Annex, Paragraph, TableBlock
from documents.issuer import issuer_for
from units import legal
from units.audit import record
from units.models import Unit, UnitKind
from units.selectors import can_manage_unit, is_office_user, units_visible_to
from units.text import nfc

from . import attainment, rules, tables
from .models import RecognitionDossier
from .selectors import office_of, settings_for

Status = RecognitionDossier.Status
REFORM_DAY = datetime.date(2025, 7, 1)  # two-tier local government (Nghị định 142/2025/NĐ-CP, cần xác minh)
DECIDERS = {
    "district": _("Chủ tịch UBND huyện"),
    "commune": _("Chủ tịch UBND xã"),
    "office": _("Trưởng phòng GD&ĐT"),
}
BASIS = "nd20_2014"


# Reads ------------------------------------------------------------------------------------------


def dossiers_visible_to(user) -> QuerySet[RecognitionDossier]:
    """Office roles (of the district or the commune) see the dossiers of communes in their scope."""
    if not is_office_user(user):
        return RecognitionDossier.objects.none()
    return RecognitionDossier.objects.filter(commune__in=units_visible_to(user)).select_related("commune", "office")


def get_dossier_for_user(user, pk) -> RecognitionDossier:
    return get_object_or_404(dossiers_visible_to(user), pk=pk)


def history(commune: Unit) -> QuerySet[RecognitionDossier]:
    """The commune's recognitions by year and level (the commune's page, the annual report)."""
    return RecognitionDossier.objects.filter(commune=commune, status=Status.RECOGNISED).order_by("-year", "-level")


def decider(office: Unit, day: datetime.date | None) -> tuple[str, str, bool]:
    """(key, label, verified) of who signs the decision for `office` on `day`."""
    key = settings_for(office).recognition_decider
    if key:
        return key, str(DECIDERS[key]), True
    verified = day is None or day < REFORM_DAY
    return "district", str(DECIDERS["district"]), verified


def authority_citation(verified: bool) -> str:
    return legal.cite(BASIS) + ("" if verified else f" {legal.UNVERIFIED}")


def level_figures(commune: Unit, year: int, level: int) -> dict | None:
    """The level's figures from the register as of now (None: no survey round that year)."""
    standard, survey_round, _conf = attainment.commune_standard(commune, year)
    if standard is None:
        return None
    result = standard.level1 if level == 1 else standard.level2
    data = result.as_json()
    data |= {"round": str(survey_round), "difficult": standard.especially_difficult, "year": year, "level": level}
    return data


def rate_text(figures: dict) -> str:
    return "—" if figures.get("rate") is None else vn_percent(figures["rate"])


# Writes -----------------------------------------------------------------------------------------


def _require_met(commune: Unit, year: int, level: int) -> dict:
    figures = level_figures(commune, year, level)
    if figures is None:
        raise ValidationError(_("Năm %(y)d chưa có đợt điều tra nào của xã: chưa lập được hồ sơ.") % {"y": year})
    if not figures["met"]:
        raise ValidationError(
            _("Theo sổ điều tra, xã chưa đạt chuẩn mức độ %(l)d năm %(y)d (tỉ lệ biết chữ %(r)s).")
            % {"l": level, "y": year, "r": rate_text(figures)}
        )
    return figures


@transaction.atomic
def dossier_create(*, actor, commune: Unit, year: int, level: int, self_check: str = "") -> RecognitionDossier:
    if commune.kind != UnitKind.COMMUNE or not can_manage_unit(actor, commune):
        raise PermissionDenied
    office = office_of(commune)
    if office is None:
        raise ValidationError(_("Xã chưa thuộc phòng GD&ĐT nào."))
    if RecognitionDossier.objects.filter(commune=commune, year=year, level=level).exists():
        raise ValidationError(_("Xã đã có hồ sơ mức độ %(l)d năm %(y)d; hãy mở hồ sơ đó.") % {"l": level, "y": year})
    _require_met(commune, year, level)
    dossier = RecognitionDossier.objects.create(
        commune=commune, office=office, year=year, level=level, self_check=nfc(self_check).strip(), created_by=actor
    )
    record(actor=actor, action="literacy.dossier_create", obj=dossier, unit=commune, changes={"level": [None, level]})
    return dossier


def _move(actor, dossier, new: str, action: str, **changes):
    old = dossier.status
    dossier.status = new
    dossier.full_clean()
    dossier.save()
    record(
        actor=actor,
        action=action,
        obj=dossier,
        unit=dossier.commune,
        changes={"status": [old, new], **{k: [None, v] for k, v in changes.items()}},
    )
    return dossier


@transaction.atomic
def dossier_submit(*, actor, dossier: RecognitionDossier, self_check: str = "") -> RecognitionDossier:
    if not can_manage_unit(actor, dossier.commune):
        raise PermissionDenied
    if dossier.status not in (Status.DRAFT, Status.RETURNED):
        raise ValidationError(_("Hồ sơ đã được gửi."))
    _require_met(dossier.commune, dossier.year, dossier.level)
    if self_check.strip():
        dossier.self_check = nfc(self_check).strip()
    dossier.submitted_at = timezone.now()
    return _move(actor, dossier, Status.SUBMITTED, "literacy.dossier_submit")


@transaction.atomic
def dossier_return(*, actor, dossier: RecognitionDossier, reason: str) -> RecognitionDossier:
    if not can_manage_unit(actor, dossier.office):
        raise PermissionDenied
    if dossier.status != Status.SUBMITTED:
        raise ValidationError(_("Chỉ trả lại được hồ sơ đang chờ kiểm tra."))
    reason = nfc(reason or "").strip()
    if not reason:
        raise ValidationError(_("Hãy ghi lý do trả lại để xã biết cần bổ sung gì."))
    dossier.return_reason = reason
    return _move(actor, dossier, Status.RETURNED, "literacy.dossier_return", reason=reason)


@transaction.atomic
def dossier_check(*, actor, dossier: RecognitionDossier, checked_on: datetime.date, notes: str = ""):
    """The office verifies the figures against the register; they are kept as they were that day."""
    if not can_manage_unit(actor, dossier.office):
        raise PermissionDenied
    if dossier.status != Status.SUBMITTED:
        raise ValidationError(_("Chỉ kiểm tra được hồ sơ xã đã gửi."))
    dossier.checked_figures = _require_met(dossier.commune, dossier.year, dossier.level)
    dossier.checked_on, dossier.check_notes = checked_on, nfc(notes or "").strip()
    return _move(actor, dossier, Status.CHECKED, "literacy.dossier_check", rate=rate_text(dossier.checked_figures))


@transaction.atomic
def dossier_recognise(*, actor, dossier: RecognitionDossier, number: str, date: datetime.date, signer: str = ""):
    if not can_manage_unit(actor, dossier.office):
        raise PermissionDenied
    if dossier.status != Status.CHECKED:
        raise ValidationError(_("Hồ sơ phải được kiểm tra trước khi ghi quyết định công nhận."))
    if dossier.checked_on and date < dossier.checked_on:
        raise ValidationError(_("Ngày quyết định không thể trước ngày kiểm tra."))
    dossier.decision_number, dossier.decision_date = nfc(number).strip(), date
    dossier.decision_signer = nfc(signer or "").strip()
    if not dossier.decision_number or not dossier.decision_signer:
        raise ValidationError(_("Hãy ghi số quyết định và họ tên người ký."))
    dossier.decision_authority = decider(dossier.office, date)[0]
    return _move(actor, dossier, Status.RECOGNISED, "literacy.dossier_recognise", number=dossier.decision_number)


# Documents (the one document layer) -------------------------------------------------------------


def _subject(d: RecognitionDossier) -> str:
    return _("xã %(c)s đạt chuẩn xóa mù chữ mức độ %(l)d năm %(y)d") % {
        "c": d.commune.name,
        "l": d.level,
        "y": d.year,
    }


def _figure_lines(f: dict) -> list[Paragraph]:
    return [
        Paragraph(
            _(
                "Độ tuổi %(a)d–%(b)d: dân số %(p)s người, được miễn %(e)s người, biết chữ mức độ %(l)d %(n)s người; "
                "tỉ lệ %(r)s (yêu cầu từ %(t)s%%, %(c)s)."
            )
            % {
                "a": f["age_from"],
                "b": f["age_to"],
                "p": f["population"],
                "e": f["exempt"],
                "l": f["level"],
                "n": f["literate"],
                "r": rate_text(f),
                "t": rules.THRESHOLD_PERCENT,
                "c": legal.cite(BASIS, "Điều 20, 21"),
            }
        )
    ]


def _standard_annex(d: RecognitionDossier, label: str) -> Annex | None:
    standard, _round, conf = attainment.commune_standard(d.commune, d.year)
    if standard is None:
        return None
    table = tables.commune_band_table(standard, conf, d.year)
    return Annex(label, table.title or _("Biểu thống kê chuẩn xóa mù chữ"), [TableBlock(table)], landscape=True)


def _name_list_annex(d: RecognitionDossier, label: str) -> Annex:
    names = attainment.name_list_for(d.commune, d.year, d.level)
    table = tables.name_list_table(names, list(names.persons[:2000]))
    return Annex(label, table.title, [TableBlock(table)], landscape=True)


def request_document(d: RecognitionDossier) -> OfficialDocument:
    """Tờ trình of the commune's People's Committee to the office."""
    figures = level_figures(d.commune, d.year, d.level) or {}
    blocks = [
        Paragraph(legal.basis_line(BASIS)),
        Paragraph(
            _("Ủy ban nhân dân xã %(c)s đã tổ chức tự kiểm tra; kết quả theo sổ điều tra %(r)s như sau:")
            % {"c": d.commune.name, "r": figures.get("round", "")}
        ),
        *(_figure_lines(figures) if figures else []),
        Paragraph(_("Ủy ban nhân dân xã kính đề nghị xem xét, kiểm tra và công nhận %(s)s.") % {"s": _subject(d)}),
    ]
    annexes = [a for a in (_standard_annex(d, "Phụ lục I"), _name_list_annex(d, "Phụ lục II")) if a]
    return OfficialDocument.issued_by(
        issuer_for(d.commune),
        kind="TTr",
        date=(d.submitted_at or timezone.now()).date(),
        excerpt=_("Đề nghị công nhận %(s)s") % {"s": _subject(d)},
        blocks=blocks,
        annexes=annexes,
        recipients=[_("%(o)s;") % {"o": d.office.name}],
    )


def steering_committee(d: RecognitionDossier):
    """The commune's Ban chỉ đạo PCGD-XMC (committees app) with the members serving on the day the
    dossier was submitted (today for a draft), or None when the commune has not recorded it."""
    day = timezone.localtime(d.submitted_at).date() if d.submitted_at else timezone.localdate()
    return committee_of(d.commune, CommitteeKind.PCGD_XMC, day)


def committee_lines(d: RecognitionDossier) -> list[Paragraph]:
    """The self-check report's paragraph on who directs the work: the committee's decision and its
    members (NĐ 20/2014/NĐ-CP asks the commune to have a steering committee)."""
    committee = steering_committee(d)
    if committee is None:
        return [
            Paragraph(
                _("Ban chỉ đạo phổ cập giáo dục, xóa mù chữ của xã: chưa ghi quyết định thành lập (cần bổ sung).")
            )
        ]
    members = committee.serving_members
    lines = [
        Paragraph(
            _(
                "Ban chỉ đạo phổ cập giáo dục, xóa mù chữ xã được thành lập theo Quyết định số %(n)s ngày %(d)s "
                "(%(s)s), gồm %(c)d thành viên:"
            )
            % {
                "n": committee.decision_number,
                "d": committee.decision_date.strftime("%d/%m/%Y"),
                "s": committee.decision_signer,
                "c": len(members),
            }
        )
    ]
    lines += [Paragraph(f"- {m.full_name}, {m.job} — {Position(m.position).label}.", indent=False) for m in members]
    return lines


def self_check_document(d: RecognitionDossier) -> OfficialDocument:
    figures = level_figures(d.commune, d.year, d.level) or {}
    blocks = [*committee_lines(d)]
    blocks.append(Paragraph(_("Kết quả tự kiểm tra theo sổ điều tra %(r)s:") % {"r": figures.get("round", "")}))
    blocks += _figure_lines(figures) if figures else []
    blocks.append(Paragraph(d.self_check or _("Xã tự đánh giá đạt chuẩn theo các tiêu chuẩn quy định.")))
    annex = _standard_annex(d, "Phụ lục")
    return OfficialDocument.issued_by(
        issuer_for(d.commune),
        kind="BC",
        date=(d.submitted_at or timezone.now()).date(),
        excerpt=_("Tự kiểm tra kết quả xóa mù chữ mức độ %(l)d năm %(y)d") % {"l": d.level, "y": d.year},
        blocks=blocks,
        annexes=[annex] if annex else [],
        recipients=[_("%(o)s;") % {"o": d.office.name}],
    )


def check_document(d: RecognitionDossier) -> OfficialDocument:
    """Biên bản kiểm tra: the figures as verified on the day (the snapshot), never as of now."""
    f = d.checked_figures
    blocks = [
        Paragraph(
            _("Hôm nay, ngày %(d)s, %(o)s kiểm tra hồ sơ đề nghị công nhận %(s)s.")
            % {"d": d.checked_on.strftime("%d/%m/%Y") if d.checked_on else "", "o": d.office.name, "s": _subject(d)}
        ),
        Paragraph(_("Số liệu đã kiểm tra (sổ điều tra %(r)s):") % {"r": f.get("round", "")}),
        *(_figure_lines(f) if f else []),
        Paragraph(
            _("Kết luận: xã đạt chuẩn xóa mù chữ mức độ %(l)d; đề nghị cấp có thẩm quyền công nhận.") % {"l": d.level}
        ),
    ]
    if d.check_notes:
        blocks.append(Paragraph(_("Ý kiến của đoàn kiểm tra: %(n)s") % {"n": d.check_notes}))
    return OfficialDocument.issued_by(
        issuer_for(d.office),
        kind="BB",
        date=d.checked_on,
        excerpt=_("Kiểm tra hồ sơ công nhận %(s)s") % {"s": _subject(d)},
        blocks=blocks,
        recipients=[_("UBND xã %(c)s;") % {"c": d.commune.name}],
    )


def _committee(line: str) -> str:
    text = line.strip()
    return "Ủy ban nhân dân" + text[4:] if text.upper().startswith("UBND") else text


def decision_document(d: RecognitionDossier) -> OfficialDocument:
    day = d.decision_date or timezone.localdate()
    key, label, verified = decider(d.office, day)
    if d.decision_authority:  # as recorded when the decision was issued
        key, label = d.decision_authority, str(DECIDERS[d.decision_authority])
    if key == "commune":
        base = issuer_for(d.commune)
        issuer = replace(base, agency=f"Ủy ban nhân dân xã {d.commune.name}")
        signer, heading = (
            Signer(position="CHỦ TỊCH", name=d.decision_signer),
            f"CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ {d.commune.name}",
        )
    elif key == "office":
        issuer = issuer_for(d.office)
        signer, heading = Signer(position="TRƯỞNG PHÒNG", name=d.decision_signer), ""
    else:
        base = issuer_for(d.office)
        committee = _committee(base.parent_agency) or "Ủy ban nhân dân huyện"
        missing = () if base.parent_agency else (_("cơ quan chủ quản của phòng (UBND huyện)"),)
        issuer = replace(
            base,
            agency=committee,
            parent_agency="",
            abbreviation="UBND",
            drafting_code="",
            recipients=(),
            missing=missing,
        )
        signer, heading = Signer(position="CHỦ TỊCH", name=d.decision_signer), f"CHỦ TỊCH {committee.upper()}"
    f = d.checked_figures or {}
    doc = OfficialDocument.issued_by(
        issuer,
        kind="QĐ",
        signer=signer,
        number=d.decision_number or None,
        date=day,
        excerpt=_("Về việc công nhận %(s)s") % {"s": _subject(d)},
        authority_heading=heading.upper(),
        bases=[
            legal.basis_line(BASIS),
            _("Căn cứ biên bản kiểm tra ngày %(d)s của %(o)s;")
            % {"d": d.checked_on.strftime("%d/%m/%Y") if d.checked_on else "", "o": d.office.name},
            _("Thẩm quyền ký: %(a)s (%(c)s);") % {"a": label, "c": authority_citation(verified)},
        ],
        recipients=[_("Như Điều 3;"), _("%(o)s;") % {"o": d.office.name}],
    )
    doc.blocks = [
        Paragraph("QUYẾT ĐỊNH:", bold=True, align="center", indent=False),
        Paragraph(
            _("Điều 1. Công nhận %(s)s (tỉ lệ biết chữ mức độ %(l)d độ tuổi %(a)s–%(b)s: %(r)s).")
            % {
                "s": _subject(d),
                "l": d.level,
                "a": f.get("age_from", ""),
                "b": f.get("age_to", ""),
                "r": rate_text(f) if f else "—",
            }
        ),
        Paragraph(_("Điều 2. Quyết định này có hiệu lực kể từ ngày ký.")),
        Paragraph(
            _(
                "Điều 3. %(o)s, Ủy ban nhân dân xã %(c)s và các cơ quan, đơn vị có liên quan "
                "chịu trách nhiệm thi hành Quyết định này./."
            )
            % {"o": d.office.name, "c": d.commune.name}
        ),
    ]
    return doc


DOCUMENTS = {
    "to-trinh": (request_document, "TTr"),
    "bao-cao-tu-kiem-tra": (self_check_document, "BC"),
    "bien-ban-kiem-tra": (check_document, "BB"),
    "quyet-dinh": (decision_document, "QĐ"),
}


def documents_ready(d: RecognitionDossier) -> list[str]:
    """Which documents exist at this state."""
    ready = ["to-trinh", "bao-cao-tu-kiem-tra"]
    if d.status in (Status.CHECKED, Status.RECOGNISED):
        ready += ["bien-ban-kiem-tra", "quyet-dinh"]
    return ready
