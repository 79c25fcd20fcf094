"""Self-assessment and rating under Công văn 2553/BGDĐT-GDTX: the centre scores itself and
attaches evidence, sends it, the office rates or returns it, and the office's ranking."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from units.concurrency import StaleEdit, answer_stale
from units.forms import apply_errors

from .. import access, permissions, selectors, services
from ..forms import EvidenceForm, RateForm, ScoreForm
from ..models import AssessmentStatus, school_year_label
from .common import _centre_context, _year, _years_around


def assessment(request, pk):
    centre = access.get_centre_for_user(request.user, pk)
    year = _year(request)
    obj = selectors.self_assessment_of(centre, year)
    context = _centre_context(
        request, centre, year=year, year_label=school_year_label(year), years=_years_around(year), assessment=obj
    )
    if obj is None:
        context["rubric"] = services.rubric_for_year(year, centre)
        return render(request, "centers/assessment.html", context)
    if request.method == "POST":
        access.get_centre_for_user(request.user, pk, need="manage")
    return _assessment_page(request, obj, context)


def assessment_document(request, pk):
    """The self-assessment as the centre's báo cáo (Nghị định 30/2020): preview, ?pdf=1, ?docx=1."""
    from documents import official_document_response
    from documents.docx import docx_response, official_docx

    from ..documents import assessment_document as build

    centre = access.get_centre_for_user(request.user, pk)
    year = _year(request)
    obj = selectors.self_assessment_of(centre, year)
    if obj is None:
        raise Http404
    doc = build(obj)
    name = _("Tự đánh giá TTHTCĐ %(c)s %(y)s") % {"c": centre.full_name, "y": school_year_label(year)}
    if request.GET.get("docx"):
        return docx_response(official_docx(doc), f"{name}.docx")
    return official_document_response(
        request,
        "documents/official.html",
        {"doc": doc},
        filename=f"{name}.pdf",
        back_url=f"{reverse('centers:assessment', args=[centre.pk])}?nam={year}",
        docx_url=f"?nam={year}&docx=1",
    )


def _assessment_page(request, obj, context, *, evidence_form=None, status=200):
    scores = list(
        obj.scores.select_related("criterion", "criterion__group").order_by(
            "criterion__group__order", "criterion__order"
        )
    )
    criteria = [s.criterion for s in scores]
    editable = obj.status == AssessmentStatus.DRAFT and context["can_manage"]
    form = ScoreForm(
        request.POST if request.method == "POST" and "save_scores" in request.POST else None,
        criteria=criteria,
        initial_points={s.criterion_id: (s.self_points, s.note) for s in scores},
        initial={"version": obj.version},
    )
    if form.is_bound and editable and form.is_valid():
        try:
            services.assessment_save_scores(
                actor=request.user, assessment=obj, scores=form.scores(), expected_version=form.page_version()
            )
        except StaleEdit as error:
            status = answer_stale(request, form, error)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã lưu điểm tự đánh giá."))
            return redirect(f"{reverse('centers:assessment', args=[obj.centre_id])}?nam={obj.school_year}")
    evidence = list(obj.evidence.select_related("criterion"))
    groups = []
    by_criterion = {s.criterion_id: s for s in scores}
    for row in form.rows():
        criterion = row[0]
        if not groups or groups[-1]["group"].pk != criterion.group_id:
            groups.append({"group": criterion.group, "rows": [], "max": 0, "self": 0, "office": None})
        score = by_criterion[criterion.pk]
        groups[-1]["rows"].append(
            {
                "criterion": criterion,
                "field": row[1],
                "note": row[2],
                "score": score,
                "evidence": [e for e in evidence if e.criterion_id == criterion.pk],
            }
        )
        groups[-1]["max"] += criterion.max_points or 0
        groups[-1]["self"] += score.self_points or 0
        if score.office_points is not None:
            groups[-1]["office"] = (groups[-1]["office"] or 0) + score.office_points
    context.update(
        assessment=obj,
        # Separation of duties: an officer who prepared this or works at the centre is told why
        # instead of being offered "Chấm, xếp loại" (the services refuse too).
        rate_refusal=(
            permissions.rate_refusal(request.user, obj)
            if context["can_rate"] and obj.status != AssessmentStatus.DRAFT
            else None
        ),
        form=form,
        groups=groups,
        editable=editable,
        max_total=sum(g["max"] for g in groups),
        general_evidence=[e for e in evidence if e.criterion_id is None],
        evidence_form=evidence_form or EvidenceForm(criteria_queryset=selectors.assessment_criteria(obj)),
    )
    return render(request, "centers/assessment.html", context, status=status)


@require_POST
def assessment_start(request, pk):
    centre = access.get_centre_for_user(request.user, pk, need="manage")
    year = _year(request)
    try:
        services.assessment_start(actor=request.user, centre=centre, school_year=year)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(f"{reverse('centers:assessment', args=[centre.pk])}?nam={year}")


@require_POST
def assessment_submit(request, pk):
    obj = access.get_assessment_for_user(request.user, pk, need="manage")
    try:
        services.assessment_submit(actor=request.user, assessment=obj)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã gửi bản tự đánh giá lên Phòng GD&ĐT."))
    return redirect(f"{reverse('centers:assessment', args=[obj.centre_id])}?nam={obj.school_year}")


