"""Writes of the learning-society cycle, split by concern. Each is atomic, takes `actor`, validates
with Vietnamese messages and leaves an audit row (units.audit).

- subjects: families, clans, communities and units, and their registrations
- assessments: scoring one subject against the rubric in force
- grid: the points grid (many subjects of one area at once)
- recognition: checking, recognising by decision, title settings

Callers use the package (`from learning_society import services`). A test that replaces a function
must patch the submodule where it is looked up, not this package."""

from .assessments import (
    LOCKED,
    GridError,
    Outcome,
    assessment_save,
    evaluate,
    rubric_or_error,
)
from .grid import (
    grid_save,
)
from .recognition import (
    agency_name,
    assessments_check,
    recognise,
    recognition_authority_reset,
    recognition_authority_save,
    rubrics_load_shipped,
    title_setting_save,
)
from .subjects import (
    HOUSEHOLD_SOURCE,
    families_import_from_register,
    households_available,
    registrations_create,
    registrations_create_chosen,
    subject_create,
)

__all__ = [
    "LOCKED",
    "GridError",
    "Outcome",
    "assessment_save",
    "evaluate",
    "rubric_or_error",
    "grid_save",
    "agency_name",
    "assessments_check",
    "recognise",
    "recognition_authority_reset",
    "recognition_authority_save",
    "rubrics_load_shipped",
    "title_setting_save",
    "HOUSEHOLD_SOURCE",
    "families_import_from_register",
    "households_available",
    "registrations_create",
    "registrations_create_chosen",
    "subject_create",
]
