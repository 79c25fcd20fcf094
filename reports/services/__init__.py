"""Writes of the reports core, split by concern; every write is atomic, takes `actor`, validates with
Vietnamese messages and leaves an audit row (units.audit).

- forms: building a draft form (sections, rows, columns, cells, rules) and publishing it
- form_data: JSON export/import, new versions, the standard forms shipped with the portal
- periods: opening a reporting period, reminding late units
- values: parsing and displaying values, the checks shared by value writes
- submissions: save, submit, return, approve (one or many), unlock, take the portal's new figures
- prefill: cells filled from the indicator providers and whether they are stale
- notifications: in-portal notifications and email (`notify`, shared with annual.guidance)

Callers use the package (`from reports import services; services.submission_save(...)`). A test that
replaces a function must patch the submodule where it is looked up (e.g. `reports.services.submissions`),
not this package."""

from .form_data import (
    EXPORT_FORMAT,
    EXPORT_FORMAT_VERSION,
    STANDARD_FORMS_DIR,
    form_create_from_dict,
    form_new_version,
    form_to_dict,
    json_dumps,
    standard_form_files,
    standard_forms_load,
)
from .forms import (
    cell_update,
    column_add,
    column_delete,
    form_create,
    form_publish,
    form_update,
    row_add,
    row_delete,
    rule_add,
    rule_delete,
    section_add,
    section_delete,
)
from .notifications import notification_read, notify, settings_site, submission_link, unit_people
from .periods import expected_units, period_open, period_remind
from .prefill import (
    ProviderFigure,
    StaleFigures,
    provider_figures,
    stale_figures,
)
from .submissions import (
    submission_approve,
    submission_bulk_approve,
    submission_problems,
    submission_refresh_from_providers,
    submission_return,
    submission_save,
    submission_submit,
    submission_take_provider_figures,
    submission_unlock,
)
from .values import (
    MAX_NUMBER,
    NO_VALUES,
    YES_VALUES,
    CellErrors,
    VersionConflict,
    current_values,
    display_value,
    parse_value,
    values_by_key,
)

__all__ = [
    "EXPORT_FORMAT",
    "EXPORT_FORMAT_VERSION",
    "MAX_NUMBER",
    "NO_VALUES",
    "STANDARD_FORMS_DIR",
    "YES_VALUES",
    "CellErrors",
    "ProviderFigure",
    "StaleFigures",
    "VersionConflict",
    "cell_update",
    "column_add",
    "column_delete",
    "current_values",
    "display_value",
    "expected_units",
    "form_create",
    "form_create_from_dict",
    "form_new_version",
    "form_publish",
    "form_to_dict",
    "form_update",
    "json_dumps",
    "notification_read",
    "notify",
    "parse_value",
    "period_open",
    "period_remind",
    "provider_figures",
    "row_add",
    "row_delete",
    "rule_add",
    "rule_delete",
    "section_add",
    "section_delete",
    "settings_site",
    "stale_figures",
    "standard_form_files",
    "standard_forms_load",
    "submission_approve",
    "submission_bulk_approve",
    "submission_link",
    "submission_problems",
    "submission_refresh_from_providers",
    "submission_return",
    "submission_save",
    "submission_submit",
    "submission_take_provider_figures",
    "submission_unlock",
    "unit_people",
    "values_by_key",
]
