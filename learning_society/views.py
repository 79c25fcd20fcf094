"""Thin views: an access helper decides 404 / 403, a form validates, one service acts."""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rubrics import engine
from rubrics.access import rubrics_visible_to
from rubrics.models import Rubric
from rubrics.selectors import rubric_criteria, rubric_in_force
from units.concurrency import StaleEdit, answer_stale
from units.forms import apply_errors
from units.models import UnitKind
from units.selectors import units_visible_to
from units.text import as_id, as_year, ids_from, name_order

from . import documents, next_step, selectors, services
from .access import (
    CHECK,
    ENTER,
    RECOGNISE,
    get_area_for_user,
    get_assessment_for_user,
    get_decision_for_user,
    get_office_for_settings,
    get_subject_for_user,
)
from .authority import authority_for, authority_name, decision_issuer
from .charts import share_chart
from .forms import (
    TITLES_BY_AREA,
    AssessmentForm,
    DecisionForm,
    RegisterForm,
    SubjectForm,
    TitleSettingForm,
    assessment_initial,
    grid_entries,
    grid_versions,
)
from .models import Assessment, Title
from .permissions import can_check, can_configure, can_enter, can_recognise, duty_refusal, rules_for

PAGE_SIZE = 50
# Communes per page of the index and the statistics: a province office has ~120, and a page costs
# what it shows (the total row is the whole office's, from the kept counts, on every page).
COMMUNES_PER_PAGE = 25


def _year(request) -> int:
    return as_year(request.GET.get("nam") or request.POST.get("nam")) or selectors.current_year()


def _title(request, default: str = Title.FAMILY) -> str:
    title = request.GET.get("danh_hieu") or request.POST.get("danh_hieu") or default
    return title if title in Title.values else default


def _years():
    # Years go to templates as text: an int would be shown with a thousands dot ("2.025").
    now = selectors.current_year()
    return [str(y) for y in range(now + 1, now - 6, -1)]


def index(request):
    year = _year(request)
    root = selectors.home_root(request.user)
    page, rows, total = _communes_page(request, root, year) if root else (None, [], None)
    return render(
        request,
        "learning_society/index.html",
        {
            "year": str(year),
            "years": _years(),
            "root": root,
            "page_obj": page,
            "rows": rows,
            "total": total,
            "chart": share_chart(list(total.titles.values())) if total else "",
            "expiring_count": selectors.expiring_count(request.user),
            "rubric_count": rubrics_visible_to(request.user, Title.values).filter(is_active=True).count(),
            "can_configure": root is not None and can_configure(request.user, root),
        },
    )


def area(request, pk):
    area = get_area_for_user(request.user, pk)
    year, title = _year(request), request.GET.get("danh_hieu", "")
    title = title if title in Title.values else ""
    query = request.GET.get("q", "").strip()
    subjects = selectors.subject_list(area, title=title, query=query)
    paginator = Paginator(subjects, PAGE_SIZE)
    if (count := selectors.subject_count(area, title=title, query=query)) is not None:
        paginator.count = count  # from the kept counts, not a count of the rows
    page = paginator.get_page(request.GET.get("page"))
    selectors.attach_year(list(page.object_list), year)
    rows, total = selectors.statistics(area, year) if area.kind in (UnitKind.COMMUNE, UnitKind.OFFICE) else ([], None)
    hamlets = (
        sorted(units_visible_to(request.user).filter(parent=area, kind=UnitKind.HAMLET).active_on(), key=name_order)
        if area.kind == UnitKind.COMMUNE
        else []
    )
    rules = rules_for(area)
    titles_here = TITLES_BY_AREA.get(area.kind, [])
    return render(
        request,
        "learning_society/area.html",
        {
            "area": area,
            "year": str(year),
            "years": _years(),
            "title": title,
            "query": query,
            "page_obj": page,
            "subjects": page.object_list,
            "total": total,
            "hamlets": hamlets,
            "titles_here": [(t.value, t.label) for t in titles_here],
            "can_enter": can_enter(request.user, area),
            "can_check_titles": [t for t in titles_here if can_check(request.user, area, rules[t])],
            "can_recognise_titles": [t for t in titles_here if can_recognise(request.user, area, rules[t])],
            "register_form": RegisterForm(initial={"title": title or (titles_here[0] if titles_here else "")}),
            "households": services.households_available(area),
        },
    )


