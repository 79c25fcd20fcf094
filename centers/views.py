"""Thin views: access helper → form → one service → redirect, or re-render with the errors."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reports.exports.xlsx import table_to_xlsx, xlsx_response
from reports.providers import get_provider
from units.models import today
from units.selectors import is_office_user

from . import access, permissions, selectors, services
from .exports import overview_table
from .forms import (
    ActivityForm,
    ClubEditForm,
    ClubForm,
    EvidenceForm,
    FundingForm,
    NeedForm,
    PersonEndForm,
    PersonForm,
    PlanForm,
    ProfileForm,
    RateForm,
    ScoreForm,
)
from .models import (
    BOARD_ROLES,
    ActivityKind,
    AssessmentStatus,
    CentreProfile,
    Field,
    PersonRole,
    SelfAssessment,
    YearPlan,
    school_year_label,
    school_year_of,
    school_year_range,
)
from .report import REPORT_ROWS

PAGE_SIZE = 25


def _year(request) -> int:
    value = request.GET.get("nam", "")
    if value.isdigit() and 2000 <= int(value) <= 2100:
        return int(value)
    return school_year_of(today())


def _years_around(year: int) -> list[tuple[int, str]]:
    current = school_year_of(today())
    years = sorted({*range(current - 3, current + 1), year}, reverse=True)
    return [(y, school_year_label(y)) for y in years]


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _centre_context(request, centre, **extra) -> dict:
    user = request.user
    return {
        "centre": centre,
        "can_log": permissions.can_log(user, centre),
        "can_manage": permissions.can_manage(user, centre),
        "can_rate": permissions.can_rate(user, centre),
        **extra,
    }


def _form_page(request, centre, form, **extra):
    """The one-column entry page (centers/form.html) every create/edit view of a centre shares."""
    return render(request, "centers/form.html", _centre_context(request, centre, form=form, **extra))


# Landing pages --------------------------------------------------------------------------------


def index(request):
    """TTHTCĐ: a director or staff member lands on their centre; an office on all its centres."""
    own = permissions.own_centres(request.user)
    if len(own) == 1 and not is_office_user(request.user):
        return _dashboard(request, own[0])
    return _overview(request)


def _overview(request):
    year = _year(request)
    centres = selectors.centre_list(request.user)
    page = Paginator(centres, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = selectors.overview_rows(list(page.object_list), year)
    inactive = selectors.inactive_centres(selectors.centre_list(request.user))
    start, end = school_year_range(year)
    context = {
        "year": year,
        "year_label": school_year_label(year),
        "years": _years_around(year),
        "page_obj": page,
        "rows": rows,
        "totals": selectors.overview_totals(centres, year),
        "centre_count": page.paginator.count,
        "inactive": inactive[:12],
        "inactive_count": inactive.count(),
        "inactive_days": selectors.INACTIVE_DAYS,
        "by_field": _chart(selectors.activities_by_field(centres.values("pk"), start, end)),
        "is_office": is_office_user(request.user),
    }
    return render(request, "centers/overview.html", context)


@require_POST
def overview_xlsx(request):
    """Excel of the office's centre table (POST: a file download, not a page; the matrix's page
    checks read every GET as text)."""
    year = _year(request)
    rows = selectors.overview_rows(list(selectors.centre_list(request.user)), year)
    data = table_to_xlsx(overview_table(rows, year), heading_lines=[_("Trung tâm học tập cộng đồng")])
    return xlsx_response(data, f"TTHTCD-{school_year_label(year)}.xlsx")


def _chart(rows: list[dict]) -> list[dict]:
    """Bars for the inline SVG chart: widths as percentages of the largest value."""
    top = max((r["activities"] for r in rows), default=0) or 1
    return [{**r, "pct": round(100 * r["activities"] / top, 1)} for r in rows]


def centre(request, pk):
    return _dashboard(request, access.get_centre_for_user(request.user, pk))


def _dashboard(request, centre):
    year = _year(request)
    start, end = school_year_range(year)
    stats = selectors.activity_stats([centre.pk], start, end).get(centre.pk, {})
    money = selectors.funding_stats([centre.pk], start, end).get(centre.pk, {})
    last = selectors.last_activity_dates([centre.pk]).get(centre.pk)
    context = _centre_context(
        request,
        centre,
        year=year,
        year_label=school_year_label(year),
        years=_years_around(year),
        stats=stats,
        money=money,
        last_activity=last,
        inactive=last is None or (today() - last).days > selectors.INACTIVE_DAYS,
        inactive_days=selectors.INACTIVE_DAYS,
        recent=selectors.activity_list(centre)[:6],
        by_field=_chart(selectors.activities_by_field([centre.pk], start, end)),
        assessment=SelfAssessment.objects.filter(centre=centre, school_year=year).first(),
    )
    return render(request, "centers/dashboard.html", context)


# Profile and people ---------------------------------------------------------------------------


def profile(request, pk):
    centre = access.get_centre_for_user(request.user, pk)
    order = {role: i for i, role in enumerate(PersonRole.values)}
    people = sorted(selectors.people_of(centre), key=lambda p: (order[p.role], p.full_name))
    current = [p for p in people if p.is_current]
    context = _centre_context(
        request,
        centre,
        profile=CentreProfile.objects.filter(centre=centre).first(),
        board=[p for p in current if p.role in BOARD_ROLES],
        staff=[p for p in current if p.role not in BOARD_ROLES],
        former=[p for p in people if not p.is_current],
    )
    return render(request, "centers/profile.html", context)


def profile_edit(request, pk):
    centre = access.get_centre_for_user(request.user, pk, need="manage")
    instance = CentreProfile.objects.filter(centre=centre).first() or CentreProfile(centre=centre)
    form = ProfileForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_update(actor=request.user, centre=centre, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Đã lưu hồ sơ trung tâm."))
            return redirect("centers:profile", centre.pk)
    return _form_page(
        request,
        centre,
        form,
        title=_("Sửa hồ sơ trung tâm"),
        back=reverse("centers:profile", args=[centre.pk]),
    )


def person_add(request, pk):
    centre = access.get_centre_for_user(request.user, pk, need="manage")
    form = PersonForm(request.POST or None, initial={"since": today(), "role": request.GET.get("vai_tro", "")})
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_add(actor=request.user, centre=centre, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Đã thêm %(name)s.") % {"name": person})
            return redirect("centers:profile", centre.pk)
    return _form_page(
        request,
        centre,
        form,
        title=_("Thêm cán bộ, giáo viên, báo cáo viên"),
        help=_(
            "Khi thay người (ví dụ giám đốc mới), hãy ghi ngày thôi cho người cũ rồi thêm người mới: "
            "lịch sử được giữ lại."
        ),
        back=reverse("centers:profile", args=[centre.pk]),
    )


def person_end(request, pk):
    person = access.get_person_for_user(request.user, pk, write=True)
    form = PersonEndForm(request.POST or None, initial={"until": today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.person_end(
                actor=request.user, person=person, until=form.cleaned_data["until"], reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Đã ghi ngày thôi của %(name)s.") % {"name": person.full_name})
            return redirect("centers:profile", person.centre_id)
    return _form_page(
        request,
        person.centre,
        form,
        title=_("Ghi ngày thôi: %(name)s") % {"name": person},
        back=reverse("centers:profile", args=[person.centre_id]),
    )


# Activities -----------------------------------------------------------------------------------


def activities(request, pk):
    centre = access.get_centre_for_user(request.user, pk)
    year = _year(request)
    kind = request.GET.get("loai", "")
    field = request.GET.get("linh_vuc", "")
    kind = kind if kind in ActivityKind.values else ""
    field = field if field in Field.values else ""
    page = Paginator(selectors.activity_list(centre, year=year, kind=kind, field=field), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "centers/activities.html",
        _centre_context(
            request,
            centre,
            year=year,
            year_label=school_year_label(year),
            years=_years_around(year),
            kind=kind,
            field=field,
            kinds=ActivityKind.choices,
            fields=Field.choices,
            page_obj=page,
            activities=page.object_list,
        ),
    )


def _activity_form_page(request, centre, form, *, title, back):
    return render(
        request,
        "centers/activity_form.html",
        _centre_context(
            request,
            centre,
            form=form,
            title=title,
            back=back,
            lecturers=selectors.lecturer_names(centre),
            places=selectors.place_names(centre),
        ),
    )


def activity_add(request, pk):
    centre = access.get_centre_for_user(request.user, pk, need="log")
    form = ActivityForm(request.POST or None, centre=centre, initial=selectors.entry_defaults(request.user, centre))
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.activity_create(actor=request.user, centre=centre, **form.service_fields())
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Đã ghi “%(title)s” — %(n)d người tham gia.") % {"title": activity.title, "n": activity.participants},
            )
            if "again" in request.POST:
                return redirect("centers:activity_add", centre.pk)
            return redirect("centers:centre", centre.pk)
    return _activity_form_page(
        request, centre, form, title=_("Ghi hoạt động"), back=reverse("centers:centre", args=[centre.pk])
    )


def activity_detail(request, pk):
    activity = access.get_activity_for_user(request.user, pk)
    return render(
        request,
        "centers/activity_detail.html",
        _centre_context(request, activity.centre, activity=activity, learners=activity.learners.all()),
    )


def activity_edit(request, pk):
    activity = access.get_activity_for_user(request.user, pk, write=True)
    form = ActivityForm(request.POST or None, instance=activity, centre=activity.centre)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_update(actor=request.user, activity=activity, **form.service_fields())
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("centers:activity_detail", activity.pk)
    return _activity_form_page(
        request,
        activity.centre,
        form,
        title=_("Sửa hoạt động"),
        back=reverse("centers:activity_detail", args=[activity.pk]),
    )


@require_POST
def activity_delete(request, pk):
    activity = access.get_activity_for_user(request.user, pk, write=True)
    centre_id = activity.centre_id
    services.activity_delete(actor=request.user, activity=activity)
    messages.success(request, _("Đã xóa hoạt động."))
    return redirect("centers:activities", centre_id)


# Clubs, needs, funding, plan ------------------------------------------------------------------


def clubs(request, pk):
    centre = access.get_centre_for_user(request.user, pk)
    page = Paginator(selectors.clubs_of(centre).order_by("closed_on", "name"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request, "centers/clubs.html", _centre_context(request, centre, page_obj=page, clubs=page.object_list)
    )


def club_add(request, pk):
    centre = access.get_centre_for_user(request.user, pk, need="log")
    form = ClubForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            club = services.club_create(actor=request.user, centre=centre, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Đã thêm câu lạc bộ %(name)s.") % {"name": club.name})
            return redirect("centers:clubs", centre.pk)
    return _form_page(
        request, centre, form, title=_("Thêm câu lạc bộ"), back=reverse("centers:clubs", args=[centre.pk])
    )


def club_edit(request, pk):
    club = access.get_club_for_user(request.user, pk, write=True)
    form = ClubEditForm(request.POST or None, instance=club)
    if request.method == "POST" and form.is_valid():
        try:
            services.club_update(actor=request.user, club=club, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Đã lưu câu lạc bộ %(name)s.") % {"name": form.cleaned_data["name"]})
            return redirect("centers:clubs", club.centre_id)
    return _form_page(
        request,
        club.centre,
        form,
        title=_("Sửa câu lạc bộ"),
        back=reverse("centers:clubs", args=[club.centre_id]),
    )


def needs(request, pk):
    centre = access.get_centre_for_user(request.user, pk)
    year = _year(request)
    page = Paginator(selectors.needs_of(centre, year), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "centers/needs.html",
        _centre_context(
            request,
            centre,
            year=year,
            year_label=school_year_label(year),
            next_year_label=school_year_label(year + 1),
            years=_years_around(year),
            page_obj=page,
            needs=page.object_list,
            by_field=selectors.needs_by_field(centre, year),
        ),
    )


def need_add(request, pk):
    centre = access.get_centre_for_user(request.user, pk, need="log")
    form = NeedForm(request.POST or None, initial={"surveyed_on": today()})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["school_year"] = school_year_of(data["surveyed_on"])
        try:
            services.need_create(actor=request.user, centre=centre, **data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Đã ghi nhu cầu học tập."))
            if "again" in request.POST:
                return redirect("centers:need_add", centre.pk)
            return redirect(f"{reverse('centers:needs', args=[centre.pk])}?nam={data['school_year']}")
    return _form_page(
        request,
        centre,
        form,
        title=_("Ghi kết quả khảo sát nhu cầu học tập"),
        help=_(
            "Mỗi dòng là một nội dung người dân muốn học, theo lĩnh vực và đối tượng; "
            "kết quả được dùng khi lập kế hoạch năm sau."
        ),
        back=reverse("centers:needs", args=[centre.pk]),
        again=True,
    )


@require_POST
def need_delete(request, pk):
    need = access.get_need_for_user(request.user, pk, write=True)
    services.need_delete(actor=request.user, need=need)
    messages.success(request, _("Đã xóa dòng khảo sát."))
    return redirect(f"{reverse('centers:needs', args=[need.centre_id])}?nam={need.school_year}")


def funding(request, pk):
    centre = access.get_centre_for_user(request.user, pk)
    year = _year(request)
    start, end = school_year_range(year)
    page = Paginator(selectors.funding_of(centre, year), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "centers/funding.html",
        _centre_context(
            request,
            centre,
            year=year,
            year_label=school_year_label(year),
            years=_years_around(year),
            page_obj=page,
            entries=page.object_list,
            summary=selectors.funding_summary([centre.pk], start, end),
        ),
    )


def funding_add(request, pk):
    centre = access.get_centre_for_user(request.user, pk, need="log")
    form = FundingForm(request.POST or None, initial={"date": today(), "kind": request.GET.get("loai", "receipt")})
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.funding_create(actor=request.user, centre=centre, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Đã ghi khoản %(kind)s.") % {"kind": entry.get_kind_display().lower()})
            return redirect(f"{reverse('centers:funding', args=[centre.pk])}?nam={school_year_of(entry.date)}")
    return _form_page(
        request, centre, form, title=_("Ghi khoản thu, chi"), back=reverse("centers:funding", args=[centre.pk])
    )


@require_POST
def funding_delete(request, pk):
    entry = access.get_funding_for_user(request.user, pk, write=True)
    services.funding_delete(actor=request.user, entry=entry)
    messages.success(request, _("Đã xóa khoản thu, chi."))
    return redirect(f"{reverse('centers:funding', args=[entry.centre_id])}?nam={school_year_of(entry.date)}")


def plan(request, pk):
    centre = access.get_centre_for_user(request.user, pk)
    year = _year(request)
    start, end = school_year_range(year - 1)
    return render(
        request,
        "centers/plan.html",
        _centre_context(
            request,
            centre,
            year=year,
            year_label=school_year_label(year),
            years=_years_around(year + 1),
            plan=YearPlan.objects.filter(centre=centre, school_year=year).first(),
            needs=selectors.needs_by_field(centre, year - 1),
            previous_year_label=school_year_label(year - 1),
            previous=selectors.activity_stats([centre.pk], start, end).get(centre.pk, {}),
        ),
    )


def plan_edit(request, pk):
    centre = access.get_centre_for_user(request.user, pk, need="manage")
    year = _year(request)
    instance = YearPlan.objects.filter(centre=centre, school_year=year).first() or YearPlan(
        centre=centre, school_year=year
    )
    form = PlanForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_save(actor=request.user, centre=centre, school_year=year, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Đã lưu kế hoạch năm học %(y)s.") % {"y": school_year_label(year)})
            return redirect(f"{reverse('centers:plan', args=[centre.pk])}?nam={year}")
    return _form_page(
        request,
        centre,
        form,
        title=_("Kế hoạch năm học %(y)s") % {"y": school_year_label(year)},
        back=f"{reverse('centers:plan', args=[centre.pk])}?nam={year}",
    )


# Yearly report numbers ------------------------------------------------------------------------


def report(request, pk):
    """The numbers the yearly activity report (due 20 May) takes from the records, as the
    reports module will pre-fill them: every figure from a registered indicator provider."""
    centre = access.get_centre_for_user(request.user, pk)
    year = _year(request)
    start, end = school_year_range(year)
    units = type(centre).objects.filter(pk=centre.pk)
    sections = []
    for section, keys in REPORT_ROWS:
        rows = []
        for key in keys:
            provider = get_provider(key)
            if provider is None:
                continue
            rows.append(
                {"key": key, "label": provider.label, "value": provider.func(units, start, end).get(centre.pk, 0)}
            )
        sections.append((section, rows))
    return render(
        request,
        "centers/report.html",
        _centre_context(
            request,
            centre,
            year=year,
            year_label=school_year_label(year),
            years=_years_around(year),
            sections=sections,
            start=start,
            end=end,
        ),
    )


# Self-assessment and rating (Công văn 2553/BGDĐT-GDTX) -----------------------------------------


def assessment(request, pk):
    centre = access.get_centre_for_user(request.user, pk)
    year = _year(request)
    obj = SelfAssessment.objects.filter(centre=centre, school_year=year).select_related("rubric").first()
    context = _centre_context(
        request, centre, year=year, year_label=school_year_label(year), years=_years_around(year), assessment=obj
    )
    if obj is None:
        context["rubric"] = services.rubric_for_year(year)
        return render(request, "centers/assessment.html", context)
    if request.method == "POST":
        access.get_centre_for_user(request.user, pk, need="manage")
    return _assessment_page(request, obj, context)


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
    )
    if form.is_bound and editable and form.is_valid():
        try:
            services.assessment_save_scores(actor=request.user, assessment=obj, scores=form.scores())
        except ValidationError as error:
            _apply_errors(form, error)
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
        form=form,
        groups=groups,
        editable=editable,
        max_total=sum(g["max"] for g in groups),
        general_evidence=[e for e in evidence if e.criterion_id is None],
        evidence_form=evidence_form or EvidenceForm(criteria_queryset=_criteria_qs(obj)),
    )
    return render(request, "centers/assessment.html", context, status=status)


def _criteria_qs(obj):
    from reports.models import RubricCriterion

    return (
        RubricCriterion.objects.filter(group__rubric=obj.rubric_id)
        .select_related("group")
        .order_by("group__order", "order")
    )


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
    form = EvidenceForm(request.POST, request.FILES, criteria_queryset=_criteria_qs(obj))
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
            _apply_errors(form, error)
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
    form = RateForm(
        request.POST or None,
        criteria=[s.criterion for s in scores],
        initial_points={
            s.criterion_id: (s.office_points if s.office_points is not None else s.self_points, "") for s in scores
        },
        initial={"comment": obj.office_comment},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_rate(
                actor=request.user,
                assessment=obj,
                scores={cid: points for cid, (points, _note) in form.scores().items()},
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
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
    return render(
        request,
        "centers/ranking.html",
        {
            "year": year,
            "year_label": school_year_label(year),
            "years": _years_around(year),
            "page_obj": page,
            "ranked": [
                (offset + i + 1, a, permissions.can_rate(request.user, a.centre))
                for i, a in enumerate(page.object_list)
            ],
            "not_started": centres.exclude(pk__in=[a.centre_id for a in assessments]).count(),
        },
    )
