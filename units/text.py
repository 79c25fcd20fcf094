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


# The largest id either database stores (a 64-bit signed integer): SQLite refuses a bigger Python int
# with OverflowError, so a typed "1000000000000000000000000000000" must never reach a query.
MAX_ID = 2**63 - 1


def as_id(value) -> int | None:
    """A database id from a query string or a posted form, or None when it cannot be one: digits
    only (isdecimal, which int() always accepts, unlike isdigit's "²"), within the 64-bit range."""
    text = str(value if value is not None else "").strip()
    if not text.isdecimal() or len(text) > 19:
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


def ids_from(values) -> list[int]:
    """The ids among posted values (checkbox lists); anything else is ignored."""
    return [number for number in map(as_id, values) if number is not None]
