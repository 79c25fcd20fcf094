"""Accent-insensitive text: the stored search column that works the same on SQLite and PostgreSQL;
Vietnamese alphabetical order (`vn_sort_key`, `sorted_vn`)."""

import functools
import re
import unicodedata

_SPACES = re.compile(r"\s+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f"), None)
_ANY_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u200e\u200f]")


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
    text = unicodedata.normalize("NFC", text or "")
    # str.translate copies the string through a dict lookup per character: only when there is one.
    return (text.translate(_INVISIBLE) if _ANY_INVISIBLE.search(text) else text).strip()


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


# ----------------------------------------------------------------------------------------------
# Vietnamese alphabetical order
# ----------------------------------------------------------------------------------------------

# The Unicode Collation Algorithm (pyuca, DUCET) puts ă, â, đ, ê, ô, ơ, ư with their base letter and
# tells them apart only after the whole word (a secondary difference): "Đồng Tâm" then sorts among
# the D's and "Ăn" before "An". Vietnamese orders them as letters of their own, a ă â b c d đ e ê g
# h i k l m n o ô ơ p q r s t u ư v x y, and the tones as the dictionaries do (none, huyền, hỏi,
# ngã, sắc, nặng): CLDR's Vietnamese tailoring of the same algorithm, applied here on top of pyuca.
_LETTER_RANK = {
    ("a", "\u0306"): 1,  # ă
    ("a", "\u0302"): 2,  # â
    ("e", "\u0302"): 1,  # ê
    ("o", "\u0302"): 1,  # ô
    ("o", "\u031b"): 2,  # ơ
    ("u", "\u031b"): 1,  # ư
}
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_TONE_WEIGHT = 0x1000  # above every DUCET secondary weight, so a tone outweighs other marks alike
_PRIMARY_STEP = 4  # room for a letter's two Vietnamese variants between it and the next letter


@functools.cache
def _collator():
    from pyuca import Collator

    return Collator()


def _letter_elements(collator, base: str, rank: int, marks: list[str]) -> list[list[int]]:
    elements = []
    first = True
    for element in collator.collation_elements(base):
        element = list(element)
        if element[0]:
            element[0] = element[0] * _PRIMARY_STEP + (rank if first else 0)
            first = False
        elements.append(element)
    for mark in marks:
        if mark in _TONE_RANK:
            elements.append([0, _TONE_WEIGHT + _TONE_RANK[mark], 2])
        else:
            elements.extend(list(e) for e in collator.collation_elements(mark))
    return elements


def _collation_key(text: str) -> tuple:
    decomposed = unicodedata.normalize("NFD", text)
    collator = _collator()
    elements: list[list[int]] = []
    i = 0
    while i < len(decomposed):
        char = decomposed[i]
        i += 1
        marks = []
        while i < len(decomposed) and unicodedata.combining(decomposed[i]):
            marks.append(decomposed[i])
            i += 1
        base, rank = char, 0
        if char in "đĐ":
            base, rank = ("d" if char == "đ" else "D"), 1
        for mark in list(marks):
            letter_rank = _LETTER_RANK.get((base.lower(), mark))
            if letter_rank and not rank:
                rank = letter_rank
                marks.remove(mark)
        elements.extend(_letter_elements(collator, base, rank, marks))
    return collator.sort_key_from_collation_elements(elements)


_DIGITS = re.compile(r"(\d+)")


@functools.lru_cache(maxsize=8192)
def vn_sort_key(text: str | None) -> tuple:
    """The sort key of a name in Vietnamese alphabetical order ("Đồng Tâm" after "Dương Quang",
    "Pá Lùng" before "Phúc Thịnh"). Letters first, with numbers compared as numbers ("Tổ dân phố 2"
    before "Tổ dân phố 10"); then tones, then capitals, over the whole name."""
    text = nfc(text)
    letters = []
    for i, part in enumerate(_DIGITS.split(text)):
        if i % 2:
            letters.append((1, (int(part),)))
        elif part:
            full = _collation_key(part)
            letters.append((2, full[: full.index(0)] if 0 in full else full))
    return tuple(letters), _collation_key(text)


def name_order(unit) -> tuple:
    """Units (anything with a `name`) in Vietnamese alphabetical order."""
    return vn_sort_key(unit.name)


def sorted_vn(items, *, key=None) -> list:
    """`items` in Vietnamese alphabetical order of `key(item)` (the item itself by default): for
    bounded lists (a page of units, a select's choices), since the database's ORDER BY name is the
    order of the bytes, which puts "Đ" after "Y"."""
    if key is None:
        return sorted(items, key=lambda item: vn_sort_key(str(item)))
    return sorted(items, key=lambda item: vn_sort_key(key(item) or ""))


def tree_order(units) -> list:
    """Units (with `path` and `name`) in tree order, each parent's children in Vietnamese
    alphabetical order. An ancestor missing from `units` keeps its children together by its id."""
    by_id = {unit.pk: unit for unit in units}

    def key(unit):
        steps = []
        for part in (unit.path or "").strip("/").split("/"):
            pk = as_id(part)
            known = by_id.get(pk)
            steps.append((vn_sort_key(known.name), pk or 0) if known is not None else ((), pk or 0))
        return tuple(steps) or ((vn_sort_key(unit.name), unit.pk or 0),)

    return sorted(units, key=key)
