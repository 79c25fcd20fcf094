"""Small charts as inline SVG, drawn on the server.

No JavaScript and no chart service: the same markup shows in the page and in the PDF (WeasyPrint
renders inline SVG), and offices on closed networks see it too. Every function returns a
SafeString to drop into a template: `{{ chart }}`. Numbers are written the Vietnamese way
(1.234,5); all text is escaped.

    bar_chart_svg(["Xã A", "Xã B"], [12, 30], title="Lớp xóa mù chữ", unit="lớp")
    grouped_bar_chart_svg(labels, [Series("Đăng ký", [..]), Series("Công nhận", [..])], target=70)
    stacked_bar_chart_svg(labels, [Series("Mức độ 1", [..]), Series("Mức độ 2", [..])])
    line_chart_svg(["2021", "2022", "2023"], [Series("Tỉ lệ biết chữ", [91.2, 93.5, 95.0])], unit="%")
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from .numbers import vn_number, vn_percent

FONT = "Liberation Serif, Times New Roman, serif"
# Colour-blind-safe palette (Okabe–Ito), darkened enough to print in grey.
PALETTE = ["#0b5394", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#7f7f7f", "#f0e442"]
TEXT = "#1d2939"
GRID = "#d0d5dd"


@dataclass
class Series:
    name: str
    values: list
    color: str = ""


def _num(value) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return float(value)
    return float(value)


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round axis ticks (0, 20, 40 ...) covering low..high."""
    if high == low:
        high = low + 1
    raw = (high - low) / max(count, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value < high + step * 0.5 and len(ticks) < 50:
        ticks.append(round(value, 10))
        if value >= high:
            break
        value += step
    return ticks


def _wrap(label: str, max_chars: int, max_lines: int = 2) -> list[str]:
    words = str(label).split()
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if len(candidate) <= max_chars or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: max(1, max_chars - 1)] + "…"
    return [line if len(line) <= max_chars + 2 else line[:max_chars] + "…" for line in lines] or [""]


ROTATED_CHARS = 18


def _cut(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _fmt(value: float | None, decimals: int | None, unit: str = "") -> str:
    if value is None:
        return ""
    if unit == "%" and decimals is not None:
        return vn_percent(value, decimals)  # a rate is cut, never rounded up to a target (numbers.py)
    text = vn_number(value, decimals)
    return f"{text}%" if unit == "%" else text


def _text(x: float, y: float, content: str, *, anchor: str = "middle", size: int = 11, extra: str = "") -> str:
    """An SVG <text>; `content` is escaped here."""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}"{extra}>{escape(content)}</text>'


def _line(x1: float, y1: float, x2: float, y2: float, stroke: str, width: float, extra: str = "") -> str:
    ends = f'x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}"'
    return f'<line {ends} stroke="{stroke}" stroke-width="{width}"{extra}/>'


def _svg_open(width: int, height: int, title: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
        f'font-family="{FONT}" font-size="12" fill="{TEXT}">',
        f"<title>{escape(title)}</title>",
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]


def _empty(width: int, height: int, title: str) -> SafeString:
    parts = _svg_open(width, height, title)
    if title:
        parts.append(_text(width / 2, 20, title, size=14, extra=' font-weight="bold"'))
    parts.append(_text(width / 2, height / 2, gettext("Chưa có số liệu"), size=12, extra=' fill="#667085"'))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every piece of text above is escaped


# Widths of text in the chart's serif font, a little generous so that estimates never overlap.
CHAR_WIDTH = {10: 5.6, 11: 6.2, 12: 6.8}
LEGEND_ROW = 16


def text_width(content: str, size: int = 12) -> float:
    return len(content) * CHAR_WIDTH.get(size, size * 0.56)


def _legend_items(series: list[Series], x: float, width: float) -> list[tuple[float, int, Series]]:
    """(x, row, series) of each legend entry, wrapping to a new row when the next would not fit;
    a series without a name has no entry (an empty swatch reads as a missing label)."""
    items, cursor, row = [], x, 0
    for s in series:
        if not s.name.strip():
            continue
        item_width = 16 + text_width(s.name) + 14
        if cursor + item_width > x + width and cursor > x:
            cursor, row = x, row + 1
        items.append((cursor, row, s))
        cursor += item_width
    return items


def _legend(parts: list[str], items, y: float) -> None:
    for x, row, s in items:
        line_y = y + LEGEND_ROW * row
        parts.append(f'<rect x="{x:.1f}" y="{line_y - 9:.1f}" width="12" height="12" fill="{s.color}"/>')
        parts.append(f'<text x="{x + 16:.1f}" y="{line_y + 1:.1f}">{escape(s.name)}</text>')


