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


# The years a page may be asked about through ?nam= (a school year's first year, a survey year).
FIRST_YEAR, LAST_YEAR = 2000, 2100


def as_year(value) -> int | None:
    """A year from a query string or a posted form (?nam=2025), or None when it is not one: digits
    only, between FIRST_YEAR and LAST_YEAR. The page then falls back to its own current year."""
    text = str(value if value is not None else "").strip()
    if not text.isdecimal() or len(text) != 4:
        return None
    number = int(text)
    return number if FIRST_YEAR <= number <= LAST_YEAR else None


# Vietnamese alphabetical order (ă, â after a; đ after d; ê after e; ô, ơ after o; ư after u),
# tones only breaking ties. Databases without a Vietnamese collation sort "Đ" after "Z".
_VI_LETTERS = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_VI_RANK = {letter: i for i, letter in enumerate(_VI_LETTERS)}
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: part of the letter
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền, hỏi, ngã, sắc, nặng


def vietnamese_key(text: str) -> tuple:
    """Sort key for Vietnamese names; digit runs compare as numbers ("Tổ dân phố 2" < "... 10")."""
    letters: list[str] = []
    tones: list[int] = []
    for char in unicodedata.normalize("NFD", text.lower()):
        if char in _LETTER_MARKS and letters:
            letters[-1] = unicodedata.normalize("NFC", letters[-1] + char)
        elif char in _TONES and tones:
            tones[-1] = _TONES[char]
        else:
            letters.append(char)
            tones.append(0)
    primary: list = []
    number = ""
    for letter in [*letters, ""]:
        if letter.isdecimal():
            number += letter
            continue
        if number:
            primary.append((1, int(number)))
            number = ""
        if letter:
            primary.append((2, _VI_RANK[letter]) if letter in _VI_RANK else (0, ord(letter)))
    return tuple(primary), tuple(tones)


def name_order(unit) -> tuple:
    """Units (anything with a `name`) in Vietnamese alphabetical order."""
    return vietnamese_key(unit.name)
