"""What the apps that score tell the rubric pages, without `rubrics` importing them (issue 13).

Each app that scores subjects with rubrics has a `rubric_kinds.py` module, imported once at start-up
by `RubricsConfig.ready` (django.utils.module_loading.autodiscover_modules), which calls:
- `register_kind(code, label)`: a kind of subject (a rubric's `subject_kind`) managed on the rubric
  pages — the learning society's titles, the centres' TTHTCĐ self-assessment ("centre");
- `register_shipped(loader, note)`: the national defaults shipped with that app, as rubric data
  (loaded by the "Nạp các bộ tiêu chí mẫu" button and `manage.py load_rubrics`);
- `register_section(...)`: the section the rubric pages are shown in (their URL stays under
  /xa-hoi-hoc-tap/bo-tieu-chi/: breadcrumb, "Tổng quan" link and the section's menu).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    home_url: str  # URL name of the section's overview page
    home_label: str
    nav_template: str = ""  # included above the list of rubrics


@dataclass(frozen=True)
class Shipped:
    loader: Callable[[], list[dict]]  # rubric data of the national defaults
    note: str  # which texts they follow, shown beside the button


_kinds: dict[str, str] = {}
_shipped: list[Shipped] = []
_section: list[Section] = []


def register_kind(code: str, label: str) -> None:
    _kinds[code] = label


def kinds() -> dict[str, str]:
    """{subject_kind: label} of every registered kind, in registration order."""
    return dict(_kinds)


def register_shipped(loader: Callable[[], list[dict]], note: str = "") -> None:
    _shipped.append(Shipped(loader, note))


def shipped() -> list[Shipped]:
    return list(_shipped)


def register_section(home_url: str, home_label: str, nav_template: str = "") -> None:
    _section[:] = [Section(home_url, home_label, nav_template)]


def section() -> Section | None:
    return _section[0] if _section else None