def _axes_chart(
    labels: list,
    series: list[Series],
    *,
    mode: str,
    title: str,
    unit: str,
    width: int,
    height: int,
    decimals: int | None,
    target: float | None,
    target_label: str,
    show_values: bool,
    y_max: float | None,
) -> SafeString:
    labels = [str(label) for label in labels]
    # Copies: the caller's Series keep their own values and colours.
    series = [
        Series(s.name, [_num(v) for v in s.values] + [None] * (len(labels) - len(s.values)), s.color or PALETTE[i % 8])
        for i, s in enumerate(series)
    ]
    # A series with no value at all (a target no year has) would only add an empty legend entry.
    series = [s for s in series if any(v is not None for v in s.values[: len(labels)])]
    values = [v for s in series for v in s.values[: len(labels)] if v is not None]
    if not labels or not values:
        return _empty(width, height, title)

    if mode == "stacked":
        totals_pos = [sum(max(s.values[i] or 0, 0) for s in series) for i in range(len(labels))]
        totals_neg = [sum(min(s.values[i] or 0, 0) for s in series) for i in range(len(labels))]
        high, low = max(totals_pos), min(totals_neg)
    else:
        high, low = max(values), min(values)
    high = max(high, 0, target or 0, y_max or 0)
    low = min(low, 0)
    ticks = nice_ticks(low, high)
    axis_low, axis_high = ticks[0], ticks[-1]
    if y_max is not None and axis_high > y_max >= high:
        axis_high = y_max
        ticks = [t for t in ticks if t <= y_max]
        if ticks[-1] != y_max:
            ticks.append(y_max)

    left = 14 + 7 * max(len(_fmt(t, None, unit)) for t in ticks)
    right = 12
    plot_w = width - left - right
    legend = _legend_items(series, left, plot_w) if len(series) > 1 else []
    legend_rows = 1 + max(row for _x, row, _s in legend) if legend else 0
    top = 30 if title else 12
    top += (LEGEND_ROW + 2) * legend_rows
    slot = plot_w / len(labels)
    # Names that fit their slot on two lines stand level; longer ones (many communes) are slanted,
    # so that neighbours never overlap, and cut at ROTATED_CHARS (the full name is in the tooltip).
    max_label_chars = int(slot / CHAR_WIDTH[11])
    wrapped = [_wrap(label, max_label_chars) for label in labels] if max_label_chars >= 6 else []
    rotated = not wrapped or any(line.endswith("…") for lines in wrapped for line in lines)
    if rotated:
        wrapped = [[_cut(label, ROTATED_CHARS)] for label in labels]
        bottom = 16 + 0.72 * max(text_width(lines[0], 11) for lines in wrapped)
        # The first name slants left of its bar: room for it inside the picture.
        reach = 0.72 * text_width(wrapped[0][0], 11) - slot / 2 + 4
        if reach > left:
            plot_w -= reach - left
            left = reach
            slot = plot_w / len(labels)
    else:
        bottom = 12 + 14 * max(len(w) for w in wrapped)
    plot_h = height - top - bottom

    def y_of(value: float) -> float:
        return top + plot_h - (value - axis_low) / (axis_high - axis_low) * plot_h

    parts = _svg_open(width, height, title)
    if title:
        parts.append(_text(width / 2, 18, title, size=14, extra=' font-weight="bold"'))
    if legend:
        _legend(parts, legend, (30 if title else 12) + 6)
    for tick in ticks:
        y = y_of(tick)
        parts.append(_line(left, y, left + plot_w, y, GRID, 0.7))
        parts.append(_text(left - 5, y + 4, _fmt(tick, None, unit), anchor="end"))
    baseline = y_of(0)
    parts.append(_line(left, baseline, left + plot_w, baseline, "#667085", 1))

    for i, lines in enumerate(wrapped):
        cx = left + slot * (i + 0.5)
        if rotated:
            y = top + plot_h + 12
            parts.append(
                f'<text x="{cx:.1f}" y="{y:.1f}" text-anchor="end" font-size="11" '
                f'transform="rotate(-45 {cx:.1f} {y:.1f})"><title>{escape(labels[i])}</title>{escape(lines[0])}</text>'
            )
            continue
        for n, line in enumerate(lines):
            parts.append(
                f'<text x="{cx:.1f}" y="{top + plot_h + 15 + 14 * n:.1f}" text-anchor="middle" font-size="11">'
                f"<title>{escape(labels[i])}</title>{escape(line)}</text>"
            )

    if mode == "line":
        step_x = slot
        for s in series:
            points = [
                (left + step_x * (i + 0.5), y_of(v)) for i, v in enumerate(s.values[: len(labels)]) if v is not None
            ]
            if len(points) > 1:
                path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
                parts.append(f'<polyline points="{path}" fill="none" stroke="{s.color}" stroke-width="2"/>')
            for i, v in enumerate(s.values[: len(labels)]):
                if v is None:
                    continue
                x, y = left + step_x * (i + 0.5), y_of(v)
                parts.append(
                    f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{s.color}">'
                    f"<title>{escape(s.name)} — {escape(labels[i])}: {escape(_fmt(v, decimals, unit))}</title></circle>"
                )
                if show_values and text_width(_fmt(v, decimals, unit), 10) <= slot - 2:
                    parts.append(_text(x, y - 6, _fmt(v, decimals, unit), size=10))
    else:
        inner = slot * 0.72
        for i in range(len(labels)):
            x0 = left + slot * i + (slot - inner) / 2
            pos_base, neg_base = 0.0, 0.0
            for k, s in enumerate(series):
                v = s.values[i]
                if v is None:
                    continue
                if mode == "stacked":
                    base = pos_base if v >= 0 else neg_base
                    y1, y2 = y_of(base), y_of(base + v)
                    if v >= 0:
                        pos_base += v
                    else:
                        neg_base += v
                    x, w = x0, inner
                else:
                    w = inner / len(series)
                    x = x0 + k * w
                    y1, y2 = baseline, y_of(v)
                top_y, h = min(y1, y2), abs(y2 - y1)
                parts.append(
                    f'<rect x="{x:.1f}" y="{top_y:.1f}" width="{max(w - 1, 1):.1f}" height="{h:.1f}" fill="{s.color}">'
                    f"<title>{escape(s.name + ' — ' if len(series) > 1 else '')}{escape(labels[i])}: "
                    f"{escape(_fmt(v, decimals, unit))}</title></rect>"
                )
                # A value wider than its bar would run into the next bar's: the tooltip still has it.
                if show_values and mode != "stacked" and text_width(_fmt(v, decimals, unit), 10) <= w + 1:
                    ty = top_y - 3 if v >= 0 else top_y + h + 11
                    parts.append(
                        f'<text x="{x + w / 2:.1f}" y="{ty:.1f}" text-anchor="middle" font-size="10">'
                        f"{escape(_fmt(v, decimals, unit))}</text>"
                    )
            total_text = _fmt(pos_base, decimals, unit)
            if show_values and mode == "stacked" and pos_base and text_width(total_text, 10) <= slot - 2:
                parts.append(
                    f'<text x="{x0 + inner / 2:.1f}" y="{y_of(pos_base) - 3:.1f}" text-anchor="middle" font-size="10">'
                    f"{escape(_fmt(pos_base, decimals, unit))}</text>"
                )

    if target is not None:
        y = y_of(target)
        label = target_label or gettext("Chỉ tiêu %(value)s") % {"value": _fmt(target, decimals, unit)}
        parts.append(_line(left, y, left + plot_w, y, "#b42318", 1.2, ' stroke-dasharray="5,3"'))
        # A white patch behind the label keeps it readable where it crosses a bar.
        patch = 5.6 * len(label) + 6
        parts.append(
            f'<rect x="{left + plot_w - patch:.1f}" y="{y - 14:.1f}" width="{patch:.1f}" height="12" '
            'fill="#ffffff" fill-opacity="0.85"/>'
        )
        parts.append(_text(left + plot_w - 3, y - 4, label, anchor="end", size=10, extra=' fill="#b42318"'))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every piece of text above is escaped


