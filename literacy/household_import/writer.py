"""Writing a checked plan: all rows or none, in one transaction, audited once. The new households
and people go in by PostgreSQL COPY (units.bulk_copy; a fraction of the INSERTs' time at 100,000
rows), by bulk_create on SQLite; a failing row still rolls back everything, as the check reported
row by row before anything was written."""

from collections.abc import Callable

from django.db import transaction
from django.db.models import F

from units import audit
from units.bulk_copy import copy_supported, copy_values
from units.models import Unit

from .. import counts, levels, rules
from ..models import Enrolment, Household, Person, SurveyRound
from .diff import HOUSEHOLD_COMPARE, PERSON_COMPARE
from .plan import BATCH, ImportPlan


@transaction.atomic
@counts.batch()  # the kept counts of the commune × round, recomputed once after all its writes
def apply(
    plan: ImportPlan,
    *,
    actor,
    survey_round: SurveyRound,
    commune: Unit,
    file_name: str = "",
    progress: Callable[[int, int], None] | None = None,
) -> dict:
    """Write the plan in one transaction: all rows or none."""
    if not plan.ok:
        raise ValueError("Only a plan without errors can be applied.")
    if survey_round.status != SurveyRound.Status.OPEN:
        raise ValueError("The round is closed.")
    copy = copy_supported()
    owner = {"round_id": survey_round.pk, "commune_id": commune.pk}
    _create(Household, [owner | values for values in plan.new_households])
    if plan.changed_households:
        # Bumping the version makes an edit page opened before the import refuse its save.
        updates = [Household(pk=pk, version=F("version") + 1, **values) for pk, values in plan.changed_households]
        Household.objects.bulk_update(updates, [*HOUSEHOLD_COMPARE, "version"], batch_size=BATCH)
    household_ids = dict(Household.objects.filter(round=survey_round, commune=commune).values_list("code", "id"))
    total = len(plan.new_persons) + len(plan.changed_persons)
    done = 0
    batch = []
    for code, person in plan.new_persons:
        # The services' rule, also for a plan built elsewhere: an exemption needs a disability.
        rules.check_exemption(disability=person.get("disability", False), exempt=person.get("exempt", False))
        batch.append(owner | {"household_id": household_ids[code]} | person)
        if len(batch) >= BATCH:
            _create(Person, batch)
            done += len(batch)
            batch = []
            if progress:
                progress(done, total)
    _create(Person, batch)
    done += len(batch)
    if copy and plan.new_persons:
        # COPY goes around the ORM, which notes the people written for the kept counts: say so here,
        # so the commune × round is recomputed (counts.refresh) once when the import's batch ends.
        counts.touched({(survey_round.pk, commune.pk)})
    if plan.changed_persons:
        fields = [*PERSON_COMPARE, "name_folded", "birth_mmdd", "ethnic_minority", "literacy_level", "found_illiterate"]
        fields += [key for key in plan.optional_keys if key not in fields]
        fields.append("version")
        updates = []
        for pk, person in plan.changed_persons:
            rules.check_exemption(disability=person.get("disability", False), exempt=person.get("exempt", False))
            # A new survey answer replaces an earlier on-the-spot finding; the level follows the file.
            # (unless the file has the finding's column: then the file's answer).
            updates.append(Person(pk=pk, version=F("version") + 1, **{"found_illiterate": False, **person}))
        Person.objects.bulk_update(updates, fields, batch_size=1000)
        done += len(updates)
        # The file holds the survey's answers; the classes people completed still count (literacy.levels).
        in_file = Person.objects.filter(round=survey_round, commune=commune).values("lineage")
        levels.refresh(Enrolment.objects.filter(lineage__in=in_file).values_list("lineage", flat=True))
    if plan.moved_persons:
        Person.objects.bulk_update(
            [Person(pk=pk, household_id=household_ids[code]) for pk, code in plan.moved_persons],
            ["household"],
            batch_size=BATCH,
        )
    if progress:
        progress(total, total)
    audit.record(
        actor=actor,
        action="literacy.import",
        obj=survey_round,
        unit=commune,
        changes={k: ["", v] for k, v in plan.summary.items()} | {"file": ["", file_name]},
    )
    return plan.summary


def _create(model, rows: list[dict]) -> None:
    """New rows given as {attname: value}: COPY on PostgreSQL, straight from the values (no model
    instance per row; no primary keys come back: the writer reads back what it needs), bulk_create
    elsewhere."""
    if not rows:
        return
    if copy_supported():
        copy_values(model, rows)
    else:
        model.objects.bulk_create([model(**row) for row in rows], batch_size=BATCH)
