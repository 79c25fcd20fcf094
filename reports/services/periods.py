"""Reporting periods: opening one (one empty submission per expected unit, pre-filled from the
indicator providers) and reminding the units that have not sent their report."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from units import audit
from units.models import Unit, UnitKind, today
from units.selectors import units_editable_by
from units.text import name_order, nfc

from ..models import (
    ReportForm,
    ReportingPeriod,
    Submission,
)
from .notifications import notify, submission_link, unit_people
from .prefill import prefill_from_providers


def expected_units(owner: Unit, *, kinds, school_levels, units, on: datetime.date):
    by_kind = Q(pk__in=[])
    if kinds:
        by_kind = Q(kind__in=kinds)
        if school_levels:
            by_kind &= ~Q(kind=UnitKind.SCHOOL) | Q(school_level__in=school_levels)
    chosen = Q(pk__in=[u.pk for u in units or []])
    return Unit.objects.subtree_of(owner).active_on(on).filter(by_kind | chosen).exclude(kind=UnitKind.OFFICE)


@transaction.atomic
def period_open(
    *,
    actor,
    form: ReportForm,
    owner: Unit,
    label: str,
    start_date: datetime.date,
    end_date: datetime.date,
    open_date: datetime.date,
    due_date: datetime.date,
    lock_date: datetime.date,
    kinds: list[str] | None = None,
    school_levels: list[str] | None = None,
    units: list[Unit] | None = None,
    allow_past_due: bool = False,
) -> ReportingPeriod:
    """Open a period and create one (empty) submission per expected unit. `allow_past_due` is for
    loading past years (demo data, migrations from paper), never offered on the page."""
    errors = {}
    if not form.is_published:
        errors["form"] = _("Chỉ mở kỳ báo cáo với biểu mẫu đã ban hành.")
    if end_date < start_date:
        errors["end_date"] = _("Ngày kết thúc số liệu phải sau ngày bắt đầu.")
    if due_date < open_date:
        errors["due_date"] = _("Hạn nộp phải từ ngày mở nhập trở đi.")
    if lock_date < due_date:
        errors["lock_date"] = _("Ngày khóa sổ phải từ hạn nộp trở đi.")
    if due_date < today() and not allow_past_due:
        errors.setdefault(
            "due_date",
            _("Hạn nộp %(date)s đã qua; hãy chọn một ngày từ hôm nay trở đi.")
            % {"date": due_date.strftime("%d/%m/%Y")},
        )
    editable = units_editable_by(actor) if getattr(actor, "pk", None) else Unit.objects.all()
    if actor is not None and getattr(actor, "pk", None) and not editable.filter(pk=owner.pk).exists():
        errors["owner"] = _("Bạn không quản lý đơn vị này.")
    outside = [u for u in units or [] if not u.path.startswith(owner.path)]
    if outside:
        errors["units"] = _("Các đơn vị sau không thuộc phạm vi quản lý của bạn: %(names)s.") % {
            "names": ", ".join(u.full_name for u in outside)
        }
    if not (kinds or units):
        errors["kinds"] = _("Hãy chọn loại đơn vị phải báo cáo hoặc chọn từng đơn vị.")
    if errors:
        raise ValidationError(errors)
    period = ReportingPeriod(
        form=form,
        owner=owner,
        label=nfc(label),
        start_date=start_date,
        end_date=end_date,
        open_date=open_date,
        due_date=due_date,
        lock_date=lock_date,
        expected_kinds=list(kinds or []),
        expected_school_levels=list(school_levels or []),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    period.full_clean()
    period.save()
    reporters = list(
        expected_units(owner, kinds=kinds, school_levels=school_levels, units=units, on=min(end_date, today()))
    )
    if not reporters:
        raise ValidationError({"kinds": _("Không có đơn vị nào phải báo cáo theo lựa chọn này.")})
    submissions = Submission.objects.bulk_create([Submission(period=period, unit=u) for u in reporters])
    prefill_from_providers(period, submissions)
    audit.record(actor=actor, action="period.open", obj=period, unit=owner, changes={"units": [None, len(submissions)]})
    return period


@transaction.atomic
@dataclass
class Reminded:
    """What "Nhắc nộp" did: how many people were told (in the portal, and by email those with an
    address), the units reached, the units nobody could be told about (no active person with a
    role that fills the report), and those told in the portal only (nobody there has an email)."""

    people: int = 0
    emails: int = 0
    reached: list = field(default_factory=list)
    names: list = field(default_factory=list)  # "Full name (unit)" of each person told
    unreachable: list = field(default_factory=list)
    portal_only: list = field(default_factory=list)


def period_remind(*, actor, period: ReportingPeriod, submissions) -> Reminded:
    """Remind the people of units that have not sent their report and say whom it reached and which
    units nobody can be told about. Only submissions of this period count: another period's (another
    office's) ids are left out."""
    pending = {
        s.unit_id: s
        for s in submissions
        if s.period_id == period.pk and s.status in (Submission.Status.DRAFT, Submission.Status.RETURNED)
    }
    if not pending:
        raise ValidationError(_("Không có đơn vị nào cần nhắc: tất cả đã nộp."))
    due = period.due_date.strftime("%d/%m/%Y")
    pairs = unit_people(list(pending))
    units = {unit.pk: unit for unit in Unit.objects.filter(pk__in=list(pending))}
    people_of: dict[int, list] = {}
    for unit_id, user in pairs:
        if all(user.pk != other.pk for other in people_of.get(unit_id, [])):
            people_of.setdefault(unit_id, []).append(user)
    count = notify(
        pairs,
        subject=_("Nhắc nộp báo cáo: %(p)s") % {"p": period.label},
        text_for=lambda _u: (
            _("Nhắc nộp báo cáo “%(f)s — %(p)s”, hạn nộp %(d)s.")
            % {"f": period.form.title, "p": period.label, "d": due}
        ),
        link_for=lambda unit_id: submission_link(pending[unit_id]),
    )
    result = Reminded(people=count)
    for unit_id in sorted(pending, key=lambda pk: name_order(units[pk])):
        unit, told = units[unit_id], people_of.get(unit_id, [])
        if not told:
            result.unreachable.append(unit)
            continue
        result.reached.append(unit)
        result.names += [f"{user.full_name or user.username} ({unit.name})" for user in told]
        with_email = [user for user in told if user.email]
        result.emails += len(with_email)
        if not with_email:
            result.portal_only.append(unit)
    audit.record(
        actor=actor,
        action="period.remind",
        obj=period,
        unit=period.owner,
        changes={
            "units": [None, len(pending)],
            "people": [None, count],
            "unreachable": [None, [unit.name for unit in result.unreachable]],
        },
    )
    return result