def bar_chart_svg(
    labels: list,
    values: list,
    *,
    title: str = "",
    unit: str = "",
    name: str = "",
    color: str = "",
    width: int = 640,
    height: int = 300,
    decimals: int | None = None,
    target: float | None = None,
    target_label: str = "",
    show_values: bool = True,
    y_max: float | None = None,
) -> SafeString:
    """One series of vertical bars. `unit="%"` writes values as "85,3%"; `target` draws a dashed line
    (e.g. the 70% of Quyết định 281/QĐ-TTg); `y_max=100` keeps a rate axis at 100%."""
    return _axes_chart(
        labels,
        [Series(name or title, list(values), color)],
        mode="grouped",
        title=title,
        unit=unit,
        width=width,
        height=height,
        decimals=decimals,
        target=target,
        target_label=target_label,
        show_values=show_values,
        y_max=y_max,
    )


def grouped_bar_chart_svg(labels: list, series: list[Series], **options) -> SafeString:
    """Several series side by side per label (e.g. registered vs recognised per commune)."""
    return _axes_chart(labels, list(series), mode="grouped", **_defaults(options))


def stacked_bar_chart_svg(labels: list, series: list[Series], **options) -> SafeString:
    """Series stacked per label (e.g. level 1 + level 2 = recognised); the total is written on top."""
    return _axes_chart(labels, list(series), mode="stacked", **_defaults(options))


def line_chart_svg(labels: list, series: list[Series], **options) -> SafeString:
    """One line per series over ordered labels (years, survey rounds)."""
    return _axes_chart(labels, list(series), mode="line", **_defaults(options))


def _defaults(options: dict) -> dict:
    allowed = {"title", "unit", "width", "height", "decimals", "target", "target_label", "show_values", "y_max"}
    unknown = set(options) - allowed
    if unknown:
        raise TypeError(f"Unknown chart options: {sorted(unknown)}")
    return {
        "title": "",
        "unit": "",
        "width": 640,
        "height": 300,
        "decimals": None,
        "target": None,
        "target_label": "",
        "show_values": True,
        "y_max": None,
        **options,
    }
