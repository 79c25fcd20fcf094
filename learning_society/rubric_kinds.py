"""What the learning society tells the rubric pages (rubrics/registry.py, found at start-up by
rubrics.apps through autodiscover_modules): its titles are kinds of subject, it ships the national
default rubrics (learning_society/rubrics/*.json), and the rubric pages are shown in its section."""

import json
from pathlib import Path

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from rubrics import registry
from units import legal

from .models import Title

SHIPPED_RUBRICS = Path(__file__).resolve().parent / "rubrics"


def shipped_rubric_data() -> list[dict]:
    """The national defaults shipped with the portal, one file per title and year range."""
    return [json.loads(path.read_text(encoding="utf-8")) for path in sorted(SHIPPED_RUBRICS.glob("*.json"))]


for _value, _label in Title.choices:
    registry.register_kind(_value, _label)
SHIPPED_SOURCES = ("qd448_2015", "tt22_2020", "tt44_2014", "tt24_2023", "tt25_2023")
registry.register_shipped(
    shipped_rubric_data,
    format_lazy(
        "{}: {}",
        ", ".join(legal.cite(key) for key in SHIPPED_SOURCES),
        _("chỉ thêm bộ mặc định còn thiếu, không sửa bộ đã có."),
    ),
)
registry.register_section("learning_society:index", _("Xã hội học tập"), "learning_society/_nav.html")
