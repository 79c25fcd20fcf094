"""What a user sees when django-axes has locked their username for this address (issue 8).

The login page itself, with one Vietnamese sentence in place of the usual error, so the person
knows to wait or call the office instead of trying again (each try would keep the lock).
"""

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.forms.utils import ErrorDict
from django.shortcuts import render
from django.utils.translation import gettext as _


def locked_out(request, credentials=None, *args, **kwargs):
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    form = AuthenticationForm(request, initial={"username": username[:150]})
    message = _(
        "Tài khoản này đã bị tạm khóa do nhập sai mật khẩu quá %(limit)s lần. "
        "Vui lòng thử lại sau %(minutes)s phút hoặc liên hệ chuyên viên của Phòng để được hỗ trợ."
    ) % {"limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    # An unbound form carrying only this message: the login template shows non-field errors.
    form._errors = ErrorDict({"__all__": form.error_class([message])})
    return render(
        request,
        "registration/login.html",
        {"form": form, "next": request.POST.get("next", "")},
        status=429,
    )
