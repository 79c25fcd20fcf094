"""Who issues a document: the unit's identity on paper, from the data, never from internal codes.

`issuer_for(unit)` answers, for any unit of the tree, what Nghị định 30/2020/NĐ-CP, Phụ lục I
prints above and below its documents: the parent agency line (cơ quan chủ quản), the agency's
name, the abbreviation in the symbol ("05/BC-PGDĐT"), the place before the date, the signer and
the usual recipients. A managing unit (an office, or a commune after July 2025) sets these in the
portal (units.UnitIdentity, page "Thể thức văn bản"); a school, a centre or an association takes
them from the tree when it has set none: parent line "UBND XÃ PÁ LÙNG" from its commune, place
from the commune's name, head's name from the principal's or director's role, recipients "the
managing office (để b/c)". `Issuer.missing` lists what a managing unit still has to set; the
preview shows it so nobody sends a document with a hole in its header.

    issuer = issuer_for(unit)
    doc = OfficialDocument.issued_by(issuer, kind="BC", title="Báo cáo", excerpt="...", date=...)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from units.models import Membership, Role, Unit, UnitIdentity, UnitKind

from .official import Signer

# Positions of the head of a unit by kind, when neither the identity nor the person's own
# "chức vụ" says otherwise (printed upper case in the signer block).
HEAD_POSITION = {
    UnitKind.OFFICE: "Trưởng phòng",
    UnitKind.COMMUNE: "Chủ tịch",
    UnitKind.SCHOOL: "Hiệu trưởng",
    UnitKind.CENTRE: "Giám đốc",
    UnitKind.DISTRICT_CENTRE: "Giám đốc",
    UnitKind.ASSOCIATION: "Chủ tịch",
}
HEAD_ROLE = {
    UnitKind.OFFICE: Role.OFFICE_LEADER,
    UnitKind.COMMUNE: Role.OFFICE_LEADER,
    UnitKind.SCHOOL: Role.PRINCIPAL,
    UnitKind.CENTRE: Role.CENTRE_DIRECTOR,
    UnitKind.DISTRICT_CENTRE: Role.CENTRE_DIRECTOR,
    UnitKind.ASSOCIATION: Role.ASSOCIATION_OFFICER,
}
# Usual abbreviations of the first words of a unit's name; the rest of the name gives initials.
NAME_ABBREVIATIONS = [
    ("phòng giáo dục và đào tạo", "PGDĐT"),
    ("phòng gd&đt", "PGDĐT"),
    ("phòng văn hóa - xã hội", "PVHXH"),
    ("phòng văn hóa xã hội", "PVHXH"),
    ("trung tâm giáo dục nghề nghiệp - giáo dục thường xuyên", "TTGDNN-GDTX"),
    ("trung tâm gdnn-gdtx", "TTGDNN-GDTX"),
    ("trung tâm gdnn - gdtx", "TTGDNN-GDTX"),
    ("trung tâm học tập cộng đồng", "TTHTCĐ"),
    ("trường tiểu học và trung học cơ sở", "TH&THCS"),
    ("trường th&thcs", "TH&THCS"),
    ("trường trung học cơ sở", "THCS"),
    ("trường thcs", "THCS"),
    ("trường tiểu học", "TH"),
    ("trường mầm non", "MN"),
    ("trường mẫu giáo", "MG"),
    ("hội khuyến học", "HKH"),
    ("ủy ban nhân dân", "UBND"),
    ("ubnd", "UBND"),
]
# Words between the kind and the place that give no initial ("Trung tâm HTCĐ xã Pá Lùng" → "PL").
SKIPPED_WORDS = {"xã", "phường", "thị", "trấn", "huyện", "thị xã", "đặc", "khu", "(dữ", "liệu", "mẫu)"}
NOT_SET = "(chưa đặt)"


def _initial(word: str) -> str:
    first = word[:1]
    if first in "Đđ":
        return "Đ"
    return unicodedata.normalize("NFD", first)[:1].upper()


def derive_abbreviation(name: str) -> str:
    """ "Trường Tiểu học Lê Lợi" → "THLL"; "Trung tâm học tập cộng đồng xã Pá Lùng" → "TTHTCĐPL".

    Used only for a unit that has not set its own abbreviation (UnitIdentity.abbreviation)."""
    text = re.sub(r"\s+", " ", name or "").strip()
    lowered = text.lower()
    prefix = ""
    for start, abbreviation in NAME_ABBREVIATIONS:
        if lowered.startswith(start):
            prefix, text = abbreviation, text[len(start) :]
            break
    words = [w for w in re.split(r"[\s\-]+", text) if w and w.lower() not in SKIPPED_WORDS and w[:1].isalpha()]
    return (prefix + "".join(_initial(w) for w in words))[:30] or "ĐV"


@dataclass(frozen=True)
class Issuer:
    """What a unit prints on its documents; see the module docstring."""

    unit_id: int | None
    agency: str
    parent_agency: str = ""
    abbreviation: str = ""
    drafting_code: str = ""
    place: str = ""
    head: Signer = field(default_factory=lambda: Signer(position=""))
    deputy: Signer | None = None
    deputy_signs: bool = False
    recipients: tuple[str, ...] = ()
    archive: str = "VT."
    superior: str = ""  # the managing unit's agency line, for "(để b/c)"
    missing: tuple[str, ...] = ()

    def signer(self, *, head: bool = False) -> Signer:
        """The usual signer: the deputy "KT." when the unit says so (and a deputy is named), else the head."""
        if not head and self.deputy_signs and self.deputy is not None:
            return Signer(
                authority=f"KT. {self.head.position.upper()}",
                position=self.deputy.position.upper(),
                name=self.deputy.name,
            )
        return Signer(position=self.head.position.upper(), name=self.head.name)

    def recipients_or(self, *default: str) -> list[str]:
        return list(self.recipients) if self.recipients else [d for d in default if d]


def _identity(unit: Unit) -> UnitIdentity | None:
    try:
        return unit.identity
    except UnitIdentity.DoesNotExist:
        return None


def _head_person(unit: Unit) -> tuple[str, str]:
    """(name, position) of whoever holds the head role of `unit` today, or ("", "")."""
    role = HEAD_ROLE.get(unit.kind)
    if role is None:
        return "", ""
    from units.calendar import today

    membership = (
        Membership.objects.active_on(today())
        .filter(unit=unit, role=role)
        .select_related("user")
        .order_by("valid_from", "pk")
        .first()
    )
    if membership is None:
        return "", ""
    return membership.user.full_name or membership.user.get_username(), membership.user.position


def managing_unit(unit: Unit, ancestors: list[Unit] | None = None) -> Unit | None:
    """The unit above `unit` that manages it and receives its reports: the nearest office; where
    there is none (a commune at the top of its tree since July 2025), the nearest unit above with
    an identity set. A commune's People's Committee that sets its identity (to issue its own
    decisions) does not take the school's reports away from the office."""
    chain = list(reversed(ancestors if ancestors is not None else _ancestors(unit)))
    office = next((u for u in chain if u.kind == UnitKind.OFFICE), None)
    if office is not None:
        return office
    return next((u for u in chain if _identity(u) is not None), None)


