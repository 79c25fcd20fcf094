"""A table-driven twin of units.text.fold for the import's hot loop (100,000 names)."""

import unicodedata

from units.text import fold


def _build_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for code in range(0x00C0, 0x2000):
        ch = chr(code)
        if unicodedata.combining(ch):
            table[code] = None
            continue
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
        if base != ch and base.isascii():
            table[code] = base
    table[ord("đ")] = "d"
    table[ord("Đ")] = "D"
    for ch in "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f":
        table[ord(ch)] = None
    return table


_TABLE = _build_table()


def fold_fast(text: str) -> str:
    """Same result as units.text.fold for Latin and Vietnamese text (NFC or NFD), in C-speed
    str.translate; anything outside that range falls back to fold()."""
    if not text:
        return ""
    folded = text.translate(_TABLE)
    if not folded.isascii():
        return fold(text)
    return " ".join(folded.lower().split())
