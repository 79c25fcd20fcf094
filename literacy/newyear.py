"""A new school year (issue 16, units.new_year): a new survey round copied from the office's last
one (literacy.services.round_create carries its households and people over)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from units import calendar
from units.new_year import moved

from .models import PersonStatus, SurveyRound
from .services import round_create

TITLE = gettext_lazy("Điều tra phổ cập, xóa mù chữ")


def _plan(office, from_year: int, to_year: int):
    """(last round, year, number, reference date) of the round to open, or (None, message)."""
    new_year = calendar.survey_year(to_year)
    existing = SurveyRound.objects.filter(office=office, year__gte=new_year).order_by("year", "number").first()
    if existing is not None:
        return None, _("Đã có đợt điều tra năm %(y)d (đợt %(n)d); không tạo thêm.") % {
            "y": existing.year,
            "n": existing.number,
        }
    last = (
        SurveyRound.objects.filter(office=office, year__lte=calendar.survey_year(from_year))
        .order_by("-year", "-number")
        .first()
    )
    if last is None:
        return None, _("Đơn vị chưa có đợt điều tra nào để chép sang năm mới.")
    years = new_year - last.year
    return (last, new_year, last.number, moved(last.reference_date, years)), ""


def _line(last, year, number, reference_date, persons) -> str:
    return _("Đợt %(n)d năm %(y)d, ngày chốt số liệu %(d)s, chép từ %(last)s (%(p)d người còn ở địa bàn).") % {
        "n": number,
        "y": year,
        "d": reference_date.strftime("%d/%m/%Y"),
        "last": last,
        "p": persons,
    }


def preview(office, from_year: int, to_year: int) -> list[str]:
    plan, message = _plan(office, from_year, to_year)
    if plan is None:
        return [message]
    last = plan[0]
    persons = last.persons.exclude(status__in=[PersonStatus.MOVED_AWAY, PersonStatus.DECEASED]).count()
    return [_line(*plan, persons)]


def run(actor, office, from_year: int, to_year: int) -> list[str]:
    plan, _message = _plan(office, from_year, to_year)
    if plan is None:
        return []
    last, year, number, reference_date = plan
    survey_round = round_create(actor=actor, office=office, year=year, number=number, reference_date=reference_date)
    return [_line(last, year, number, reference_date, survey_round.persons.count())]
