"""Reading rubrics: criteria in order, the rubric in force for a unit, whether one was used to score,
and a rubric as plain data (the shape of the shipped files, of an upload and of the export)."""

from decimal import Decimal

from django.db.models import Prefetch, Q

from .models import Rubric, RubricCriterion, RubricGroup


def rubric_criteria(rubric: Rubric) -> list[RubricCriterion]:
    """Criteria in order; uses `groups` and `criteria` prefetched by `rubric_queryset`."""
    return [c for g in rubric.groups.all() for c in g.criteria.all()]


def rubric_queryset():
    return Rubric.objects.prefetch_related(
        Prefetch("groups", queryset=RubricGroup.objects.order_by("order", "id")),
        Prefetch("groups__criteria", queryset=RubricCriterion.objects.order_by("order", "id")),
    )


def rubric_for(subject_kind: str, year: int) -> Rubric | None:
    """The national default in force for a kind in a year (no office copy); see `rubric_in_force`."""
    return rubric_in_force(subject_kind, None, year)


# --- ownership (issue 12) ----------------------------------------------------------------------
# A rubric without an owner is a national default (the shipped files, Công văn 2553): read-only in
# the portal. An office makes its own copy, edits, imports and exports it; its units use the copy of
# their nearest ancestor that covers the year, else the national default. Who may change a copy is
# in rubrics.access; the changes themselves in rubrics.services.


def unit_chain(unit) -> list[int]:
    """The unit's id and its ancestors' ids, root first ("/1/7/42/")."""
    if unit is None:
        return []
    return [int(p) for p in unit.path.strip("/").split("/") if p]


def rubric_in_force(kind: str, unit, year: int) -> Rubric | None:
    """The rubric a unit uses for a kind of subject in a year: among the active rubrics covering the
    year, the copy of the nearest owning ancestor (the unit itself first), else the national default;
    within one owner the newest. `unit=None` reads only the national defaults."""
    chain = unit_chain(unit)
    depth = {pk: i for i, pk in enumerate(chain)}
    candidates = list(
        Rubric.objects.filter(subject_kind=kind, is_active=True, year_from__lte=year)
        .filter(Q(year_to__isnull=True) | Q(year_to__gte=year))
        .filter(Q(owner__isnull=True) | Q(owner_id__in=chain))
        .values_list("pk", "owner_id", "year_from")
    )
    if not candidates:
        return None
    best = max(candidates, key=lambda c: (depth.get(c[1], -1) if c[1] else -1, c[2], c[0]))
    return rubric_queryset().get(pk=best[0])


def rubric_in_use(rubric: Rubric) -> bool:
    """Whether any record (a title assessment, a centre self-assessment…) points at the rubric; the
    apps that score hold the foreign keys, so they are found through the model's relations."""
    for relation in Rubric._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and relation.one_to_many) or relation.related_model in (Rubric, RubricGroup):
            continue
        if relation.related_model._base_manager.filter(**{relation.field.name: rubric}).exists():
            return True
    return False


def number_text(value: Decimal) -> str:
    return format(value.normalize(), "f")


def rubric_data(rubric: Rubric) -> dict:
    """The rubric as plain data: the shape of the shipped files, of an upload and of the export."""
    data = {
        "code": rubric.code,
        "title": rubric.title,
        "subject_kind": rubric.subject_kind,
        "regime": rubric.regime,
        "year_from": rubric.year_from,
        "year_to": rubric.year_to,
        "legal_basis": rubric.legal_basis,
        "bands": [dict(b) for b in rubric.bands or []],
        "level2_wait_months": rubric.level2_wait_months,
        "validity_months": rubric.validity_months,
        "groups": [],
    }
    for group in rubric.groups.order_by("order", "id"):
        criteria = []
        for c in group.criteria.order_by("order", "id"):
            row = {"code": c.code, "text": c.text, "evidence_required": c.evidence_required, "is_sample": c.is_sample}
            if rubric.regime == Rubric.Regime.POINTS:
                row["max_points"] = number_text(c.max_points) if c.max_points is not None else None
            else:
                row["required_for_level"] = c.required_for_level or 1
            criteria.append(row)
        data["groups"].append({"code": group.code, "title": group.title, "criteria": criteria})
    return data
