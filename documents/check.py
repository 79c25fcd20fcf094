"""The automated check of an official document, written from Nghị định 30/2020/NĐ-CP, Phụ lục I.

`check_official_pdf(pdf_bytes, kind=...)` reads a generated PDF (words with their positions and
fonts, through pdfplumber; the font objects through pypdf) and returns the problems a clerk would
send back, in Vietnamese; an empty list means the document can leave the office as it is.
Pure functions: no database, no Django. The suite runs it over one document of each kind
(tests/documents/test_every_document.py); docs/documents.md lists what it checks.

What is measured, and why:
- A4, portrait or landscape (mục I.4).
- Page 1, left: the parent agency (cơ quan chủ quản) upper case, then the issuing agency upper case
  bold (mục II.3); right: Quốc hiệu and Tiêu ngữ bold (mục II.1, II.2).
- "Số: 05/BC-PGDĐT": a number below 10 with a leading zero, or a blank for the clerk; the type code
  of the kind (a công văn has none); the agency's abbreviation, never an internal unit code (II.4).
- "<Địa danh>, ngày dd tháng mm năm yyyy" in italics with a place (II.5).
- The title, upper case bold, for every kind but the công văn; a công văn has "V/v" under its
  number and "Kính gửi" (II.6).
- The signer's position and name, bold, and an authority that fits the agency (II.7); "Nơi nhận:"
  ending "- Lưu: VT, ..." (II.9).
- Margins: text never left of 30 mm nor right of 15 mm on any page; a landscape page keeps the
  30 mm on both possible bound edges, top and left (print.css, `@page landscape`).
- Page numbers from page 2, none on page 1; an annex restarts at 1 (I.6, II.13).
- Every font embedded, every text font Liberation Serif or Times (I.3).
- No screen-only text and no raw identifiers on paper; no "DỰ THẢO" mark (a draft is not sent).
"""

from __future__ import annotations

import re

from .pdf_words import (
    A4,
    BOTTOM_MARGIN,
    LANDSCAPE_TOP_MARGIN,
    LEFT_MARGIN,
    MM,
    NATIONAL,
    RIGHT_MARGIN,
    TOLERANCE,
    Page,
    Segment,
    base_font,
    is_document_font,
    national_start,
    normalise,
    read_pages,
    same_line,
    split_columns,
    unembedded_fonts,
)

MOTTO = "Độc lập - Tự do - Hạnh phúc"

# kind → (type code of the number, title word). Type codes: Nghị định 30/2020, Phụ lục III.
KINDS = {
    "bao_cao": ("BC", "BÁO CÁO"),
    "quyet_dinh": ("QĐ", "QUYẾT ĐỊNH"),
    "ke_hoach": ("KH", "KẾ HOẠCH"),
    "to_trinh": ("TTr", "TỜ TRÌNH"),
    "bien_ban": ("BB", "BIÊN BẢN"),
    "thong_bao": ("TB", "THÔNG BÁO"),
    "huong_dan": ("HD", "HƯỚNG DẪN"),
    "danh_sach": ("DS", "DANH SÁCH"),
    "giay_chung_nhan": ("GCN", "GIẤY CHỨNG NHẬN"),
    "cong_van": ("", ""),
}
TYPE_CODES = {code for code, _ in KINDS.values() if code}
# A certificate is handed to its holder: it has no "Nơi nhận" list.
WITHOUT_RECIPIENTS = {"giay_chung_nhan"}

