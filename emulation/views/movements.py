"""The office's movements: the year's list, launching and editing one, its criteria, moving it on,
the ranking, and the award decision (preview, PDF, Word, issue)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from units.calendar import school_years_around, today
from units.forms import apply_errors

from .. import access, permissions, selectors, services
from ..forms import CriterionForm, DecisionForm, MovementForm
from ..models import Stage
from .common import PAGE_SIZE, form_page, office_of, school_year_label, year_of


def index(request):
    year = year_of(request)
    page = Paginator(selectors.movement_list(request.user, year=year), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "emulation/index.html",
        {
            "year": year,
            "year_label": school_year_label(year),
            "years": school_years_around(year),
            "page_obj": page,
            "movements": page.object_list,
            "can_launch": bool(permissions.managing_offices(request.user)) or request.user.is_superuser,
        },
    )


def movement_add(request):
    office = office_of(request.user)
    initial = {"start_date": today(), "school_year": year_of(request), "unit_kinds": ["school", "centre"]}
    form = MovementForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            movement = services.movement_launch(actor=request.user, office=office, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã phát động phong trào; hãy thêm các tiêu chí thi đua."))
            return redirect("emulation:movement", movement.pk)
    return form_page(
        request,
        form,
        title=_("Phát động phong trào thi đua"),
        help=_("Tên phong trào, năm học, ngày phát động, hạn báo cáo và loại đơn vị được đăng ký."),
        back=reverse("emulation:index"),
    )


def movement_edit(request, pk):
    movement = access.get_movement_for_user(request.user, pk, write=True)
    initial = {name: getattr(movement, name) for name in services.MOVEMENT_FIELDS}
    form = MovementForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.movement_update(actor=request.user, movement=movement, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã lưu phong trào."))
            return redirect("emulation:movement", movement.pk)
    return form_page(
        request, form, title=_("Sửa phong trào thi đua"), back=reverse("emulation:movement", args=[movement.pk])
    )


@require_POST
def movement_delete(request, pk):
    movement = access.get_movement_for_user(request.user, pk, write=True)
    try:
        services.movement_delete(actor=request.user, movement=movement)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("emulation:movement", movement.pk)
    messages.success(request, _("Đã xóa phong trào."))
    return redirect("emulation:index")


def movement(request, pk):
    movement = access.get_movement_for_user(request.user, pk)
    can_manage = permissions.can_manage(request.user, movement.office)
    registrations = list(selectors.registrations_shown(request.user, movement))
    mine = {r.unit_id for r in registrations}
    may_register = [u for u in permissions.registering_units(request.user, movement) if u.pk not in mine]
    awards = list(movement.awards.select_related("unit").order_by("recipient", "unit__name", "person_name", "id"))
    if not can_manage:
        awards = [a for a in awards if a.decision_id and a.unit_id in mine]
    return render(
        request,
        "emulation/movement.html",
        {
            "movement": movement,
            "criteria": list(movement.criteria.all()),
            "max_total": sum((c.max_points for c in movement.criteria.all()), 0),
            "registrations": registrations,
            "awards": awards,
            "decision": getattr(movement, "decision", None),
            "can_manage": can_manage,
            "can_register": bool(may_register) and movement.stage in (Stage.LAUNCHED, Stage.REGISTRATION),
            "stages": Stage.choices,
            "stage_index": [s for s, _l in Stage.choices].index(movement.stage),
            "next_label": Stage(movement.next_stage).label if movement.next_stage else "",
        },
    )


def criterion_add(request, pk):
    movement = access.get_movement_for_user(request.user, pk, write=True)
    form = CriterionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.criterion_add(actor=request.user, movement=movement, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã thêm tiêu chí."))
            if "again" in request.POST:
                return redirect("emulation:criterion_add", movement.pk)
            return redirect("emulation:movement", movement.pk)
    return form_page(
        request,
        form,
        title=_("Thêm tiêu chí: %(m)s") % {"m": movement.title},
        back=reverse("emulation:movement", args=[movement.pk]),
        again=True,
    )


@require_POST
def criterion_delete(request, pk):
    criterion = access.get_criterion_for_user(request.user, pk)
    try:
        services.criterion_delete(actor=request.user, criterion=criterion)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã xóa tiêu chí."))
    return redirect("emulation:movement", criterion.movement_id)


@require_POST
def advance(request, pk):
    movement = access.get_movement_for_user(request.user, pk, write=True)
    try:
        services.movement_advance(actor=request.user, movement=movement)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Phong trào đã chuyển sang bước “%(s)s”.") % {"s": movement.get_stage_display()})
    return redirect("emulation:movement", movement.pk)


def ranking(request, pk):
    movement = access.get_movement_for_user(request.user, pk)
    if not permissions.sees_office(request.user, movement.office):
        raise PermissionDenied
    rows = selectors.ranking(movement)
    awarded = dict(
        movement.awards.filter(recipient="collective").values_list("unit_id").annotate(n=Count("id")).order_by()
    )
    return render(
        request,
        "emulation/ranking.html",
        {
            "movement": movement,
            "rows": rows,
            "awarded": awarded,
            "can_manage": permissions.can_manage(request.user, movement.office),
            "max_total": sum((c.max_points for c in movement.criteria.all()), 0),
        },
    )


def decision(request, pk):
    """The award decision: preview, ?pdf=1, ?docx=1. A draft (DỰ THẢO) for the office until issued;
    once issued, every unit that sees the movement reads it."""
    from documents import official_document_response
    from documents.docx import docx_response, official_docx

    from ..document import decision_document

    movement = access.get_movement_for_user(request.user, pk)
    if getattr(movement, "decision", None) is None and not permissions.can_manage(request.user, movement.office):
        raise PermissionDenied
    doc = decision_document(movement)
    name = _("Quyết định khen thưởng %(t)s") % {"t": movement.title[:60]}
    if request.GET.get("docx"):
        return docx_response(official_docx(doc), f"{name}.docx")
    return official_document_response(
        request,
        "documents/official.html",
        {"doc": doc},
        filename=f"{name}.pdf",
        back_url=reverse("emulation:movement", args=[movement.pk]),
        docx_url="?docx=1",
    )


def decision_issue(request, pk):
    movement = access.get_movement_for_user(request.user, pk, write=True)
    form = DecisionForm(request.POST or None, initial={"signed_on": today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_issue(actor=request.user, movement=movement, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("Đã ban hành quyết định khen thưởng; các đơn vị thấy khen thưởng trên trang của mình.")
            )
            return redirect("emulation:movement", movement.pk)
    return form_page(
        request,
        form,
        title=_("Ban hành quyết định khen thưởng"),
        help=_(
            "Mọi tập thể, cá nhân đang được đề nghị sẽ vào danh sách kèm theo quyết định. "
            "Sau khi ban hành, phong trào kết thúc và không sửa được nữa."
        ),
        back=reverse("emulation:movement", args=[movement.pk]),
        confirm=_("Ban hành quyết định khen thưởng? Sau khi ban hành không sửa được nữa."),
    )
