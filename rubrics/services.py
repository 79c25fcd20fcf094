"""Writes of rubrics: loading data (the shipped national defaults, uploads, the edit page) and the
office's changes — copy, edit, import, remove. Each checks the actor (only an office officer of the
owning office changes a copy: rubrics.access) and is audited on the owning office's unit."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from units import audit

from . import registry
from .access import can_change_rubric, rubric_offices
from .models import Rubric, RubricCriterion, RubricGroup
from .selectors import number_text, rubric_data, rubric_in_use, rubric_queryset
from .validation import points_value, validate_rubric_data


def _band(band: dict) -> dict:
    """A band as stored: its label, its minimum as text and "pass" when the data says so."""
    return {
        **{k: v for k, v in band.items() if k == "pass"},
        "label": band["label"].strip(),
        "min": str(points_value(band["min"])),
    }


def _store(rubric: Rubric, data: dict) -> Rubric:
    """Writes the header, groups and criteria of `data` (already validated) into `rubric`."""
    rubric.title = data["title"].strip()
    rubric.regime = data["regime"]
    rubric.year_from = int(str(data["year_from"]))
    rubric.year_to = int(str(data["year_to"])) if data.get("year_to") not in (None, "") else None
    rubric.legal_basis = (data.get("legal_basis") or "").strip()
    rubric.bands = [_band(b) for b in data.get("bands") or []]
    for key in ("level2_wait_months", "validity_months"):
        setattr(rubric, key, int(str(data[key])) if data.get(key) not in (None, "") else None)
    rubric.save()
    any_sample = False
    # Update in place by code: an unused rubric keeps its rows (a used one is never rewritten).
    kept_groups, kept_criteria = [], []
    for g_index, group_data in enumerate(data["groups"], start=1):
        group, _new = RubricGroup.objects.update_or_create(
            rubric=rubric,
            code=str(group_data["code"]).strip(),
            defaults={"order": g_index, "title": group_data["title"].strip()},
        )
        kept_groups.append(group.pk)
        for c_index, c in enumerate(group_data.get("criteria") or [], start=1):
            any_sample = any_sample or bool(c.get("is_sample"))
            criterion, _new = RubricCriterion.objects.update_or_create(
                group=group,
                code=str(c["code"]).strip(),
                defaults={
                    "order": c_index,
                    "text": c["text"].strip(),
                    "max_points": points_value(c.get("max_points")) if rubric.regime == Rubric.Regime.POINTS else None,
                    "required_for_level": int(str(c.get("required_for_level") or 1))
                    if rubric.regime == Rubric.Regime.LEVELS
                    else None,
                    "evidence_required": bool(c.get("evidence_required")),
                    "is_sample": bool(c.get("is_sample")),
                },
            )
            kept_criteria.append(criterion.pk)
    try:
        RubricCriterion.objects.filter(group__rubric=rubric).exclude(pk__in=kept_criteria).delete()
        rubric.groups.exclude(pk__in=kept_groups).delete()
    except ProtectedError as exc:
        raise ValueError(
            [_("Không thể bỏ tiêu chí đã được dùng để chấm; hãy tạo bộ tiêu chí mới cho năm sau.")]
        ) from exc
    if rubric.is_sample != any_sample:
        rubric.is_sample = any_sample
        rubric.save(update_fields=["is_sample"])
    return rubric


@transaction.atomic
def rubric_load(data: dict, *, owner=None, replace: bool = True) -> Rubric:
    """Creates or replaces the rubric of `owner` (None: a national default) with the code of `data`.
    Raises ValueError with the list of Vietnamese problems when the data is not a valid rubric or
    would change the kind of subject or the regime of an existing rubric. A rubric already used to
    score is not rewritten: it is retired and the data becomes its next version. `replace=False`
    leaves an existing rubric as it is (loading the shipped files)."""
    problems = validate_rubric_data(data)
    if problems:
        raise ValueError(problems)
    code = str(data["code"]).strip()
    current = Rubric.objects.select_for_update().filter(owner=owner, code=code, is_active=True).first()
    # The national default of that code (or the rubric it was copied from) fixes the kind and regime:
    # an upload can never turn the TTHTCĐ rubric into a family rubric.
    reference = current or Rubric.objects.filter(owner__isnull=True, code=code, is_active=True).first()
    if reference is not None:
        if reference.subject_kind != data["subject_kind"]:
            raise ValueError(
                [
                    _(
                        "Mã “%(code)s” là bộ tiêu chí cho đối tượng “%(kind)s”; không thể đổi thành “%(new)s”. "
                        "Hãy dùng mã khác cho bộ tiêu chí mới."
                    )
                    % {"code": code, "kind": reference.subject_kind, "new": data["subject_kind"]}
                ]
            )
        if reference.regime != data["regime"]:
            raise ValueError(
                [
                    _("Mã “%(code)s” đang đánh giá theo cách “%(regime)s”; không thể đổi cách đánh giá.")
                    % {"code": code, "regime": reference.get_regime_display()}
                ]
            )
    if current is not None and (not replace or _normalized(data) == rubric_data(current)):
        return current
    if current is None:
        rubric = Rubric(owner=owner, code=code, subject_kind=data["subject_kind"], based_on=reference)
    elif rubric_in_use(current):
        current.is_active = False
        current.save(update_fields=["is_active"])
        rubric = Rubric(
            owner=owner,
            code=code,
            subject_kind=current.subject_kind,
            based_on=current.based_on,
            version=current.version + 1,
        )
    else:
        rubric = current
    try:
        with transaction.atomic():
            return _store(rubric, data)
    except IntegrityError as exc:  # two saves of the same copy at once: the other one won
        raise ValueError(
            [_("Bộ tiêu chí “%(code)s” vừa được người khác lưu; hãy tải lại trang.") % {"code": code}]
        ) from exc


def _normalized(data: dict) -> dict:
    """Valid data in the shape `rubric_data` gives back after storing it (to skip a no-op save)."""
    points = data["regime"] == Rubric.Regime.POINTS

    def optional(key):
        return int(str(data[key])) if data.get(key) not in (None, "") else None

    return {
        "code": str(data["code"]).strip(),
        "title": data["title"].strip(),
        "subject_kind": data["subject_kind"],
        "regime": data["regime"],
        "year_from": int(str(data["year_from"])),
        "year_to": optional("year_to"),
        "legal_basis": (data.get("legal_basis") or "").strip(),
        "bands": [_band(b) for b in data.get("bands") or []],
        "level2_wait_months": optional("level2_wait_months"),
        "validity_months": optional("validity_months"),
        "groups": [
            {
                "code": str(g["code"]).strip(),
                "title": g["title"].strip(),
                "criteria": [
                    {
                        "code": str(c["code"]).strip(),
                        "text": c["text"].strip(),
                        "evidence_required": bool(c.get("evidence_required")),
                        "is_sample": bool(c.get("is_sample")),
                        **(
                            {"max_points": number_text(points_value(c.get("max_points")))}
                            if points
                            else {"required_for_level": int(str(c.get("required_for_level") or 1))}
                        ),
                    }
                    for c in g.get("criteria") or []
                ],
            }
            for g in data["groups"]
        ],
    }


# --- the office's changes (services: check the actor, audit on the owning office) ---------------


def _refuse_unless_owner(actor, rubric: Rubric) -> None:
    if not can_change_rubric(actor, rubric):
        raise PermissionDenied(_("Chỉ chuyên viên của đơn vị sở hữu mới được sửa bộ tiêu chí này."))


def _as_problems(exc: ValueError) -> ValidationError:
    problems = exc.args[0] if exc.args and isinstance(exc.args[0], list) else [_("Dữ liệu bộ tiêu chí không hợp lệ.")]
    return ValidationError(problems)


def _may_own(actor, office) -> None:
    if office is None or not (
        getattr(actor, "is_superuser", False) or any(o.pk == office.pk for o in rubric_offices(actor))
    ):
        raise PermissionDenied(_("Chỉ chuyên viên phòng/sở mới có bộ tiêu chí riêng của đơn vị."))


@transaction.atomic
def rubric_copy(*, actor, rubric: Rubric, office) -> Rubric:
    """“Tạo bản của đơn vị”: the office's own copy of a rubric it sees (a national default or a
    province's copy); the office's units use it from then on."""
    _may_own(actor, office)
    if Rubric.objects.filter(owner=office, code=rubric.code, is_active=True).exists():
        raise ValidationError(_("Đơn vị đã có bản riêng của bộ tiêu chí “%(code)s”.") % {"code": rubric.code})
    data = rubric_data(rubric_queryset().get(pk=rubric.pk))
    copy = Rubric(owner=office, code=rubric.code, subject_kind=rubric.subject_kind, based_on=rubric)
    try:
        with transaction.atomic():
            copy = _store(copy, data)
    except IntegrityError as exc:  # the same office made its copy at the same moment
        raise ValidationError(_("Đơn vị đã có bản riêng của bộ tiêu chí “%(code)s”.") % {"code": rubric.code}) from exc
    except ValueError as exc:
        raise _as_problems(exc) from exc
    audit.record(
        actor=actor,
        action="rubric.copy",
        obj=copy,
        unit=office,
        changes={"code": [None, copy.code], "based_on": [None, str(rubric.pk)]},
    )
    return copy


def _changes(before: dict, after: Rubric) -> dict:
    after_data = rubric_data(after)
    changes = {
        key: [before.get(key), after_data[key]]
        for key in ("title", "year_from", "year_to", "bands", "legal_basis", "level2_wait_months", "validity_months")
        if before.get(key) != after_data[key]
    }
    if before["groups"] != after_data["groups"]:
        # The criteria themselves are in the rubric; the log says how many and that they changed.
        changes["criteria"] = [_criteria_count(before), _criteria_count(after_data)]
    return changes


def _criteria_count(data: dict) -> str:
    return _("%(n)s tiêu chí") % {"n": sum(len(g["criteria"]) for g in data["groups"])}


@transaction.atomic
def rubric_save(*, actor, rubric: Rubric, data: dict, action: str = "rubric.edit") -> Rubric:
    """Saves the office's copy from the edit page; code and kind are the copy's own."""
    _refuse_unless_owner(actor, rubric)
    data = {**data, "code": rubric.code, "subject_kind": rubric.subject_kind}
    before = rubric_data(rubric_queryset().get(pk=rubric.pk))
    try:
        saved = rubric_load(data, owner=rubric.owner)
    except ValueError as exc:
        raise _as_problems(exc) from exc
    changes = _changes(before, saved)
    if saved.pk != rubric.pk:
        changes["version"] = [rubric.version, saved.version]
    if changes:
        audit.record(actor=actor, action=action, obj=saved, unit=saved.owner, changes=changes)
    return saved


def rubric_import(*, actor, office, data, kinds) -> Rubric:
    """An officer's upload: creates or updates the office's own copy; ValidationError listing the
    problems of the file (a file of the wrong shape is one of them, never a 500)."""
    try:
        return _import(actor=actor, office=office, data=data, kinds=kinds)
    except (TypeError, KeyError, AttributeError) as exc:
        raise ValidationError(_("Tệp không đúng cấu trúc bộ tiêu chí.")) from exc


@transaction.atomic
def _import(*, actor, office, data, kinds) -> Rubric:
    """An upload: creates or updates the office's own copy with the file's code — never a national
    default, never another office's rubric, never another kind of subject."""
    _may_own(actor, office)
    problems = validate_rubric_data(data)
    if not problems and data["subject_kind"] not in kinds:
        problems = [_("Đối tượng “%(k)s” không đánh giá được ở trang này.") % {"k": str(data["subject_kind"])[:40]}]
    if problems:
        raise ValidationError(problems)
    code = str(data["code"]).strip()
    current = Rubric.objects.filter(owner=office, code=code, is_active=True).first()
    if current is not None:
        if current.subject_kind != data["subject_kind"] or current.regime != data["regime"]:
            raise ValidationError(
                _(
                    "Mã “%(code)s” là bộ tiêu chí cho đối tượng “%(kind)s” (%(regime)s); không thể đổi đối tượng "
                    "hay cách đánh giá. Hãy dùng mã khác cho bộ tiêu chí mới."
                )
                % {"code": code, "kind": current.subject_kind, "regime": current.get_regime_display()}
            )
        return rubric_save(actor=actor, rubric=current, data=data, action="rubric.import")
    try:
        rubric = rubric_load(data, owner=office)
    except ValueError as exc:
        raise _as_problems(exc) from exc
    audit.record(actor=actor, action="rubric.import", obj=rubric, unit=office, changes={"code": [None, code]})
    return rubric


@transaction.atomic
def rubric_remove(*, actor, rubric: Rubric) -> bool:
    """Removes the office's copy; its units go back to the rubric above. A copy already used to score
    is kept for those assessments and only stops being used (True when deleted)."""
    _refuse_unless_owner(actor, rubric)
    used = rubric_in_use(rubric)
    if used:
        rubric.is_active = False
        rubric.save(update_fields=["is_active"])
    audit.record(actor=actor, action="rubric.deactivate" if used else "rubric.delete", obj=rubric, unit=rubric.owner)
    if not used:
        rubric.delete()
    return not used


def load_shipped() -> list[Rubric]:
    """The national defaults shipped by the apps that score (rubrics.registry.register_shipped): the
    missing ones are created, existing ones are left as they are (they are read-only in the portal)."""
    return rubrics_load([data for shipped in registry.shipped() for data in shipped.loader()])


@transaction.atomic
def rubrics_load(datas: list[dict]) -> list[Rubric]:
    """National defaults from rubric data; ValidationError listing the problems of a bad one."""
    loaded = []
    for data in datas:
        try:
            loaded.append(rubric_load(data, replace=False))
        except ValueError as exc:
            raise ValidationError(exc.args[0]) from exc
    return loaded