SCREEN_ONLY = ("bấm vào", "nhấn vào", "tải pdf", "tải excel", "quay lại", "xem trước", "click")
RAW_IDS = (
    (re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", re.I), "mã UUID"),
    (re.compile(r"\bHH-\w+"), "mã hộ nội bộ (HH-…)"),
    (re.compile(r"\(\s*[A-Z]{1,3}\d{1,3}-\d{2,}\s*\)"), "mã hộ gia đình"),
    (re.compile(r"\bDEMO-[A-Z0-9-]+", re.I), "mã đơn vị nội bộ"),
)
PLACE_LEVELS = ("XÃ ", "PHƯỜNG ", "THỊ TRẤN ", "HUYỆN ", "QUẬN ", "THỊ XÃ ", "TỈNH ", "THÀNH PHỐ ", "ĐẶC KHU ")
BARE_PARENTS = {"UBND", "ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN"}
# Agencies printed without a parent line: the People's Committees and Councils (Phụ lục I, mục II.3).
SELF_STANDING = ("ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN", "UBND", "HỘI ĐỒNG NHÂN DÂN", "HĐND")


def kind_codes(kind: str) -> tuple[str, str]:
    """(type code, title) of a kind given by its name ("bao_cao") or its type code ("BC")."""
    if kind in KINDS:
        return KINDS[kind]
    if kind.upper() == "CV":  # documents.official.DOCUMENT_KINDS names the công văn "CV"
        return KINDS["cong_van"]
    for code, title in KINDS.values():
        if code and code.lower() == kind.lower():
            return code, title
    raise ValueError(f"Unknown document kind {kind!r}; use one of {sorted(KINDS)} or a type code.")


def _kind_name(kind: str) -> str:
    code, _ = kind_codes(kind)
    return next(name for name, (c, _) in KINDS.items() if c == code)


# The checks ---------------------------------------------------------------------------------------
def check_official_pdf(pdf_bytes: bytes, *, kind: str, unit_code: str = "", expect_annex: bool = False) -> list[str]:
    """Every rule of Phụ lục I this PDF breaks, as Vietnamese sentences; [] when it is sendable.

    `kind`: "bao_cao", "quyet_dinh", "ke_hoach", "cong_van", "giay_chung_nhan" ... or a type code
    ("BC", "QĐ"); `unit_code`: the issuing unit's internal code, which must not appear as the
    abbreviation; `expect_annex`: the document carries an annex (phụ lục) after its signature."""
    type_code, title = kind_codes(kind)
    name = _kind_name(kind)
    try:
        pages = read_pages(pdf_bytes)
    except Exception:
        return ["Không đọc được tệp PDF."]
    if not pages:
        return ["Tệp PDF không có trang nào."]
    problems: list[str] = []
    problems += check_page_size(pages)
    first = pages[0]
    boundary = national_start(first)
    if boundary is not None:
        split_columns(first, boundary)
    national = _find(first, lambda s: NATIONAL in s.text.upper())
    number = _find(first, lambda s: s.text.startswith("Số:") or s.text.startswith("Số :"))
    column = boundary if boundary is not None else first.width / 2
    number_text = same_line(first, number, left_of=column) if number else ""
    problems += check_national(first, national)
    problems += check_agency(first, national, number)
    problems += check_number(number_text, type_code=type_code, unit_code=unit_code)
    problems += check_place_date(first, column)
    if type_code:
        problems += check_title(first, title, below=number)
    else:
        problems += check_letter(first, number)
    signature_page = _signature_page(pages)
    if name not in WITHOUT_RECIPIENTS:
        problems += check_recipients(pages[signature_page])
    problems += check_signer(pages[signature_page])
    problems += check_authority(first, pages[signature_page])
    problems += check_margins(pages)
    # Whatever follows the signature is an annex (phụ lục), numbered apart.
    annex_start = signature_page + 1 if signature_page + 1 < len(pages) else None
    problems += check_page_numbers(pages, annex_start=annex_start)
    if expect_annex and annex_start is None:
        problems.append("Thiếu phụ lục (danh sách kèm theo) sau phần ký.")
    problems += check_fonts(pages, pdf_bytes)
    problems += check_paper_text(pages)
    return problems


def _find(page: Page, test) -> Segment | None:
    return next((s for s in page.segments if test(s)), None)


def _signature_page(pages: list[Page]) -> int:
    """The page that closes the document proper: the one with "Nơi nhận:", else the last one."""
    for page in pages:
        if any(s.text.startswith("Nơi nhận") for s in page.segments):
            return page.number
    return len(pages) - 1


def check_page_size(pages: list[Page]) -> list[str]:
    bad = [
        p.number + 1 for p in pages if sorted((round(p.width), round(p.height))) != sorted((round(A4[0]), round(A4[1])))
    ]
    return [f"Trang {_pages(bad)} không phải khổ A4."] if bad else []


def check_national(first: Page, national: Segment | None) -> list[str]:
    problems = []
    if national is None:
        return [f"Thiếu Quốc hiệu “{NATIONAL}” ở trang 1."]
    if not national.bold:
        problems.append("Quốc hiệu phải in đậm.")
    if national.centre < first.width / 2:
        problems.append("Quốc hiệu phải ở góc trên bên phải trang 1.")
    motto = _find(first, lambda s: normalise(s.text).replace("–", "-") == MOTTO)
    if motto is None:
        problems.append(f"Thiếu Tiêu ngữ “{MOTTO}” dưới Quốc hiệu.")
    else:
        if not motto.bold:
            problems.append("Tiêu ngữ phải in đậm.")
        if motto.top < national.top or motto.centre < first.width / 2:
            problems.append("Tiêu ngữ phải ở ngay dưới Quốc hiệu, bên phải.")
    return problems


def check_agency(first: Page, national: Segment | None, number: Segment | None) -> list[str]:
    """Left of the Quốc hiệu and above "Số:": parent agency (upper case) then agency (upper, bold)."""
    right_column = national.x0 if national else first.width / 2
    limit = number.top if number else first.height / 4
    lines = [
        s
        for s in first.segments
        if s.centre < right_column
        and s.bottom <= limit + TOLERANCE
        and s is not first.margin_number()
        and not s.text.startswith("Số")
    ]
    lines = [s for s in lines if s.text.upper() != "DỰ THẢO"]
    bold_at = next((i for i, s in enumerate(lines) if s.bold), None)
    if bold_at is None:
        return ["Thiếu tên cơ quan ban hành (chữ in hoa, đậm) ở góc trên bên trái trang 1."]
    agency = [s for s in lines[bold_at:] if s.bold]
    parent = lines[:bold_at]
    problems = []
    if not all(s.upper for s in agency):
        problems.append("Tên cơ quan ban hành phải viết chữ in hoa.")
    agency_text = normalise(" ".join(s.text for s in agency)).upper()
    if not parent and agency_text.startswith(SELF_STANDING):
        return problems  # a People's Council or Committee has no parent agency (mục II.3: "nếu có")
    if not parent:
        problems.append("Thiếu tên cơ quan chủ quản (ví dụ “UBND HUYỆN …”) trên tên cơ quan ban hành.")
        return problems
    parent_text = normalise(" ".join(s.text for s in parent))
    if not all(s.upper for s in parent):
        problems.append("Tên cơ quan chủ quản phải viết chữ in hoa.")
    if parent_text.upper() in BARE_PARENTS:
        problems.append(f"Tên cơ quan chủ quản “{parent_text}” thiếu địa danh (ví dụ “UBND HUYỆN …”).")
    elif parent_text.upper().startswith(PLACE_LEVELS):
        problems.append(
            f"Cơ quan chủ quản “{parent_text}” là tên địa bàn, không phải tên cơ quan (ví dụ “UBND {parent_text}”)."
        )
    return problems


def check_number(text: str, *, type_code: str, unit_code: str) -> list[str]:
    """`text`: the whole "Số: 05/BC-PGDĐT" line ("" when there is none)."""
    if not text:
        return ["Thiếu dòng “Số: …/…” dưới tên cơ quan ban hành."]
    match = re.match(r"^Số\s*:\s*(\S*?)\s*/\s*(\S+)$", text)
    if match is None:
        return [f"Số văn bản “{text}” không có dạng “Số: 05/{type_code or 'PGDĐT'}-…”."]
    problems = []
    value, symbol = match.groups()
    if value and not value.isdigit():
        problems.append(f"Số văn bản “{value}” phải là chữ số (hoặc để trống cho văn thư ghi).")
    elif value.isdigit() and int(value) < 10 and len(value) < 2:
        problems.append(f"Số văn bản dưới 10 phải có số 0 ở trước (“0{value}”, không phải “{value}”).")
    if type_code:
        if not symbol.startswith(f"{type_code}-"):
            problems.append(f"Ký hiệu “{symbol}” phải bắt đầu bằng mã loại văn bản “{type_code}-”.")
            abbreviation = symbol.split("-", 1)[-1]
        else:
            abbreviation = symbol[len(type_code) + 1 :]
    else:
        head = symbol.split("-", 1)[0]
        if head in TYPE_CODES:
            problems.append(f"Công văn không có mã loại văn bản trong ký hiệu (“{symbol}”).")
            abbreviation = symbol.split("-", 1)[-1]
        else:
            abbreviation = symbol
    if not abbreviation:
        problems.append("Ký hiệu thiếu chữ viết tắt tên cơ quan ban hành.")
    elif "DEMO-" in abbreviation.upper() or (unit_code and unit_code.upper() in abbreviation.upper()):
        problems.append(f"Ký hiệu “{symbol}” dùng mã đơn vị nội bộ thay cho chữ viết tắt tên cơ quan.")
    return problems


DATE_RE = re.compile(r"^(?P<place>.*?),?\s*ngày\s*(?P<day>\d*)\s*tháng\s*(?P<month>\d*)\s*năm\s*(?P<year>\d{4})$")


def check_place_date(first: Page, column: float) -> list[str]:
    line = match = None
    for s in first.segments:
        if s.x0 < column - TOLERANCE:
            continue
        match = DATE_RE.match(same_line(first, s, right_of=column))
        if match:
            line = s
            break
    if line is None:
        return ["Thiếu dòng địa danh, ngày tháng năm (“<Địa danh>, ngày … tháng … năm …”) bên phải trang 1."]
    problems = []
    parts = match.groupdict()
    if not parts["place"].strip(" ,"):
        problems.append("Dòng ngày tháng thiếu địa danh (“Hạ Long, ngày …”).")
    if parts["day"] and len(parts["day"]) < 2:
        problems.append(f"Ngày dưới 10 phải có số 0 ở trước (“ngày 0{parts['day']}”).")
    if parts["month"] and int(parts["month"]) <= 2 and len(parts["month"]) < 2:
        problems.append(f"Tháng 1 và 2 phải có số 0 ở trước (“tháng 0{parts['month']}”).")
    if not line.italic:
        problems.append("Dòng địa danh, ngày tháng phải in nghiêng.")
    return problems


def check_title(first: Page, title: str, *, below: Segment | None) -> list[str]:
    top = below.bottom if below else 0
    for s in first.segments:
        if s.top >= top and normalise(s.text).upper().startswith(title):
            problems = []
            if not s.upper:
                problems.append(f"Tên loại văn bản “{s.text}” phải viết chữ in hoa.")
            if not s.bold:
                problems.append(f"Tên loại văn bản “{s.text}” phải in đậm.")
            return problems
    return [f"Thiếu tên loại văn bản “{title}” (chữ in hoa, đậm) dưới phần đầu trang 1."]


def check_letter(first: Page, number: Segment | None) -> list[str]:
    problems = []
    subject = _find(first, lambda s: s.text.startswith("V/v"))
    if subject is None:
        problems.append("Công văn thiếu trích yếu “V/v …” dưới số văn bản.")
    elif number is not None and (subject.top < number.top or subject.centre > first.width / 2):
        problems.append("Trích yếu “V/v …” của công văn phải ở dưới số văn bản, bên trái.")
    if _find(first, lambda s: s.text.startswith("Kính gửi")) is None:
        problems.append("Công văn thiếu dòng “Kính gửi: …”.")
    return problems


def check_recipients(page: Page) -> list[str]:
    label = _find(page, lambda s: s.text.startswith("Nơi nhận"))
    if label is None:
        return ["Thiếu “Nơi nhận:” ở cuối văn bản."]
    lines = [
        s for s in page.body_segments() if s.top > label.top and s.x0 < label.x0 + 20 and s.centre < page.width / 2
    ]
    dashed = [s for s in lines if s.text.startswith(("-", "–"))]
    if not dashed:
        return ["“Nơi nhận:” không có dòng nào (“- Sở GD&ĐT; … - Lưu: VT, …”)."]
    problems = []
    for line in dashed:
        bare = re.match(r"^[-–]\s*(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s*(\(|;|\.|$)", normalise(line.text), re.I)
        if bare:
            problems.append(f"Nơi nhận “{bare.group(1)}” thiếu cấp và địa danh (ví dụ “UBND huyện …”).")
    if not re.match(r"^[-–]\s*Lưu\s*:\s*VT\b", normalise(dashed[-1].text)):
        problems.append("Nơi nhận phải kết thúc bằng dòng “- Lưu: VT, …”.")
    return problems


def check_signer(page: Page) -> list[str]:
    """Right column, in the lower part of the signature page: the position (upper case bold) and,
    below it, the name (bold, not upper case)."""
    label = _find(page, lambda s: s.text.startswith("Nơi nhận"))
    start = label.top - 30 if label else page.height / 3
    # The signer column is the right half of the text area; a centred line (centre near the middle)
    # is body text, not the signature.
    right = [s for s in page.body_segments() if s.centre > page.width * 0.6 and s.top >= start]
    position = next((s for s in right if s.bold and s.upper), None)
    if position is None:
        return ["Thiếu chức vụ người ký (chữ in hoa, đậm) ở phần ký."]
    names = [s for s in right if s.top > position.bottom and s.bold and not s.upper]
    if not names or len(names[-1].text.split()) < 2:
        return ["Thiếu họ và tên người ký (in đậm) dưới chức vụ."]
    return []


def _agency_text(first: Page) -> str:
    """The issuing agency's name as printed (bold, top left), upper case."""
    national = _find(first, lambda s: NATIONAL in s.text.upper())
    number = _find(first, lambda s: s.text.startswith("Số"))
    column = national.x0 if national else first.width / 2
    limit = number.top if number else first.height / 4
    bold = [s for s in first.segments if s.centre < column and s.bottom <= limit + TOLERANCE and s.bold]
    return normalise(" ".join(s.text for s in bold)).upper()


def check_authority(first: Page, signature: Page) -> list[str]:
    """The signer's authority fits the agency (mục II.7): a "CHỦ TỊCH" signs only for a People's
    Committee or Council; a decision headed by the chairman ("CHỦ TỊCH ỦY BAN NHÂN DÂN …", the
    individual regime) is signed "CHỦ TỊCH", not "TM. ỦY BAN NHÂN DÂN" (the collective one)."""
    label = _find(signature, lambda s: s.text.startswith("Nơi nhận"))
    start = label.top - 30 if label else signature.height / 3
    block = [s for s in signature.body_segments() if s.centre > signature.width * 0.6 and s.top >= start and s.bold]
    lines = [normalise(s.text).upper() for s in block]
    problems = []
    agency = _agency_text(first)
    if any(line.startswith("CHỦ TỊCH") for line in lines) and agency and not agency.startswith(SELF_STANDING):
        problems.append(f"Chức vụ “CHỦ TỊCH” không có ở {agency}: người ký phải là người đứng đầu cơ quan này.")
    heading = _find(first, lambda s: normalise(s.text).upper().startswith("CHỦ TỊCH ỦY BAN NHÂN DÂN"))
    if heading is not None and any(line.startswith("TM.") for line in lines):
        problems.append("Quyết định của Chủ tịch (“CHỦ TỊCH ỦY BAN NHÂN DÂN …”) không ký “TM. ỦY BAN NHÂN DÂN”.")
    return problems


def check_margins(pages: list[Page]) -> list[str]:
    problems = []
    for page in pages:
        body = page.body_segments()
        if not body:
            continue
        left = min(s.x0 for s in body)
        right = max(s.x1 for s in body)
        where = "ngang" if page.landscape else "dọc"
        if left < LEFT_MARGIN - TOLERANCE:
            problems.append(
                f"Trang {page.number + 1} (khổ {where}): chữ bắt đầu cách mép trái {left / MM:.0f} mm, "
                "lề bên đóng gáy phải từ 30 mm."
            )
        if right > page.width - RIGHT_MARGIN + TOLERANCE:
            problems.append(
                f"Trang {page.number + 1}: chữ tràn lề phải (còn {(page.width - right) / MM:.0f} mm, phải từ 15 mm)."
            )
        if page.landscape:
            top = min(s.top for s in body)
            if top < LANDSCAPE_TOP_MARGIN - TOLERANCE:
                problems.append(
                    f"Trang {page.number + 1} (khổ ngang): chữ bắt đầu cách mép trên {top / MM:.0f} mm, "
                    "lề bên đóng gáy phải từ 30 mm."
                )
        bottom = max(s.bottom for s in body)
        if bottom > page.height - BOTTOM_MARGIN + TOLERANCE:
            problems.append(f"Trang {page.number + 1}: chữ tràn lề dưới (còn {(page.height - bottom) / MM:.0f} mm).")
    return problems


def check_page_numbers(pages: list[Page], *, annex_start: int | None) -> list[str]:
    problems = []
    if pages[0].margin_number() is not None:
        problems.append("Trang 1 không đánh số trang.")
    if annex_start is not None and pages[annex_start].margin_number() is not None:
        problems.append("Trang đầu của phụ lục không đánh số trang (phụ lục đánh số riêng).")
    missing, wrong, continued = [], [], []
    for page in pages[1:]:
        in_annex = annex_start is not None and page.number >= annex_start
        if in_annex and page.number == annex_start:
            continue
        expected = page.number - annex_start + 1 if in_annex else page.number + 1
        mark = page.margin_number()
        if mark is None:
            missing.append(page.number + 1)
            continue
        value = int(mark.text)
        if in_annex and value == page.number + 1:
            continued.append(page.number + 1)
        elif value != expected:
            wrong.append(page.number + 1)
        area_centre = (LEFT_MARGIN + page.width - RIGHT_MARGIN) / 2
        if abs(mark.centre - area_centre) > 15 * MM and abs(mark.centre - page.width / 2) > 15 * MM:
            problems.append(f"Số trang {page.number + 1} phải ở giữa lề trên.")
    if missing:
        problems.append(f"Thiếu số trang ở giữa lề trên từ trang 2 (trang {_pages(missing)}).")
    if continued:
        problems.append(
            f"Phụ lục tiếp tục số trang của văn bản (trang {_pages(continued)}); phụ lục đánh số riêng từ 1."
        )
    if wrong:
        problems.append(f"Số trang in sai thứ tự (trang {_pages(wrong)}).")
    return problems


def check_fonts(pages: list[Page], pdf_bytes: bytes) -> list[str]:
    problems = []
    missing = unembedded_fonts(pdf_bytes)
    if missing:
        problems.append(f"Phông chữ không được nhúng vào tệp: {', '.join(sorted(missing))}.")
    others = sorted({base_font(w["fontname"]) for p in pages for w in p.words if not is_document_font(w["fontname"])})
    if others:
        problems.append(f"Chữ phải dùng phông Times New Roman (Liberation Serif), không dùng: {', '.join(others)}.")
    return problems


def check_paper_text(pages: list[Page]) -> list[str]:
    problems = []
    if any(normalise(s.text).upper() == "DỰ THẢO" for s in pages[0].segments):
        problems.append("Văn bản còn ghi “DỰ THẢO”: chưa phải bản để ký, gửi đi.")
    text = normalise(" ".join(p.text for p in pages))
    lowered = text.lower()
    for phrase in SCREEN_ONLY:
        if phrase in lowered:
            problems.append(f"Chữ chỉ dành cho màn hình lọt vào bản in: “{phrase}”.")
    for pattern, label in RAW_IDS:
        found = pattern.search(text)
        if found:
            problems.append(f"Bản in có {label}: “{found.group(0)}”.")
    decimal = re.search(r"\d+\.\d+\s*%", text)
    if decimal:
        problems.append(
            f"Tỉ lệ viết dấu thập phân bằng dấu phẩy (“{decimal.group(0).replace('.', ',')}”), không dùng dấu chấm."
        )
    return problems


def _pages(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers)
