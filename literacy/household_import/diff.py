"""The checked rows against what the round already holds for the commune: new, changed and
unchanged households and people (three queries), the plan's summary.

A row is the same person as one of the register when their ID numbers (số định danh) agree, else
when household code, folded name and birth date agree (a year-only birth matches any date of that
year); so a file exported from the portal, corrected in the national system and imported back adds
nobody twice."""

from django.utils.translation import gettext as _

from units.models import Unit

from ..models import Household, Person, SurveyRound
from ..services import PERSON_FIELDS
from .columns import COLUMN_BY_KEY, OPTIONAL_PERSON_KEYS
from .plan import ImportPlan, RowError

HOUSEHOLD_COMPARE = ("hamlet_id", "house_number", "head_name", "residence")
# The file carries the person form's fields (services.PERSON_FIELDS) but the on-the-spot finding
# (found_illiterate), which only a visit records unless the file has its column; the optional
# columns (columns.OPTIONAL_PERSON_KEYS) count only when the file has them.
PERSON_COMPARE = tuple(name for name in PERSON_FIELDS if name not in ("found_illiterate", *OPTIONAL_PERSON_KEYS))
_STORED = (*PERSON_COMPARE, *OPTIONAL_PERSON_KEYS)


class _Register:
    """The commune's people of the round, looked up by ID number and by household, name and birth."""

    def __init__(self, survey_round: SurveyRound, commune: Unit):
        self.by_id: dict[str, tuple] = {}
        self.by_name: dict[tuple, list[tuple]] = {}
        self.count = 0
        for row in Person.objects.filter(round=survey_round, commune=commune).values_list(
            "id", "household__code", "name_folded", "birth_year", "birth_mmdd", *_STORED
        ):
            self.count += 1
            entry = (row[0], row[4], dict(zip(_STORED, row[5:], strict=True)), row[1])
            if entry[2]["id_number"]:
                self.by_id[entry[2]["id_number"]] = entry
            self.by_name.setdefault((row[1], row[2], row[3]), []).append(entry)
        self.taken: set[int] = set()

    def match(self, code: str, person: dict) -> tuple | None:
        id_number = person.get("id_number", "")
        entry = self.by_id.get(id_number) if id_number else None
        if entry is None:
            mmdd = person["birth_mmdd"]
            for candidate in self.by_name.get((code, person["name_folded"], person["birth_year"]), ()):
                other_id = candidate[2]["id_number"]
                if candidate[0] in self.taken or (id_number and other_id and other_id != id_number):
                    continue
                if not mmdd or not candidate[1] or candidate[1] == mmdd:
                    entry = candidate
                    break
        if entry is not None and entry[0] not in self.taken:
            self.taken.add(entry[0])
            return entry
        return None


def _id_conflicts(plan: ImportPlan, survey_round: SurveyRound, commune: Unit) -> dict[str, str]:
    """ID numbers of the file another commune of the round already holds (one query)."""
    ids = [p.person["id_number"] for p in plan.parsed if p.person.get("id_number")]
    if not ids:
        return {}
    return dict(
        Person.objects.filter(round=survey_round, id_number__in=ids)
        .exclude(commune=commune)
        .values_list("id_number", "full_name")
    )


def find_changes(plan: ImportPlan, survey_round: SurveyRound, commune: Unit) -> None:
    """Compare the rows with what the round holds for the commune."""
    existing_households = {
        row[0]: row[1:]
        for row in Household.objects.filter(round=survey_round, commune=commune).values_list(
            "code", "id", *HOUSEHOLD_COMPARE
        )
    }
    register = _Register(survey_round, commune)
    elsewhere = _id_conflicts(plan, survey_round, commune)
    compare = (*PERSON_COMPARE, *plan.optional_keys)
    seen_households = set()
    matched = 0
    unchanged = 0
    for parsed in plan.parsed:
        code = parsed.household_code
        if code not in seen_households:
            seen_households.add(code)
            values = {
                "hamlet_id": parsed.hamlet_id,
                "house_number": parsed.house_number,
                "head_name": parsed.head_name,
                "residence": parsed.residence,
            }
            if code in existing_households:
                old = existing_households[code]
                if tuple(values[k] for k in HOUSEHOLD_COMPARE) != tuple(old[1:]):
                    plan.changed_households.append((old[0], values))
            else:
                plan.new_households.append({"code": code, **values})
        person = parsed.person
        id_number = person.get("id_number", "")
        if id_number in elsewhere:
            plan.errors.append(
                RowError(
                    parsed.row,
                    COLUMN_BY_KEY["id_number"].header,
                    _("Số định danh %(v)s đã có ở nhân khẩu %(n)s của xã khác trong đợt điều tra.")
                    % {"v": id_number, "n": elsewhere[id_number]},
                )
            )
            continue
        entry = register.match(code, person)
        holder = register.by_id.get(id_number) if id_number else None
        if holder is not None and (entry is None or holder[0] != entry[0]):
            plan.errors.append(
                RowError(
                    parsed.row,
                    COLUMN_BY_KEY["id_number"].header,
                    _("Số định danh %(v)s đã có ở một nhân khẩu khác của xã trong sổ.") % {"v": id_number},
                )
            )
            continue
        if entry is not None:
            matched += 1
            pk, _mmdd, old, old_code = entry
            if not person.get("id_number", True):  # a blank cell keeps the number the register holds
                person["id_number"] = old["id_number"]
            if old_code != code:  # found by ID number in another household: moved there
                plan.moved_persons.append((pk, code))
            if old_code != code or any(person[k] != old[k] for k in compare):
                plan.changed_persons.append((pk, person))
            else:
                unchanged += 1
        else:
            plan.new_persons.append((code, person))
    plan.summary.update(
        {
            "households_new": len(plan.new_households),
            "households_updated": len(plan.changed_households),
            "persons_new": len(plan.new_persons),
            "persons_updated": len(plan.changed_persons),
            "persons_unchanged": unchanged,
            "persons_not_in_file": register.count - matched,
            "literate1": sum(1 for p in plan.parsed if p.person["literacy_level"] >= 1),
        }
    )
