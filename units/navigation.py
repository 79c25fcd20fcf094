"""The top menu's "Công tác năm" (the office's year of work): the modules that plug into it, found
through their AppConfig, so a new module adds its entry without editing base.html.

A module declares on its AppConfig::

    nav_entry = {"label": _("Tập huấn"), "url": "training:index", "icon": "fa-solid fa-…", "order": 10}

`url` is a URL name (reversed here); entries are listed by `order`, then by label.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from .plugins import app_attribute


@dataclass(frozen=True)
class NavEntry:
    label: str
    url: str
    icon: str
    active: bool


def year_nav(request) -> list[NavEntry]:
    """The entries of the "Công tác năm" menu, in order, the current module's marked active."""
    match = getattr(request, "resolver_match", None)
    namespace = match.namespace if match else ""
    entries = []
    for _config, entry in app_attribute("nav_entry"):
        url_name = entry["url"]
        try:
            url = reverse(url_name)
        except NoReverseMatch:  # an app installed without its URLs shows no dead link
            continue
        app_namespace = url_name.rpartition(":")[0]
        entries.append(
            (
                entry.get("order", 100),
                str(entry["label"]),
                NavEntry(
                    label=str(entry["label"]),
                    url=url,
                    icon=entry.get("icon", "fa-solid fa-folder"),
                    active=bool(app_namespace) and namespace == app_namespace,
                ),
            )
        )
    return [nav for _order, _label, nav in sorted(entries, key=lambda item: (item[0], item[1]))]
