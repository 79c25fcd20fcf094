"""The check (dry run): every data row read and validated, then compared with the register; nothing
is written. Each row goes through small steps (`_RowChecker`), and a bad cell is recorded with the
row number Excel shows and the column's header, so the officer finds it in the file."""

from collections.abc import Callable

from django.utils.translation import gettext as _

from units.calendar import today
from units.ethnicity import KINH, accepted_forms, ethnic_group, is_minority
from units.models import Unit, UnitKind
from units.text import fold

from .. import rules
from ..models import PersonStatus, Residence, SurveyRound
from ..text import fold_fast
from .columns import COLUMN_BY_KEY, OPTIONAL_PERSON_KEYS, PUNCT, header_key
from .diff import find_changes
from .mapping import DERIVED, to_canonical
from .plan import BATCH, MAX_STORED_ERRORS, ImportPlan, ParsedRow, RowError
from .reader import (
    MSG_RESIDENCE,
    MSG_SEX,
    MSG_STAGE,
    MSG_STATUS,
    NO,
    RESIDENCES,
    SEXES,
    STAGES,
    STATUSES,
    YES,
    FileProblem,
    cell_text,
    find_header,
    flag_key,
    is_blank,
    is_example,
    parse_birth,
    parse_choice,
    parse_grade,
    read_sheet,
)


def check(
    source,
    *,
    survey_round: SurveyRound,
    commune: Unit,
    allowed_hamlet_ids: set[int] | None = None,
    progress: Callable[[int, int], None] | None = None,
    mapping: dict | None = None,
) -> ImportPlan:
    """Read and validate every row, then compare with the register: nothing is written. With a
    `mapping` (household_import.mapping) the file's own layout is first turned into the template's
    columns, so a mapped file goes through the same checks."""
    plan = ImportPlan()
    try:
        rows, merged = read_sheet(source)
        if mapping:
            file_headers = _file_headers(mapping, rows)
            rows, merged = to_canonical(rows, mapping), []
    except FileProblem as problem:
        plan.fatal = str(problem)
        return plan
    try:
        header_index, columns = find_header(rows, merged)
    except FileProblem as problem:
        plan.fatal, plan.header_missing = str(problem), True
        return plan
    plan.optional_keys = tuple(key for key in OPTIONAL_PERSON_KEYS if key in columns)
    checker = _RowChecker(plan, columns, commune=commune, allowed_hamlet_ids=allowed_hamlet_ids)
    data_rows = rows[header_index + 1 :]
    total = len(data_rows)
    for offset, values in enumerate(data_rows):
        if progress and offset % BATCH == 0:
            progress(offset, total)
        checker.read(values, number=header_index + offset + 2)  # the row number Excel shows
    if progress:
        progress(total, total)
    if plan.rows == 0:
        plan.fatal = _("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.")
        return plan
    if not plan.errors:
        find_changes(plan, survey_round, commune)
    plan.summary["rows"] = plan.rows
    plan.summary["errors"] = len(plan.errors)
    if mapping:  # the errors name the file's own columns
        for error in plan.errors:
            error.column = file_headers.get(error.column, error.column)
    return plan


def _file_headers(mapping: dict, rows: list[list]) -> dict[str, str]:
    """Template header → the file's header(s) that feed it."""
    header_row = mapping.get("header_row", 1)
    present = {header_key(v) for v in rows[header_row - 1]} if len(rows) >= header_row else set()
    names: dict[str, list[str]] = {}
    for entry in mapping.get("columns", ()):
        if header_key(entry["header"]) not in present:
            continue
        key = entry["target"]
        key = DERIVED[key][1] if key in DERIVED else key
        if key in COLUMN_BY_KEY:
            names.setdefault(COLUMN_BY_KEY[key].header, []).append(entry["header"])
    return {header: " / ".join(files) for header, files in names.items()}


def _hamlet_lookup(commune: Unit) -> dict[str, int]:
    """The commune's hamlets by name, full name and code, folded as a cell is."""
    hamlets = Unit.objects.filter(parent=commune, kind=UnitKind.HAMLET).only("id", "code", "name", "level_label")
    lookup: dict[str, int] = {}
    for hamlet in hamlets:
        for name in (hamlet.name, hamlet.full_name, hamlet.code):
            lookup.setdefault(PUNCT.sub("", fold(name)), hamlet.pk)
    return lookup


_HEADER_OF = {key: column.header for key, column in COLUMN_BY_KEY.items()}


