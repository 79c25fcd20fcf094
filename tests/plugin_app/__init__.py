"""A small app installed by tests only: it plugs an indicator and an annual-report block in the way a
domain app does (apps.py registers the provider, annual.py names it), to show the engine follows."""