def subject_create(request, pk):
    area = get_area_for_user(request.user, pk, action=ENTER)
    form = SubjectForm(request.POST or None, area=area, initial={"title": request.GET.get("danh_hieu")})
    if request.method == "POST" and form.is_valid():
        try:
            subject = services.subject_create(actor=request.user, area=area, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã thêm %(name)s.") % {"name": subject.name})
            if "again" in request.POST:
                return redirect(
                    f"{reverse('learning_society:subject_create', args=[area.pk])}?danh_hieu={subject.title}"
                )
            return redirect("learning_society:subject", subject.pk)
    return render(request, "learning_society/subject_form.html", {"area": area, "form": form})


def subject_detail(request, pk):
    subject = get_subject_for_user(request.user, pk)
    rule = rules_for(subject.area)[subject.title]
    assessments = list(selectors.subject_assessments(subject))
    for a in assessments:
        # Separation of duties: the reason replaces the check buttons (the service refuses too).
        a.duty_refusal = (
            duty_refusal(request.user, a, action=_("kiểm tra"), subject=subject)
            if a.status == Assessment.Status.SELF_ASSESSED
            else None
        )
    checked = any(a.status == Assessment.Status.CHECKED for a in assessments)
    year = selectors.current_year()
    selectors.attach_year([subject], year)
    return render(
        request,
        "learning_society/subject_detail.html",
        {
            "subject": subject,
            "assessments": assessments,
            "next_step": next_step.after_check(subject.area, subject.title) if checked else "",
            "year": str(year),
            "can_enter": can_enter(request.user, subject.area),
            "can_check": can_check(request.user, subject.area, rule),
            "rule": rule,
        },
    )


def assess(request, pk):
    subject = get_subject_for_user(request.user, pk, action=ENTER)
    year = _year(request)
    rubric = rubric_in_force(subject.title, subject.area, year)
    if rubric is None:
        messages.error(
            request,
            _("Chưa có bộ tiêu chí “%(t)s” cho năm %(y)s. Hãy nạp bộ tiêu chí trước.")
            % {"t": subject.get_title_display(), "y": year},
        )
        return redirect("learning_society:subject", subject.pk)
    criteria = rubric_criteria(rubric)
    assessment = selectors.assessment_of(subject, year)
    if assessment and assessment.status == Assessment.Status.RECOGNISED:
        messages.info(request, _("Đánh giá năm %(y)s đã được công nhận, không sửa được nữa.") % {"y": year})
        return redirect("learning_society:subject", subject.pk)
    initial = assessment_initial(assessment, rubric)
    form = AssessmentForm(request.POST or None, rubric=rubric, criteria=criteria, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_save(
                actor=request.user,
                subject=subject,
                year=year,
                submit="submit" in request.POST,
                **form.service_fields(),
            )
        except StaleEdit as exc:
            status = answer_stale(request, form, exc)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("Đã gửi kết quả tự đánh giá để kiểm tra.") if "submit" in request.POST else _("Đã lưu bản nháp."),
            )
            return redirect("learning_society:subject", subject.pk)
    return render(
        request,
        "learning_society/assess.html",
        {
            "subject": subject,
            "year": str(year),
            "rubric": rubric,
            "form": form,
            "max_total": engine.max_total(criteria),
            "bands": rubric.bands,
        },
        status=status,
    )


@require_POST
def register(request, pk):
    area = get_area_for_user(request.user, pk, action=ENTER)
    year = _year(request)
    form = RegisterForm(request.POST)
    back = f"{reverse('learning_society:area', args=[area.pk])}?nam={year}"
    if not form.is_valid():
        messages.error(request, _("Hãy chọn danh hiệu để đăng ký."))
        return redirect(back)
    title = form.cleaned_data["title"]
    subjects = list(selectors.subject_list(area, title=title))
    if not subjects:
        messages.warning(request, _("Chưa có đối tượng nào của danh hiệu này để đăng ký."))
        return redirect(back)
    try:
        n = services.registrations_create(
            actor=request.user, subjects=subjects, year=year, requested_level=form.cleaned_data["requested_level"]
        )
    except ValidationError as exc:
        for message in exc.messages[:20]:
            messages.error(request, message)
        return redirect(back)
    messages.success(request, _("Đã đăng ký %(n)s đối tượng cho năm %(y)s.") % {"n": n, "y": year})
    return redirect(back)


@require_POST
def import_families(request, pk):
    area = get_area_for_user(request.user, pk, action=ENTER)
    try:
        n = services.families_import_from_register(actor=request.user, hamlet=area)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã thêm %(n)s gia đình từ sổ điều tra hộ.") % {"n": n})
    return redirect(f"{reverse('learning_society:area', args=[area.pk])}?danh_hieu=family")


def grid(request, pk):
    """A hamlet's subjects × criteria, typed with the keyboard and saved at once."""
    title = _title(request)
    area = get_area_for_user(request.user, pk)
    year = _year(request)
    if area.kind != UnitKind.HAMLET and title in (Title.FAMILY, Title.HAMLET_COMMUNITY):
        raise Http404
    rubric = rubric_in_force(title, area, year)
    editable = can_enter(request.user, area)
    rule = rules_for(area)[title]
    may_check = can_check(request.user, area, rule)
    here = f"{reverse('learning_society:grid', args=[area.pk])}?danh_hieu={title}&nam={year}"
    cell_errors, typed, status = {}, None, 200
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        if rubric is None or rubric.regime != Rubric.Regime.POINTS:
            messages.error(request, _("Bộ tiêu chí năm này không chấm điểm: hãy đánh giá từng đối tượng."))
            return redirect(here)
        points, met = grid_entries(request.POST)
        try:
            n = services.grid_save(
                actor=request.user,
                area=area,
                title=title,
                year=year,
                points=points,
                met=met,
                check=may_check and "check" in request.POST,
                expected_versions=grid_versions(request.POST),
            )
        except StaleEdit as exc:
            # A row moved since the page was loaded: nothing saved, what was typed is shown again
            # with the rows' current versions so a second, deliberate save goes through.
            typed = (points, met)
            status = answer_stale(request, None, exc)
        except ValidationError as exc:
            cell_errors = getattr(exc, "cells", {})
            typed = (points, met)
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Đã lưu %(n)s dòng.") % {"n": n})
            if may_check and "check" in request.POST and n:
                messages.info(request, next_step.after_check(area, title, year))
            return redirect(here)
    data = selectors.grid_for(area, title, year, rubric) if rubric else None
    return render(
        request,
        "learning_society/grid.html",
        {
            "area": area,
            "title": title,
            "title_label": Title(title).label,
            "year": str(year),
            "years": _years(),
            "grid": data,
            "rows": data.cells(typed, cell_errors) if data else [],
            "editable": editable,
            "may_check": may_check,
            "may_recognise": can_recognise(request.user, area, rule),
            "bands": rubric.bands if rubric else [],
            "recognisable": selectors.recognisable(area, title, year).count() if rubric else 0,
            "titles": [(t, Title(t).label) for t in TITLES_BY_AREA.get(area.kind, [])],
            "versions": json.dumps(data.versions if data else {}),
        },
        status=status,
    )


@require_POST
def check(request, pk):
    """The checker confirms (or returns) the self-assessments of an area and title."""
    title = _title(request)
    area = get_area_for_user(request.user, pk, action=CHECK, title=title)
    year = _year(request)
    ids = ids_from(request.POST.getlist("assessment"))
    queryset = selectors.checkable(area, title, year)
    if ids:
        queryset = queryset.filter(pk__in=ids)
    approve = request.POST.get("action") != "return"
    # The service leaves out what this checker entered or handed over (separation of duties): say so.
    action = _("xác nhận kiểm tra") if approve else _("trả lại")
    refused = [a for a in queryset.select_related("subject") if duty_refusal(request.user, a, action=action)]
    try:
        n = services.assessments_check(
            actor=request.user,
            assessment_ids=list(queryset.values_list("pk", flat=True)),
            area=area,
            approve=approve,
            note=request.POST.get("note", "")[:1000],
        )
    except ValidationError as exc:
        messages.warning(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            (_("Đã xác nhận kiểm tra %(n)s đánh giá.") if approve else _("Đã trả lại %(n)s đánh giá.")) % {"n": n},
        )
        if approve and n:
            messages.info(request, next_step.after_check(area, title, year))
        if refused:
            names = sorted(a.subject.name for a in refused)
            messages.warning(
                request,
                _(
                    "%(n)s đánh giá chưa được %(action)s (%(names)s) vì bạn đã nhập hoặc gửi kiểm tra chúng, "
                    "hoặc đang giữ vai trò ở đơn vị được đánh giá: việc này phải do một người khác thực hiện."
                )
                % {
                    "n": len(names),
                    "action": action,
                    "names": ", ".join(names[:5]) + ("…" if len(names) > 5 else ""),
                },
            )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = f"{reverse('learning_society:area', args=[area.pk])}?nam={year}"
    return redirect(target)


def recognise(request, pk):
    """Bulk recognition: every checked, passing assessment of the area, title and year in one decision."""
    title = _title(request)
    area = get_area_for_user(request.user, pk, action=RECOGNISE, title=title)
    year = _year(request)
    candidates = list(selectors.recognisable(area, title, year))
    for a in candidates:
        # Separation of duties: what this person entered, or of their own unit, is not offered.
        a.duty_refusal = duty_refusal(request.user, a, action=_("công nhận"))
    rule = rules_for(area)[title]
    issuer = selectors.issuer_for(area, rule.recogniser)
    # Who decides and signs: the office's recognition authority for the title (learning_society.authority).
    authority = authority_for(area, title, year=year)
    paper = decision_issuer(authority, area)
    form = DecisionForm(request.POST or None, initial={"place": paper.place or (issuer.name if issuer else "")})
    selected = set(ids_from(request.POST.getlist("assessment"))) if request.method == "POST" else None
    if selected and not selectors.all_in_area(selected, area):
        # Ids of another area or office (typed into the form): refused without a word about them.
        form.add_error(
            None, _("Một số đánh giá đã chọn không thuộc %(area)s; hãy tải lại trang.") % {"area": area.full_name}
        )
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.recognise(
                actor=request.user,
                assessment_ids=sorted(selected or []),
                issuer=issuer,
                area=area,
                title=title,
                year=year,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("Đã công nhận %(n)s đối tượng theo Quyết định số %(num)s.")
                % {"n": decision.assessments.count(), "num": decision.number},
            )
            return redirect("learning_society:decision", decision.pk)
    return render(
        request,
        "learning_society/recognise.html",
        {
            "area": area,
            "title": title,
            "title_label": Title(title).label,
            "year": str(year),
            "candidates": candidates,
            "selected": selected,
            "form": form,
            "issuer": issuer,
            "paper_agency": paper.agency,
            "decider": authority_name(authority, paper),
            "authority": authority,
        },
    )


def decision_detail(request, pk):
    decision = get_decision_for_user(request.user, pk)
    return render(
        request,
        "learning_society/decision.html",
        {"decision": decision, "annex": selectors.decision_annex(decision)},
    )


def decision_pdf(request, pk):
    decision = get_decision_for_user(request.user, pk)
    data = documents.decision_pdf(decision, selectors.decision_annex(decision), request=request)
    return documents.pdf_response(data, f"quyet-dinh-{decision.pk}.pdf")


def decision_docx(request, pk):
    """The decision and its annex as a Word file, the same document object as the PDF (issue 15)."""
    from documents.docx import docx_response

    decision = get_decision_for_user(request.user, pk)
    data = documents.decision_docx(decision, selectors.decision_annex(decision))
    return docx_response(data, f"quyet-dinh-{decision.pk}.docx")


def certificate_pdf(request, pk):
    assessment = get_assessment_for_user(request.user, pk)
    if assessment.status != Assessment.Status.RECOGNISED:
        raise Http404
    data = documents.certificate_pdf(assessment, request=request)
    return documents.pdf_response(data, f"giay-chung-nhan-{assessment.pk}.pdf")


def recognised(request):
    year = request.GET.get("nam")
    year = _year(request) if year else None
    title = request.GET.get("danh_hieu", "")
    title = title if title in Title.values else ""
    query = request.GET.get("q", "").strip()
    expiring = request.GET.get("sap_het_han") == "1"
    if expiring:
        rows, count = selectors.expiring(request.user), selectors.expiring_count(request.user)
    else:
        rows = selectors.recognised_list(request.user, year=year, title=title, query=query)
        count = selectors.recognised_count(request.user, year=year, title=title, query=query)
    # A page of rows in index order; the total comes from the kept counts, not a count of the rows.
    paginator = Paginator(rows, PAGE_SIZE)
    if count is not None:
        paginator.count = count
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "learning_society/recognised.html",
        {
            "page_obj": page,
            "rows": page.object_list,
            "year": str(year) if year else "",
            "years": _years(),
            "title": title,
            "titles": Title.choices,
            "query": query,
            "expiring": expiring,
        },
    )


