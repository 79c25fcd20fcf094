"""Centre (TTHTCĐ) views, thin: access helper → form → one service → redirect, or re-render with the
errors. centers/urls.py points at the modules:

- common: shared helpers (`_year`, `_centre_context`, `_form_page`, ...)
- overview: the office's centre table and Excel, a centre's dashboard, the yearly report numbers
- profile: profile and people
- activities: activities
- clubs: clubs
- planning: learning needs and the year plan
- money: funding
- assessment: self-assessment, evidence, the office's rating and ranking"""
