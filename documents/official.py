"""Official documents (văn bản hành chính) per Nghị định 30/2020/NĐ-CP, Phụ lục I.

A module builds an `OfficialDocument` and renders a template that extends
`documents/official.html`; the same template is the browser preview and, through
`render_official_pdf()`, the PDF. See docs/documents.md."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Type codes of administrative documents (Nghị định 30/2020, Phụ lục III). A công văn has none.
DOCUMENT_TYPES = {
    "BC": _("Báo cáo"),
    "KH": _("Kế hoạch"),
    "TTr": _("Tờ trình"),
    "BB": _("Biên bản"),
    "QĐ": _("Quyết định"),
    "TB": _("Thông báo"),
    "HD": _("Hướng dẫn"),
    "GCN": _("Giấy chứng nhận"),
    "DS": _("Danh sách"),
}

# The kinds of document the portal issues: type code and the title printed in capitals.
DOCUMENT_KINDS = {
    "BC": "Báo cáo",
    "QĐ": "Quyết định",
    "KH": "Kế hoạch",
    "CV": "",  # công văn: no type code and no title line; "V/v ..." under the number
    "TTr": "Tờ trình",
    "BB": "Biên bản",
    "GCN": "Giấy chứng nhận",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
}

BLANK = "\u00a0" * 6  # space left on paper for the clerk to write a number or day by hand


def vn_document_date(place: str, date: datetime.date | None, *, blank_day: bool = False) -> str:
    """ "Hạ Long, ngày 05 tháng 10 năm 2020".

    Nghị định 30/2020, Phụ lục I, mục II.4.b: days below 10 and the months 1 and 2 take a
    leading zero (so "ngày 05 tháng 02", but "ngày 15 tháng 3"). With `blank_day` (a document
    dated when it is signed) the day and month are left blank to be written by hand."""
    if date is None or blank_day:
        # the local date in settings.TIME_ZONE, as units.calendar.today() (documents imports no app)
        year = date.year if date else timezone.localdate().year
        text = f"ngày{BLANK}tháng{BLANK}năm {year}"
    else:
        day = f"{date.day:02d}"
        month = f"{date.month:02d}" if date.month <= 2 else str(date.month)
        text = f"ngày {day} tháng {month} năm {date.year}"
    return f"{place}, {text}" if place else text


def document_number(number: str | int | None) -> str:
    """ "05" for 5 (Nghị định 30/2020, Phụ lục I, mục II.3: numbers below 10 take a leading zero);
    blank space for the clerk when the number is given at issue."""
    if number in (None, ""):
        return BLANK
    text = str(number).strip()
    return f"0{text}" if text.isdigit() and len(text) == 1 else text


def document_symbol(number: str | int | None, type_code: str, agency_code: str, *, drafting_code: str = "") -> str:
    """ "12/BC-PGDĐT" for a report, "12/PGDĐT-GDTX" for a công văn (no type code).

    Without a number the space is left blank for the clerk (số văn bản is given when issued)."""
    number_text = document_number(number)
    if type_code:
        return f"{number_text}/{type_code}-{agency_code}"
    return f"{number_text}/{agency_code}" + (f"-{drafting_code}" if drafting_code else "")


@dataclass
class Signer:
    """Thẩm quyền ký: "KT. TRƯỞNG PHÒNG" over "PHÓ TRƯỞNG PHÒNG", then the name (bold).

    `authority` is empty when the head signs in their own name (the position is then enough)."""

    position: str  # e.g. "PHÓ TRƯỞNG PHÒNG", "TRƯỞNG PHÒNG", "HIỆU TRƯỞNG", "GIÁM ĐỐC"
    name: str = ""
    authority: str = ""  # e.g. "KT. TRƯỞNG PHÒNG", "TM. ỦY BAN NHÂN DÂN", "TL. ..."


@dataclass
class OfficialDocument:
    """Everything the official header, title and footer blocks need.

    Example (a district office's report):

        OfficialDocument(
            parent_agency="UBND HUYỆN THỬ NGHIỆM", agency="PHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
            agency_code="PGDĐT", type_code="BC", number="12",
            place="Hạ Long", date=datetime.date(2020, 10, 5),
            title="BÁO CÁO", excerpt="Tổng kết công tác giáo dục thường xuyên năm học 2019-2020",
            recipients=["Sở GD&ĐT (để b/c);", "UBND huyện (để b/c);"], archive="VT, GDTX.",
            signer=Signer(authority="KT. TRƯỞNG PHÒNG", position="PHÓ TRƯỞNG PHÒNG", name="Trần Văn A"),
        )
    """

    agency: str
    title: str
    parent_agency: str = ""
    agency_code: str = ""
    type_code: str = ""  # BC, KH, TTr, BB, QĐ ... ; empty for a công văn
    number: str | int | None = None
    drafting_code: str = ""  # công văn only: the drafting unit after the agency code
    place: str = ""
    date: datetime.date | None = None
    blank_day: bool = False
    excerpt: str = ""  # trích yếu: under the title, or "V/v ..." under the number for a công văn
    recipients: list[str] = field(default_factory=list)
    archive: str = "VT."  # "- Lưu: VT, GDTX." closes the recipients list
    signer: Signer | None = None
    addressee: str = ""  # công văn: "Kính gửi: ..."
    draft: bool = False  # prints "DỰ THẢO" across the top: not yet an issued document
    # A decision: the authority line under the title ("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ PÁ LÙNG") and the
    # "Căn cứ ..." lines (type, number, date, issuer, title: units.legal.LegalText.basis_line()).
    authority_heading: str = ""
    bases: list[str] = field(default_factory=list)
    # Body as data (documents.blocks): the generic body template and the Word export read these;
    # a module may instead override {% block body %} of documents/official.html.
    blocks: list = field(default_factory=list)
    annexes: list = field(default_factory=list)  # documents.blocks.Annex: pages numbered apart
    missing: tuple[str, ...] = ()  # what the issuer still has to set (shown on the preview only)
    # A document that is one wide table (a statistical biểu): every page landscape, page 1 included,
    # instead of a portrait page 1 holding only the header.
    landscape: bool = False

    @classmethod
    def issued_by(cls, issuer, *, kind: str, signer: Signer | None = None, **fields) -> OfficialDocument:
        """The document of `issuer` (documents.issuer.Issuer): header, place, signer and recipients
        from the unit's identity; `kind` is a key of DOCUMENT_KINDS ("CV" for a công văn)."""
        if kind not in DOCUMENT_KINDS:
            raise ValueError(f"Unknown document kind {kind!r}")
        values = {
            "parent_agency": issuer.parent_agency,
            "agency": issuer.agency,
            "agency_code": issuer.abbreviation,
            "drafting_code": issuer.drafting_code if kind == "CV" else "",
            "type_code": "" if kind == "CV" else kind,
            "title": DOCUMENT_KINDS[kind],
            "place": issuer.place,
            "recipients": list(issuer.recipients),
            "archive": issuer.archive,
            "signer": signer or issuer.signer(),
            "missing": issuer.missing,
        }
        values.update(fields)
        return cls(**values)

    @property
    def symbol(self) -> str:
        return document_symbol(self.number, self.type_code, self.agency_code, drafting_code=self.drafting_code)

    @property
    def place_date(self) -> str:
        return vn_document_date(self.place, self.date, blank_day=self.blank_day)

    @property
    def is_letter(self) -> bool:
        """A công văn: no type code, no title line; its excerpt "V/v ..." sits under the number."""
        return not self.type_code

    @property
    def recipient_lines(self) -> list[str]:
        lines = [r if r.startswith("-") else f"- {r}" for r in self.recipients]
        if self.archive:
            lines.append(f"- Lưu: {self.archive}")
        return lines
