"""A person's literacy level as a function of ALL their records: the one place it is computed.

Person.stage, grade and found_illiterate are the survey's answers (phiếu điều tra); they are never
rewritten by a class. A class adds proof: a pass at the completing term (term 3 for stage 1, term 5
for stage 2 — Thông tư 33/2021/TT-BGDĐT, Thông tư 10/2022/TT-BGDĐT) completes the stage, and the
person counts at that stage (Nghị định 20/2014/NĐ-CP, Điều 19) in the round they were enrolled from
and every later round of the same human (lineage); completing a stage is proof of literacy, so an
on-the-spot "found illiterate" of those rounds no longer holds.

`refresh(lineages)` re-derives Enrolment.completed from the term results and Person.literacy_level
from the survey and the completions. Every write that can change them calls it: a result recorded
or corrected (services.result_record), a person saved (services.person_update, through level_of),
a household import, and any delete of a result, an enrolment or a class (the receivers below, so a
cascade from the admin or the shell is covered too).
"""

import datetime
import uuid
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import F
from django.db.models.signals import post_delete
from django.dispatch import receiver

from . import counts, rules
from .models import COMPLETING_TERM, ClassStage, Enrolment, Person, TermResult

PASSED = (TermResult.Result.EXCELLENT, TermResult.Result.COMPLETED)

Completions = dict[uuid.UUID, list[tuple[int, datetime.date]]]


def completions(lineages: Iterable[uuid.UUID]) -> Completions:
    """lineage → [(stage completed, reference date of the round the person was enrolled from)]."""
    found: Completions = defaultdict(list)
    rows = Enrolment.objects.filter(
        lineage__in=list(lineages), completed=True, literacy_class__stage__in=[ClassStage.STAGE1, ClassStage.STAGE2]
    ).values_list("lineage", "literacy_class__stage", "person__round__reference_date")
    for lineage, stage, since in rows:
        found[lineage].append((int(stage), since))
    return found


def derive_level(person: Person, reference_date: datetime.date, done: list[tuple[int, datetime.date]]) -> int:
    completed = max((stage for stage, since in done if since <= reference_date), default=0)
    return rules.literacy_level(
        grade=person.grade or 0,
        stage=max(person.stage or 0, completed),
        found_illiterate=person.found_illiterate and not completed,
    )


def level_of(person: Person) -> int:
    """The level of one (possibly unsaved) person of a saved round, with their class completions."""
    return derive_level(person, person.round.reference_date, completions([person.lineage]).get(person.lineage, []))


def _refresh_completed(lineages: list[uuid.UUID]) -> None:
    enrolments = list(
        Enrolment.objects.select_for_update()
        .filter(lineage__in=lineages)
        .select_related("literacy_class")
        .order_by("pk")
    )
    passed = set(
        TermResult.objects.filter(enrolment__in=enrolments, result__in=PASSED).values_list("enrolment_id", "term")
    )
    changed = []
    for enrolment in enrolments:
        term = COMPLETING_TERM.get(ClassStage(enrolment.literacy_class.stage))
        completed = term is not None and (enrolment.pk, term) in passed
        if enrolment.completed != completed:
            enrolment.completed = completed
            changed.append(enrolment)
    Enrolment.objects.bulk_update(changed, ["completed"])


@counts.batch()  # the kept counts of every round × commune whose people changed level, once
def refresh(lineages: Iterable[uuid.UUID]) -> int:
    """Recompute the completions and levels of these humans in every round; returns how many person
    rows changed level (their version is bumped, so an edit page opened before refuses its save)."""
    lineages = sorted(set(lineages))
    if not lineages:
        return 0
    _refresh_completed(lineages)
    done = completions(lineages)
    people = (
        Person.objects.select_for_update()
        .filter(lineage__in=lineages)
        .select_related("round")
        .only("pk", "lineage", "grade", "stage", "found_illiterate", "literacy_level", "round__reference_date")
        .order_by("pk")
    )
    changed = []
    for person in people:
        level = derive_level(person, person.round.reference_date, done.get(person.lineage, []))
        if level != person.literacy_level:
            changed.append(person.pk)
            Person.objects.filter(pk=person.pk).update(literacy_level=level, version=F("version") + 1)
    return len(changed)


@receiver(post_delete, sender=TermResult)
@receiver(post_delete, sender=Enrolment)
def _deleted(sender, instance, **kwargs) -> None:
    lineage = instance.lineage if sender is Enrolment else _lineage_of(instance)
    if lineage is not None:
        refresh([lineage])


def _lineage_of(result: TermResult):
    return Enrolment.objects.filter(pk=result.enrolment_id).values_list("lineage", flat=True).first()
