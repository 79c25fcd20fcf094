"""The rubric pages (/xa-hoi-hoc-tap/bo-tieu-chi/): list, detail, copy, edit, JSON import and export,
remove. Thin views: rubrics.access decides 404 / 403, a form shapes the input, one service acts."""

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from units.text import as_id

from . import registry, selectors, services
from .access import can_change_rubric, get_rubric_for_user, get_rubric_office, rubric_offices, rubrics_visible_to
from .engine import max_total
from .forms import RubricUploadForm, data_from_post, edit_rows
from .validation import parse_rubric_file

PAGE_SIZE = 50


def _page(request, template: str, context: dict):
    kinds = registry.kinds()
    rubric = context.get("rubric")
    if rubric is not None:
        context["title_label"] = kinds.get(rubric.subject_kind, rubric.subject_kind)
    return render(request, template, {"section": registry.section(), "titles": kinds, **context})


def rubric_list(request):
    rows = (
        rubrics_visible_to(request.user, registry.kinds())
        .filter(is_active=True)
        .select_related("owner")
        .order_by("subject_kind", "-year_from", "owner_id", "code")
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    offices = rubric_offices(request.user)
    own_codes = set(rows.filter(owner__in=offices).values_list("code", flat=True) if offices else [])
    shipped = registry.shipped()
    return _page(
        request,
        "rubrics/list.html",
        {
            "page_obj": page,
            "rubrics": page.object_list,
            "office": offices[0] if offices else None,
            "own_codes": own_codes,
            "can_import": bool(offices),
            "can_load_shipped": bool(shipped),
            "shipped_note": " ".join(str(s.note) for s in shipped if s.note),
            "upload_form": RubricUploadForm(),
        },
    )


def rubric_detail(request, pk):
    rubric = get_rubric_for_user(request.user, pk)
    rubric = selectors.rubric_queryset().select_related("owner").get(pk=rubric.pk)
    offices = rubric_offices(request.user)
    return _page(
        request,
        "rubrics/detail.html",
        {
            "rubric": rubric,
            "max_total": max_total(selectors.rubric_criteria(rubric)),
            "can_change": can_change_rubric(request.user, rubric),
            "can_copy": bool(offices) and rubric.is_active and all(o.pk != rubric.owner_id for o in offices),
        },
    )


@require_POST
def rubric_import(request):
    office = get_rubric_office(request.user, as_id(request.POST.get("don_vi")))
    if "shipped" in request.POST:
        loaded = services.load_shipped()
        messages.success(request, _("Đã kiểm tra %(n)s bộ tiêu chí mặc định toàn quốc.") % {"n": len(loaded)})
        return redirect("rubrics:list")
    form = RubricUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("rubrics:list")
    try:
        data = parse_rubric_file(form.cleaned_data["file"].read())
        rubric = services.rubric_import(actor=request.user, office=office, data=data, kinds=registry.kinds())
    except ValueError as exc:
        for message in exc.args[0]:
            messages.error(request, message)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("Đã nạp bộ tiêu chí %(t)s thành bản của %(o)s.") % {"t": rubric.title, "o": office.name}
        )
        return redirect("rubrics:detail", rubric.pk)
    return redirect("rubrics:list")


@require_POST
def rubric_copy(request, pk):
    rubric = get_rubric_for_user(request.user, pk)
    office = get_rubric_office(request.user, as_id(request.POST.get("don_vi")))
    try:
        copy = services.rubric_copy(actor=request.user, rubric=rubric, office=office)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("rubrics:detail", rubric.pk)
    messages.success(
        request, _("Đã tạo bản của %(o)s; các đơn vị trực thuộc dùng bản này từ nay.") % {"o": office.name}
    )
    return redirect("rubrics:edit", copy.pk)


def rubric_export(request, pk):
    rubric = get_rubric_for_user(request.user, pk)
    body = json.dumps(selectors.rubric_data(rubric), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="bo-tieu-chi-{rubric.pk}.json"'
    return response


@require_POST
def rubric_remove(request, pk):
    rubric = get_rubric_for_user(request.user, pk, write=True)
    if request.POST.get("xac_nhan") != "1":
        messages.error(request, _("Hãy đánh dấu ô xác nhận trước khi xóa bộ tiêu chí của đơn vị."))
        return redirect("rubrics:detail", rubric.pk)
    deleted = services.rubric_remove(actor=request.user, rubric=rubric)
    messages.success(
        request,
        _("Đã xóa bản của đơn vị; các đơn vị dùng lại bộ tiêu chí cấp trên.")
        if deleted
        else _("Bộ tiêu chí đã dùng để chấm nên được giữ lại cho các đánh giá cũ và thôi áp dụng."),
    )
    return redirect("rubrics:list")


def rubric_edit(request, pk):
    rubric = get_rubric_for_user(request.user, pk, write=True)
    problems = []
    data = selectors.rubric_data(rubric)
    if request.method == "POST":
        data = data_from_post(request.POST, rubric)
        try:
            saved = services.rubric_save(actor=request.user, rubric=rubric, data=data)
        except ValidationError as exc:
            problems = exc.messages
        else:
            messages.success(request, _("Đã lưu bộ tiêu chí %(t)s.") % {"t": saved.title})
            return redirect("rubrics:detail", saved.pk)
    bands, rows = edit_rows(data)
    return _page(
        request,
        "rubrics/edit.html",
        {
            "rubric": rubric,
            "data": data,
            "bands": bands,
            "rows": rows,
            "problems": problems,
            "in_use": selectors.rubric_in_use(rubric),
        },
    )
