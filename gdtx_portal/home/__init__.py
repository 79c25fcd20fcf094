"""The home page's panels (gdtx_portal/views.py renders the page).

The home page is the one place that shows every module side by side, so its panels live with the
project, above every app: they may read the engines (reports, annual) and find the domain apps'
contributions — their `home.py` panels and headline figures — through the plugin loader
(units/plugins.py), never by importing a domain app.

- panels.py: the list of panels of a page, in order: the reporting panels, then each app's own;
- reporting.py: what needs attention in the reporting periods, what a school or centre must
  send, and its latest report's figures;
- headlines.py: the office's headline figures of the year, declared by the domain apps;
- audit.py: the recent-changes list in words (areas named by the apps).
"""
