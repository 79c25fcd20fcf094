"""Literacy classes, enrolment and term results."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from units.forms import apply_errors
from units.selectors import can_manage_unit, is_office_user
from units.text import ids_from

from .. import access, selectors, services
from ..forms import (
    ClassForm,
    ResultForm,
)
from ..models import ClassStage
from .common import _page


def class_list(request):
    stage = request.GET.get("giai_doan", "")
    if stage not in ClassStage.values:
        stage = ""
    page = _page(request, selectors.class_list(request.user, stage=stage))
    return render(
        request,
        "literacy/class_list.html",
        {
            "page_obj": page,
            "classes": page.object_list,
            "stage": stage,
            "stages": ClassStage.choices,
            "can_create": selectors.class_units_for(request.user).exists(),
        },
    )


def class_create(request):
    run_units = selectors.class_units_for(request.user)
    if not run_units.exists():
        raise PermissionDenied
    communes = selectors.communes_for_class(request.user, run_units)
    form = ClassForm(request.POST or None, run_units=run_units, communes=communes)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            literacy_class = services.class_create(actor=request.user, **data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã mở lớp %(c)s.") % {"c": literacy_class})
            return redirect("literacy:class_detail", pk=literacy_class.pk)
    return render(request, "literacy/class_form.html", {"form": form})


def class_edit(request, pk):
    literacy_class = access.get_class_for_user(request.user, pk, write=True)
    form = ClassForm(request.POST or None, instance=literacy_class)
    if request.method == "POST" and form.is_valid():
        try:
            services.class_update(actor=request.user, literacy_class=literacy_class, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu thông tin lớp."))
            return redirect("literacy:class_detail", pk=literacy_class.pk)
    return render(request, "literacy/class_form.html", {"form": form, "literacy_class": literacy_class})


def class_detail(request, pk):
    literacy_class = access.get_class_for_user(request.user, pk)
    can_edit = selectors.can_edit_class(request.user, literacy_class)
    enrolments = _page(request, selectors.grid_enrolments_of(literacy_class))
    rows = []
    for enrolment in enrolments.object_list:
        by_term = {r.term: r for r in enrolment.results.all()}
        rows.append(
            {
                "enrolment": enrolment,
                "results": [(t, by_term.get(t)) for t in literacy_class.terms],
                "has_results": bool(by_term),
            }
        )
    query = request.GET.get("q", "").strip()
    candidates = None
    if can_edit:
        candidates = Paginator(selectors.enrol_candidates(literacy_class, query=query), 20).get_page(
            request.GET.get("trang")
        )
    return render(
        request,
        "literacy/class_detail.html",
        {
            "literacy_class": literacy_class,
            "page_obj": enrolments,
            "rows": rows,
            "can_edit": can_edit,
            "candidates": candidates,
            "query": query,
            "result_form": ResultForm(literacy_class=literacy_class) if can_edit else None,
            "may_reverse_dropout": is_office_user(request.user)
            and can_manage_unit(request.user, literacy_class.run_by),
        },
    )


@require_POST
def class_enrol(request, pk):
    literacy_class = access.get_class_for_user(request.user, pk, write=True)
    ids = ids_from(request.POST.getlist("person"))
    persons = list(selectors.enrol_candidates(literacy_class).filter(pk__in=ids))
    if not persons:
        messages.error(request, _("Hãy chọn ít nhất một người trong danh sách."))
    else:
        try:
            n = services.enrol(actor=request.user, literacy_class=literacy_class, persons=persons)
            messages.success(request, _("Đã thêm %(n)d học viên.") % {"n": n})
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return redirect("literacy:class_detail", pk=literacy_class.pk)


@require_POST
def enrolment_result(request, pk):
    enrolment = access.get_enrolment_for_user(request.user, pk, write=True)
    form = ResultForm(request.POST, literacy_class=enrolment.literacy_class)
    if form.is_valid():
        try:
            services.result_record(actor=request.user, enrolment=enrolment, **form.cleaned_data)
            messages.success(request, _("Đã ghi kết quả của %(p)s.") % {"p": enrolment.person.full_name})
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("Hãy chọn kỳ và kết quả."))
    return redirect("literacy:class_detail", pk=enrolment.literacy_class_id)


@require_POST
def enrolment_remove(request, pk):
    enrolment = access.get_enrolment_for_user(request.user, pk, write=True)
    try:
        services.enrolment_remove(actor=request.user, enrolment=enrolment)
        messages.success(request, _("Đã xóa học viên khỏi lớp."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("literacy:class_detail", pk=enrolment.literacy_class_id)
