from reports.providers import register_provider

# The key is written once, here; annual.py reads it from this module, as a domain app's would.
VISITS = "plugin_app.visits"
VISITS_PER_COMMUNE = 7


def visits(units, start, end):
    return dict.fromkeys(units.values_list("id", flat=True), VISITS_PER_COMMUNE)


def register():
    register_provider(VISITS, "Lượt tham quan thư viện", visits, source="Sổ của phân hệ thử")