class _Row:
    """One data row being checked: its cells by column key and whether a cell was wrong."""

    __slots__ = ("columns", "errors", "number", "ok", "values")

    def __init__(self, values, number: int, columns: dict[str, int], errors: list[RowError]):
        self.values, self.number, self.columns, self.errors, self.ok = values, number, columns, errors, True

    def cell(self, key: str):
        index = self.columns.get(key)
        return None if index is None else self.values[index]  # `read` pads the row to every column

    def text(self, key: str) -> str:
        index = self.columns.get(key)
        return "" if index is None else cell_text(self.values[index])

    def bad(self, key: str, message: str) -> None:
        self.ok = False
        if len(self.errors) < MAX_STORED_ERRORS:
            self.errors.append(RowError(self.number, _HEADER_OF[key], message))
        else:
            self.errors.append(RowError(self.number, "", ""))  # counted, not stored

    def choice(self, key: str, table: dict, message, default):
        try:
            return parse_choice(self.cell(key), table, message)
        except ValueError as exc:
            self.bad(key, str(exc))
            return default


class _RowChecker:
    """Checks the data rows of one file in order; the rows that pass go to plan.parsed."""

    def __init__(self, plan: ImportPlan, columns: dict[str, int], *, commune: Unit, allowed_hamlet_ids):
        self.plan = plan
        self.columns = columns
        self.width = max(columns.values()) + 1
        self.commune = commune
        self.allowed_hamlet_ids = allowed_hamlet_ids
        self.hamlets = _hamlet_lookup(commune)
        self.hamlet_of_text: dict[str, int | None] = {}  # a cell's text → self.hamlets' answer
        self.today = today()
        self.households: dict[str, tuple[int, int, str]] = {}  # code → (row, hamlet_id, head)
        self.seen_people: dict[tuple, int] = {}
        self.seen_ids: dict[str, int] = {}
        self.has_id = "id_number" in columns
        self.has_found = "found_illiterate" in columns

    def read(self, values, *, number: int) -> None:
        if len(values) < self.width:
            values = list(values) + [None] * (self.width - len(values))
        if all(is_blank(v) for v in values) or is_example(values[self.columns["household_code"]]):
            return
        self.plan.rows += 1
        row = _Row(values, number, self.columns, self.plan.errors)
        code, hamlet_id, head = self._household_cells(row)
        person = self._person_cells(row)
        if not row.ok:
            return
        head = self._same_household(row, code, hamlet_id, head)
        if head is None or self._duplicate(row, code, person):
            return
        self.plan.parsed.append(
            ParsedRow(
                row=number,
                household_code=code,
                hamlet_id=hamlet_id,
                house_number=row.text("house_number")[:60],
                head_name=head,
                residence=person["residence"],
                person=person,
            )
        )

    # The cells, in the order of the template's columns --------------------------------------------

    def _household_cells(self, row: _Row) -> tuple[str, int | None, str]:
        code = row.text("household_code")
        if not code:
            row.bad("household_code", _("Thiếu mã hộ."))
        elif len(code) > 30:
            row.bad("household_code", _("Mã hộ dài quá 30 ký tự."))
        full_name = row.text("full_name")
        if not full_name:
            row.bad("full_name", _("Thiếu họ và tên."))
        elif len(full_name) > 150:
            row.bad("full_name", _("Họ và tên dài quá 150 ký tự."))
        return code, self._hamlet(row), row.text("head_name")

    def _hamlet(self, row: _Row) -> int | None:
        hamlet_text = row.text("hamlet")
        try:  # a commune has a few tens of hamlets, each written the same way on thousands of rows
            hamlet_id = self.hamlet_of_text[hamlet_text]
        except KeyError:
            hamlet_id = self.hamlet_of_text[hamlet_text] = self.hamlets.get(PUNCT.sub("", fold_fast(hamlet_text)))
        if not hamlet_text:
            row.bad("hamlet", _("Thiếu thôn, tổ dân phố."))
        elif hamlet_id is None:
            row.bad(
                "hamlet",
                _("Không có thôn, tổ dân phố “%(v)s” trong %(c)s.") % {"v": hamlet_text, "c": self.commune.full_name},
            )
        elif self.allowed_hamlet_ids is not None and hamlet_id not in self.allowed_hamlet_ids:
            row.bad("hamlet", _("Thôn “%(v)s” không được phân công cho đơn vị của bạn.") % {"v": hamlet_text})
        return hamlet_id

    def _person_cells(self, row: _Row) -> dict:
        full_name = row.text("full_name")
        birth_year, birth_date = None, None
        try:
            birth_year, birth_date = parse_birth(row.cell("birth"), self.today)
        except ValueError as exc:
            row.bad("birth", str(exc))
        try:
            grade = parse_grade(row.cell("grade"))
        except ValueError as exc:
            grade = 0
            row.bad("grade", str(exc))
        stage = row.choice("stage", STAGES, MSG_STAGE, 0)
        sex = self._sex(row)
        flags = self._flags(row)
        residence = row.choice("residence", RESIDENCES, MSG_RESIDENCE, Residence.PERMANENT)
        status = row.choice("status", STATUSES, MSG_STATUS, PersonStatus.PRESENT)
        # Code, official name or other name (Quyết định 121-TCTK/PP); blank is Kinh as on the form.
        typed = row.text("ethnicity")
        ethnicity = ethnic_group(typed) if typed else KINH
        if ethnicity is None:
            ethnicity = ""
            row.bad(
                "ethnicity",
                _("Dân tộc “%(v)s” không có trong danh mục. Hãy ghi %(forms)s.")
                % {"v": typed[:40], "forms": accepted_forms()},
            )
        folded = fold_fast(full_name)
        found = False
        if self.has_found:
            value = flag_key(row.cell("found_illiterate"))
            found = value in YES
            if value not in YES and value not in NO:
                row.bad(
                    "found_illiterate",
                    _("“%(v)s” không hợp lệ: ghi x (có) hoặc để trống.") % {"v": row.text("found_illiterate")},
                )
        person = {
            "full_name": full_name,
            "name_folded": folded[:150],
            "birth_date": birth_date,
            "birth_year": birth_year,
            "birth_mmdd": birth_date.month * 100 + birth_date.day if birth_date else 0,
            "sex": sex,
            "ethnicity": ethnicity,
            "ethnic_minority": is_minority(ethnicity),
            "relation": row.text("relation")[:40],
            "grade": grade,
            "stage": stage,
            "literacy_level": rules.literacy_level(grade=grade, stage=stage, found_illiterate=found),
            "disability": flags["disability"],
            "exempt": flags["exempt"],
            "residence": residence,
            "status": status,
        }
        if self.has_found:
            person["found_illiterate"] = found
        if self.has_id:
            person["id_number"] = self._id_number(row)
        return person

    def _id_number(self, row: _Row) -> str:
        cell = row.cell("id_number")
        value = row.text("id_number").replace(" ", "").replace(".", "")
        if isinstance(cell, int | float) and not isinstance(cell, bool) and value.isdigit():
            value = value.zfill(12)  # a number cell loses the leading 0 every province code has
        if message := rules.id_number_error(value):
            row.bad("id_number", message)
            return ""
        if value and value in self.seen_ids:
            row.bad(
                "id_number",
                _("Số định danh %(v)s trùng với dòng %(r)d.") % {"v": value, "r": self.seen_ids[value]},
            )
        elif value:
            self.seen_ids[value] = row.number
        return value

    def _sex(self, row: _Row) -> str:
        if is_blank(row.cell("sex")):
            row.bad("sex", _("Thiếu giới tính (Nam hoặc Nữ)."))
            return ""
        return row.choice("sex", SEXES, MSG_SEX, "")

    def _flags(self, row: _Row) -> dict[str, bool]:
        flags = {}
        for key in ("disability", "exempt"):
            value = flag_key(row.cell(key))
            flags[key] = value in YES
            if value not in YES and value not in NO:
                row.bad(key, _("“%(v)s” không hợp lệ: ghi x (có) hoặc để trống.") % {"v": row.text(key)})
        if message := rules.exemption_error(disability=flags["disability"], exempt=flags["exempt"]):
            row.bad("exempt", message)
        return flags

    # Across rows ----------------------------------------------------------------------------------

    def _same_household(self, row: _Row, code: str, hamlet_id: int, head: str) -> str | None:
        """The household's head (from its first row when this row leaves it blank), or None when the
        row contradicts the household's first row."""
        if code not in self.households:
            if not head:
                row.bad("head_name", _("Thiếu chủ hộ."))
                return None
            self.households[code] = (row.number, hamlet_id, head)
            return head
        first_row, first_hamlet, first_head = self.households[code]
        if first_hamlet != hamlet_id:
            row.bad("hamlet", _("Mã hộ %(c)s đã ghi ở thôn khác tại dòng %(r)d.") % {"c": code, "r": first_row})
            return None
        if head and first_head and head != first_head and fold_fast(head) != fold_fast(first_head):
            row.bad("head_name", _("Mã hộ %(c)s có chủ hộ khác với dòng %(r)d.") % {"c": code, "r": first_row})
            return None
        return first_head

    def _duplicate(self, row: _Row, code: str, person: dict) -> bool:
        key = (code, person["name_folded"], person["birth_year"])
        if key in self.seen_people:
            row.bad(
                "full_name", _("Trùng với dòng %(r)d (cùng hộ, họ tên và năm sinh).") % {"r": self.seen_people[key]}
            )
            return True
        self.seen_people[key] = row.number
        return False
