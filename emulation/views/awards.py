"""The office's award proposals (đề nghị khen thưởng) of a movement."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from units.forms import apply_errors

from .. import access, services
from ..forms import AwardProposalForm
from .common import form_page


def award_add(request, pk):
    movement = access.get_movement_for_user(request.user, pk, write=True)
    initial = {}
    if request.GET.get("don_vi", "").isdigit():
        initial["unit"] = int(request.GET["don_vi"])
    form = AwardProposalForm(request.POST or None, movement=movement, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.award_propose(actor=request.user, movement=movement, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã thêm vào danh sách đề nghị khen thưởng."))
            if "again" in request.POST:
                return redirect("emulation:award_add", movement.pk)
            return redirect(f"{reverse('emulation:movement', args=[movement.pk])}#khen-thuong")
    return form_page(
        request,
        form,
        title=_("Đề nghị khen thưởng: %(m)s") % {"m": movement.title},
        help=_("Khen tập thể: chọn đơn vị. Khen cá nhân: ghi họ tên, chức vụ và chọn đơn vị công tác của người đó."),
        back=reverse("emulation:movement", args=[movement.pk]),
        again=True,
    )


@require_POST
def award_remove(request, pk):
    award = access.get_award_for_user(request.user, pk)
    try:
        services.award_remove(actor=request.user, award=award)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã bỏ khỏi danh sách đề nghị khen thưởng."))
    return redirect(f"{reverse('emulation:movement', args=[award.movement_id])}#khen-thuong")
