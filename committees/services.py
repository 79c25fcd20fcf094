"""Writes of the steering committees, each with its actor and an audit row (units.audit). A change
of member is dated and kept: the leaving member's row gets the day they left, the newcomer a new
row from that day (never an overwrite). Vietnamese ValidationErrors on the field concerned."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from units import audit
from units.models import UnitKind, today
from units.text import nfc
from units.uploads import check_upload

from . import permissions
from .models import Committee, Member, Position

DECISION_FIELDS = ("decision_number", "decision_date", "decision_signer", "notes")


def _text(value) -> str:
    return nfc(value or "").strip()


def _attach(committee: Committee, uploaded) -> None:
    content_type = check_upload(uploaded, hint=_("Hãy đính kèm ảnh chụp hoặc bản PDF của quyết định."))
    if committee.file:
        committee.file.delete(save=False)
    committee.original_name = nfc(uploaded.name)[-255:]
    committee.content_type = content_type
    committee.size = uploaded.size
    committee.file.save(uploaded.name, uploaded, save=False)


def _check_decision(committee: Committee) -> None:
    if committee.decision_date and committee.decision_date > today():
        raise ValidationError({"decision_date": _("Ngày quyết định không được sau hôm nay.")})
    committee.full_clean(exclude=["file", "created_by", "commune"], validate_unique=False, validate_constraints=False)


@transaction.atomic
def committee_create(*, actor, commune, kind, uploaded=None, **data) -> Committee:
    if commune.kind != UnitKind.COMMUNE:
        raise ValidationError({"commune": _("Ban chỉ đạo được thành lập ở cấp xã, phường.")})
    if actor is not None and not permissions.can_manage(actor, commune):
        raise PermissionDenied
    if Committee.objects.filter(commune=commune, kind=kind).exists():
        message = _("Xã %(c)s đã có ban này: hãy mở ban để sửa quyết định hoặc thay thành viên.")
        raise ValidationError({"kind": message % {"c": commune.name}})
    committee = Committee(commune=commune, kind=kind, created_by=actor if getattr(actor, "pk", None) else None)
    for name in DECISION_FIELDS:
        if name in data:
            setattr(committee, name, _text(data[name]) if isinstance(data[name], str) else data[name])
    _check_decision(committee)
    if uploaded is not None:
        _attach(committee, uploaded)
    try:
        with transaction.atomic():
            committee.save()
    except IntegrityError as error:  # two officers at once
        raise ValidationError({"kind": _("Xã đã có ban này.")}) from error
    audit.record(
        actor=actor,
        action="committees.committee_create",
        obj=committee,
        unit=commune,
        changes={"decision_number": (None, committee.decision_number)},
    )
    return committee


@transaction.atomic
def committee_update(*, actor, committee: Committee, uploaded=None, **data) -> Committee:
    # Compared with the stored row: a ModelForm has already copied the new values onto `committee`.
    stored = Committee.objects.get(pk=committee.pk)
    changes = {}
    for name in DECISION_FIELDS:
        if name in data:
            value = _text(data[name]) if isinstance(data[name], str) else data[name]
            if getattr(stored, name) != value:
                changes[name] = (getattr(stored, name), value)
            setattr(committee, name, value)
    _check_decision(committee)
    if uploaded is not None:
        changes["file"] = (committee.original_name, nfc(uploaded.name))
        _attach(committee, uploaded)
    committee.save()
    audit.record(
        actor=actor, action="committees.committee_update", obj=committee, unit=committee.commune, changes=changes
    )
    return committee


def _head_taken(committee: Committee, day: datetime.date, *, besides: Member | None = None) -> bool:
    heads = committee.members.filter(position=Position.HEAD, from_date__lte=day).exclude(until__lte=day)
    if besides is not None:
        heads = heads.exclude(pk=besides.pk)
    return heads.exists()


def _check_start(committee: Committee, day: datetime.date, field: str) -> None:
    if day < committee.decision_date:
        raise ValidationError(
            {
                field: _("Ngày này trước ngày quyết định thành lập ban (%(d)s).")
                % {"d": committee.decision_date.strftime("%d/%m/%Y")}
            }
        )
    if day > today() + datetime.timedelta(days=366):
        raise ValidationError({field: _("Ngày này quá xa (hơn một năm tới).")})


@transaction.atomic
def member_add(*, actor, committee: Committee, full_name, position, job, from_date, change_note="") -> Member:
    full_name, job = _text(full_name), _text(job)
    if not full_name:
        raise ValidationError({"full_name": _("Hãy nhập họ và tên thành viên.")})
    _check_start(committee, from_date, "from_date")
    if position == Position.HEAD and _head_taken(committee, from_date):
        raise ValidationError(
            {"position": _("Ban đã có Trưởng ban vào ngày này: hãy dùng “Thay thành viên” để ghi người thay.")}
        )
    member = Member(
        committee=committee,
        full_name=full_name,
        position=position,
        job=job,
        from_date=from_date,
        change_note=_text(change_note),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    member.full_clean(exclude=["replaces", "created_by", "committee"])
    member.save()
    audit.record(
        actor=actor,
        action="committees.member_add",
        obj=member,
        unit=committee.commune,
        changes={"full_name": (None, member.full_name), "position": (None, member.position)},
    )
    return member


def _check_leaving(member: Member, on: datetime.date) -> None:
    if member.until is not None:
        raise ValidationError(
            _("%(n)s đã thôi từ ngày %(d)s.") % {"n": member.full_name, "d": member.until.strftime("%d/%m/%Y")}
        )
    if on <= member.from_date:
        raise ValidationError(
            {
                "on": _("Ngày thay đổi phải sau ngày %(n)s bắt đầu tham gia (%(d)s).")
                % {"n": member.full_name, "d": member.from_date.strftime("%d/%m/%Y")}
            }
        )
    if on > today() + datetime.timedelta(days=366):
        raise ValidationError({"on": _("Ngày này quá xa (hơn một năm tới).")})


@transaction.atomic
def member_replace(*, actor, member: Member, on: datetime.date, full_name, job, change_note="") -> Member:
    """`member` leaves on `on`; the newcomer takes the same position from that day."""
    member = Member.objects.select_for_update().select_related("committee__commune").get(pk=member.pk)
    full_name, job = _text(full_name), _text(job)
    if not full_name:
        raise ValidationError({"full_name": _("Hãy nhập họ và tên người thay.")})
    _check_leaving(member, on)
    note = _text(change_note)
    member.until = on
    member.change_note = note or member.change_note
    member.save(update_fields=["until", "change_note"])
    newcomer = Member(
        committee=member.committee,
        full_name=full_name,
        position=member.position,
        job=job,
        from_date=on,
        change_note=note,
        replaces=member,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    newcomer.full_clean(exclude=["replaces", "created_by", "committee"])
    newcomer.save()
    audit.record(
        actor=actor,
        action="committees.member_replace",
        obj=newcomer,
        unit=member.committee.commune,
        changes={"full_name": (member.full_name, newcomer.full_name), "on": (None, on)},
    )
    return newcomer


@transaction.atomic
def member_end(*, actor, member: Member, on: datetime.date, change_note="") -> Member:
    member = Member.objects.select_for_update().select_related("committee__commune").get(pk=member.pk)
    _check_leaving(member, on)
    member.until = on
    member.change_note = _text(change_note) or member.change_note
    member.save(update_fields=["until", "change_note"])
    audit.record(
        actor=actor,
        action="committees.member_end",
        obj=member,
        unit=member.committee.commune,
        changes={"until": (None, on)},
    )
    return member
