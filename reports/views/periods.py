"""Periods: list, open, the completeness board, reminders, bulk approval and the live roll-up."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from units.forms import apply_errors
from units.models import UnitKind, today
from units.selectors import units_editable_by
from units.text import as_id, ids_from

from .. import services
from ..access import get_period_for_user
from ..forms import REPORTING_KINDS, PeriodForm
from ..formspec import load_form_spec
from ..models import ReportForm, Submission
from ..permissions import (
    can_manage_period,
    can_open_periods,
    can_review_unit,
    review_refusal,
    submission_preparers,
)
from ..selectors import (
    PERIOD_LIST_STATES,
    board,
    commune_in_period,
    communes_for_filter,
    deadline_label,
    forms_visible_to,
    period_cells,
    period_submissions,
    rollup_drilldown,
    rollup_filter_labels,
    rollup_table,
    selected_submissions,
)
from ..selectors import (
    period_list as select_periods,
)
from .common import paginate, require_office, require_period_opener
from .export_links import rollup_export_links

STATES = {
    "missing": _("Chưa nộp"),
    "overdue": _("Quá hạn, chưa nộp"),
    "returned": _("Bị trả lại"),
    "submitted": _("Đã nộp"),
    "waiting": _("Chờ duyệt"),
    "on_time": _("Nộp đúng hạn"),
    "late": _("Nộp muộn"),
}


def period_list(request):
    """The periods; ?state=overdue|returned|waiting (the office home's counters) keeps only those
    holding such reports, each with how many and a link to them on the period's units page."""
    require_office(request.user)
    state = request.GET.get("state", "")
    state = state if state in PERIOD_LIST_STATES else ""
    page = paginate(request, select_periods(request.user, state=state))
    return render(
        request,
        "reports/period_list.html",
        {
            "page_obj": page,
            "periods": page.object_list,
            "can_open": can_open_periods(request.user),
            "state": state,
            "state_label": PERIOD_LIST_STATES[state][1] if state else "",
            "units_state": PERIOD_LIST_STATES[state][0] if state else "",
            "list_states": [(key, label) for key, (_units, label) in PERIOD_LIST_STATES.items()],
        },
    )


def period_create(request):
    require_period_opener(request.user)
    # Dissolved or merged units (valid_to in the past) are neither owners nor expected units of a new period.
    editable = units_editable_by(request.user).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today()))
    owners = editable.filter(kind__in=[UnitKind.OFFICE, UnitKind.COMMUNE]).order_by("path")
    forms_qs = forms_visible_to(request.user).filter(status=ReportForm.Status.PUBLISHED).order_by("code", "-version")
    units = editable.exclude(kind__in=[UnitKind.OFFICE, UnitKind.HAMLET]).select_related("parent").order_by("path")
    initial = {}
    if as_id(request.GET.get("form")):
        initial["form"] = request.GET["form"]
    form = PeriodForm(request.POST or None, forms_qs=forms_qs, owners=owners, units=units, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            period = services.period_open(
                actor=request.user,
                form=data["form"],
                owner=data["owner"],
                label=data["label"],
                start_date=data["start_date"],
                end_date=data["end_date"],
                open_date=data["open_date"],
                due_date=data["due_date"],
                lock_date=data["lock_date"],
                kinds=data["kinds"],
                school_levels=data["school_levels"],
                units=list(data["units"]),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("Đã mở kỳ báo cáo; %(n)s đơn vị phải nộp.") % {"n": period.submissions.count()},
            )
            return redirect("reports:period_detail", period.pk)
    return render(request, "reports/period_create.html", {"form": form})


def _period_for_office(request, pk, *, write=False):
    # Periods are visible to office roles only (periods_visible_to), so anyone else gets 404.
    return get_period_for_user(request.user, pk, write=write)


def _commune_filter(request, period):
    value = request.GET.get("commune", "")
    commune_id = as_id(value)
    if commune_id is None:
        return None
    commune = commune_in_period(period, commune_id)
    if commune is None:
        raise Http404
    return commune


def _kind_filter(request) -> str:
    kind = request.GET.get("kind", "")
    return kind if kind in UnitKind.values else ""


def period_detail(request, pk):
    """The completeness board."""
    period = _period_for_office(request, pk)
    summary = board(period)
    return render(
        request,
        "reports/period_detail.html",
        {
            "period": period,
            "board": summary,
            "states": STATES,
            "can_manage": can_manage_period(request.user, period),
            "can_review": can_review_unit(request.user, period.owner),
        },
    )


def period_units(request, pk):
    """The units of a period by state (missing, late...), with reminders and bulk approval."""
    period = _period_for_office(request, pk)
    state = request.GET.get("state", "")
    if state and state not in STATES:
        state = ""
    commune = _commune_filter(request, period)
    kind = _kind_filter(request)
    subs = period_submissions(period, commune=commune, kind=kind, state=state)
    page = paginate(request, subs, per_page=50)
    rows = [(s, *deadline_label(s)) for s in page.object_list]
    can_review = can_review_unit(request.user, period.owner)
    waiting = [s for s, *_rest in rows if s.status == Submission.Status.SUBMITTED] if can_review else []
    preparers = submission_preparers(waiting)
    for s in waiting:
        # Separation of duties: the row says this officer leaves it to another (bulk approval skips it).
        s.review_refusal = review_refusal(request.user, s, preparers=preparers[s.pk])
    return render(
        request,
        "reports/period_units.html",
        {
            "period": period,
            "page_obj": page,
            "rows": rows,
            "state": state,
            "state_label": STATES.get(state, _("Tất cả đơn vị")),
            "states": STATES,
            "commune": commune,
            "kind": kind,
            "communes": communes_for_filter(period),
            "kinds": REPORTING_KINDS,
            "can_manage": can_manage_period(request.user, period),
            "can_review": can_review,
        },
    )


def _selected_submissions(request, period):
    ids = ids_from(request.POST.getlist("submission"))
    return selected_submissions(period, ids=ids, which=request.POST.get("all", ""))


def _back(request, period):
    target = request.POST.get("next", "")
    if target.startswith(reverse("reports:period_detail", args=[period.pk])):
        return redirect(target)
    return redirect("reports:period_detail", period.pk)


@require_POST
def period_remind(request, pk):
    period = _period_for_office(request, pk, write=True)
    try:
        reminded = services.period_remind(
            actor=request.user, period=period, submissions=_selected_submissions(request, period)
        )
    except ValidationError as exc:
        messages.warning(request, " ".join(exc.messages))
    else:
        _say_whom_reminded(request, reminded)
    return _back(request, period)


def _names(items, *, people: bool = False, shown: int = 10) -> str:
    names = [getattr(item, "full_name", item) for item in items]
    more = len(names) - shown
    if more <= 0:
        return ", ".join(names)
    rest = _("và %(n)s người khác") if people else _("và %(n)s đơn vị khác")
    return ", ".join(names[:shown]) + " " + rest % {"n": more}


def _say_whom_reminded(request, reminded) -> None:
    """Whom "Nhắc nộp" reached, and which units nobody could be told about, by name."""
    if reminded.people:
        messages.success(
            request,
            _("Đã gửi nhắc nhở tới %(n)s người ở %(u)s đơn vị (trong cổng; %(e)s người qua thư điện tử): %(names)s.")
            % {
                "n": reminded.people,
                "u": len(reminded.reached),
                "e": reminded.emails,
                "names": _names(reminded.names, people=True),
            },
        )
    if reminded.unreachable:
        messages.warning(
            request,
            _(
                "Không nhắc được %(n)s đơn vị vì chưa có ai có tài khoản đang hoạt động để nhận: %(units)s. "
                "Hãy thêm người dùng cho các đơn vị này hoặc liên hệ trực tiếp."
            )
            % {"n": len(reminded.unreachable), "units": _names(reminded.unreachable)},
        )
    if reminded.portal_only:
        messages.info(
            request,
            _("%(n)s đơn vị chỉ nhận được nhắc trong cổng vì không ai có địa chỉ thư điện tử: %(units)s.")
            % {"n": len(reminded.portal_only), "units": _names(reminded.portal_only)},
        )


@require_POST
def period_bulk_approve(request, pk):
    period = _period_for_office(request, pk)
    if not can_review_unit(request.user, period.owner):
        raise PermissionDenied
    chosen = _selected_submissions(request, period)
    # The service leaves out the reports this officer may not review (separation of duties); say which.
    waiting = [s for s in chosen if s.status == Submission.Status.SUBMITTED]
    preparers = submission_preparers(waiting)
    refused = [s for s in waiting if review_refusal(request.user, s, preparers=preparers[s.pk])]
    count = services.submission_bulk_approve(actor=request.user, submissions=chosen)
    if count:
        messages.success(request, _("Đã duyệt %(n)s báo cáo.") % {"n": count})
    elif not refused:
        messages.warning(request, _("Không có báo cáo nào đang chờ duyệt trong số đã chọn."))
    if refused:
        names = ", ".join(sorted(s.unit.full_name for s in refused)[:5]) + ("…" if len(refused) > 5 else "")
        messages.warning(
            request,
            _(
                "%(n)s báo cáo chưa được duyệt (%(units)s) vì bạn đã nộp, đã nhập số liệu hoặc đang giữ vai trò "
                "ở đơn vị đó: việc duyệt phải do một cán bộ khác thực hiện."
            )
            % {"n": len(refused), "units": names},
        )
    return _back(request, period)


def _rollup_filters(request, period) -> dict:
    return {
        "commune": _commune_filter(request, period),
        "kind": _kind_filter(request),
        "approved_only": request.GET.get("scope") == "approved",
    }


def rollup_context(request, period):
    filters = _rollup_filters(request, period)
    spec = load_form_spec(period.form)
    query = request.GET.urlencode()

    def link_for(cell):
        url = reverse("reports:rollup_cell", args=[period.pk, cell.pk])
        return f"{url}?{query}" if query else url

    table, count = rollup_table(period, spec=spec, link_for=link_for, **filters)
    return {
        "period": period,
        "table": table,
        "count": count,
        "filters": filters,
        "communes": communes_for_filter(period),
        "kinds": REPORTING_KINDS,
    }


def rollup(request, pk):
    period = _period_for_office(request, pk)
    context = rollup_context(request, period)
    context["export_links"] = rollup_export_links(request, period)
    return render(request, "reports/rollup.html", context)


def rollup_cell(request, pk, cell_pk):
    """Drill-down: the units behind one office figure."""
    period = _period_for_office(request, pk)
    cell = get_object_or_404(period_cells(period), pk=cell_pk)
    filters = _rollup_filters(request, period)
    page = paginate(request, rollup_drilldown(period, cell, **filters), per_page=50)
    return render(
        request,
        "reports/rollup_cell.html",
        {
            "period": period,
            "cell": cell,
            "page_obj": page,
            "subs": page.object_list,
            "filters": filters,
            "filter_labels": rollup_filter_labels(**filters),
        },
    )
