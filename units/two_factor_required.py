"""TWO_FACTOR_REQUIRED_FOR_OFFICE=true: an office user without a confirmed device reaches only the
two-factor setup page until the device is confirmed.

The login sends such a user to the setup page (units/views/two_factor.py), but the session is
already logged in there, so this middleware closes every other door: any other page, form post,
htmx request or download answers with a redirect to the setup page (htmx: HX-Redirect, so the whole
page moves instead of a fragment being swapped for it). Still open: the setup page itself (which
also confirms the first code), logout, changing the password, and static files.

It sits after the authentication, message and htmx middleware (settings/base.py MIDDLEWARE).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from . import two_factor
from .models import OFFICE_ROLES
from .selectors import active_memberships

# URL names an office user without a device may still open.
OPEN_URL_NAMES = ("two_factor_setup", "logout", "password_change", "password_change_done", "login")


def is_office(user) -> bool:
    return user.is_superuser or any(m.role in OFFICE_ROLES for m in active_memberships(user))


def must_set_up(user) -> bool:
    """True while the office requires two-factor login and this user has no confirmed device."""
    return (
        settings.TWO_FACTOR_REQUIRED_FOR_OFFICE
        and getattr(user, "is_authenticated", False)
        and is_office(user)
        and two_factor.confirmed_device(user) is None
    )


def setup_notice() -> str:
    return _(
        "Phòng yêu cầu cán bộ bật xác thực hai bước. Vui lòng thiết lập trước khi tiếp tục; "
        "cho đến khi đó, các trang khác của cổng chưa mở được."
    )


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        required = settings.TWO_FACTOR_REQUIRED_FOR_OFFICE
        if required and not self._is_open(request.path_info) and must_set_up(request.user):
            return self._to_setup(request)
        return self.get_response(request)

    @staticmethod
    def _is_open(path: str) -> bool:
        static = "/" + settings.STATIC_URL.lstrip("/")
        if path.startswith(static):
            return True
        return any(path == reverse(name) for name in OPEN_URL_NAMES)

    @staticmethod
    def _to_setup(request) -> HttpResponse:
        """The setup page, which says why (units/views/two_factor.py setup); a page that was asked
        for with GET is remembered as `next`, to go on there once the device is confirmed."""
        url = reverse("two_factor_setup")
        if getattr(request, "htmx", False):
            return HttpResponseClientRedirect(url)
        here = request.get_full_path()
        if request.method == "GET" and url_has_allowed_host_and_scheme(here, {request.get_host()}):
            url = f"{url}?{urlencode({'next': here})}"
        return HttpResponseRedirect(url)
