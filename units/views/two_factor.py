"""Two-factor login pages (issue 8): the login that stops half-way for a code, the code page, setup
and turning it off. The rules live in units/two_factor.py; these views only move the user along.

After a correct password a user with a confirmed device is not logged in: the session keeps who is
waiting (id, backend, where to go next, when, how many wrong codes) for five minutes, and only a
right code calls auth.login. The password step is still django.contrib.auth's LoginView, so
django-axes keeps counting wrong passwords (AuthenticationForm authenticates with `request=`).
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from .. import two_factor
from ..forms import CodeForm, DisableForm
from ..two_factor_required import must_set_up, setup_notice

PENDING_KEY = "two_factor_pending"
PENDING_SECONDS = 5 * 60


def _safe_next(request, url: str) -> str:
    if url and url_has_allowed_host_and_scheme(url, {request.get_host()}, require_https=request.is_secure()):
        return url
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _code_error(result) -> str:
    if result.reason == "reused":
        return _("Mã này vừa được dùng. Vui lòng chờ ứng dụng hiện mã mới (khoảng 30 giây) rồi nhập lại.")
    if result.reason == "locked":
        minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
        return _(
            "Đã nhập sai mã quá nhiều lần. Xác thực hai bước của tài khoản này tạm khóa %(minutes)s phút; "
            "vui lòng thử lại sau hoặc liên hệ chuyên viên của Phòng."
        ) % {"minutes": minutes}
    return _("Mã xác thực không đúng hoặc đã hết hạn. Vui lòng nhập mã đang hiện trên ứng dụng xác thực.")


class LoginView(auth_views.LoginView):
    """The password step. A user with two-factor login goes on to the code page instead of in."""

    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        device = two_factor.confirmed_device(user)
        if device is None:
            response = super().form_valid(form)
            if must_set_up(user):
                # Logged in, but TwoFactorRequiredMiddleware opens nothing else until it is set up.
                query = urlencode({"next": self.get_success_url()})
                return redirect(f"{reverse('two_factor_setup')}?{query}")
            return response
        self.request.session.cycle_key()  # a new session id before anything about the login is kept
        self.request.session[PENDING_KEY] = {
            "user": user.pk,
            "backend": user.backend,
            "at": two_factor.now(),
            "next": self.get_success_url(),
            "failures": 0,
        }
        return redirect("two_factor_verify")


def _pending(request):
    """(user, data) of the login waiting for a code, or (None, reason) when there is none."""
    data = request.session.get(PENDING_KEY)
    if not data:
        return None, "missing"
    if two_factor.now() - data.get("at", 0) > PENDING_SECONDS:
        del request.session[PENDING_KEY]
        return None, "expired"
    user = get_user_model()._default_manager.filter(pk=data.get("user"), is_active=True).first()
    if user is None or data.get("backend") not in settings.AUTHENTICATION_BACKENDS:
        del request.session[PENDING_KEY]
        return None, "missing"
    return user, data


@login_not_required
@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "POST"])
def verify(request):
    """Mã xác thực: the second step of the login."""
    user, data = _pending(request)
    if user is None:
        if request.user.is_authenticated:
            return redirect(settings.LOGIN_REDIRECT_URL)
        if data == "expired":
            messages.warning(request, _("Đã quá 5 phút kể từ khi nhập mật khẩu. Vui lòng đăng nhập lại."))
        return redirect("login")
    device = two_factor.confirmed_device(user)
    if device is None:  # turned off meanwhile (by an administrator): the password was enough
        del request.session[PENDING_KEY]
        auth_login(request, user, backend=data["backend"])
        return redirect(_safe_next(request, data.get("next", "")))

    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        result = two_factor.check_code(device=device, code=form.cleaned_data["code"])
        if result.ok:
            next_url = _safe_next(request, data.get("next", ""))
            del request.session[PENDING_KEY]
            auth_login(request, user, backend=data["backend"])
            if result.recovery_code_used:
                messages.warning(
                    request,
                    _(
                        "Bạn đã đăng nhập bằng mã dự phòng; mã này không dùng lại được. Còn %(left)s mã dự phòng. "
                        "Nếu mất điện thoại, hãy tắt rồi thiết lập lại xác thực hai bước."
                    )
                    % {"left": result.recovery_codes_left},
                )
            return redirect(next_url)
        data["failures"] = data.get("failures", 0) + 1
        if data["failures"] >= two_factor.MAX_FAILURES_PER_LOGIN:
            del request.session[PENDING_KEY]
            two_factor.record_too_many_failures(user=user)
            messages.error(
                request,
                _("Đã nhập sai mã xác thực %(count)s lần. Vui lòng đăng nhập lại từ đầu.")
                % {"count": data["failures"]},
            )
            return redirect("login")
        request.session[PENDING_KEY] = data
        form.add_error("code", _code_error(result))
    return render(
        request,
        "registration/two_factor_verify.html",
        {"form": form, "pending_user": user, "tries_left": two_factor.MAX_FAILURES_PER_LOGIN - data.get("failures", 0)},
    )


@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "POST"])
def setup(request):
    """Xác thực hai bước: turn it on (QR code + a first code), or see that it is on."""
    user = request.user
    if not two_factor.may_use_two_factor(user):
        raise PermissionDenied
    next_url = request.POST.get("next") or request.GET.get("next", "")
    next_url = next_url if url_has_allowed_host_and_scheme(next_url, {request.get_host()}) else ""
    device = two_factor.confirmed_device(user)
    if device is not None:
        # On already: the status, and a new set of recovery codes for a current code.
        form = CodeForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            result, codes = two_factor.renew_recovery_codes(user=user, device=device, code=form.cleaned_data["code"])
            if result.ok:
                return render(
                    request,
                    "registration/two_factor_codes.html",
                    {"codes": codes, "renewed": True, "next_url": resolve_url(settings.LOGIN_REDIRECT_URL)},
                )
            form.add_error("code", _code_error(result))
        return render(
            request,
            "registration/two_factor_status.html",
            {
                "device": device,
                "form": form,
                "recovery_left": device.recovery_codes.filter(used_at__isnull=True).count(),
            },
        )
    device = two_factor.start_setup(user=user)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        result, codes = two_factor.confirm_setup(user=user, device=device, code=form.cleaned_data["code"])
        if result.ok:
            # Rendered, not redirected: the recovery codes exist in plain text only in this response.
            return render(
                request,
                "registration/two_factor_codes.html",
                {"codes": codes, "next_url": next_url or resolve_url(settings.LOGIN_REDIRECT_URL)},
            )
        form.add_error("code", _code_error(result))
    secret = two_factor.decrypt_secret(device.secret)
    if must_set_up(user):
        messages.warning(request, setup_notice())  # shown on this very page: why nothing else opens
    return render(
        request,
        "registration/two_factor_setup.html",
        {
            "form": form,
            "qr_data_uri": two_factor.qr_data_uri(device),
            "secret_groups": two_factor.group_secret(secret),
            "next_url": next_url,
        },
    )


@sensitive_post_parameters("password", "code")
@never_cache
@require_http_methods(["GET", "POST"])
def disable(request):
    """Tắt xác thực hai bước: the password and a current (or recovery) code, so a session left open
    on a shared computer is not enough to remove the second step."""
    user = request.user
    if not two_factor.may_use_two_factor(user):
        raise PermissionDenied
    device = two_factor.confirmed_device(user)
    if device is None:
        return render(request, "registration/two_factor_disable.html", {"device": None})
    form = DisableForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if not user.check_password(form.cleaned_data["password"]):
            form.add_error("password", _("Mật khẩu không đúng."))
        else:
            result = two_factor.check_code(device=device, code=form.cleaned_data["code"])
            if result.ok:
                two_factor.disable(user=user, device=device)
                messages.success(request, _("Đã tắt xác thực hai bước. Lần đăng nhập sau chỉ cần mật khẩu."))
                return redirect("home")
            form.add_error("code", _code_error(result))
    return render(request, "registration/two_factor_disable.html", {"device": device, "form": form})


__all__ = ["LoginView", "disable", "setup", "verify"]
