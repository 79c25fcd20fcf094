"""The bulk term-results grid of a class (issue 19): every learner × every term of the class in one
page, typed with the keyboard, saved in one POST, all or nothing.

A cell holds a result code of Thông tư 10/2022/TT-BGDĐT or nothing: T = Hoàn thành tốt (HTT),
H = Hoàn thành (HT), C = Chưa hoàn thành (CHT); the full codes are accepted too. An empty cell is
"not assessed yet" — the grid never fills a default. Emptying a cell that held a result deletes it
(a correction). Completions and literacy levels are then re-derived by the one rule (levels.refresh).
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from units import audit

from . import levels
from .models import Enrolment, LiteracyClass, TermResult

R = TermResult.Result
CODES = {
    "T": R.EXCELLENT,
    "HTT": R.EXCELLENT,
    "H": R.COMPLETED,
    "HT": R.COMPLETED,
    "C": R.NOT_COMPLETED,
    "CHT": R.NOT_COMPLETED,
}
SHORT = {R.EXCELLENT: "T", R.COMPLETED: "H", R.NOT_COMPLETED: "C"}


def cell_name(enrolment_id: int, term: int) -> str:
    return f"r-{enrolment_id}-{term}"


@dataclass
class Row:
    enrolment: Enrolment
    number: int
    cells: list[dict] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)
    locked: bool = False


def skipped_terms(terms: list[int], filled: set[int]) -> list[int]:
    """Terms left empty while a later term has a result (term 3 entered, term 2 empty)."""
    if not filled:
        return []
    last = max(filled)
    return [t for t in terms if t < last and t not in filled]


def parse(value: str) -> str | None:
    """'' → None (empty); a known code → the result; anything else raises ValueError."""
    text = (value or "").strip().upper().replace(" ", "")
    if not text:
        return None
    if text not in CODES:
        raise ValueError(text)
    return CODES[text]


def build_rows(literacy_class: LiteracyClass, enrolments, *, posted=None, errors=None) -> list[Row]:
    """The grid's rows; `posted` (cell name → typed text) re-displays a refused save as typed."""
    terms = literacy_class.terms
    rows = []
    for number, enrolment in enumerate(enrolments, start=1):
        by_term = {r.term: r.result for r in enrolment.results.all()}
        row = Row(enrolment=enrolment, number=number, locked=bool(getattr(enrolment, "dropped", False)))
        for term in terms:
            name = cell_name(enrolment.pk, term)
            saved = by_term.get(term)
            value = posted.get(name, "") if posted is not None and name in posted else SHORT.get(saved, "")
            row.cells.append(
                {
                    "name": name,
                    "term": term,
                    "value": value,
                    "original": SHORT.get(saved, ""),
                    "error": (errors or {}).get(name),
                }
            )
        row.skipped = skipped_terms(terms, set(by_term))
        rows.append(row)
    return rows


def save(*, actor, literacy_class: LiteracyClass, enrolments, posted: dict[str, str], originals=None) -> dict:
    """Validate every cell, then write all changes or none. Returns {"changed": n, "skipped": [(name, terms)]};
    raises ValidationError({cell name: message naming the learner and the term}) when a cell is wrong.
    `originals` (cell name → the value the page showed): a cell the user left as shown is not written,
    and a cell changed here that someone else changed meanwhile is refused (nobody's result is lost)."""
    originals = originals or {}
    terms = literacy_class.terms
    errors: dict[str, str] = {}
    wanted: dict[tuple[int, int], str | None] = {}
    by_pk = {e.pk: e for e in enrolments}
    for number, enrolment in enumerate(enrolments, start=1):
        if getattr(enrolment, "dropped", False):
            continue  # a learner who left the class keeps their results as they were
        for term in terms:
            name = cell_name(enrolment.pk, term)
            if name not in posted:
                continue
            try:
                wanted[(enrolment.pk, term)] = parse(posted[name])
            except ValueError:
                errors[name] = _(
                    "Dòng %(n)d (%(p)s), kỳ %(t)d: “%(v)s” không phải kết quả; gõ T (Hoàn thành tốt), "
                    "H (Hoàn thành), C (Chưa hoàn thành) hoặc để trống."
                ) % {"n": number, "p": enrolment.person.full_name, "t": term, "v": str(posted[name])[:20]}
    current = {(r.enrolment_id, r.term): r.result for e in enrolments for r in e.results.all()}
    numbers = {e.pk: n for n, e in enumerate(enrolments, start=1)}
    for (enrolment_id, term), result in list(wanted.items()):
        name = cell_name(enrolment_id, term)
        if name not in originals:
            continue
        try:
            shown = parse(originals[name])
        except ValueError:
            continue
        if result == shown:
            del wanted[(enrolment_id, term)]  # left as the page showed it: not this user's change
        elif current.get((enrolment_id, term)) != shown:
            now = current.get((enrolment_id, term))
            errors[name] = _(
                "Dòng %(n)d (%(p)s), kỳ %(t)d: người khác vừa ghi “%(v)s” trong lúc bạn nhập; "
                "xem lại ô này rồi lưu lại."
            ) % {
                "n": numbers[enrolment_id],
                "p": by_pk[enrolment_id].person.full_name,
                "t": term,
                "v": TermResult.Result(now).label if now else _("(trống)"),
            }
    if errors:
        raise ValidationError(errors)
    changes: dict[int, dict] = {}
    with transaction.atomic():
        for (enrolment_id, term), result in wanted.items():
            before = current.get((enrolment_id, term))
            if before == result:
                continue
            if result is None:
                TermResult.objects.filter(enrolment_id=enrolment_id, term=term).delete()
            else:
                TermResult.objects.update_or_create(enrolment_id=enrolment_id, term=term, defaults={"result": result})
            changes.setdefault(enrolment_id, {})[f"term_{term}"] = [before or "", result or ""]
        levels.refresh([by_pk[pk].lineage for pk in changes])
        for enrolment_id, diff in changes.items():
            audit.record(
                actor=actor, action="literacy.result", obj=by_pk[enrolment_id], unit=literacy_class.run_by, changes=diff
            )
    skipped = []
    for enrolment in enrolments:
        filled = {t for t in terms if (wanted.get((enrolment.pk, t), current.get((enrolment.pk, t))))}
        gaps = skipped_terms(terms, filled)
        if gaps:
            skipped.append((enrolment.person.full_name, gaps))
    return {"changed": sum(len(d) for d in changes.values()), "skipped": skipped}
