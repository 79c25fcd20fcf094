"""Literacy views, thin: an access helper fetches, a form validates, a service acts, the view
redirects or renders. literacy/urls.py points at the modules:

- common: pagination and the landing page's units
- landing: the literacy home page and the office's settings
- rounds: survey rounds and assignments
- households: households, people, duplicates and relapses
- uploads: the household file import
- classes: classes, enrolment and results
- standard: the standard and the name lists"""
