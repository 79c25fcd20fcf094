"""What a screen-reader user and a low-vision reader meet in every template and stylesheet (issue 17:
486 icons read aloud, an icon-only search button without a name, amber text at 4.11:1; tap targets
under 44 px on a phone)."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = sorted(
    path
    for path in [*ROOT.glob("templates/**/*.html"), *ROOT.glob("*/templates/**/*.html")]
    if ".venv" not in path.parts and "node_modules" not in path.parts
)
STYLESHEETS = sorted(
    path for path in [*ROOT.glob("static/css/*.css"), *ROOT.glob("*/static/**/*.css")] if ".venv" not in path.parts
)

# A tag may hold template tags with ">" inside ({% if n >= 0 %}): they are skipped whole.
_TAG = r"(?:\{%.*?%\}|\{\{.*?\}\}|[^>{])*"
ICON = re.compile(rf"<i\s{_TAG}>", re.S)
ICON_CLASS = re.compile(r'class="[^"]*(\bfa-|\bbi-|\bbi\b)')
ACTION = re.compile(rf"<(a|button)(\s{_TAG})?>(.*?)</\1>", re.S)


def _line(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def test_there_are_templates_to_check():
    assert len(TEMPLATES) > 100


def test_every_icon_is_hidden_from_screen_readers_or_named():
    """A decorative icon says nothing aloud (aria-hidden); one that means something on its own is
    an image with a name (role="img" aria-label)."""
    offenders = []
    for path in TEMPLATES:
        text = path.read_text(encoding="utf-8")
        for match in ICON.finditer(text):
            tag = match.group(0)
            if not ICON_CLASS.search(tag):
                continue
            named = 'role="img"' in tag and "aria-label=" in tag
            if 'aria-hidden="true"' not in tag and not named:
                offenders.append(f"{path.relative_to(ROOT)}:{_line(text, match.start())}")
    assert not offenders, f"{len(offenders)} icons without aria-hidden: {offenders[:20]}"


def _visible_text(inner: str) -> str:
    inner = re.sub(r"\{#.*?#\}", "", inner, flags=re.S)
    inner = re.sub(r"\{%\s*(translate|trans|blocktranslate|blocktrans)\b.*?%\}", "TEXT", inner, flags=re.S)
    inner = re.sub(r"\{\{.*?\}\}", "TEXT", inner, flags=re.S)
    inner = re.sub(r"\{%.*?%\}", "", inner, flags=re.S)
    inner = re.sub(rf"<i\s{_TAG}>\s*</i>", "", inner, flags=re.S)
    inner = re.sub(r"<[^>]+>", "", inner)
    return inner.strip()


def test_every_button_or_link_showing_only_an_icon_has_a_name():
    offenders = []
    for path in TEMPLATES:
        text = path.read_text(encoding="utf-8")
        for match in ACTION.finditer(text):
            attrs, inner = match.group(2) or "", match.group(3)
            if not ICON.search(inner) or _visible_text(inner):
                continue
            if "visually-hidden" in inner or re.search(r"\s(aria-label|title|aria-labelledby)=", attrs):
                continue
            offenders.append(f"{path.relative_to(ROOT)}:{_line(text, match.start())}")
    assert not offenders, f"icon-only buttons or links without a name: {offenders}"


def test_the_report_form_lists_search_button_is_named():
    text = (ROOT / "reports/templates/reports/form_list.html").read_text(encoding="utf-8")
    button = re.search(r"<button[^>]*>.*?</button>", text, re.S).group(0)
    assert 'aria-label="{% translate' in button or "visually-hidden" in button


# ---------------------------------------------------------------------------------------------
# Colour contrast of the text-on-background pairs the stylesheets define (WCAG 2.1 AA: 4.5:1)
# ---------------------------------------------------------------------------------------------

_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_COLOUR = r"(#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b|var\((--[\w-]+)\))"


def _luminance(colour: str) -> float:
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)

    def channel(hex_pair: str) -> float:
        value = int(hex_pair, 16) / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(digits[i : i + 2]) for i in (0, 2, 4))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def colour_pairs() -> list[tuple[str, str, str, str]]:
    """(stylesheet, selector, text colour, background) of every rule setting both as colours."""
    pairs = []
    for path in STYLESHEETS:
        css = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)
        variables = dict(re.findall(r"(--[\w-]+):\s*(#[0-9a-fA-F]{3,6})\b", css))
        for selector, body in _RULE.findall(css):
            background = re.search(rf"background(?:-color)?:\s*{_COLOUR}", body)
            text = re.search(rf"(?<![-\w])color:\s*{_COLOUR}", body)
            if not (background and text):
                continue
            colours = [variables.get(m.group(2), "") if m.group(2) else m.group(1) for m in (text, background)]
            if all(colours):
                pairs.append((path.name, selector.strip(), *colours))
    return pairs


def test_contrast_is_computed_as_wcag_does():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#b7600a", "#fff4e0") == pytest.approx(4.11, abs=0.01)  # the figure


def test_the_stylesheets_define_the_badge_pairs():
    selectors = {selector for _name, selector, _fg, _bg in colour_pairs()}
    assert {".tint-amber", ".badge-difficult", ".tint-green", ".rank-badge.top"} <= selectors


def test_every_text_on_background_pair_reaches_aa_contrast():
    weak = [
        f"{name} {selector}: {fg} on {bg} = {contrast(fg, bg):.2f}:1"
        for name, selector, fg, bg in colour_pairs()
        if contrast(fg, bg) < 4.5
    ]
    assert not weak, weak


# ---------------------------------------------------------------------------------------------
# Tap targets on a phone (WCAG 2.5.5: 44 × 44 px), CSS only
# ---------------------------------------------------------------------------------------------


def _phone_rules() -> dict[str, str]:
    css = re.sub(r"/\*.*?\*/", "", (ROOT / "static/css/portal.css").read_text(encoding="utf-8"), flags=re.S)
    rules: dict[str, str] = {}
    for block in re.finditer(r"@media \(max-width:\s*(\d+(?:\.\d+)?)px\)\s*\{((?:[^{}]*\{[^{}]*\})*)\s*\}", css):
        if float(block.group(1)) < 576:
            continue
        for selectors, body in _RULE.findall(block.group(2)):
            for selector in selectors.split(","):
                rules[selector.strip()] = rules.get(selector.strip(), "") + body
    return rules


@pytest.mark.parametrize(
    "selector", [".btn", ".form-select", ".form-control", ".nav-link", ".page-link", ".hamlet-chip", ".table td a"]
)
def test_on_a_phone_every_tap_target_is_at_least_44_px_tall(selector):
    body = _phone_rules().get(selector, "")
    assert re.search(r"min-height:\s*44px", body), f"{selector} has no 44px minimum on a phone: {body!r}"


@pytest.mark.parametrize("selector", [".btn", ".nav-link", ".page-link", ".table td a"])
def test_on_a_phone_buttons_and_links_are_at_least_44_px_wide(selector):
    body = _phone_rules().get(selector, "")
    assert re.search(r"min-width:\s*44px", body), f"{selector} has no 44px minimum width on a phone: {body!r}"
