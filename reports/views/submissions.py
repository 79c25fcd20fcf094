"""The unit's side (inbox, entry grid, submit) and the office's review of one submission."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from units.duties import heads_unit
from units.forms import apply_errors
from units.selectors import is_office_user

from .. import services
from ..access import get_notification_for_user, get_submission_for_user
from ..forms import ReasonForm, ReturnForm
from ..formspec import load_form_spec
from ..models import CellType
from ..permissions import can_fill, can_open_periods, can_review, fill_unit_ids, review_refusal, submit_refusal
from ..selectors import (
    deadline_label,
    notifications_of,
    period_list,
    submission_events,
    submission_history,
    submission_table,
    unread_notifications,
)
from ..selectors import (
    inbox as select_inbox,
)
from .common import label_events, paginate
from .export_links import submission_export_links


def index(request):
    """Reports home: the inbox for people of a reporting unit, the periods for the office."""
    context = {"is_office": is_office_user(request.user), "has_inbox": bool(fill_unit_ids(request.user))}
    if context["has_inbox"]:
        context["inbox"] = [(s, *deadline_label(s)) for s in select_inbox(request.user)[:10]]
    if context["is_office"]:
        context["periods"] = list(period_list(request.user)[:8])
        context["can_open"] = can_open_periods(request.user)
    context["unread"] = unread_notifications(request.user).count()
    return render(request, "reports/index.html", context)


def inbox(request):
    page = paginate(request, select_inbox(request.user))
    rows = [(s, *deadline_label(s)) for s in page.object_list]
    return render(request, "reports/inbox.html", {"page_obj": page, "rows": rows})


def _cell_place(spec, key: str) -> str:
    cell = spec.cells.get(key)
    return f"{cell.row.label} — {cell.column.label}" if cell else ""


def _grid_context(
    request, submission, *, spec=None, overrides=None, problems=None, conflict=False, comment=None, stale_warning=None
):
    spec = spec or load_form_spec(submission.period.form)
    # Each pre-filled cell against its provider now (one call per provider, whatever the data size).
    figures = services.provider_figures(submission, spec)
    table = submission_table(submission, spec=spec, overrides=overrides, figures=figures)
    editable = can_fill(request.user, submission) and not submission.is_locked
    formulas = {key: f.to_js() for key, f in spec.formulas.items()}
    history = paginate(request, submission_history(submission), per_page=20, param="history")
    label, tone = deadline_label(submission)
    reviewer = can_review(request.user, submission)
    errors = problems.errors if problems else {}
    warnings = problems.warnings if problems else {}
    for row in table.rows:
        for cell in row.cells:
            cell.error = errors.get(cell.key, "")
            cell.warning = warnings.get(cell.key, "")
            cell.unsaved = conflict and cell.key in (overrides or {})
    return {
        "submission": submission,
        "period": submission.period,
        "table": table,
        "editable": editable,
        # Staff prepare, the head sends (units.duties): staff see "Lưu" and who sends instead.
        "submit_refusal": submit_refusal(request.user, submission) if editable else None,
        "can_delegate": editable and heads_unit(request.user, submission.unit),
        "can_review": reviewer,
        # Separation of duties: an office reviewer who submitted this report, typed its values or
        # holds a role on the unit sees why instead of the review buttons (the services refuse too).
        "review_refusal": (
            review_refusal(request.user, submission, action=_("duyệt, trả lại hay mở khóa"))
            if reviewer and submission.is_locked
            else None
        ),
        "formulas_json": {"order": spec.order, "formulas": formulas},
        "problems": problems,
        # Where each warning is, as the form prints it (row — column), never its code "[R07.TS]".
        "warning_list": [(_cell_place(spec, key), message) for key, message in warnings.items()],
        "conflict": conflict,
        "comment": submission.comment if comment is None else comment,
        "history": history,
        "events": label_events(submission_events(submission)[:20]),
        "deadline": label,
        "deadline_tone": tone,
        "reason_form": ReasonForm(),
        "types": CellType,
        "yes_no": ["Có", "Không"],
        "export_links": submission_export_links(submission),
        "has_providers": any(c.provider for c in spec.cells.values()),
        "stale": [f for f in figures.values() if f.stale],
        "stale_warning": stale_warning,
    }


def submission_detail(request, pk):
    """GET: the form as on paper with its values and history. POST: save a draft or submit."""
    if request.method != "POST":
        submission = get_submission_for_user(request.user, pk)
        return render(request, "reports/submission.html", _grid_context(request, submission))
    submission = get_submission_for_user(request.user, pk, write=True)
    if request.POST.get("action") in ("submit", "submit_confirmed") and (
        refusal := submit_refusal(request.user, submission)
    ):
        raise PermissionDenied(refusal)  # refused before anything is saved
    raw = {key[2:]: value for key, value in request.POST.items() if key.startswith("v:")}
    comment = request.POST.get("comment", "")
    try:
        expected = int(request.POST.get("version", ""))
    except ValueError:
        expected = -1
    saved = False
    try:
        submission = services.submission_save(
            actor=request.user, submission=submission, raw_values=raw, expected_version=expected, comment=comment
        )
        saved = True
        action = request.POST.get("action")
        if action in ("submit", "submit_confirmed"):
            # "submit_confirmed": the person saw the list of pre-filled cells whose source changed.
            submission = services.submission_submit(
                actor=request.user,
                submission=submission,
                expected_version=submission.version,
                stale_confirmed=action == "submit_confirmed",
            )
            messages.success(request, _("Đã nộp báo cáo. Phòng GD&ĐT sẽ xem và duyệt."))
        else:
            messages.success(request, _("Đã lưu bản nháp."))
    except services.VersionConflict as exc:
        submission.refresh_from_db()
        messages.error(request, exc.messages[0])
        context = _grid_context(request, submission, overrides=raw, conflict=True, comment=comment)
        return render(request, "reports/submission.html", context, status=409)
    except services.CellErrors as problems:
        submission.refresh_from_db()
        if not saved:
            messages.error(request, _("Có ô nhập chưa đúng; chưa lưu gì. Hãy sửa các ô tô đỏ."))
        else:
            messages.error(request, _("Số liệu đã được lưu nhưng chưa nộp được: hãy sửa các lỗi bên dưới."))
        context = _grid_context(
            request, submission, overrides=None if saved else raw, problems=problems, comment=comment
        )
        return render(request, "reports/submission.html", context, status=400)
    except services.StaleFigures as exc:
        submission.refresh_from_db()
        messages.warning(request, _("Số liệu đã được lưu nhưng chưa nộp: hãy xem các ô có số liệu mới bên dưới."))
        context = _grid_context(request, submission, comment=comment, stale_warning=exc.figures)
        return render(request, "reports/submission.html", context, status=400)
    except ValidationError as exc:
        submission.refresh_from_db()
        for message in exc.messages:
            messages.error(request, message)
        context = _grid_context(request, submission, overrides=raw, comment=comment)
        return render(request, "reports/submission.html", context, status=400)
    return redirect("reports:submission", submission.pk)


@require_POST
def submission_refresh(request, pk):
    """Take the portal's new figure for the pre-filled cells whose source changed: one cell ("key")
    or all of them ("Cập nhật tất cả"). Drafts only; values a person typed are kept."""
    submission = get_submission_for_user(request.user, pk, write=True)
    try:
        expected = int(request.POST.get("version", ""))
    except ValueError:
        expected = -1
    keys = request.POST.getlist("key") or None
    try:
        count = services.submission_take_provider_figures(
            actor=request.user, submission=submission, expected_version=expected, keys=keys
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if count:
            messages.success(request, _("Đã cập nhật %(n)s ô từ dữ liệu của cổng.") % {"n": count})
        else:
            messages.info(request, _("Không có số liệu mới từ dữ liệu của cổng."))
    return redirect("reports:submission", submission.pk)


@require_POST
def submission_approve(request, pk):
    submission = get_submission_for_user(request.user, pk, review=True)
    try:
        services.submission_approve(actor=request.user, submission=submission)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã duyệt báo cáo của %(u)s.") % {"u": submission.unit.full_name})
    return redirect("reports:submission", submission.pk)


def _reason_action(request, pk, *, action, template, success, verb, form_class=ReasonForm):
    submission = get_submission_for_user(request.user, pk, review=True)
    if refusal := review_refusal(request.user, submission, action=verb):
        # Not even the reason form: the page says why and someone else acts (the service refuses too).
        messages.error(request, refusal)
        return redirect("reports:submission", submission.pk)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            action(actor=request.user, submission=submission, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect("reports:submission", submission.pk)
    return render(request, template, {"form": form, "submission": submission}, status=400 if form.errors else 200)


def submission_return(request, pk):
    return _reason_action(
        request,
        pk,
        action=services.submission_return,
        template="reports/submission_return.html",
        success=_("Đã trả lại báo cáo; đơn vị nhận được thông báo kèm lý do và hạn nộp lại."),
        verb=_("trả lại"),
        form_class=ReturnForm,
    )


def submission_unlock(request, pk):
    return _reason_action(
        request,
        pk,
        action=services.submission_unlock,
        template="reports/submission_unlock.html",
        success=_("Đã mở khóa báo cáo; đơn vị có thể sửa và nộp lại."),
        verb=_("mở khóa"),
    )


def notifications(request):
    page = paginate(request, notifications_of(request.user))
    return render(request, "reports/notifications.html", {"page_obj": page, "items": page.object_list})


@require_POST
def notification_read(request, pk):
    notification = get_notification_for_user(request.user, pk)
    services.notification_read(user=request.user, notification=notification)
    if notification.link.startswith("/"):
        return redirect(notification.link)
    return redirect("reports:notifications")
