"""Training-needs surveys: the office opens one with a deadline, its units answer, the office
reads the answers."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from units.forms import apply_errors
from units.models import UnitKind, today
from units.selectors import units_visible_to

from .. import access, permissions, selectors, services
from ..forms import AnswerForm, SurveyForm
from .common import PAGE_SIZE, form_page


def _survey_organisers(user):
    return [u for u in permissions.organiser_units(user) if u.kind in (UnitKind.OFFICE, UnitKind.COMMUNE)]


def surveys(request):
    rows = selectors.surveys_visible_to(request.user).select_related("organiser").annotate(n=Count("answers"))
    page = Paginator(rows.order_by("-deadline", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "training/surveys.html",
        {
            "page_obj": page,
            "surveys": page.object_list,
            "can_open": bool(_survey_organisers(request.user)),
            "today": today(),
        },
    )


def survey_add(request):
    organisers = _survey_organisers(request.user)
    if not organisers:
        raise PermissionDenied
    form = SurveyForm(request.POST or None, organisers=organisers)
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.survey_open(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã mở khảo sát; các đơn vị trực thuộc trả lời đến hạn."))
            return redirect("training:survey", survey.pk)
    return form_page(
        request,
        form,
        title=_("Mở khảo sát nhu cầu tập huấn"),
        help=_("Các trường, trung tâm thuộc đơn vị khảo sát ghi nội dung cần tập huấn và số người đến hạn trả lời."),
        back=reverse("training:surveys"),
    )


def survey(request, pk):
    survey = access.get_survey_for_user(request.user, pk)
    answers = selectors.answers_shown(request.user, survey)
    page = Paginator(answers, PAGE_SIZE).get_page(request.GET.get("page"))
    is_owner = units_visible_to(request.user).filter(pk=survey.organiser_id).exists()
    by_topic = answers.order_by().values("topic").annotate(units=Count("unit", distinct=True), people=Sum("people"))
    return render(
        request,
        "training/survey.html",
        {
            "survey": survey,
            "page_obj": page,
            "answers": page.object_list,
            "by_topic": list(by_topic.order_by("-people", "topic")[:20]) if is_owner else [],
            "can_answer": bool(permissions.answering_units(request.user, survey)) and survey.deadline >= today(),
            "closed": survey.deadline < today(),
        },
    )


def answer_add(request, pk):
    survey = access.get_survey_for_user(request.user, pk)
    units = permissions.answering_units(request.user, survey)
    if not units:
        raise PermissionDenied
    form = AnswerForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            services.need_answer(actor=request.user, survey=survey, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã gửi nhu cầu tập huấn của đơn vị."))
            if "again" in request.POST:
                return redirect("training:answer_add", survey.pk)
            return redirect("training:survey", survey.pk)
    return form_page(
        request,
        form,
        title=_("Trả lời khảo sát: %(t)s") % {"t": survey.title},
        help=_("Mỗi dòng là một nội dung đơn vị cần tập huấn và số người cần học nội dung đó."),
        back=reverse("training:survey", args=[survey.pk]),
        again=True,
    )
