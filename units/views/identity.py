"""The unit's identity on paper (Nghị định 30/2020/NĐ-CP, Phụ lục I): what every official document
of the unit prints above and below its text. Officers who manage the unit set it."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ..access import get_unit_for_user
from ..identity import UnitIdentityForm, identity_save
from ..models import UnitIdentity


def identity_edit(request, pk):
    unit = get_unit_for_user(request.user, pk, write=True)
    instance = UnitIdentity.objects.filter(unit=unit).first()
    form = UnitIdentityForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        identity_save(actor=request.user, unit=unit, data=form.cleaned_data)
        messages.success(request, _("Đã lưu thể thức văn bản của %(unit)s.") % {"unit": unit.full_name})
        return redirect("units:detail", unit.pk)
    return render(
        request, "units/identity_form.html", {"unit": unit, "form": form, "has_identity": instance is not None}
    )
