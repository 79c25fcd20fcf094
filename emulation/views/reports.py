"""A unit's side: registering, preparing and sending its report (texts, self-scores, evidence);
the office's scoring of one registration; a unit's history of awards."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from units.forms import apply_errors

from .. import access, permissions, selectors, services
from ..forms import EvidenceForm, RegisterForm, ReportForm, ScoreForm
from ..models import RegStatus, Stage
from .common import PAGE_SIZE, file_response, form_page


def register(request, pk):
    movement = access.get_movement_for_user(request.user, pk)
    taken = set(movement.registrations.values_list("unit_id", flat=True))
    units = [u for u in permissions.registering_units(request.user, movement) if u.pk not in taken]
    if not units:
        raise PermissionDenied
    form = RegisterForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.register(actor=request.user, movement=movement, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã đăng ký thi đua; hãy ghi báo cáo theo từng tiêu chí."))
            return redirect("emulation:registration", registration.pk)
    return form_page(
        request,
        form,
        title=_("Đăng ký thi đua: %(m)s") % {"m": movement.title},
        back=reverse("emulation:movement", args=[movement.pk]),
    )


def _entries(registration):
    return {e.criterion_id: e for e in registration.entries.all()}


def registration(request, pk):
    registration = access.get_registration_for_user(request.user, pk)
    movement = registration.movement
    entries = _entries(registration)
    evidence = list(selectors.evidence_of(registration))
    criteria = list(movement.criteria.all())
    rows = [(c, entries.get(c.pk), [e for e in evidence if e.criterion_id == c.pk]) for c in criteria]
    can_prepare = permissions.can_prepare(request.user, registration.unit)
    open_report = registration.status == RegStatus.REGISTERED and movement.stage in (
        Stage.LAUNCHED,
        Stage.REGISTRATION,
        Stage.REPORTING,
    )
    scores = [e.score for e in entries.values() if e.score is not None]
    self_scores = [e.self_score for e in entries.values() if e.self_score is not None]
    return render(
        request,
        "emulation/registration.html",
        {
            "registration": registration,
            "movement": movement,
            "rows": rows,
            "total": sum(scores) if scores else None,
            "self_total": sum(self_scores) if self_scores else None,
            "max_total": sum((c.max_points for c in criteria), 0),
            "can_prepare": can_prepare and open_report,
            "can_submit": permissions.can_register(request.user, registration.unit) and open_report,
            "can_score": permissions.can_manage(request.user, movement.office)
            and movement.stage == Stage.SCORING
            and registration.status != RegStatus.REGISTERED,
        },
    )


def report(request, pk):
    registration = access.get_registration_for_user(request.user, pk, prepare=True)
    criteria = registration.movement.criteria.all()
    form = ReportForm(request.POST or None, criteria=criteria, entries=_entries(registration))
    if request.method == "POST" and form.is_valid():
        try:
            services.report_save(actor=request.user, registration=registration, rows=form.service_rows())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã lưu báo cáo; thêm minh chứng rồi gửi phòng khi đã đủ."))
            return redirect("emulation:registration", registration.pk)
    return render(request, "emulation/report.html", {"registration": registration, "form": form})


@require_POST
def report_submit(request, pk):
    registration = access.get_registration_for_user(request.user, pk, head=True)
    try:
        services.report_submit(actor=request.user, registration=registration)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã gửi báo cáo thi đua cho phòng."))
    return redirect("emulation:registration", registration.pk)


def evidence_add(request, pk):
    registration = access.get_registration_for_user(request.user, pk, prepare=True)
    form = EvidenceForm(request.POST or None, request.FILES or None, movement=registration.movement)
    if request.method == "POST" and form.is_valid():
        try:
            services.evidence_add(
                actor=request.user,
                registration=registration,
                criterion=form.cleaned_data["criterion"],
                uploaded=form.cleaned_data["file"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã thêm minh chứng."))
            return redirect("emulation:registration", registration.pk)
    return form_page(
        request,
        form,
        title=_("Thêm minh chứng"),
        back=reverse("emulation:registration", args=[registration.pk]),
        multipart=True,
    )


def evidence(request, pk):
    item = access.get_evidence_for_user(request.user, pk)
    return file_response(item.file, item.original_name, item.content_type)


def evidence_thumbnail(request, pk):
    item = access.get_evidence_for_user(request.user, pk)
    if not item.thumbnail:
        raise Http404
    return file_response(item.thumbnail, f"anh-nho-{item.pk}.jpg", "image/jpeg")


@require_POST
def evidence_delete(request, pk):
    item = access.get_evidence_for_user(request.user, pk, prepare=True)
    try:
        services.evidence_delete(actor=request.user, evidence=item)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã xóa minh chứng."))
    return redirect("emulation:registration", item.registration_id)


def score(request, pk):
    registration = access.get_registration_for_user(request.user, pk, score=True)
    criteria = registration.movement.criteria.all()
    form = ScoreForm(
        request.POST or None,
        criteria=criteria,
        entries=_entries(registration),
        initial={"note": registration.office_note},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.score_save(
                actor=request.user, registration=registration, scores=form.scores(), note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã chấm điểm %(u)s.") % {"u": registration.unit.name})
            return redirect("emulation:movement", registration.movement_id)
    return render(request, "emulation/score.html", {"registration": registration, "form": form})


def unit(request, pk):
    """A unit's history of awards (collective and its people's), all years."""
    unit = access.get_unit_for_user(request.user, pk)
    page = Paginator(selectors.awards_of_unit(unit), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "emulation/unit.html", {"unit": unit, "page_obj": page, "awards": page.object_list})
