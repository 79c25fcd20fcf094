"""The legal texts the portal cites, and the legal parameters taken from them, in one place.

Every threshold, age band, target, validity, deadline and money minimum a module applies is a
`LegalParameter`: its value, the `LegalText` it comes from (by key), the article, and the years it
applies to. Pages and documents print `cite()` / `LegalText.basis_line()` from here, never a
citation typed by hand (tests/test_legal_registry.py scans the sources for free-text citations).

`verified` says whether number, date, issuer and title were read in a public copy of the text
(the search notes are in the report of issue 14). A text that was not is printed with
"(cần xác minh)"; a parameter with no source at all (`source=None`) is an office setting.
DOMAIN.md §2–§6 names the sources; where it and a public copy differ, the public copy wins and the
note below says so.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

UNVERIFIED = "(cần xác minh)"


def long_date(date: datetime.date) -> str:
    """ "ngày 24 tháng 3 năm 2014", "ngày 05 tháng 02 năm 2020": the rule of Nghị định 30/2020,
    Phụ lục I, II.4.b (days below 10 and the months 1 and 2 take a leading zero), the same as
    documents.official.vn_document_date (units imports no app of ours; a test compares both)."""
    month = f"{date.month:02d}" if date.month <= 2 else str(date.month)
    return f"ngày {date.day:02d} tháng {month} năm {date.year}"


@dataclass(frozen=True)
class LegalText:
    """One legal text: "Nghị định" "20/2014/NĐ-CP" of 24/3/2014 by "Chính phủ", "về phổ cập …".

    `title` is the trích yếu as it follows the issuer in a "Căn cứ" line ("về …", "phê duyệt …",
    "hướng dẫn …"). `date` is None when no public copy gave it."""

    key: str
    kind: str
    number: str
    date: datetime.date | None
    issuer: str
    title: str
    verified: bool = True

    @property
    def short(self) -> str:
        """ "Nghị định 20/2014/NĐ-CP"."""
        return f"{self.kind} {self.number}"

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None

    def basis_line(self) -> str:
        """The "Căn cứ" line of an official document (DOMAIN.md §6: type, number, date, issuer,
        title): "Căn cứ Nghị định số 20/2014/NĐ-CP ngày 24 tháng 3 năm 2014 của Chính phủ về phổ
        cập giáo dục, xóa mù chữ;" — with "(cần xác minh)" before the semicolon when unverified."""
        parts = [f"Căn cứ {self.kind} số {self.number}"]
        if self.date:
            parts.append(long_date(self.date))
        parts.append(f"của {self.issuer}")
        if self.title:
            parts.append(self.title)
        if not self.verified:
            parts.append(UNVERIFIED)
        return " ".join(parts) + ";"

    @property
    def full(self) -> str:
        """ "Quyết định số 281/QĐ-TTg ngày 20/02/2014 của Thủ tướng Chính phủ": type, number, date and
        issuer, for a page's citation of a number (no date when none was found)."""
        dated = f" ngày {self.date:%d/%m/%Y}" if self.date else ""
        return f"{self.kind} số {self.number}{dated} của {self.issuer}"

    def cite(self, article: str = "", *, full: bool = False) -> str:
        """ "Nghị định 20/2014/NĐ-CP, Điều 20, khoản 1" (+ " (cần xác minh)" when unverified);
        with `full`, the text is named by `full` (type, number, date, issuer)."""
        name = self.full if full else self.short
        text = f"{name}, {article}" if article else name
        return text if self.verified else f"{text} {UNVERIFIED}"


_MOET = "Bộ trưởng Bộ Giáo dục và Đào tạo"

