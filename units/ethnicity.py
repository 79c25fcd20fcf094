"""The 54 ethnic groups of Việt Nam: Quyết định 121-TCTK/PP ngày 02/3/1979 của Tổng cục Thống kê
("Danh mục các dân tộc Việt Nam"). Records store the 2-digit code; people type the official name,
one of its other names, or the code, with or without accents ("Kinh (Việt)", "Việt", "Người Kinh",
"01" are all group 01). Kinh is the majority; every other known code is an ethnic minority; a blank
or unknown value is neither (it is not counted as a minority).

Other names follow the list's "tên gọi khác" column; a name the list gives to two groups (Trại, Xá,
Hạ, Xá Lá Vàng, Ca-tang, Chil, Xá Khao) is left out, so it has to be typed as the group's name.
"""

import functools
import re

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from . import legal
from .text import fold

KINH = "01"

# (code, official name, other names)
GROUPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("01", "Kinh (Việt)", ("Kinh", "Việt", "Người Kinh", "Người Việt")),
    ("02", "Tày", ("Thu Lao", "Pa Dí")),
    ("03", "Thái", ("Tày Khao", "Tày Đăm", "Tày Mười", "Tày Thanh", "Hàng Tổng", "Pu Thay", "Thổ Đà Bắc")),
    ("04", "Hoa", ("Hán", "Triều Châu", "Phúc Kiến", "Quảng Đông", "Hải Nam", "Xạ Phạng")),
    ("05", "Khơ-me", ("Khmer", "Khơ-me Krôm", "Cur", "Cul", "Việt gốc Miên")),
    ("06", "Mường", ("Mọi Bi", "Ao Tá")),
    ("07", "Nùng", ("Xuồng", "Giang", "Nùng An", "Phàn Sinh", "Nùng Cháo", "Nùng Lòi", "Quý Rim", "Khèn Lài")),
    ("08", "HMông", ("Mông", "H'Mông", "Mèo", "Mẹo", "Mèo Hoa", "Mèo Xanh", "Mèo Đỏ", "Mèo Đen", "Na Miẻo")),
    (
        "09",
        "Dao",
        ("Mán", "Động", "Dìu Miền", "Kiềm Miền", "Quần Trắng", "Dao Đỏ", "Quần Chẹt", "Lô Giang", "Dao Tiền")
        + ("Thanh Y", "Lan Tẻn", "Đại Bản", "Tiểu Bản", "Cóc Ngáng", "Cóc Mùn", "Sơn Đầu"),
    ),
    ("10", "Gia-rai", ("Jarai", "Giơ-rai", "Tơ-buăn", "Chơ-rai", "Hơ-bau", "Hđrung", "Chor")),
    ("11", "Ngái", ("Xín", "Lê", "Đản", "Khách Gia")),
    (
        "12",
        "Ê-đê",
        ("Ede", "Rađê", "Kpạ", "A-đham", "Krung", "Ktul", "Đliê Ruê", "Blô", "Epan", "Mđhur", "Bih"),
    ),
    (
        "13",
        "Ba na",
        ("Bahnar", "Gơ-lar", "Tơ-lô", "Giơ-lâng", "Y-lăng", "Rơ-ngao", "Krem", "Roh", "Kon Kđe", "A-la Công")
        + ("Kpăng Công", "Bơ-nâm"),
    ),
    (
        "14",
        "Xơ-Đăng",
        ("Sedang", "Xơ-teng", "Hđang", "Tơ-đra", "Mơ-nâm", "Ha-lăng", "Ca-dong", "Kmrâng", "Con Lan", "Bri-la"),
    ),
    ("15", "Sán Chay", ("Cao Lan", "Sán Chỉ", "Cao Lan-Sán Chỉ", "Mán Cao Lan", "Hờn Bạn")),
    ("16", "Cơ-ho", ("K'Ho", "Koho", "Xrê", "Nốp", "Tu-lốp", "Cơ-don", "Lạt", "Lach", "Trinh")),
    ("17", "Chăm", ("Chàm", "Chiêm Thành", "Hroi", "Cham")),
    ("18", "Sán Dìu", ("Sán Dẻo", "Trại Đất", "Mán Quần Cộc")),
    ("19", "Hrê", ("H're", "Chăm Rê", "Chom", "Krẹ Lũy")),
    ("20", "Mnông", ("M'Nông", "Pnông", "Nông", "Pré", "Bu-đâng", "ĐiPri", "Biat", "Gar", "Rơ-lam")),
    ("21", "Ra-glai", ("Raglai", "Ra-clây", "Rai", "Noang", "La-oang")),
    ("22", "Xtiêng", ("X'Tiêng", "Stiêng", "Xa-điêng")),
    ("23", "Bru-Vân Kiều", ("Bru", "Vân Kiều", "Măng Coong", "Tri", "Khùa")),
    ("24", "Thổ", ("Kẹo", "Mọn", "Cuối", "Họ", "Đan Lai", "Ly Hà", "Tày Pọng", "Con Kha")),
    ("25", "Giáy", ("Nhắng", "Dẩng", "Pầu Thìn Nu Nà", "Cùi Chu")),
    ("26", "Cơ-tu", ("Ca-tu", "Cao", "Phương")),
    ("27", "Gié Triêng", ("Đgiéh", "Tareb", "Giang Rẫy Pin", "Triêng", "Treng", "Ta-riêng", "Ve", "Veh", "La-ve")),
    ("28", "Mạ", ("Châu Mạ", "Mạ Ngăn", "Mạ Xóp", "Mạ Tô", "Mạ Krung")),
    ("29", "Khơ-mú", ("Khmu", "Xá Cẩu", "Mứn Xen", "Pu Thênh", "Tềnh", "Tày Hay")),
    ("30", "Co", ("Cor", "Col", "Cùa", "Trầu")),
    ("31", "Tà-ôi", ("Tôi-ôi", "Pa-co", "Pa-hi", "Ba-hi")),
    ("32", "Chơ-ro", ("Dơ-ro", "Châu-ro")),
    ("33", "Kháng", ("Xá Súa", "Xá Dón", "Xá Dẩng", "Xá Hốc", "Xá Ái", "Xá Bung", "Quảng Lâm")),
    ("34", "Xinh-mun", ("Puộc", "Pụa")),
    ("35", "Hà Nhì", ("Hà Nhì Già", "U Ni", "Xá U Ni")),
    ("36", "Chu ru", ("Chơ-ru", "Chu")),
    ("37", "Lào", ("Lào Bốc", "Lào Nọi")),
    ("38", "La Chí", ("Cù Tê", "La Quả")),
    ("39", "La Ha", ("Khlá Phlạo",)),
    ("40", "Phù Lá", ("Bồ Khô Pạ", "Mu Di", "Pạ Xá", "Phó", "Phổ", "Va Xơ")),
    ("41", "La Hủ", ("Pu Đang", "Khù Xung", "Cò Xung", "Khả Quy")),
    ("42", "Lự", ("Lữ", "Nhuồn", "Duôn")),
    ("43", "Lô Lô", ("Mun Di",)),
    (
        "44",
        "Chứt",
        ("Sách", "Mày", "Rục", "Mã-liêng", "A-rem", "Tu Vang", "Pa-leng", "Xơ-lang", "Tơ-hung", "Chà-củi")
        + ("Tắc-củi", "U-mo"),
    ),
    ("45", "Mảng", ("Mảng Ư",)),
    ("46", "Pà Thẻn", ("Pà Hưng", "Tống")),
    ("47", "Co Lao", ()),
    ("48", "Cống", ("Xắm Khống", "Mấng Nhé", "Xá Xeng")),
    ("49", "Bố Y", ("Chủng Chá", "Trọng Gia", "Tu Dí", "Tu Dìn")),
    ("50", "Si La", ("Cù Dề Xừ", "Khả Pẻ")),
    ("51", "Pu Péo", ("Ka Pèo", "Pen Ti Lô Lô")),
    ("52", "Brâu", ("Brao",)),
    ("53", "Ơ Đu", ("Tày Hạt",)),
    ("54", "Rơ-măm", ("Romam",)),
)

