"""A generated PDF as words on lines, for documents/check.py: each page's words with their position
and font (pdfplumber), cut into segments (a run of words on one line without a column gap), and
the fonts a page uses without embedding them (pypdf). Pure functions, no Django."""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass, field

MM = 72 / 25.4  # PDF points per millimetre
A4 = (210 * MM, 297 * MM)
TOLERANCE = 1.5  # points: what rounding in the renderer may move a glyph
LEFT_MARGIN = 30 * MM
RIGHT_MARGIN = 15 * MM
BOTTOM_MARGIN = 20 * MM
LANDSCAPE_TOP_MARGIN = 30 * MM
TOP_MARGIN_BAND = 20 * MM  # a number printed above this line sits in the top margin

NATIONAL = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
SEGMENT_GAP = 14  # points of white space that separate the two columns of the header


@dataclass
class Segment:
    """A run of words on one line, without a column gap inside."""

    words: list[dict]
    page: int  # 0-based
    text: str = ""
    x0: float = 0
    x1: float = 0
    top: float = 0
    bottom: float = 0
    fonts: set[str] = field(default_factory=set)

    def __post_init__(self):
        self.text = " ".join(w["text"] for w in self.words)
        self.x0 = min(w["x0"] for w in self.words)
        self.x1 = max(w["x1"] for w in self.words)
        self.top = min(w["top"] for w in self.words)
        self.bottom = max(w["bottom"] for w in self.words)
        self.fonts = {base_font(w["fontname"]) for w in self.words}

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def bold(self) -> bool:
        return all(is_bold(w["fontname"]) for w in self.words if w["text"].strip("-–.,:;()“”\"'"))

    @property
    def italic(self) -> bool:
        return all(is_italic(w["fontname"]) for w in self.words)

    @property
    def upper(self) -> bool:
        return self.text == self.text.upper() and any(c.isalpha() for c in self.text)


@dataclass
class Page:
    number: int  # 0-based
    width: float
    height: float
    words: list[dict]
    segments: list[Segment]

    @property
    def landscape(self) -> bool:
        return self.width > self.height

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segments)

    def margin_number(self) -> Segment | None:
        """The page number: digits alone in the top margin band."""
        band = LANDSCAPE_TOP_MARGIN if self.landscape else TOP_MARGIN_BAND
        for s in self.segments:
            if s.bottom <= band + TOLERANCE and re.fullmatch(r"\d+", s.text):
                return s
        return None

    def body_segments(self) -> list[Segment]:
        number = self.margin_number()
        return [s for s in self.segments if s is not number]


def base_font(name: str) -> str:
    """ "ABCDEF+LiberationSerif-Bold" → "LiberationSerif-Bold" (without the subset tag)."""
    return name.split("+", 1)[1] if re.match(r"^[A-Z]{6}\+", name) else name


def is_bold(name: str) -> bool:
    return bool(re.search(r"bold|black|heavy|semibold", name, re.I))


def is_italic(name: str) -> bool:
    return bool(re.search(r"italic|oblique", name, re.I))


def is_document_font(name: str) -> bool:
    flat = re.sub(r"[\s,_-]", "", base_font(name)).lower()
    return flat.startswith(("liberationserif", "timesnewroman", "times"))


