"""What a check finds: the rows read, the errors by row and column, and (after the diff) what
apply() will write."""

from dataclasses import dataclass, field

BATCH = 2000
MAX_STORED_ERRORS = 5000


@dataclass
class RowError:
    row: int
    column: str
    message: str


@dataclass
class ParsedRow:
    row: int
    household_code: str
    hamlet_id: int
    house_number: str
    head_name: str
    residence: str
    person: dict


@dataclass
class ImportPlan:
    rows: int = 0
    fatal: str = ""
    header_missing: bool = False  # the template's headers were not found: the file needs a mapping
    errors: list[RowError] = field(default_factory=list)
    parsed: list[ParsedRow] = field(default_factory=list)
    summary: dict = field(default_factory=dict)
    # The optional person columns the file has (columns.OPTIONAL_PERSON_KEYS): only those are written.
    optional_keys: tuple = ()
    # Filled by the diff: what apply() will write.
    new_households: list[dict] = field(default_factory=list)
    changed_households: list[tuple[int, dict]] = field(default_factory=list)
    new_persons: list[tuple[str, dict]] = field(default_factory=list)
    changed_persons: list[tuple[int, dict]] = field(default_factory=list)
    moved_persons: list[tuple[int, str]] = field(default_factory=list)  # (person, household code)

    @property
    def ok(self) -> bool:
        return not self.fatal and not self.errors

    def error_rows(self) -> list[list]:
        return [[e.row, e.column, e.message] for e in self.errors]