def _ancestors(unit: Unit) -> list[Unit]:
    ids = unit.ancestor_ids()
    if not ids:
        return []
    return list(Unit.objects.filter(pk__in=ids).select_related("identity").order_by("depth"))


def _commune_of(unit: Unit, ancestors: list[Unit]) -> Unit | None:
    if unit.kind == UnitKind.COMMUNE:
        return unit
    return next((u for u in reversed(ancestors) if u.kind == UnitKind.COMMUNE), None)


def _committee_line(commune: Unit) -> str:
    """ "UBND xã Pá Lùng" (printed upper case): the People's Committee of the commune."""
    label = commune.level_label or "xã"
    return f"UBND {label.lower()} {commune.name}"


def _area_of(identity: UnitIdentity) -> str:
    """ "huyện Thử Nghiệm" from the parent line "UBND huyện Thử Nghiệm", so the office reads
    "Phòng Giáo dục và Đào tạo huyện Thử Nghiệm" in a recipient line; else the place name."""
    parent = identity.parent_agency.strip()
    for prefix in ("UBND ", "Ủy ban nhân dân ", "ỦY BAN NHÂN DÂN "):
        if parent.startswith(prefix):
            return parent[len(prefix) :].strip()
    return identity.place_name


def _plain_name(unit: Unit) -> str:
    # The demo marks its names "(dữ liệu mẫu)" on screen; paper carries the name only.
    return re.sub(r"\s*\(dữ liệu mẫu\)\s*$", "", unit.full_name)


