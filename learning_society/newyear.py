"""A new school year (issue 16, units.new_year): last year's registrations carried over to the new
year for the subjects whose recognition is still valid then (Thông tư 25/2023 and 24/2023 keep a
recognition for the three years following its year: learning_society.rules)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from units import calendar

from .models import Assessment, Registration, Subject
from .rules import counts_at_end_of
from .services.subjects import registrations_create

TITLE = gettext_lazy("Đăng ký danh hiệu học tập")


def _subjects(office, from_year: int, to_year: int) -> tuple[int, list[Subject]]:
    """(the new recognition year, subjects to register in it): registered last year, still followed,
    with a recognition valid to the end of the new year, and not yet registered for it."""
    old, new = calendar.recognition_year(from_year), calendar.recognition_year(to_year)
    valid = Assessment.objects.filter(
        status=Assessment.Status.RECOGNISED, expires_on__gte=counts_at_end_of(new)
    ).values("subject_id")
    subjects = (
        Subject.objects.filter(
            area__path__startswith=office.path,
            is_active=True,
            registrations__year=old,
            pk__in=valid,
        )
        .exclude(pk__in=Registration.objects.filter(year=new).values("subject_id"))
        .select_related("area")
        .distinct()
        .order_by("title", "name", "id")
    )
    return new, list(subjects)


def _lines(subjects: list[Subject], year: int) -> list[str]:
    return [
        _("%(name)s (%(title)s, %(area)s): đăng ký năm %(y)d.")
        % {"name": s.plain_name, "title": s.get_title_display(), "area": s.area.name, "y": year}
        for s in subjects
    ]


def preview(office, from_year: int, to_year: int) -> list[str]:
    year, subjects = _subjects(office, from_year, to_year)
    if not subjects:
        return [_("Không có đăng ký nào còn danh hiệu hiệu lực để chuyển sang năm %(y)d.") % {"y": year}]
    return _lines(subjects, year)


def run(actor, office, from_year: int, to_year: int) -> list[str]:
    year, subjects = _subjects(office, from_year, to_year)
    if not subjects:
        return []
    registrations_create(actor=actor, subjects=subjects, year=year)
    return _lines(subjects, year)