@require_POST
def evidence_add(request, pk):
    obj = access.get_assessment_for_user(request.user, pk, need="manage")
    form = EvidenceForm(request.POST, request.FILES, criteria_queryset=selectors.assessment_criteria(obj))
    if form.is_valid():
        try:
            services.evidence_add(
                actor=request.user,
                assessment=obj,
                file=form.cleaned_data["file"],
                criterion=form.cleaned_data["criterion"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã đính kèm minh chứng."))
            return redirect(f"{reverse('centers:assessment', args=[obj.centre_id])}?nam={obj.school_year}#minh-chung")
    request.method = "GET"  # the score form on the same page is shown unbound
    context = _centre_context(
        request,
        obj.centre,
        year=obj.school_year,
        year_label=school_year_label(obj.school_year),
        years=_years_around(obj.school_year),
    )
    return _assessment_page(request, obj, context, evidence_form=form)


def evidence_file(request, pk):
    """Evidence is at most 10 MB (files.MAX_EVIDENCE_BYTES), so it is sent whole, shown inline."""
    evidence = access.get_evidence_for_user(request.user, pk)
    try:
        with evidence.file.open("rb") as handle:
            content = handle.read()
    except FileNotFoundError as error:
        raise Http404(_("Tệp minh chứng không còn trên máy chủ.")) from error
    response = HttpResponse(content, content_type=evidence.content_type)
    response["Content-Disposition"] = content_disposition_header(False, evidence.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
def evidence_delete(request, pk):
    evidence = access.get_evidence_for_user(request.user, pk, write=True)
    obj = evidence.assessment
    try:
        services.evidence_delete(actor=request.user, evidence=evidence)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã xóa minh chứng."))
    return redirect(f"{reverse('centers:assessment', args=[obj.centre_id])}?nam={obj.school_year}#minh-chung")


def assessment_rate(request, pk):
    obj = access.get_assessment_for_user(request.user, pk, need="rate")
    scores = list(
        obj.scores.select_related("criterion", "criterion__group").order_by(
            "criterion__group__order", "criterion__order"
        )
    )
    if obj.status == AssessmentStatus.DRAFT:
        messages.error(request, _("Trung tâm chưa gửi bản tự đánh giá, chưa thể xếp loại."))
        return redirect(f"{reverse('centers:assessment', args=[obj.centre_id])}?nam={obj.school_year}")
    if refusal := permissions.rate_refusal(request.user, obj):
        messages.error(request, refusal)
        return redirect(f"{reverse('centers:assessment', args=[obj.centre_id])}?nam={obj.school_year}")
    form = RateForm(
        request.POST or None,
        criteria=[s.criterion for s in scores],
        initial_points={
            s.criterion_id: (s.office_points if s.office_points is not None else s.self_points, "") for s in scores
        },
        initial={"comment": obj.office_comment, "version": obj.version},
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_rate(
                actor=request.user,
                assessment=obj,
                scores={cid: points for cid, (points, _note) in form.scores().items()},
                comment=form.cleaned_data["comment"],
                expected_version=form.page_version(),
            )
        except StaleEdit as error:
            status = answer_stale(request, form, error)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã xếp loại %(centre)s.") % {"centre": obj.centre})
            return redirect(f"{reverse('centers:ranking')}?nam={obj.school_year}")
    by_criterion = {s.criterion_id: s for s in scores}
    rows = [(c, field, by_criterion[c.pk]) for c, field, _n in form.rows()]
    return render(
        request,
        "centers/rate.html",
        _centre_context(
            request,
            obj.centre,
            assessment=obj,
            form=form,
            rows=rows,
            year_label=school_year_label(obj.school_year),
            evidence=list(obj.evidence.select_related("criterion")),
        ),
        status=status,
    )


@require_POST
def assessment_return(request, pk):
    obj = access.get_assessment_for_user(request.user, pk, need="rate")
    try:
        services.assessment_return(actor=request.user, assessment=obj, comment=request.POST.get("comment", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã trả lại bản tự đánh giá cho trung tâm."))
    return redirect(f"{reverse('centers:ranking')}?nam={obj.school_year}")


def ranking(request):
    year = _year(request)
    centres = selectors.centre_list(request.user)
    assessments = selectors.ranking(centres, year)
    page = Paginator(assessments, 50).get_page(request.GET.get("page"))
    offset = (page.number - 1) * 50
    preparers = permissions.assessment_preparers(page.object_list)
    return render(
        request,
        "centers/ranking.html",
        {
            "year": year,
            "year_label": school_year_label(year),
            "years": _years_around(year),
            "page_obj": page,
            "ranked": [
                (
                    offset + i + 1,
                    a,
                    permissions.can_rate(request.user, a.centre)
                    and not permissions.rate_refusal(request.user, a, preparers=preparers[a.pk]),
                )
                for i, a in enumerate(page.object_list)
            ],
            "not_started": centres.exclude(pk__in=[a.centre_id for a in assessments]).count(),
        },
    )
