"""The checked rows against what the round already holds for the commune: new, changed and
unchanged households and people (two queries), the plan's summary."""

from units.models import Unit

from ..models import Household, Person, SurveyRound
from ..services import PERSON_FIELDS
from .plan import ImportPlan

HOUSEHOLD_COMPARE = ("hamlet_id", "house_number", "head_name", "residence")
# The file carries the person form's fields (services.PERSON_FIELDS) but the on-the-spot finding
# (found_illiterate), which only a visit records.
PERSON_COMPARE = tuple(name for name in PERSON_FIELDS if name != "found_illiterate")


def find_changes(plan: ImportPlan, survey_round: SurveyRound, commune: Unit) -> None:
    """Compare the rows with what the round holds for the commune (two queries)."""
    existing_households = {
        row[0]: row[1:]
        for row in Household.objects.filter(round=survey_round, commune=commune).values_list(
            "code", "id", *HOUSEHOLD_COMPARE
        )
    }
    existing_persons = {}
    for row in Person.objects.filter(round=survey_round, commune=commune).values_list(
        "household__code", "name_folded", "birth_year", "id", *PERSON_COMPARE
    ):
        existing_persons[(row[0], row[1], row[2])] = (row[3], row[4:])
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
        key = (code, person["name_folded"], person["birth_year"])
        if key in existing_persons:
            matched += 1
            pk, old = existing_persons[key]
            if tuple(person[k] for k in PERSON_COMPARE) != tuple(old):
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
            "persons_not_in_file": len(existing_persons) - matched,
            "literate1": sum(1 for p in plan.parsed if p.person["literacy_level"] >= 1),
        }
    )
