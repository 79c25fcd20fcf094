"""Who recognises a learning-society title, and how the decision is issued and signed.

DOMAIN.md §4: families, clans and hamlet communities are recognised by the commune People's
Committee chairman (signs "CHỦ TỊCH", a deputy "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"; "TM. ỦY BAN NHÂN
DÂN" only for a decision of the Committee as a body); the commune learning community by the head of
the district education office (Thông tư 25/2023/TT-BGDĐT; the office's own identity issues it);
learning units by the district People's Committee (Thông tư 24/2023/TT-BGDĐT). Since 1 July 2025
the authorities moved with the two-tier local government (Nghị định 142/2025/NĐ-CP), so each office
sets its own (RecognitionAuthority, page "Thẩm quyền công nhận"); these are only the defaults.

`authority_for(area, title, level)` answers which rule applies; `decision_issuer()` the issuer
whose identity heads the decision (documents.issuer_for of the commune or the office, or the
office's parent agency); `authority_heading()` and `decision_signer()` what is printed. Nothing
here prints "CHỦ TỊCH PHÒNG …" or mixes "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ …" with "TM. ỦY BAN NHÂN DÂN":
a collective signature comes with the Committee's own heading, and an office has no Chủ tịch.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import asdict, dataclass, field, replace

from django.utils.translation import gettext as _

from documents import Signer
from documents.issuer import Issuer, issuer_for, managing_unit
from units import legal
from units.models import Unit, UnitKind

from .models import IssuingLevel, RecognitionAuthority, SignerForm, Title

ANY_LEVEL = 0
COMMITTEE = "Ủy ban nhân dân"

# Legal sources of the recognition, by title and years (keys of units.legal.TEXTS). A title with no
# source for a year prints "(cần xác minh)" and the office names it on the settings page.
SOURCES: dict[str, tuple[tuple[str, int, int | None], ...]] = {
    Title.FAMILY: (("qd448_2015", 2016, 2020),),
    Title.CLAN: (("qd448_2015", 2016, 2020),),
    Title.HAMLET_COMMUNITY: (("qd448_2015", 2016, 2020),),
    Title.COMMUNE_COMMUNITY: (("tt44_2014", 2015, 2023), ("tt25_2023", 2024, None)),
    Title.LEARNING_UNIT: (("tt22_2020", 2020, 2023), ("tt24_2023", 2024, None)),
    Title.CITIZEN: (),
}


@dataclass(frozen=True)
class Authority:
    """One recognition authority (a RecognitionAuthority row, or the default)."""

    title: str
    decider: str
    issuing_level: str
    head_position: str
    signer_form: str
    level: int = ANY_LEVEL
    legal_source: str = ""  # units.legal key
    legal_article: str = ""
    parent_agency: str = ""  # overrides of the issuer's lines
    agency: str = ""
    extra_bases: tuple[str, ...] = ()
    office_name: str = ""  # the office whose setting this is; "" for the defaults
    default_source: bool = field(default=False, compare=False)

    @property
    def title_label(self) -> str:
        return Title(self.title).label

    @property
    def issuing_label(self) -> str:
        return IssuingLevel(self.issuing_level).label

    @property
    def signer_label(self) -> str:
        return SignerForm(self.signer_form).label

    @property
    def source_citation(self) -> str:
        """ "Thông tư 25/2023/TT-BGDĐT (cần xác minh)", or "(cần xác minh)" when no source is named."""
        if not self.legal_source or self.legal_source not in legal.TEXTS:
            return legal.UNVERIFIED
        return legal.cite(self.legal_source, self.legal_article)

    def as_snapshot(self) -> dict:
        data = asdict(self)
        data["extra_bases"] = list(self.extra_bases)
        data.pop("default_source", None)
        return data

    @classmethod
    def from_snapshot(cls, data: dict) -> Authority | None:
        if not data:
            return None
        known = {f: data[f] for f in cls.__dataclass_fields__ if f in data and f != "default_source"}
        known["extra_bases"] = tuple(known.get("extra_bases") or ())
        try:
            return cls(**known)
        except TypeError:
            return None


def source_for(title: str, year: int | None) -> str:
    for key, start, end in SOURCES.get(title, ()):
        if year is None or (start <= year and (end is None or year <= end)):
            return key
    return ""


def default_authority(title: str, year: int | None = None) -> Authority:
    """DOMAIN.md §4 (before the July 2025 reform; verify for later years)."""
    source = source_for(title, year)
    if title == Title.COMMUNE_COMMUNITY:
        return Authority(
            title, _("Trưởng phòng GD&ĐT"), IssuingLevel.OFFICE, "Trưởng phòng", SignerForm.HEAD, legal_source=source
        )
    if title == Title.LEARNING_UNIT:
        return Authority(
            title, _("Chủ tịch UBND huyện"), IssuingLevel.PARENT, "Chủ tịch", SignerForm.HEAD, legal_source=source
        )
    return Authority(
        title, _("Chủ tịch UBND xã"), IssuingLevel.COMMUNE, "Chủ tịch", SignerForm.HEAD, legal_source=source
    )


def from_row(row: RecognitionAuthority, year: int | None = None) -> Authority:
    return Authority(
        title=row.title,
        level=row.level,
        decider=row.decider,
        issuing_level=row.issuing_level,
        head_position=row.head_position,
        signer_form=row.signer_form,
        legal_source=row.legal_source or source_for(row.title, year),
        legal_article=row.legal_article,
        parent_agency=row.parent_agency,
        agency=row.agency,
        extra_bases=tuple(line.strip() for line in row.extra_bases.splitlines() if line.strip()),
        office_name=row.office.full_name,
        default_source=not row.legal_source,
    )


def _ancestor_ids(unit: Unit) -> list[int]:
    return [int(p) for p in unit.path.strip("/").split("/") if p]


def authority_for(unit: Unit, title: str, level: int | None = None, *, year: int | None = None) -> Authority:
    """The authority in force for `title` (and `level`) below `unit`: the nearest office's row for
    that level, else its row for any level, else the default (one query)."""
    ids = _ancestor_ids(unit)
    depth = {pk: i for i, pk in enumerate(ids)}
    rows = RecognitionAuthority.objects.filter(
        office_id__in=ids, title=title, level__in={ANY_LEVEL, level or ANY_LEVEL}
    ).select_related("office")
    best = max(rows, key=lambda r: (depth[r.office_id], r.level != ANY_LEVEL), default=None)
    return from_row(best, year) if best else default_authority(title, year)


def authorities_of(office: Unit, year: int | None = None) -> list[tuple[Authority, RecognitionAuthority | None]]:
    """Every title's authority for the settings page: the office's own rows and the defaults in force."""
    own = {(r.title, r.level): r for r in RecognitionAuthority.objects.filter(office=office).select_related("office")}
    result = []
    for title in Title.values:
        rows = sorted((r for (t, _level), r in own.items() if t == title), key=lambda r: r.level)
        if not any(r.level == ANY_LEVEL for r in rows):
            result.append((authority_for(office, title, year=year), None))
        result.extend((from_row(r, year), r) for r in rows)
    return result


# --- the issuing body and what it prints -------------------------------------------------------


def _ancestor(unit: Unit, kind: str) -> Unit | None:
    if unit.kind == kind:
        return unit
    return (
        Unit.objects.filter(pk__in=_ancestor_ids(unit), kind=kind).select_related("identity").order_by("-depth").first()
    )


def committee_name(line: str) -> str:
    """ "UBND huyện An Lạc" → "Ủy ban nhân dân huyện An Lạc" (the agency line of the Committee itself)."""
    return re.sub(r"^\s*UBND\b", COMMITTEE, line.strip(), flags=re.IGNORECASE)


def committee_of(unit: Unit) -> str:
    """ "Ủy ban nhân dân xã Đống Đa": the People's Committee of a commune (its level name in lower
    case, as in running text); any other unit's own name."""
    if unit.kind == UnitKind.COMMUNE:
        return f"{COMMITTEE} {(unit.level_label or 'xã').lower()} {unit.name}".replace("  ", " ")
    return unit.full_name