def _communes_page(request, root, year):
    """The page of communes asked for, their rows, and the total of all of `root`'s communes."""
    communes = selectors.statistics_communes(root)
    page = Paginator(communes, COMMUNES_PER_PAGE).get_page(request.GET.get("page"))
    rows, total = selectors.statistics(root, year, communes=communes, shown=page.object_list)
    return page, rows, total


def _stats_context(request, *, paginate: bool = False):
    year = _year(request)
    root = selectors.home_root(request.user)
    unit_pk = request.GET.get("don_vi")
    if unit_id := as_id(unit_pk):
        root = get_area_for_user(request.user, unit_id)
    if root is None:
        raise Http404
    if paginate:
        page, rows, total = _communes_page(request, root, year)
    else:  # the PDF holds every commune
        page, (rows, total) = None, selectors.statistics(root, year)
    return {
        "year": str(year),
        "years": _years(),
        "root": root,
        "page_obj": page,
        "rows": rows,
        "total": total,
        "titles": selectors.COUNTED_TITLES,
        "chart": share_chart(list(total.titles.values())),
        "expiring": list(selectors.expiring(request.user)[:20]),
    }


def stats(request):
    context = _stats_context(request, paginate=True)
    return render(request, "learning_society/stats.html", context)


def stats_pdf(request):
    context = _stats_context(request)
    return documents.pdf_response(documents.stats_pdf(context, request=request), f"thong-ke-xhht-{context['year']}.pdf")


def title_settings(request):
    root = selectors.home_root(request.user)
    if root is None:
        raise Http404
    editable = can_configure(request.user, root)
    form = TitleSettingForm(request.POST or None)
    if request.method == "POST":
        office = get_office_for_settings(request.user, root.pk)
        if form.is_valid():
            data = form.cleaned_data
            services.title_setting_save(
                actor=request.user,
                office=office,
                title=data["title"],
                checker=data["checker"],
                recogniser=data["recogniser"],
                target=data["target"] or 0,
                target_difficult=data["target_difficult"] or 0,
            )
            messages.success(request, _("Đã lưu cấu hình “%(t)s”.") % {"t": Title(data["title"]).label})
            return redirect("learning_society:settings")
    return render(
        request,
        "learning_society/settings.html",
        {
            "office": root,
            "rules": list(rules_for(root).values()),
            "form": form if editable else None,
            "titles": dict(Title.choices),
        },
    )
