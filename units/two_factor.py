"""Optional two-factor login for office roles (issue 8): TOTP codes (RFC 6238) from any authenticator
app — Google Authenticator, Microsoft Authenticator, FreeOTP… — plus one-time recovery codes.

Everything runs offline: pyotp computes the codes, segno draws the QR code as an SVG data URI.

- The TOTP secret is stored encrypted with a key derived from SECRET_KEY (a database dump alone does
  not give anyone the codes) and is shown only until the device is confirmed.
- A code is accepted for the current 30-second step and one step either side (clock drift); the step
  of the last accepted code is kept, so the same code (or an older one) never works twice.
- Recovery codes are stored as password hashes (make_password) and each works once.
- Enabling, disabling, using a recovery code and too many wrong codes leave an audit entry.
"""

import base64
import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass

import pyotp
import segno
from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .audit import record
from .models import OFFICE_ROLES, TwoFactorDevice, TwoFactorRecoveryCode, Unit
from .selectors import active_memberships

STEP_SECONDS = 30
DRIFT_STEPS = 1  # accept the previous and the next code too: phones' clocks drift
RECOVERY_CODE_COUNT = 8
# Lower case without 0/o, 1/l/i: easy to read off paper and to type on a phone.
_RECOVERY_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
RECOVERY_CODE_LENGTH = 10  # ~50 bits each; shown as "abcde-fghjk"
# Wrong codes for one pending login before the password must be typed again.
MAX_FAILURES_PER_LOGIN = 5
# Wrong codes in a row (over several logins) after which the device refuses codes for a while,
# so re-typing a known password does not buy unlimited guesses at six digits.
MAX_FAILURES_IN_A_ROW = 10


def now() -> float:
    """The clock codes are checked against (one place, so tests can move it)."""
    return time.time()


# --- the secret, encrypted at rest -----------------------------------------------------------------
# A stream cipher from HMAC-SHA256 in counter mode, then encrypt-then-MAC: standard-library only,
# and the key follows SECRET_KEY (SECRET_KEY_FALLBACKS still decrypt after a key rotation).

_PREFIX = "v1$"


def _keys(secret_key: str) -> tuple[bytes, bytes]:
    enc = salted_hmac("units.two_factor.encrypt", "key", secret=secret_key, algorithm="sha256").digest()
    mac = salted_hmac("units.two_factor.mac", "key", secret=secret_key, algorithm="sha256").digest()
    return enc, mac