TEXTS: dict[str, LegalText] = {
    t.key: t
    for t in (
        # Confirmed: number, date 24/03/2014, Chính phủ, title (public copies of the Nghị định).
        LegalText(
            "nd20_2014",
            "Nghị định",
            "20/2014/NĐ-CP",
            datetime.date(2014, 3, 24),
            "Chính phủ",
            "về phổ cập giáo dục, xóa mù chữ",
        ),
        # Confirmed: 05/03/2020, Chính phủ, "về công tác văn thư".
        LegalText(
            "nd30_2020",
            "Nghị định",
            "30/2020/NĐ-CP",
            datetime.date(2020, 3, 5),
            "Chính phủ",
            "về công tác văn thư",
        ),
        # Confirmed: 12/06/2025, in force 01/07/2025.
        LegalText(
            "nd142_2025",
            "Nghị định",
            "142/2025/NĐ-CP",
            datetime.date(2025, 6, 12),
            "Chính phủ",
            "quy định về phân định thẩm quyền của chính quyền địa phương hai cấp trong lĩnh vực quản lý "
            "nhà nước của Bộ Giáo dục và Đào tạo",
        ),
        # Confirmed: 20/02/2014 (Đề án 281).
        LegalText(
            "qd281_2014",
            "Quyết định",
            "281/QĐ-TTg",
            datetime.date(2014, 2, 20),
            "Thủ tướng Chính phủ",
            "phê duyệt Đề án “Đẩy mạnh phong trào học tập suốt đời trong gia đình, dòng họ, cộng đồng đến năm 2020”",
        ),
        # Confirmed: 25/03/2022; the title is the Chương trình "Đẩy mạnh phong trào học tập suốt đời
        # trong gia đình, dòng họ, cộng đồng, đơn vị giai đoạn 2021 - 2030" (not "Xây dựng xã hội học
        # tập", which is Quyết định 1373/QĐ-TTg of 30/7/2021).
        LegalText(
            "qd387_2022",
            "Quyết định",
            "387/QĐ-TTg",
            datetime.date(2022, 3, 25),
            "Thủ tướng Chính phủ",
            "phê duyệt Chương trình “Đẩy mạnh phong trào học tập suốt đời trong gia đình, dòng họ, cộng "
            "đồng, đơn vị giai đoạn 2021 - 2030”",
        ),
        # Not confirmed in a public copy this session: dates left blank.
        LegalText(
            "tt25_2023",
            "Thông tư",
            "25/2023/TT-BGDĐT",
            None,
            _MOET,
            "quy định tiêu chí đánh giá, công nhận “Cộng đồng học tập” cấp xã, huyện, tỉnh",
            verified=False,
        ),
        LegalText(
            "tt24_2023",
            "Thông tư",
            "24/2023/TT-BGDĐT",
            None,
            _MOET,
            "quy định tiêu chí đánh giá, công nhận “Đơn vị học tập”",
            verified=False,
        ),
        LegalText(
            "tt22_2020",
            "Thông tư",
            "22/2020/TT-BGDĐT",
            None,
            _MOET,
            "quy định về đánh giá, xếp loại “Đơn vị học tập” cấp huyện, tỉnh",
            verified=False,
        ),
        LegalText(
            "tt44_2014",
            "Thông tư",
            "44/2014/TT-BGDĐT",
            None,
            _MOET,
            "quy định về đánh giá, xếp loại “Cộng đồng học tập” cấp xã",
            verified=False,
        ),
        # DOMAIN.md §4 gives 10/11/2015 (Công văn 6782 gives 01/12/2015): kept, not confirmed.
        LegalText(
            "qd448_2015",
            "Quyết định",
            "448/QĐ-KHVN",
            datetime.date(2015, 11, 10),
            "Trung ương Hội Khuyến học Việt Nam",
            "hướng dẫn đánh giá, công nhận “Gia đình học tập”, “Dòng họ học tập”, “Cộng đồng học tập” "
            "cấp thôn, giai đoạn 2016 - 2020",
            verified=False,
        ),
        LegalText(
            "qd09_2008",
            "Quyết định",
            "09/2008/QĐ-BGDĐT",
            None,
            _MOET,
            "ban hành Quy chế tổ chức và hoạt động của trung tâm học tập cộng đồng tại xã, phường, thị trấn",
            verified=False,
        ),
        LegalText(
            "tt40_2010",
            "Thông tư",
            "40/2010/TT-BGDĐT",
            None,
            _MOET,
            "sửa đổi, bổ sung một số điều của Quy chế tổ chức và hoạt động của trung tâm học tập cộng "
            "đồng tại xã, phường, thị trấn",
            verified=False,
        ),
        LegalText(
            "tt96_2008",
            "Thông tư",
            "96/2008/TT-BTC",
            None,
            "Bộ trưởng Bộ Tài chính",
            "hướng dẫn việc hỗ trợ kinh phí từ ngân sách nhà nước cho trung tâm học tập cộng đồng",
            verified=False,
        ),
        LegalText(
            "qd301_2006",
            "Quyết định",
            "301/2006/QĐ-UBDT",
            None,
            "Bộ trưởng, Chủ nhiệm Ủy ban Dân tộc",
            "về việc công nhận 3 khu vực vùng dân tộc thiểu số và miền núi theo trình độ phát triển",
            verified=False,
        ),
        LegalText(
            "cv2553_2013",
            "Công văn",
            "2553/BGDĐT-GDTX",
            None,
            "Bộ Giáo dục và Đào tạo",
            "về việc đánh giá trung tâm học tập cộng đồng (năm 2013)",
            verified=False,
        ),
        LegalText(
            "cv6782_2015",
            "Công văn",
            "6782/BGDĐT-GDTX",
            None,
            "Bộ Giáo dục và Đào tạo",
            "về việc tổng kết, đánh giá các mô hình học tập (năm 2015)",
            verified=False,
        ),
        # units/ethnicity.py: date 02/3/1979 from the lists published by statistics offices; the
        # codes 10–54 are themselves cần xác minh.
        LegalText(
            "qd121_1979",
            "Quyết định",
            "121-TCTK/PP",
            datetime.date(1979, 3, 2),
            "Tổng cục Thống kê",
            "về việc ban hành Danh mục các dân tộc Việt Nam",
            verified=False,
        ),
        # Cited by the national unit codes (units/models.py help texts); not read in a public copy.
        LegalText(
            "qd19_2025",
            "Quyết định",
            "19/2025/QĐ-TTg",
            None,
            "Thủ tướng Chính phủ",
            "ban hành Bảng danh mục và mã số các đơn vị hành chính Việt Nam",
            verified=False,
        ),
        # Confirmed (press copy of the decision): 04/6/2021, the communes of regions III, II, I of the
        # ethnic-minority and mountainous areas for 2021–2025 — the list that followed QĐ 301/2006/QĐ-UBDT.
        LegalText(
            "qd861_2021",
            "Quyết định",
            "861/QĐ-TTg",
            datetime.date(2021, 6, 4),
            "Thủ tướng Chính phủ",
            "phê duyệt danh sách các xã khu vực III, khu vực II, khu vực I thuộc vùng đồng bào dân tộc thiểu số và "
            "miền núi giai đoạn 2021 - 2025",
        ),
        # The personal identification number (số định danh cá nhân) carried in the register; registered
        # for literacy.rules, not read in a public copy this session.
        LegalText(
            "nd137_2015",
            "Nghị định",
            "137/2015/NĐ-CP",
            None,
            "Chính phủ",
            "quy định chi tiết một số điều và biện pháp thi hành Luật Căn cước công dân",
            verified=False,
        ),
        LegalText(
            "tt59_2021",
            "Thông tư",
            "59/2021/TT-BCA",
            None,
            "Bộ trưởng Bộ Công an",
            "quy định chi tiết thi hành Luật Căn cước công dân và Nghị định số 137/2015/NĐ-CP",
            verified=False,
        ),
        LegalText(
            "tt33_2021",
            "Thông tư",
            "33/2021/TT-BGDĐT",
            None,
            _MOET,
            "ban hành Chương trình xóa mù chữ",
            verified=False,
        ),
        LegalText(
            "tt10_2022",
            "Thông tư",
            "10/2022/TT-BGDĐT",
            None,
            _MOET,
            "quy định đánh giá học viên theo học Chương trình xóa mù chữ",
            verified=False,
        ),
        LegalText(
            "tt15_2025",
            "Thông tư",
            "15/2025/TT-BGDĐT",
            None,
            _MOET,
            "hướng dẫn chức năng, nhiệm vụ về giáo dục của cơ quan chuyên môn thuộc Ủy ban nhân dân cấp tỉnh, cấp xã",
            verified=False,
        ),
        LegalText(
            "tt11_2025",
            "Thông tư",
            "11/2025/TT-BGDĐT",
            None,
            _MOET,
            "hướng dẫn thực hiện thẩm quyền của chính quyền địa phương hai cấp trong lĩnh vực giáo dục",
            verified=False,
        ),
        # Confirmed (Công báo số 571 + 572 of 15/7/2022, and the law's public copies): Luật số
        # 06/2022/QH15 of 15/6/2022 by Quốc hội, in force 01/01/2024; Điều 80 names who decides a
        # giấy khen (the emulation module's award decision, emulation/document.py).
        LegalText(
            "luat06_2022",
            "Luật",
            "06/2022/QH15",
            datetime.date(2022, 6, 15),
            "Quốc hội",
            "về thi đua, khen thưởng",
        ),
        # Confirmed (public copies of the decree): 31/12/2023, Chính phủ, in force 01/01/2024.
        LegalText(
            "nd98_2023",
            "Nghị định",
            "98/2023/NĐ-CP",
            datetime.date(2023, 12, 31),
            "Chính phủ",
            "quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
        ),
    )
}