CHOICES: tuple[tuple[str, str], ...] = tuple((code, f"{code} - {name}") for code, name, _ in GROUPS)
NAMES: dict[str, str] = {code: name for code, name, _ in GROUPS}

_NOT_LETTERS = re.compile(r"[^a-z0-9]+")
_PREFIXES = ("nguoi", "dantoc", "dt")


def _key(text) -> str:
    """ "H'Mông", "h mong", "HMÔNG" → "hmong"; "Dân tộc Tày", "người Tày" → "tay"."""
    key = _NOT_LETTERS.sub("", fold(str(text or "")).replace("(", " "))
    stripped = True
    while stripped:
        stripped = False
        for prefix in _PREFIXES:
            if key.startswith(prefix) and len(key) > len(prefix):
                key, stripped = key[len(prefix) :], True
    return key


def _index() -> dict[str, str]:
    index: dict[str, str] = {}
    for code, name, aliases in GROUPS:
        for form in (name, *aliases):
            key = _key(form)
            if index.get(key, code) != code:
                raise ValueError(f"{form!r} names two groups")
            index[key] = code
    return index


_INDEX = _index()
assert len(GROUPS) == 54 and [c for c, _, _ in GROUPS] == [f"{n:02d}" for n in range(1, 55)]


def ethnic_group(text) -> str | None:
    """The 2-digit code for a code ("01", "1", "8.0"), an official name or another name, or None."""
    return _group_of(str(text if text is not None else "").strip())


@functools.lru_cache(maxsize=4096)
def _group_of(raw: str) -> str | None:
    # An import asks for the same few names on every row (100,000 rows, a handful of groups).
    number = raw[:-2] if raw.endswith(".0") else raw
    if number.isdecimal() and len(number) <= 2:
        return f"{int(number):02d}" if 1 <= int(number) <= 54 else None
    return _INDEX.get(_key(raw)) if raw else None


def is_minority(code: str | None) -> bool:
    """Every known group but Kinh; blank or unknown is not counted."""
    return bool(code) and code in NAMES and code != KINH


def name(code: str | None) -> str:
    return NAMES.get(code or "", "")


def accepted_forms() -> str:
    """For an error message: what may be typed."""
    return (
        f"mã 01–54 hoặc tên dân tộc theo danh mục 54 dân tộc ({legal.cite('qd121_1979')}), "
        "ví dụ: 01 hoặc Kinh, 02 hoặc Tày, 08 hoặc Mông"
    )


class EthnicityField(forms.ChoiceField):
    """A select of the 54 groups; a posted name, other name or unpadded code ("Kinh", "Mông", "8")
    is read as its code too, so a form filled by a script or an older page still saves."""

    default_error_messages = {
        "invalid_choice": format_lazy(
            "{} ({}).", gettext_lazy("Hãy chọn một dân tộc trong danh mục 54 dân tộc"), legal.cite("qd121_1979")
        )
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", CHOICES)
        kwargs.setdefault("initial", KINH)
        super().__init__(**kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        return ethnic_group(text) or text