def normalise(text: str) -> str:
    """NFC (a PDF may give "Ộ" as O, circumflex and dot below) with single spaces."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text).replace("\u00a0", " ")).strip()


def _segments(words: list[dict], page: int) -> list[Segment]:
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - word["top"]) <= 2.5:
            lines[-1].append(word)
        else:
            lines.append([word])
    segments = []
    for line in lines:
        line.sort(key=lambda w: w["x0"])
        run = [line[0]]
        for word in line[1:]:
            if word["x0"] - run[-1]["x1"] > SEGMENT_GAP:
                segments.append(Segment(run, page))
                run = []
            run.append(word)
        segments.append(Segment(run, page))
    return segments


def split_columns(page: Page, boundary: float) -> None:
    """Cut the header's segments that cross `boundary` (the left edge of the Quốc hiệu): the two
    columns of the header may stand closer than SEGMENT_GAP. The header ends with the line of
    "Số:" (and place, date); the centred title and the body below it are left whole."""
    number = next((s for s in page.segments if s.text.startswith("Số")), None)
    national = next((s for s in page.segments if s.x0 <= boundary + TOLERANCE <= s.x1), None)
    end = number.top + 2.5 if number else (national.bottom + 40 if national else 0)
    result = []
    for segment in page.segments:
        left = [w for w in segment.words if w["x0"] < boundary - TOLERANCE]
        right = [w for w in segment.words if w["x0"] >= boundary - TOLERANCE]
        if left and right and segment.top <= end:
            result += [Segment(left, page.number), Segment(right, page.number)]
        else:
            result.append(segment)
    page.segments = result


def national_start(page: Page) -> float | None:
    """x of the word "CỘNG" that begins the Quốc hiệu on this page, if it is there."""
    for word in page.words:
        if word["text"].upper() != "CỘNG":
            continue
        line = sorted(
            (w for w in page.words if abs(w["top"] - word["top"]) <= 2.5 and w["x0"] >= word["x0"]),
            key=lambda w: w["x0"],
        )
        if " ".join(w["text"] for w in line[: len(NATIONAL.split())]).upper().startswith(NATIONAL):
            return word["x0"]
    return None


def same_line(page: Page, segment: Segment, *, right_of: float | None = None, left_of: float | None = None) -> str:
    """The text of `segment` and the segments beside it on its line, on the same side of the header:
    a number or a day left blank for the clerk leaves a gap wider than a column gap."""
    parts = [
        s
        for s in page.segments
        if abs(s.top - segment.top) <= 2.5
        and (right_of is None or s.x0 >= right_of - TOLERANCE)
        and (left_of is None or s.x0 < left_of - TOLERANCE)
    ]
    return normalise(" ".join(s.text for s in sorted(parts, key=lambda s: s.x0)))


def read_pages(pdf_bytes: bytes) -> list[Page]:
    import pdfplumber

    pages = []
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        for index, page in enumerate(pdf.pages):
            words = page.extract_words(extra_attrs=["fontname"], keep_blank_chars=False, use_text_flow=False)
            for word in words:
                word["text"] = normalise(word["text"])
            words = [w for w in words if w["text"]]
            pages.append(Page(index, float(page.width), float(page.height), words, _segments(words, index)))
    return pages


def unembedded_fonts(pdf_bytes: bytes) -> set[str]:
    """Names of the fonts a page uses without carrying the font file."""
    from pypdf import PdfReader

    missing: set[str] = set()
    seen: set[int] = set()

    def visit_resources(resources):
        if resources is None:
            return
        resources = resources.get_object()
        fonts = resources.get("/Font")
        if fonts is not None:
            for ref in fonts.get_object().values():
                font = ref.get_object()
                if id(font) in seen:
                    continue
                seen.add(id(font))
                if font.get("/Subtype") == "/Type3":
                    continue  # drawn with PDF operators, nothing to embed
                descriptor_owner = font
                if font.get("/Subtype") == "/Type0":
                    descriptor_owner = font["/DescendantFonts"][0].get_object()
                descriptor = descriptor_owner.get("/FontDescriptor")
                descriptor = descriptor.get_object() if descriptor is not None else {}
                if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                    missing.add(base_font(str(font.get("/BaseFont", "?")).lstrip("/")))
        xobjects = resources.get("/XObject")
        if xobjects is not None:
            for ref in xobjects.get_object().values():
                xobject = ref.get_object()
                if xobject.get("/Subtype") == "/Form" and id(xobject) not in seen:
                    seen.add(id(xobject))
                    visit_resources(xobject.get("/Resources"))

    for page in PdfReader(io.BytesIO(pdf_bytes)).pages:
        visit_resources(page.get("/Resources"))
    return missing
