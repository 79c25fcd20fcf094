"""The token page (/api-truy-cap/): officers and leaders of a managing unit list their clients,
issue a token (shown once, on the answer to the POST, never stored in clear) and revoke one after a
confirmation page. Each write is audited by the services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from units.forms import apply_errors

from .. import services
from ..access import get_client_for_user, require_client_manager
from ..forms import ApiClientForm
from ..selectors import clients_visible_to, issuable_units


def client_list(request):
    require_client_manager(request.user)
    units = issuable_units(request.user)
    form = ApiClientForm(request.POST or None, units=units)
    issued = None
    if request.method == "POST" and form.is_valid():
        try:
            issued = services.api_client_create(
                actor=request.user, name=form.cleaned_data["name"], unit=form.cleaned_data["unit"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            form = ApiClientForm(units=units)
    page = Paginator(clients_visible_to(request.user), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "api/client_list.html",
        {"form": form, "page_obj": page, "clients": page.object_list, "issued": issued},
    )


def client_revoke(request, pk):
    client = get_client_for_user(request.user, pk)
    if request.method == "POST":
        try:
            services.api_client_revoke(actor=request.user, client=client)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("Đã thu hồi khóa của “%(name)s”; ứng dụng không đọc được số liệu nữa.") % {"name": client.name},
            )
        return redirect("api:clients")
    return render(request, "api/client_revoke.html", {"client": client})