def _keystream(key: bytes, nonce: bytes, length: int) -> bytes:
    blocks = (hmac.new(key, nonce + i.to_bytes(4, "big"), hashlib.sha256).digest() for i in range(length // 32 + 1))
    return b"".join(blocks)[:length]


def encrypt_secret(secret: str) -> str:
    enc, mac = _keys(settings.SECRET_KEY)
    nonce = secrets.token_bytes(16)
    plain = secret.encode()
    cipher = bytes(a ^ b for a, b in zip(plain, _keystream(enc, nonce, len(plain)), strict=True))
    tag = hmac.new(mac, nonce + cipher, hashlib.sha256).digest()
    return _PREFIX + base64.urlsafe_b64encode(nonce + cipher + tag).decode()


def decrypt_secret(stored: str) -> str:
    if not stored.startswith(_PREFIX):
        raise ValueError("unknown secret format")
    raw = base64.urlsafe_b64decode(stored[len(_PREFIX) :])
    nonce, cipher, tag = raw[:16], raw[16:-32], raw[-32:]
    for secret_key in [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]:
        enc, mac = _keys(secret_key)
        if hmac.compare_digest(tag, hmac.new(mac, nonce + cipher, hashlib.sha256).digest()):
            return bytes(a ^ b for a, b in zip(cipher, _keystream(enc, nonce, len(cipher)), strict=True)).decode()
    raise ValueError("the secret was encrypted with another SECRET_KEY")


# --- reading ---------------------------------------------------------------------------------------


def confirmed_device(user) -> TwoFactorDevice | None:
    if not getattr(user, "pk", None):
        return None
    return TwoFactorDevice.objects.filter(user=user, confirmed=True).first()


def may_use_two_factor(user) -> bool:
    """Office roles choose it; anyone who already has it may keep and turn it off."""
    return (
        user.is_superuser
        or any(m.role in OFFICE_ROLES for m in active_memberships(user))
        or confirmed_device(user) is not None
    )


def _office_unit(user) -> Unit | None:
    """The unit an audit row is filed under, so the user's own office reads it in its log."""
    memberships = active_memberships(user)
    office = [m for m in memberships if m.role in OFFICE_ROLES] or memberships
    return office[0].unit if office else None


def group_secret(secret: str) -> str:
    """ "JBSW Y3DP EHPK 3PXP…": four letters at a time for typing into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def provisioning_uri(device: TwoFactorDevice) -> str:
    return pyotp.TOTP(decrypt_secret(device.secret)).provisioning_uri(
        name=device.user.username, issuer_name=settings.PORTAL_NAME
    )


def qr_data_uri(device: TwoFactorDevice) -> str:
    """The otpauth:// link as an SVG data URI for an <img>: no script, allowed by the CSP (img-src data:)."""
    return segno.make(provisioning_uri(device), error="m").svg_data_uri(scale=5, border=2, dark="#000", light="#fff")


def normalise_code(code: str) -> str:
    """Spaces and dashes dropped, lower case; ASCII only ("١٢٣" is not a code, and compare_digest
    refuses non-ASCII text)."""
    return "".join(ch for ch in (code or "").lower() if ch.isascii() and ch.isalnum())


def current_code(secret: str, *, at: float | None = None) -> str:
    """The code an authenticator app shows now (used by tests and the demo)."""
    return pyotp.TOTP(secret).at(int(at if at is not None else now()))


# --- writing ---------------------------------------------------------------------------------------


@dataclass
class CheckResult:
    ok: bool
    reason: str = ""  # "wrong", "reused", "locked" when not ok
    recovery_code_used: bool = False
    recovery_codes_left: int = 0


def start_setup(*, user) -> TwoFactorDevice:
    """The device being set up: kept (same QR code) until confirmed, so a reload does not change it."""
    device = TwoFactorDevice.objects.filter(user=user).first()
    if device is None:
        device = TwoFactorDevice.objects.create(user=user, secret=encrypt_secret(pyotp.random_base32(32)))
    return device


def _new_recovery_codes(device: TwoFactorDevice) -> list[str]:
    codes: list[str] = []
    while len(codes) < RECOVERY_CODE_COUNT:
        code = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(RECOVERY_CODE_LENGTH))
        if code not in codes:
            codes.append(code)
    device.recovery_codes.all().delete()
    TwoFactorRecoveryCode.objects.bulk_create(
        TwoFactorRecoveryCode(device=device, code_hash=make_password(code)) for code in codes
    )
    half = RECOVERY_CODE_LENGTH // 2
    return [f"{code[:half]}-{code[half:]}" for code in codes]


def _matching_step(secret: str, code: str, at: float) -> int | None:
    totp = pyotp.TOTP(secret)
    current = int(at // STEP_SECONDS)
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if hmac.compare_digest(totp.at(step * STEP_SECONDS), code):
            return step
    return None


def _accept_step(device: TwoFactorDevice, step: int) -> bool:
    """One UPDATE that succeeds only if no code of this step or a later one was accepted before:
    two requests racing with the same code cannot both win."""
    updated = (
        TwoFactorDevice.objects.filter(pk=device.pk)
        .filter(Q(last_used_step__isnull=True) | Q(last_used_step__lt=step))
        .update(last_used_step=step, last_used_at=timezone.now(), failures_in_a_row=0)
    )
    return updated == 1


def is_locked(device: TwoFactorDevice) -> bool:
    if device.failures_in_a_row < MAX_FAILURES_IN_A_ROW or device.last_failure_at is None:
        return False
    return timezone.now() - device.last_failure_at < settings.AXES_COOLOFF_TIME


def _note_failure(device: TwoFactorDevice) -> None:
    device.failures_in_a_row += 1
    device.last_failure_at = timezone.now()
    TwoFactorDevice.objects.filter(pk=device.pk).update(
        failures_in_a_row=device.failures_in_a_row, last_failure_at=device.last_failure_at
    )


def check_code(
    *, device: TwoFactorDevice, code: str, allow_recovery: bool = True, at: float | None = None
) -> CheckResult:
    """A six-digit code from the app or, when allowed, an unused recovery code."""
    if is_locked(device):
        return CheckResult(ok=False, reason="locked")
    code = normalise_code(code)
    secret = decrypt_secret(device.secret)
    if len(code) == 6 and code.isdecimal():
        step = _matching_step(secret, code, now() if at is None else at)
        if step is not None:
            if _accept_step(device, step):
                return CheckResult(ok=True)
            _note_failure(device)
            return CheckResult(ok=False, reason="reused")
    elif allow_recovery and len(code) == RECOVERY_CODE_LENGTH and device.confirmed:
        with transaction.atomic():
            for recovery in device.recovery_codes.select_for_update().filter(used_at__isnull=True):
                if check_password(code, recovery.code_hash):
                    recovery.used_at = timezone.now()
                    recovery.save(update_fields=["used_at"])
                    TwoFactorDevice.objects.filter(pk=device.pk).update(failures_in_a_row=0)
                    left = device.recovery_codes.filter(used_at__isnull=True).count()
                    record(
                        actor=device.user,
                        action="two_factor.recovery_code",
                        obj=device.user,
                        unit=_office_unit(device.user),
                        changes={"recovery_codes_left": [left + 1, left]},
                    )
                    return CheckResult(ok=True, recovery_code_used=True, recovery_codes_left=left)
    _note_failure(device)
    return CheckResult(ok=False, reason="wrong")


def confirm_setup(*, user, device: TwoFactorDevice, code: str) -> tuple[CheckResult, list[str]]:
    """The first right code turns the device on; the recovery codes come back in plain text once."""
    result = check_code(device=device, code=code, allow_recovery=False)
    if not result.ok:
        return result, []
    with transaction.atomic():
        device.confirmed = True
        device.confirmed_at = timezone.now()
        device.save(update_fields=["confirmed", "confirmed_at"])
        codes = _new_recovery_codes(device)
        record(actor=user, action="two_factor.enable", obj=user, unit=_office_unit(user))
    return result, codes


def renew_recovery_codes(*, user, device: TwoFactorDevice, code: str) -> tuple[CheckResult, list[str]]:
    """A fresh set of recovery codes (the old ones stop working) for a current code from the app."""
    result = check_code(device=device, code=code, allow_recovery=False)
    if not result.ok:
        return result, []
    with transaction.atomic():
        codes = _new_recovery_codes(device)
        record(actor=user, action="two_factor.recovery_codes_renewed", obj=user, unit=_office_unit(user))
    return result, codes


_SELF = object()


def disable(*, user, device: TwoFactorDevice, actor=_SELF) -> None:
    """By the user themself (from the portal) or, with actor=None, by an administrator's command."""
    with transaction.atomic():
        device.delete()
        record(actor=user if actor is _SELF else actor, action="two_factor.disable", obj=user, unit=_office_unit(user))


def record_too_many_failures(*, user) -> None:
    record(
        actor=user,
        action="two_factor.too_many_failures",
        obj=user,
        unit=_office_unit(user),
        changes={"failures": [0, MAX_FAILURES_PER_LOGIN]},
    )
