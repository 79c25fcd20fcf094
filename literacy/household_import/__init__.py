"""Import of households and people from the portal's Excel template (mẫu nhập hộ gia đình).

Headers are matched regardless of case, accents, spacing and order (units.text.fold); dates come as
dd/mm/yyyy text, Excel dates or a bare year; text may be NFC or NFD. A check (dry run) reports what
would change and every bad row; the import itself is all-or-nothing in one transaction. The web page,
the background job (literacy.import_batches) and `manage.py import_households` share this package:

- columns.py: the template's columns and how a header is recognised;
- reader.py: reading the first sheet (measured first: units.spreadsheets) and one cell at a time;
- rows.py: every row checked, nothing written (`check` → ImportPlan);
- diff.py: the checked rows against the round's register (what apply will write);
- writer.py: the plan written in one transaction (`apply`);
- mapping.py: a file in another layout turned into the template's columns first (ghép cột);
- national.py: the national survey form's built-in mapping and the register written back out.
"""

from . import mapping
from .columns import COLUMNS
from .plan import MAX_STORED_ERRORS, ImportPlan
from .reader import MAX_ROWS, FileProblem, read_sheet
from .rows import check
from .writer import apply

__all__ = [
    "COLUMNS",
    "mapping",
    "MAX_ROWS",
    "MAX_STORED_ERRORS",
    "FileProblem",
    "ImportPlan",
    "apply",
    "check",
    "read_sheet",
]
