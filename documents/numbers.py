"""Vietnamese number formatting for documents and charts: "1.234,5" (dot groups, comma decimals).

Official documents are always Vietnamese, whatever the browser's language, so this does not
follow the active locale (gdtx_portal/formats/vi/formats.py states the same convention)."""

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction

# The one rule for a number on a page, a PDF, an XLSX cell label or a chart (reports' grid and home
# figures too): dot groups, decimal comma; with `decimals`, exactly that many places; without, the
# places the value has, at most MAX_DECIMALS, rounded half up as people round by hand (a computed
# 1/3 prints "0,3333", 2,00005 prints "2,0001"), trailing zeros dropped, never "2," nor "-0". Rates
# follow their own rule below (cut toward zero, `vn_percent`).
MAX_DECIMALS = 4


def vn_number(value, decimals: int | None = None) -> str:
    """1234.5 → "1.234,5"; `decimals` fixes the places (rounded half up, as people round by hand)."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    try:
        number = Decimal(value.numerator) / value.denominator if isinstance(value, Fraction) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    if decimals is not None:
        number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    else:
        number = number.quantize(Decimal(1).scaleb(-MAX_DECIMALS), rounding=ROUND_HALF_UP)
        number = number.quantize(Decimal(1)) if number == number.to_integral_value() else number.normalize()
    sign = "-" if number < 0 else ""
    text = f"{abs(number):f}"
    whole, _, fraction = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    result = ".".join(groups)
    if fraction:
        result += "," + fraction
    if sign and result.strip("0.,") == "":
        sign = ""  # "-0" reads as an error on paper
    return sign + result


# Rates (tỉ lệ) -------------------------------------------------------------------------------
# A share meets a target only when it is at least the target exactly (DOMAIN.md §4: 142/203 = 69,95%
# does not meet 70%): compare the counts (`share_meets`), never a rounded percentage. A printed rate is
# cut toward zero (`truncate_percent`, `vn_percent`), never rounded, so a rate below a target never
# prints as the target: 142/203 prints "69,9%", 89,99% prints "89,9%", exactly 70% prints "70,0%".
# Pages, PDFs, XLSX cells (documents.xlsx writes the cut value) and charts all go through these.


def percent_of(part, whole) -> Fraction | None:
    """`part` of `whole` in percent, exact (142, 203 → Fraction(14200, 203)); None when `whole` is 0."""
    if part is None or not whole:
        return None
    return Fraction(part) * 100 / Fraction(whole)


def share_meets(part, whole, target_percent) -> bool | None:
    """Whether `part` of `whole` reaches `target_percent` exactly, in integers or fractions:
    part × 100 ≥ target × whole (142/203 against 70 → False; 70/100 → True). None without a target
    or without a whole to count against. The target may be an int, a Decimal, a Fraction or "69,5"."""
    if not whole or target_percent is None or target_percent == "":
        return None
    target = _fraction(target_percent)
    if target is None or not target:
        return None
    return Fraction(part) * 100 >= target * Fraction(whole)


def _fraction(value) -> Fraction | None:
    if isinstance(value, Fraction | int):
        return Fraction(value)
    if isinstance(value, float):
        # A float rate carries binary noise (0.57 * 100 = 56.99999999999999): read it back to 9 places first.
        return Fraction(Decimal(repr(value)).quantize(Decimal("1e-9"), rounding=ROUND_HALF_UP))
    try:
        return Fraction(Decimal(str(value).strip().replace(",", ".")))
    except (InvalidOperation, ValueError):
        return None


def truncate_percent(value, decimals: int = 1) -> Decimal | None:
    """A rate in percent cut toward zero to `decimals` places: 69.9507… → 69.9, 89.99 → 89.9, 70 → 70.0.
    Accepts int, Decimal, float and the exact Fraction of `percent_of`; None for a blank or a non-number."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    exact = _fraction(value)
    if exact is None:
        return None
    scaled = int(exact * 10**decimals)  # int() cuts toward zero
    return Decimal(scaled).scaleb(-decimals).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_DOWN)


def vn_percent(value, decimals: int = 1) -> str:
    """A rate already in percent → "69,9%": cut toward zero, never rounded, decimal comma (the one
    rate format of the portal: see above). 69.95 → "69,9%", 89.99 → "89,9%", 70 → "70,0%"."""
    if value is None or value == "":
        return ""
    cut = truncate_percent(value, decimals)
    if cut is None:
        return str(value)
    return vn_number(cut, decimals) + "%"
