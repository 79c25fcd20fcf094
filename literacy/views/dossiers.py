"""The literacy recognition dossier (issue 18): thin views over literacy/dossier.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents import official_document_response
from documents.docx import docx_response, official_docx
from units.calendar import today
from units.selectors import can_manage_unit, is_office_user

from .. import dossier as svc
from ..dossier_forms import CheckForm, DossierCreateForm, RecogniseForm, ReturnForm, SubmitForm
from .common import _page


def _list_context(request, form=None):
    items = svc.dossiers_visible_to(request.user).order_by("-year", "commune__path", "level")
    page = _page(request, items)
    if form is None:
        form = DossierCreateForm(user=request.user, initial={"year": today().year, "level": 1})
    return {
        "page_obj": page,
        "items": page.object_list,
        "form": form if form.fields["commune"].queryset.exists() else None,
    }


def dossier_list(request):
    if not is_office_user(request.user):
        raise PermissionDenied
    return render(request, "literacy/dossier_list.html", _list_context(request))


@require_POST
def dossier_create(request):
    form = DossierCreateForm(request.POST, user=request.user)
    if not form.fields["commune"].queryset.exists():
        raise PermissionDenied
    if form.is_valid():
        try:
            dossier = svc.dossier_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lập hồ sơ; xem lại tờ trình, báo cáo và danh sách rồi gửi phòng."))
            return redirect("literacy:dossier_detail", pk=dossier.pk)
    return render(request, "literacy/dossier_list.html", _list_context(request, form))


def _detail_context(request, dossier, **forms):
    commune_side = can_manage_unit(request.user, dossier.commune)
    office_side = can_manage_unit(request.user, dossier.office)
    S = svc.Status
    context = {
        "dossier": dossier,
        "now": svc.level_figures(dossier.commune, dossier.year, dossier.level),
        "rate_now": "",
        "checked_rate": svc.rate_text(dossier.checked_figures) if dossier.checked_figures else "",
        "documents": [(slug, svc.DOCUMENTS[slug][1]) for slug in svc.documents_ready(dossier)],
        "decider": svc.decider(dossier.office, dossier.decision_date or today()),
        "citation": "",
        "history": svc.history(dossier.commune),
        "committee": svc.steering_committee(dossier),
        "commune_side": commune_side,
    }
    context["citation"] = svc.authority_citation(context["decider"][2])
    if context["now"]:
        context["rate_now"] = svc.rate_text(context["now"])
    if commune_side and dossier.status in (S.DRAFT, S.RETURNED):
        context["submit_form"] = forms.get("submit_form") or SubmitForm(initial={"self_check": dossier.self_check})
    if office_side and dossier.status == S.SUBMITTED:
        context["return_form"] = forms.get("return_form") or ReturnForm()
        context["check_form"] = forms.get("check_form") or CheckForm(initial={"checked_on": today()})
    if office_side and dossier.status == S.CHECKED:
        context["recognise_form"] = forms.get("recognise_form") or RecogniseForm(initial={"date": today()})
    return context


def dossier_detail(request, pk):
    dossier = svc.get_dossier_for_user(request.user, pk)
    return render(request, "literacy/dossier_detail.html", _detail_context(request, dossier))


def _act(request, pk, form_class, name, action, done, *, side):
    dossier = svc.get_dossier_for_user(request.user, pk)
    if not can_manage_unit(request.user, dossier.office if side == "office" else dossier.commune):
        raise PermissionDenied
    form = form_class(request.POST)
    if form.is_valid():
        try:
            action(actor=request.user, dossier=dossier, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, done)
            return redirect("literacy:dossier_detail", pk=dossier.pk)
    dossier.refresh_from_db()
    return render(request, "literacy/dossier_detail.html", _detail_context(request, dossier, **{name: form}))


@require_POST
def dossier_submit(request, pk):
    return _act(
        request, pk, SubmitForm, "submit_form", svc.dossier_submit, _("Đã gửi hồ sơ lên phòng."), side="commune"
    )


@require_POST
def dossier_return(request, pk):
    return _act(
        request, pk, ReturnForm, "return_form", svc.dossier_return, _("Đã trả lại hồ sơ cho xã."), side="office"
    )


@require_POST
def dossier_check(request, pk):
    return _act(request, pk, CheckForm, "check_form", svc.dossier_check, _("Đã ghi biên bản kiểm tra."), side="office")


@require_POST
def dossier_recognise(request, pk):
    return _act(
        request,
        pk,
        RecogniseForm,
        "recognise_form",
        svc.dossier_recognise,
        _("Đã ghi quyết định công nhận."),
        side="office",
    )


def _doc(request, pk, slug):
    dossier = svc.get_dossier_for_user(request.user, pk)
    if slug not in svc.documents_ready(dossier):
        raise Http404
    build, code = svc.DOCUMENTS[slug]
    return dossier, build(dossier), f"{code} {dossier.commune.name} MĐ{dossier.level} {dossier.year}".replace("/", "-")


def dossier_document(request, pk, slug):
    dossier, doc, stem = _doc(request, pk, slug)
    return official_document_response(
        request,
        "documents/official.html",
        {"doc": doc},
        filename=f"{stem}.pdf",
        back_url=reverse("literacy:dossier_detail", args=[dossier.pk]),
        docx_url=reverse("literacy:dossier_docx", args=[dossier.pk, slug]),
    )


def dossier_docx(request, pk, slug):
    _dossier, doc, stem = _doc(request, pk, slug)
    return docx_response(official_docx(doc), f"{stem}.docx")