def decision_issuer(authority: Authority, area: Unit) -> Issuer:
    """The issuer heading a decision of `authority` for subjects of `area`."""
    if authority.issuing_level == IssuingLevel.COMMUNE:
        commune = _ancestor(area, UnitKind.COMMUNE) or area
        base = issuer_for(commune)
        if base.agency == f"{COMMITTEE} {commune.full_name}":  # no identity of its own: the tree's name
            base = replace(base, agency=committee_of(commune))
    else:
        # The office above the area; after July 2025 possibly a commune that manages (an identity).
        office = _ancestor(area, UnitKind.OFFICE) or managing_unit(area) or area
        base = issuer_for(office)
        if authority.issuing_level == IssuingLevel.PARENT:
            missing = () if base.parent_agency else (_("cơ quan chủ quản của phòng (UBND huyện)"),)
            base = replace(
                base,
                agency=committee_name(base.parent_agency),
                parent_agency="",
                abbreviation="UBND",
                drafting_code="",
                head=Signer(position=authority.head_position),
                deputy=None,
                deputy_signs=False,
                recipients=(),
                superior="",
                missing=missing,
            )
    if authority.agency:
        base = replace(base, agency=authority.agency)
    if authority.parent_agency:
        base = replace(base, parent_agency=authority.parent_agency)
    return base


def office_agency(area: Unit) -> str:
    """The name of the office above `area` on paper ("Phòng Giáo dục và Đào tạo"): who proposes to
    the district People's Committee."""
    office = _ancestor(area, UnitKind.OFFICE)
    return issuer_for(office).agency if office is not None else ""


