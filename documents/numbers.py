"""Vietnamese number formatting for documents and charts: "1.234,5" (dot groups, comma decimals).

Official documents are always Vietnamese, whatever the browser's language, so this does not
follow the active locale (gdtx_portal/formats/vi/formats.py states the same convention)."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation


def vn_number(value, decimals: int | None = None) -> str:
    """1234.5 → "1.234,5"; `decimals` fixes the places (rounded half up, as people round by hand)."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    if decimals is not None:
        number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    elif number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    else:
        number = number.normalize()
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


def vn_percent(value, decimals: int = 1) -> str:
    """85.25 (already in percent) → "85,3%"."""
    if value is None or value == "":
        return ""
    return vn_number(value, decimals) + "%"