def text(key: str) -> LegalText:
    """The registered text; KeyError names a key nobody registered (a typo must not print)."""
    return TEXTS[key]


def cite(key: str, article: str = "", *, full: bool = False) -> str:
    """ "Nghị định 20/2014/NĐ-CP, Điều 20, khoản 1" (+ " (cần xác minh)" when not verified)."""
    return TEXTS[key].cite(article, full=full)


def basis_line(key: str) -> str:
    return TEXTS[key].basis_line()


@dataclass(frozen=True)
class LegalParameter:
    """One number the law sets: `value` (with `unit`), from `source` (a TEXTS key, None when no
    source was found: an office setting), `article`, for the years `years_from`..`years_to`
    (None: no end year known)."""

    key: str
    value: object
    unit: str
    source: str | None
    article: str
    years_from: int
    years_to: int | None = None
    note: str = ""

    def applies(self, year: int) -> bool:
        return self.years_from <= year and (self.years_to is None or year <= self.years_to)

    @property
    def legal_text(self) -> LegalText | None:
        return TEXTS[self.source] if self.source else None

    @property
    def citation(self) -> str:
        """Where the number comes from, or "(cần xác minh)" when nothing does."""
        return cite(self.source, self.article) if self.source else UNVERIFIED

    @property
    def full_citation(self) -> str:
        """The citation with the text's date and issuer (pages and documents)."""
        return cite(self.source, self.article, full=True) if self.source else UNVERIFIED

    @property
    def verified(self) -> bool:
        return bool(self.source) and TEXTS[self.source].verified

    @property
    def years(self) -> str:
        return f"{self.years_from}–{self.years_to}" if self.years_to else f"từ {self.years_from}"


def in_force(params, year: int) -> tuple[LegalParameter, ...]:
    """The parameters of `params` that apply in `year` (a calendar year, see units.calendar)."""
    return tuple(p for p in params if p.applies(year))


def parameter(params, key: str, year: int) -> LegalParameter | None:
    """The parameter `key` in force in `year`, None when no sourced value applies that year (the
    page then says so, "(cần xác minh)", instead of applying a number out of its years)."""
    return next((p for p in params if p.key == key and p.applies(year)), None)


def no_source_text(year: int | None = None) -> str:
    """What a page prints where no sourced value applies."""
    base = "chưa có căn cứ"
    return f"{base} cho năm {year} {UNVERIFIED}" if year else f"{base} {UNVERIFIED}"
