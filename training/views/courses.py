"""Courses: the list of the year, planning one, its participants and their attendance."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents import official_document_response
from documents.docx import docx_response, official_docx
from units.calendar import school_years_around
from units.forms import apply_errors
from units.models import Unit, today
from units.selectors import is_office_user, units_visible_to

from .. import access, permissions, selectors, services
from ..documents import participants_document
from ..forms import AttendanceForm, CourseForm, ParticipantForm
from ..models import Status
from .common import PAGE_SIZE, form_page, school_year_label, year_of


def index(request):
    year = year_of(request)
    page = Paginator(selectors.course_list(request.user, year=year), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "training/index.html",
        {
            "year": year,
            "year_label": school_year_label(year),
            "years": school_years_around(year),
            "page_obj": page,
            "courses": page.object_list,
            "can_plan": bool(permissions.organiser_units(request.user)) or request.user.is_superuser,
            "is_office": is_office_user(request.user),
        },
    )


def _organisers(user):
    units = permissions.organiser_units(user)
    if not units and user.is_superuser:
        units = list(Unit.objects.filter(kind__in=permissions.ORGANISER_KINDS).order_by("path")[:200])
    return units


def course_add(request):
    organisers = _organisers(request.user)
    if not organisers:
        raise PermissionDenied
    form = CourseForm(request.POST or None, organisers=organisers, initial={"start_date": today(), "end_date": today()})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        organiser = data.pop("organiser")
        try:
            course = services.course_create(actor=request.user, organiser=organiser, **data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã lập kế hoạch lớp tập huấn; hãy thêm người dự."))
            return redirect("training:course", course.pk)
    return form_page(
        request,
        form,
        title=_("Lập kế hoạch lớp tập huấn"),
        help=_("Ghi lớp dự kiến tổ chức trong năm; khi lớp diễn ra, thêm người dự và ghi điểm danh, kết quả."),
        back=reverse("training:index"),
    )


def course(request, pk):
    course = access.get_course_for_user(request.user, pk)
    participants = selectors.participants_shown(request.user, course)
    page = Paginator(participants, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "training/course.html",
        {
            "course": course,
            "page_obj": page,
            "participants": page.object_list,
            "can_edit": permissions.can_organise(request.user, course.organiser),
            "can_document": units_visible_to(request.user).filter(pk=course.organiser_id).exists(),
            "started": course.start_date <= today(),
        },
    )


def course_edit(request, pk):
    course = access.get_course_for_user(request.user, pk, write=True)
    form = CourseForm(request.POST or None, instance=course)
    if request.method == "POST" and form.is_valid():
        try:
            services.course_update(actor=request.user, course=course, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã lưu lớp tập huấn."))
            return redirect("training:course", course.pk)
    return form_page(request, form, title=_("Sửa lớp tập huấn"), back=reverse("training:course", args=[course.pk]))


@require_POST
def course_delete(request, pk):
    course = access.get_course_for_user(request.user, pk, write=True)
    try:
        services.course_delete(actor=request.user, course=course)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("training:course", course.pk)
    messages.success(request, _("Đã xóa lớp tập huấn."))
    return redirect("training:index")


def participant_add(request, pk):
    course = access.get_course_for_user(request.user, pk, write=True)
    form = ParticipantForm(request.POST or None, course=course)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.participant_add(
                actor=request.user,
                course=course,
                user=data["user"],
                full_name=data["full_name"],
                unit=data["unit"],
                role=data["role"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã thêm người dự tập huấn."))
            if "again" in request.POST:
                return redirect("training:participant_add", course.pk)
            return redirect("training:course", course.pk)
    return form_page(
        request,
        form,
        title=_("Thêm người dự: %(t)s") % {"t": course.topic},
        back=reverse("training:course", args=[course.pk]),
        again=True,
    )


@require_POST
def participant_remove(request, pk):
    participant = access.get_participant_for_user(request.user, pk, write=True)
    services.participant_remove(actor=request.user, participant=participant)
    messages.success(request, _("Đã bỏ %(n)s khỏi danh sách lớp.") % {"n": participant.full_name})
    return redirect("training:course", participant.course_id)


def attendance(request, pk):
    course = access.get_course_for_user(request.user, pk, write=True)
    participants = course.participants.select_related("unit").order_by("full_name", "id")
    form = AttendanceForm(request.POST or None, participants=participants)
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_save(actor=request.user, course=course, rows=form.service_rows())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã ghi điểm danh và kết quả."))
            return redirect("training:course", course.pk)
    return render(
        request,
        "training/attendance.html",
        {"course": course, "form": form, "started": course.start_date <= today(), "Status": Status},
    )


def course_document(request, pk):
    """The course's result with its list of participants as the organiser's báo cáo: preview,
    ?pdf=1, ?docx=1. For whoever sees the organiser (a school sees only its own people's lines on
    the course page, never the organiser's whole list)."""
    course = access.get_course_for_user(request.user, pk)
    if not units_visible_to(request.user).filter(pk=course.organiser_id).exists():
        raise PermissionDenied
    doc = participants_document(course)
    name = _("Kết quả lớp tập huấn %(t)s") % {"t": course.topic[:80]}
    if request.GET.get("docx"):
        return docx_response(official_docx(doc), f"{name}.docx")
    return official_document_response(
        request,
        "documents/official.html",
        {"doc": doc},
        filename=f"{name}.pdf",
        back_url=reverse("training:course", args=[course.pk]),
        docx_url="?docx=1",
    )
