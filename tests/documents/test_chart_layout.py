"""Charts a reader can read (issue 17: overlapping labels and an empty legend entry on the office
home's charts). Positions are estimated from the SVG the way documents/charts.py lays it out."""

import re

from documents import Series, bar_chart_svg, grouped_bar_chart_svg
from documents.charts import CHAR_WIDTH, text_width

COMMUNES = [
    "Đống Đa", "Nậm Pồ", "Phúc Thịnh", "Pá Lùng", "Đồng Tâm", "Yên Bình", "Hồng Phong", "Minh Khai",
    "Quang Trung", "Lê Lợi", "Tân Thành", "Hòa Bình", "Thanh Xuân", "Kim Sơn", "An Khánh", "Bình Minh",
    "Chiềng Sinh", "Mường Thanh", "Nà Tấu", "Thượng Lâm",
]  # fmt: skip


def _axis_labels(svg: str) -> list[tuple[float, str, bool]]:
    """(x, text, slanted) of each name under the axis."""
    found = []
    for match in re.finditer(r'<text x="([\d.]+)" y="[\d.]+" text-anchor="(?:middle|end)" font-size="11"([^>]*)>'
                             r"<title>[^<]*</title>([^<]*)</text>", svg):  # fmt: skip
        found.append((float(match.group(1)), match.group(3), "rotate(" in match.group(2)))
    return found


def test_many_commune_names_under_the_axis_never_overlap():
    svg = grouped_bar_chart_svg(
        COMMUNES,
        [Series("Mức độ 1", [91.5] * 20), Series("Mức độ 2", [80.25] * 20)],
        title="Tỉ lệ biết chữ theo xã",
        unit="%",
        y_max=100,
    )
    labels = _axis_labels(svg)
    assert len(labels) == 20
    slot = labels[1][0] - labels[0][0]
    for _x, text, slanted in labels:
        # Level names must fit their slot; slanted ones (45°) need only the line height between them.
        assert slanted or text_width(text, 11) <= slot
    assert all(slanted for _x, _text, slanted in labels) or slot >= max(text_width(t, 11) for _x, t, _s in labels)
    assert slot * 0.707 >= 11  # slanted names stand a line apart


def test_short_names_stay_level():
    svg = bar_chart_svg(["Xã A", "Xã B", "Xã C"], [1, 2, 3], title="Ba xã")
    assert [slanted for _x, _t, slanted in _axis_labels(svg)] == [False, False, False]


def test_a_value_is_written_on_a_bar_only_when_it_fits_its_width():
    svg = grouped_bar_chart_svg(
        COMMUNES, [Series("Mức độ 1", [91.5] * 20), Series("Mức độ 2", [80.25] * 20)], unit="%", decimals=1
    )
    bars = [float(w) for w in re.findall(r'<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)" height="[\d.]+" fill="#', svg)]
    values = re.findall(r'font-size="10">([^<]+)</text>', svg)
    assert bars and min(bars) < text_width("91,5%", 10)
    assert values == []  # too narrow for "91,5%": the tooltip of each bar keeps the figure
    few = grouped_bar_chart_svg(["Xã A", "Xã B"], [Series("Mức độ 1", [91.5, 80.2])], unit="%", decimals=1)
    assert "91,5%" in re.findall(r'font-size="10">([^<]+)</text>', few)


def test_a_series_without_any_value_has_no_legend_entry():
    svg = grouped_bar_chart_svg(
        ["Gia đình", "Dòng họ", "Cộng đồng"],
        [Series("Tỉ lệ được công nhận", [55.0, 40.0, 30.0]), Series("Chỉ tiêu", [None, None, None])],
        unit="%",
    )
    assert "Chỉ tiêu" not in svg
    assert re.findall(r'<text x="[\d.]+" y="[\d.]+">([^<]*)</text>', svg) == []  # one series: no legend


def test_a_series_without_a_name_has_no_empty_legend_entry():
    svg = grouped_bar_chart_svg(
        ["A", "B"], [Series("Đăng ký", [3, 4]), Series("", [1, 2]), Series("Công nhận", [1, 1])]
    )
    legend = re.findall(r'<text x="[\d.]+" y="[\d.]+">([^<]*)</text>', svg)
    assert legend == ["Đăng ký", "Công nhận"]


def test_a_long_legend_wraps_above_the_plot_instead_of_into_it():
    names = [f"Loại danh hiệu học tập số {i}" for i in range(1, 7)]
    svg = grouped_bar_chart_svg(["A", "B"], [Series(name, [i, i + 1]) for i, name in enumerate(names, 1)], width=480)
    legend_y = [float(y) for y in re.findall(r'<text x="[\d.]+" y="([\d.]+)">Loại', svg)]
    first_gridline = min(float(y) for y in re.findall(r'<line x1="[\d.]+" y1="([\d.]+)"', svg))
    assert len(set(legend_y)) > 1  # wrapped
    assert max(legend_y) + 4 < first_gridline
    assert CHAR_WIDTH[12] * len(names[0]) < 480


def test_the_first_slanted_name_stays_inside_the_picture():
    names = ["Thị trấn Mường Thanh Hưng", *COMMUNES[1:]]
    svg = grouped_bar_chart_svg(names, [Series("Mức độ 1", [91.5] * 20)], unit="%")
    x, text, slanted = _axis_labels(svg)[0]
    assert slanted and x - 0.72 * text_width(text, 11) >= 0
