"""Accent-insensitive text: the stored search column that works the same on SQLite and PostgreSQL."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f"), None)


def fold(text: str | None) -> str:
    """Lower case, no diacritics, đ → d, single spaces: "Đống  Đa" → "dong da".

    Typing without accents is how most officers search; NFD input (macOS, some Excel files) folds
    to the same string as NFC.
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFD", str(text).translate(_INVISIBLE))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("đ", "d").replace("Đ", "D").lower()
    return _SPACES.sub(" ", text).strip()


def nfc(text: str | None) -> str:
    """Vietnamese text stored in one normal form, so equal names compare equal."""
    return unicodedata.normalize("NFC", text or "").translate(_INVISIBLE).strip()
