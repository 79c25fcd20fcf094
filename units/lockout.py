"""What a user sees when django-axes has locked their username for this address (issue 8).

The login page itself, with one Vietnamese sentence in place of the usual error, so the person
knows to wait or call the office instead of trying again (each try would keep the lock).
And the address a lockout counts (`client_ip`): the real client's, also behind a reverse proxy.
"""

import functools
import ipaddress

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


# --- the address a lockout counts -------------------------------------------------------------------


@functools.lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _address(text: str | None) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address((text or "").strip())
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """AXES_CLIENT_IP_CALLABLE: the address a login attempt is counted against.

    The socket's peer (REMOTE_ADDR), unless that peer is one of settings.TRUSTED_PROXIES (addresses
    or networks of the reverse proxies in front of gunicorn). Only then is X-Forwarded-For read,
    from the right: each proxy appends the address it received the request from, so the right-most
    address that is not a trusted proxy is the client. Whatever lies left of it was written by the
    client and may be forged, so it is never used.
    """
    remote = request.META.get("REMOTE_ADDR")
    trusted = _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ()))
    peer = _address(remote)
    if not trusted or peer is None or not any(peer in network for network in trusted):
        return remote
    client = peer
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = _address(hop)
        if address is None:  # not an address (only a client could have written it): stop here
            break
        client = address
        if not any(address in network for network in trusted):
            break
    return str(client)