def issuer_for(unit: Unit) -> Issuer:
    """The issuer of documents made by or for `unit` (see the module docstring). A few queries."""
    ancestors = _ancestors(unit)
    own = _identity(unit)
    manager = managing_unit(unit, ancestors)
    manager_identity = _identity(manager) if manager is not None else None
    commune = _commune_of(unit, ancestors)
    superior = ""
    if manager is not None:
        superior = manager_identity.official_name if manager_identity else _plain_name(manager)
        if manager_identity and manager.kind == UnitKind.OFFICE:
            superior = f"{superior} {_area_of(manager_identity)}".strip()

    if own is not None:
        head_name = own.head_name or _head_person(unit)[0]
        deputy = Signer(position=own.deputy_position, name=own.deputy_name) if own.deputy_position else None
        missing = []
        if not own.parent_agency and unit.kind != UnitKind.COMMUNE:
            missing.append("cơ quan chủ quản")
        if not (own.deputy_name if own.deputy_signs and deputy else head_name):
            missing.append("họ tên người ký")
        if not own.recipients and not superior:
            missing.append("nơi nhận")
        return Issuer(
            unit_id=unit.pk,
            agency=own.official_name,
            parent_agency=own.parent_agency,
            abbreviation=own.abbreviation,
            drafting_code=own.drafting_code,
            place=own.place_name,
            head=Signer(position=own.head_position, name=head_name),
            deputy=deputy,
            deputy_signs=own.deputy_signs and deputy is not None,
            recipients=tuple(own.recipient_list) or ((f"{superior} (để b/c);",) if superior else ()),
            archive=own.archive or "VT.",
            superior=superior,
            missing=tuple(missing),
        )

    # No identity of its own: take everything from the tree.
    head_name = _head_person(unit)[0]
    position = HEAD_POSITION.get(unit.kind, "Thủ trưởng đơn vị")
    missing = []
    if unit.kind == UnitKind.COMMUNE:
        agency = f"Ủy ban nhân dân {unit.full_name}"
        parent = ""
    else:
        agency = _plain_name(unit)
        if commune is not None:
            parent = _committee_line(commune)
        elif manager_identity is not None:
            parent = manager_identity.parent_agency or superior
        else:
            parent = _plain_name(manager) if manager is not None and manager.pk != unit.pk else ""
    if unit.kind in (UnitKind.OFFICE,) or (unit.kind == UnitKind.COMMUNE and manager is None):
        missing.append("thể thức văn bản của đơn vị (tên, cơ quan chủ quản, chữ viết tắt, địa danh, người ký)")
    if not head_name:
        missing.append("họ tên người ký")
    if commune is not None:
        place = commune.name
    elif manager_identity is not None:
        place = manager_identity.place_name
    else:
        place = ""
    if not place:
        missing.append("địa danh")
    return Issuer(
        unit_id=unit.pk,
        agency=agency,
        parent_agency=parent,
        # A commune's People's Committee signs as "UBND" (Số: 01/QĐ-UBND), the usual form.
        abbreviation="UBND" if unit.kind == UnitKind.COMMUNE else derive_abbreviation(agency),
        drafting_code="",
        place=place,
        head=Signer(position=position, name=head_name),
        recipients=(f"{superior} (để b/c);",) if superior else (),
        archive="VT.",
        superior=superior,
        missing=tuple(missing),
    )
