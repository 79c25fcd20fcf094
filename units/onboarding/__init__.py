"""Bulk onboarding from Excel (issue 16): an office brings its unit tree and its people in one workbook.

- `columns.py`: the two sheets' columns, the drop-down lists, how a cell is read;
- `template.py`: the downloadable workbook (drop-downs by Excel data validation, an example row the
  import skips, a Vietnamese instructions sheet);
- `reader.py`: the upload, measured by units.spreadsheets.guard before openpyxl opens it;
- `plan.py`: every row through units.services (unit_create, person_create) — the dry run inside a
  transaction rolled back, the commit in one transaction kept only when no row fails;
- `batches.py`: the batch's life (check, commit, the one-time list of logins);
- `views.py`: the pages under /don-vi/nhap-tu-excel/.

Kept light on purpose: units.models imports `onboarding.models` at start-up.
"""
