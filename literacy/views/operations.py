"""Class operations (issue 19): the bulk term-results grid, attendance per session, dropouts and the
class closing report."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents import official_document_response
from documents.docx import docx_response, official_docx
from units.calendar import today
from units.forms import apply_errors
from units.selectors import can_manage_unit, is_office_user
from units.text import ids_from

from .. import access, class_ops, results_grid, selectors
from ..class_ops_forms import DropoutForm, SessionForm
from ..closing_report import closing_document
from .common import _page


def results_grid_view(request, pk):
    literacy_class = access.get_class_for_user(request.user, pk)
    editable = selectors.can_edit_class(request.user, literacy_class)
    enrolments = list(selectors.grid_enrolments_of(literacy_class))
    posted = errors = None
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        posted = {k: v for k, v in request.POST.items() if k.startswith("r-")}
        originals = {k[2:]: v for k, v in request.POST.items() if k.startswith("o-r-")}
        try:
            outcome = results_grid.save(
                actor=request.user,
                literacy_class=literacy_class,
                enrolments=enrolments,
                posted=posted,
                originals=originals,
            )
        except ValidationError as exc:
            errors = {k: " ".join(v) for k, v in exc.message_dict.items()}
            messages.error(
                request,
                _("Chưa lưu gì: %(n)d ô sai (tô đỏ). Sửa rồi lưu lại cả bảng.") % {"n": len(errors)},
            )
        else:
            messages.success(request, _("Đã lưu bảng kết quả: %(n)d ô thay đổi.") % {"n": outcome["changed"]})
            for name, gaps in outcome["skipped"]:
                messages.warning(
                    request,
                    _("%(p)s: kỳ %(t)s còn trống trong khi kỳ sau đã có kết quả — có bỏ sót không?")
                    % {"p": name, "t": ", ".join(str(t) for t in gaps)},
                )
            return redirect("literacy:results_grid", pk=literacy_class.pk)
    rows = results_grid.build_rows(literacy_class, enrolments, posted=posted, errors=errors)
    return render(
        request,
        "literacy/results_grid.html",
        {"literacy_class": literacy_class, "rows": rows, "editable": editable, "errors": errors},
        status=400 if errors else 200,
    )


def attendance(request, pk):
    """Take (or correct) one session's attendance: one row per learner, a big present/absent toggle,
    saved in one POST; below, the class's sessions and each learner's attendance rate."""
    literacy_class = access.get_class_for_user(request.user, pk)
    editable = selectors.can_edit_class(request.user, literacy_class)
    if request.method == "POST" and not editable:
        raise PermissionDenied
    learners = list(class_ops.active_enrolments(literacy_class))
    form = SessionForm(request.POST or None, initial={"date": _date_from(request.GET.get("ngay"))})
    session = None
    if request.method == "GET" and form.initial.get("date"):
        session = literacy_class.sessions.filter(date=form.initial["date"]).first()
    if request.method == "POST" and form.is_valid():
        ids = set(ids_from(request.POST.getlist("present")))
        try:
            session = class_ops.attendance_save(
                actor=request.user,
                literacy_class=literacy_class,
                date=form.cleaned_data["date"],
                topic=form.cleaned_data["topic"],
                present_ids=ids,  # a learner of another class is refused by the service, nothing saved
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            n = sum(1 for e in learners if e.pk in ids)
            messages.success(
                request,
                _("Đã lưu điểm danh ngày %(d)s: %(n)d/%(t)d có mặt.")
                % {"d": f"{session.date:%d/%m/%Y}", "n": n, "t": len(learners)},
            )
            return redirect("literacy:attendance", pk=literacy_class.pk)
    marks = {m.enrolment_id: m.present for m in session.marks.all()} if session else {}
    posted = set(ids_from(request.POST.getlist("present"))) if request.method == "POST" else None
    rows = []
    for e in learners:
        present = (e.pk in posted) if posted is not None else marks.get(e.pk, True)
        rows.append({"enrolment": e, "present": present})
    rates = class_ops.learner_rates(literacy_class)
    everyone = list(selectors.grid_enrolments_of(literacy_class))
    return render(
        request,
        "literacy/attendance.html",
        {
            "literacy_class": literacy_class,
            "form": form,
            "rows": rows,
            "editable": editable,
            "session": session,
            "page_obj": _page(request, class_ops.sessions_of(literacy_class), size=20),
            "learner_rates": [(e, rates.get(e.pk)) for e in everyone],
            "class_rate": class_ops.class_rate(literacy_class),
        },
        status=400 if form.errors else 200,
    )


def _date_from(text):
    import datetime

    try:
        return datetime.date.fromisoformat(text or "")
    except ValueError:
        return today()


def dropout(request, pk):
    enrolment = access.get_enrolment_for_user(request.user, pk, write=True)
    literacy_class = enrolment.literacy_class
    if class_ops.dropout_of(enrolment) is not None:
        messages.info(request, _("Học viên này đã được ghi bỏ học."))
        return redirect("literacy:class_detail", pk=literacy_class.pk)
    form = DropoutForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            class_ops.dropout_record(actor=request.user, enrolment=enrolment, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã ghi %(p)s bỏ học.") % {"p": enrolment.person.full_name})
            return redirect("literacy:class_detail", pk=literacy_class.pk)
    return render(
        request,
        "literacy/dropout_form.html",
        {"form": form, "enrolment": enrolment, "literacy_class": literacy_class},
        status=400 if form.errors else 200,
    )


@require_POST
def dropout_reverse(request, pk):
    """Only the office reverses a dropout (the learner is back in the class)."""
    enrolment = access.get_enrolment_for_user(request.user, pk)
    if not (is_office_user(request.user) and can_manage_unit(request.user, enrolment.literacy_class.run_by)):
        raise PermissionDenied
    record = class_ops.dropout_of(enrolment)
    if record is None:
        messages.info(request, _("Học viên này không có ghi bỏ học."))
    else:
        class_ops.dropout_reverse(actor=request.user, dropout=record)
        messages.success(request, _("Đã hủy ghi bỏ học: %(p)s trở lại lớp.") % {"p": enrolment.person.full_name})
    return redirect("literacy:class_detail", pk=enrolment.literacy_class_id)


def closing_report(request, pk):
    """Báo cáo kết thúc lớp: preview, ?pdf=1, ?docx=1 — for whoever reads the class."""
    literacy_class = access.get_class_for_user(request.user, pk)
    doc = closing_document(literacy_class)
    name = _("Báo cáo kết thúc lớp %(c)s") % {"c": literacy_class.name[:80]}
    if request.GET.get("docx"):
        return docx_response(official_docx(doc), f"{name}.docx")
    return official_document_response(
        request,
        "documents/official.html",
        {"doc": doc},
        filename=f"{name}.pdf",
        back_url=reverse("literacy:class_detail", args=[literacy_class.pk]),
        docx_url="?docx=1",
    )
