"""Emulation block of the office's annual report (annual/blocks.py discovers this module), in its
"Công tác chỉ đạo, quản lý" section: the awards of the year's decisions, collective and individual,
with the movement and the decision they come from (one query). `start`–`end` are the report's school
year (units.calendar.school_year_dates)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from annual.blocks import AnnualBlock
from documents import Cell, Column, Row, Table

from .models import Award, Recipient


def awards_table(office, start, end) -> Table:
    awards = (
        Award.objects.filter(
            movement__office__path__startswith=office.path,
            decision__signed_on__gte=start,
            decision__signed_on__lte=end,
        )
        .select_related("unit", "movement", "decision")
        .order_by("decision__signed_on", "movement_id", "recipient", "unit__name", "person_name", "id")
    )
    rows, collectives, individuals = [], 0, 0
    for award in awards:
        individual = award.recipient == Recipient.INDIVIDUAL
        individuals += individual
        collectives += not individual
        holder = award.person_name if individual else award.unit.name
        rows.append(
            Row(
                [
                    Cell(holder, href=reverse("emulation:unit", args=[award.unit_id])),
                    award.unit.name if individual else _("Tập thể"),
                    award.form_label,
                    Cell(award.movement.title, href=reverse("emulation:movement", args=[award.movement_id])),
                    _("Số %(n)s ngày %(d)s")
                    % {"n": award.decision.number or "…", "d": award.decision.signed_on.strftime("%d/%m/%Y")},
                ]
            )
        )
    rows.append(
        Row.total([_("Cộng: %(c)s tập thể, %(i)s cá nhân") % {"c": collectives, "i": individuals}, "", "", "", ""])
    )
    return Table(
        title=_("Khen thưởng trong các phong trào thi đua"),
        columns=[
            Column(_("Tập thể, cá nhân được khen"), width=30),
            Column(_("Đơn vị"), width=24),
            Column(_("Hình thức"), width=20),
            Column(_("Phong trào"), width=30),
            Column(_("Quyết định"), width=20),
        ],
        rows=rows,
        number_rows=True,
        notes=[_("Số liệu lấy trực tiếp từ các quyết định khen thưởng đã ban hành trên cổng.")],
    )


def blocks():
    return [
        AnnualBlock("emulation.awards", "direction", gettext_lazy("Thi đua, khen thưởng"), awards_table),
    ]
