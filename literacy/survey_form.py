"""The printable survey form of a hamlet (phiếu điều tra hộ gia đình, issue 17): one block per
household, pre-filled from the register, with empty rows for new members, to take door to door.

The columns follow the household survey form of the literacy survey (họ tên, ngày sinh, quan hệ với
chủ hộ, nữ, dân tộc, lớp đang học, năm tốt nghiệp, bỏ học, mù chữ, khuyết tật, chuyển đến / đi /
chết); the register holds the grade completed, not the class attended, so that is printed under the
name as a hint and the class columns are left for the enumerator (mẫu phiếu: cần xác minh).
Pre-filled from the round's own households in the hamlet when it has any (a round opened with carry
over starts from the last round's), else from the previous round's. A big hamlet is made by the jobs
app with a progress bar (jobs.responses.export_or_job); both paths run `survey_form_file`."""

from dataclasses import dataclass

from django.db.models import F, Prefetch, QuerySet, Value
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from documents import render_pdf
from jobs.runner import job_progress
from units.models import Unit

from . import access, selectors
from .models import COUNTED_STATUSES, Household, Person, SurveyRound

KIND = "literacy.survey_form"
DIRECT_HOUSEHOLDS = 40  # answered in the request; a bigger hamlet goes to the worker
EMPTY_ROWS = 3  # blank lines per household for people found at the door


@dataclass
class SurveyForm:
    survey_round: SurveyRound
    source: SurveyRound | None  # the round whose register fills the form
    hamlet: Unit
    households: QuerySet[Household]


def source_round(survey_round: SurveyRound, hamlet: Unit) -> SurveyRound | None:
    if Household.objects.filter(round=survey_round, hamlet=hamlet).exists():
        return survey_round
    return survey_round.previous


def survey_form_for(survey_round: SurveyRound, hamlet: Unit) -> SurveyForm:
    source = source_round(survey_round, hamlet)
    households = Household.objects.none()
    if source is not None:
        members = (
            Person.objects.filter(status__in=COUNTED_STATUSES)
            .annotate(age=Value(source.year) - F("birth_year"))
            .order_by("id")
        )
        households = (
            Household.objects.filter(round=source, hamlet=hamlet)
            .prefetch_related(Prefetch("members", queryset=members))
            .order_by("code")
        )
    return SurveyForm(survey_round, source, hamlet, households)


def survey_form_file(job, *, survey_round: int, hamlet: int):
    """The PDF. Access is checked again as the job's owner (another office's ids → 404)."""
    round_ = access.get_round_for_user(job.owner, survey_round)
    place = get_object_or_404(selectors.readable_hamlets(job.owner, round_).select_related("parent"), pk=hamlet)
    form = survey_form_for(round_, place)
    total = form.households.count()
    households = []
    for done, household in enumerate(form.households, 1):
        households.append(household)
        if done % 50 == 0:
            job_progress(job, done, total * 2, _("Đang đọc sổ hộ"))
    job_progress(job, total, total * 2, _("Đang dàn trang PDF"))
    html = render_to_string(
        "literacy/survey_form_pdf.html",
        {"form": form, "households": households, "empty_rows": range(EMPTY_ROWS), "blank_households": range(2)},
    )
    return f"phieu-dieu-tra-{place.code}-{round_.year}.pdf", render_pdf(html)