def _is_committee(agency: str) -> bool:
    text = agency.strip().lower()
    return text.startswith(COMMITTEE.lower()) or text.startswith("ubnd")


def _agency_in_full(issuer: Issuer, authority: Authority) -> str:
    """The agency as the heading names it: an office's name takes its district from its parent line
    ("Phòng Giáo dục và Đào tạo" + "UBND huyện An Lạc" → "Phòng Giáo dục và Đào tạo huyện An Lạc")."""
    agency = committee_name(issuer.agency)
    if authority.issuing_level == IssuingLevel.OFFICE and issuer.parent_agency:
        place = re.sub(r"^\s*(UBND|Ủy ban nhân dân)\s+", "", issuer.parent_agency, flags=re.IGNORECASE)
        if place.lower() not in agency.lower():
            agency = f"{agency} {place}"
    return agency


def authority_name(authority: Authority, issuer: Issuer) -> str:
    """ "Chủ tịch Ủy ban nhân dân xã Pá Lùng", "Trưởng phòng Giáo dục và Đào tạo huyện An Lạc"; a
    collective decision is the Committee's own: "Ủy ban nhân dân xã Pá Lùng"."""
    agency = _agency_in_full(issuer, authority)
    if authority.signer_form == SignerForm.COLLECTIVE:
        return agency
    position = authority.head_position.strip()
    if position.lower().endswith("phòng") and agency.lower().startswith("phòng "):
        agency = agency[len("phòng ") :]  # "Trưởng phòng" + "Phòng Giáo dục …" → "Trưởng phòng Giáo dục …"
    return f"{position} {agency}"


def authority_heading(authority: Authority, issuer: Issuer) -> str:
    """ "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ PÁ LÙNG"; a collective decision: "ỦY BAN NHÂN DÂN XÃ PÁ LÙNG"."""
    return authority_name(authority, issuer).upper()


def printed_position(authority: Authority) -> str:
    """The signer's own position in running text: "Chủ tịch", "Phó Chủ tịch", "Trưởng phòng"."""
    if authority.signer_form == SignerForm.DEPUTY:
        return f"Phó {authority.head_position}"
    return authority.head_position


def decision_signer(authority: Authority, issuer: Issuer, name: str) -> Signer:
    position = authority.head_position.upper()
    if authority.signer_form == SignerForm.DEPUTY:
        return Signer(authority=f"KT. {position}", position=f"PHÓ {position}", name=name)
    if authority.signer_form == SignerForm.COLLECTIVE:
        body = COMMITTEE if _is_committee(issuer.agency) else committee_name(issuer.agency)
        return Signer(authority=f"TM. {body.upper()}", position=position, name=name)
    return Signer(position=position, name=name)


# --- "Căn cứ" lines ----------------------------------------------------------------------------

# The Law on the Organisation of Local Government in force on the day of signing. Kept here until
# units.legal registers laws (its registry test admits Nghị định, Thông tư, Quyết định, Công văn):
# neither number nor date was read in a public copy this session, so both print "(cần xác minh)".
LOCAL_GOVERNMENT_LAWS = (
    ("77/2015/QH13", datetime.date(2015, 6, 19), datetime.date(2016, 1, 1)),
    ("72/2025/QH15", datetime.date(2025, 6, 16), datetime.date(2025, 7, 1)),
)


def local_government_basis(on: datetime.date) -> str:
    law = None
    for number, date, in_force in LOCAL_GOVERNMENT_LAWS:
        if on >= in_force:
            law = (number, date)
    if law is None:
        return f"Căn cứ Luật Tổ chức chính quyền địa phương {legal.UNVERIFIED};"
    return f"Căn cứ Luật Tổ chức chính quyền địa phương số {law[0]} {legal.long_date(law[1])} {legal.UNVERIFIED};"


PROGRAMMES = (("qd281_2014", 2014, 2020), ("qd387_2022", 2021, 2030))


def decision_bases(authority: Authority, *, signed_on: datetime.date, year: int, proposer: str) -> list[str]:
    """Căn cứ lines from units.legal (type, number, date, issuer, title; DOMAIN.md §6), then the
    office's own bases, then the proposal."""
    lines = []
    if authority.issuing_level in (IssuingLevel.COMMUNE, IssuingLevel.PARENT):
        lines.append(local_government_basis(signed_on))
    lines.extend(legal.basis_line(key) for key, start, end in PROGRAMMES if start <= year <= end)
    if authority.legal_source in legal.TEXTS and authority.legal_source not in {k for k, _s, _e in PROGRAMMES}:
        lines.append(legal.basis_line(authority.legal_source))
    lines.extend(line if line.endswith(";") else f"{line};" for line in authority.extra_bases)
    if proposer:
        lines.append(f"Xét đề nghị của {proposer}.")
    return lines
