"""Models of `reports`: the report-form engine's models live in report_models.py. Background jobs
moved to the `jobs` app and scoring rubrics to the `rubrics` app (issue 13)."""

# Forms, periods, submissions and values live in their own module (owned by the reports core).
from .report_models import (  # noqa: E402, F401
    CellType,
    DataValue,
    FormCell,
    FormColumn,
    FormRow,
    FormSection,
    Notification,
    ReportForm,
    ReportingPeriod,
    Submission,
    ValidationRule,
    ValueChange,
)
