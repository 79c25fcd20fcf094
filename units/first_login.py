"""A one-time password opens one page: an account made by setup_office (or any bulk onboarding) has
`User.must_change_password` set, and until its owner picks their own password every other page,
form post, htmx request or download answers with a redirect to the password change page. Changing
it (units.views.setup.PasswordChangeView) clears the flag.

It sits right after the two-factor middleware (settings/base.py MIDDLEWARE).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from . import audit
from .models import User

OPEN_URL_NAMES = ("password_change", "password_change_done", "logout", "login")


def must_change(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "must_change_password", False))


@transaction.atomic
def password_changed(*, user: User) -> None:
    """The owner chose their own password: the one-time password is gone."""
    if User.objects.filter(pk=user.pk, must_change_password=True).update(must_change_password=False):
        user.must_change_password = False
        audit.record(actor=user, action="person.first_password", obj=user)


class PasswordChangeRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if must_change(request.user) and not self._is_open(request.path_info):
            url = reverse("password_change")
            if getattr(request, "htmx", False):
                return HttpResponseClientRedirect(url)
            messages.warning(request, _("Đây là lần đăng nhập đầu tiên: hãy đổi mật khẩu một lần trước khi tiếp tục."))
            return HttpResponseRedirect(url)
        return self.get_response(request)

    @staticmethod
    def _is_open(path: str) -> bool:
        if path.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return True
        return any(path == reverse(name) for name in OPEN_URL_NAMES)
