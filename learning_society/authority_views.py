"""The recognition authority page (Thẩm quyền công nhận, issue 15): who recognises each title and
level in an office's area, which body issues the decision and how it is signed."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from units.forms import apply_errors
from units.models import UnitKind
from units.selectors import units_visible_to
from units.text import as_id

from . import selectors, services
from .access import get_office_for_settings
from .authority import authorities_of
from .forms import RecognitionAuthorityForm
from .models import Title
from .permissions import can_configure

SETTINGS_KINDS = (UnitKind.OFFICE, UnitKind.COMMUNE)


def authority_settings(request, pk):
    """Thẩm quyền công nhận: who recognises each title and level in the office's area, and how the
    decision is issued and signed. Everyone who sees the office reads it; its officers change it."""
    office = get_object_or_404(units_visible_to(request.user).filter(kind__in=SETTINGS_KINDS), pk=pk)
    editable = can_configure(request.user, office)
    form = RecognitionAuthorityForm(request.POST or None) if editable else None
    if request.method == "POST":
        office = get_office_for_settings(request.user, office.pk)
        if "reset" in request.POST:
            title, level = request.POST.get("title", ""), as_id(request.POST.get("level")) or 0
            if title in Title.values and services.recognition_authority_reset(
                actor=request.user, office=office, title=title, level=level
            ):
                messages.success(request, _("Đã trả thẩm quyền “%(t)s” về mặc định.") % {"t": Title(title).label})
            return redirect("learning_society:authority", office.pk)
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                services.recognition_authority_save(actor=request.user, office=office, **data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Đã lưu thẩm quyền công nhận “%(t)s”.") % {"t": Title(data["title"]).label})
                return redirect("learning_society:authority", office.pk)
    return render(
        request,
        "learning_society/authority.html",
        {
            "office": office,
            "rows": authorities_of(office, selectors.current_year()),
            "form": form,
            "editable": editable,
        },
    )
