"""Thin views over the steering committees: the list, a committee with its members and history,
recording the decision, adding, replacing and ending members, and the decision's file."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from units.forms import apply_errors
from units.models import today
from units.text import as_id

from . import access, permissions, selectors, services
from .forms import CommitteeForm, EndForm, MemberForm, ReplaceForm

PAGE_SIZE = 25


def index(request):
    page = Paginator(selectors.committee_list(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "committees/index.html",
        {
            "page_obj": page,
            "committees": page.object_list,
            "can_add": permissions.managed_communes(request.user).exists(),
        },
    )


def _form_page(request, form, **extra):
    return render(request, "committees/form.html", {"form": form, **extra})


def committee_add(request):
    communes = permissions.managed_communes(request.user)
    if not communes.exists():
        raise PermissionDenied
    initial = {}
    commune_id = as_id(request.GET.get("xa"))
    if commune_id and communes.filter(pk=commune_id).exists():
        initial["commune"] = commune_id
    form = CommitteeForm(request.POST or None, request.FILES or None, communes=communes, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        commune, kind, uploaded = data.pop("commune"), data.pop("kind"), data.pop("upload", None)
        try:
            committee = services.committee_create(
                actor=request.user, commune=commune, kind=kind, uploaded=uploaded, **data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã ghi quyết định thành lập; hãy thêm các thành viên của ban."))
            return redirect("committees:committee", committee.pk)
    return _form_page(
        request,
        form,
        title=_("Ghi quyết định thành lập ban chỉ đạo"),
        help=_("Mỗi xã có một Ban chỉ đạo PCGD-XMC và một Ban chỉ đạo xây dựng xã hội học tập."),
        back=reverse("committees:index"),
        multipart=True,
    )


def committee(request, pk):
    committee = access.get_committee_for_user(request.user, pk)
    serving, others = selectors.members_of(committee)
    return render(
        request,
        "committees/committee.html",
        {
            "committee": committee,
            "serving": serving,
            "others": others,
            "today": today(),
            "can_edit": permissions.can_manage(request.user, committee.commune),
        },
    )


def committee_edit(request, pk):
    committee = access.get_committee_for_user(request.user, pk, write=True)
    form = CommitteeForm(request.POST or None, request.FILES or None, instance=committee)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        uploaded = data.pop("upload", None)
        try:
            services.committee_update(actor=request.user, committee=committee, uploaded=uploaded, **data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã lưu quyết định thành lập ban."))
            return redirect("committees:committee", committee.pk)
    return _form_page(
        request,
        form,
        title=_("Sửa quyết định thành lập: %(c)s") % {"c": committee},
        back=reverse("committees:committee", args=[committee.pk]),
        multipart=True,
    )


def committee_file(request, pk):
    committee = access.get_committee_for_user(request.user, pk)
    if not committee.file:
        raise Http404(_("Chưa có bản quyết định."))
    try:
        with committee.file.open("rb") as handle:
            content = handle.read()
    except (FileNotFoundError, ValueError) as error:
        raise Http404(_("Tệp không còn trên máy chủ.")) from error
    response = HttpResponse(content, content_type=committee.content_type)
    response["Content-Disposition"] = content_disposition_header(False, committee.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def member_add(request, pk):
    committee = access.get_committee_for_user(request.user, pk, write=True)
    form = MemberForm(request.POST or None, initial={"from_date": committee.decision_date, "position": "member"})
    if request.method == "POST" and form.is_valid():
        try:
            services.member_add(actor=request.user, committee=committee, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã thêm %(n)s vào ban.") % {"n": form.cleaned_data["full_name"]})
            if "again" in request.POST:
                return redirect("committees:member_add", committee.pk)
            return redirect("committees:committee", committee.pk)
    return _form_page(
        request,
        form,
        title=_("Thêm thành viên: %(c)s") % {"c": committee},
        back=reverse("committees:committee", args=[committee.pk]),
        again=True,
    )


def member_replace(request, pk):
    member = access.get_member_for_user(request.user, pk, write=True)
    form = ReplaceForm(request.POST or None, initial={"on": today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.member_replace(actor=request.user, member=member, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Đã ghi %(new)s thay %(old)s từ ngày %(d)s.")
                % {
                    "new": form.cleaned_data["full_name"],
                    "old": member.full_name,
                    "d": form.cleaned_data["on"].strftime("%d/%m/%Y"),
                },
            )
            return redirect("committees:committee", member.committee_id)
    return _form_page(
        request,
        form,
        title=_("Thay %(n)s (%(p)s)") % {"n": member.full_name, "p": member.get_position_display()},
        help=_("Người cũ vẫn được giữ trong lịch sử của ban, kèm ngày thôi."),
        back=reverse("committees:committee", args=[member.committee_id]),
    )


def member_end(request, pk):
    member = access.get_member_for_user(request.user, pk, write=True)
    form = EndForm(request.POST or None, initial={"on": today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.member_end(actor=request.user, member=member, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã ghi %(n)s thôi tham gia ban.") % {"n": member.full_name})
            return redirect("committees:committee", member.committee_id)
    return _form_page(
        request,
        form,
        title=_("%(n)s thôi tham gia ban") % {"n": member.full_name},
        back=reverse("committees:committee", args=[member.committee_id]),
    )
