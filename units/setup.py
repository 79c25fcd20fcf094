"""Start a real office on a clean database (issue 16): the managing unit, its identity on paper and
its first officer, in one atomic step. `manage.py setup_office` and the first-run page /cai-dat/
both call `office_setup`; neither touches the demo data.
"""

from __future__ import annotations

import secrets
import string
from dataclasses import dataclass

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import audit, national, services
from .models import Role, Unit, UnitIdentity, UnitKind, User
from .text import fold, nfc

MANAGING_KINDS = (UnitKind.OFFICE, UnitKind.COMMUNE)
OFFICER_ROLES = (Role.OFFICE_OFFICER, Role.OFFICE_LEADER)


@dataclass
class SetupResult:
    unit: Unit
    identity: UnitIdentity
    officer: User
    password: str  # shown once to whoever ran the set-up, never stored in clear


def managing_unit_exists() -> bool:
    """Whether any office or commune stands at the top of a tree: until then a superuser is sent to
    the first-run page."""
    return Unit.objects.filter(parent=None, kind__in=MANAGING_KINDS).exists()


def generate_password() -> str:
    """A one-time password, readable over the phone: 12 letters and digits without look-alikes."""
    alphabet = "".join(ch for ch in string.ascii_letters + string.digits if ch not in "Il1O0o")
    while True:
        password = "".join(secrets.choice(alphabet) for _ in range(12))
        if any(c.isdigit() for c in password) and any(c.isupper() for c in password):
            return password


def default_code(*, kind: str, official_code: str, province_code: str, abbreviation: str) -> str:
    """The internal unit code when none is given: the official code when there is one."""
    if official_code:
        return f"{'XA' if kind == UnitKind.COMMUNE else 'TINH'}-{official_code}"
    letters = "".join(ch for ch in fold(abbreviation).upper() if ch.isalnum())[:20]
    return "-".join(part for part in (letters or "DONVI", province_code) if part)


@transaction.atomic
def office_setup(
    *,
    actor,
    name: str,
    kind: str = UnitKind.OFFICE,
    code: str = "",
    level_label: str = "",
    province_code: str = "",
    official_code: str = "",
    official_name: str = "",
    parent_agency: str = "",
    abbreviation: str,
    place_name: str,
    head_name: str = "",
    head_position: str,
    officer_username: str,
    officer_name: str,
    officer_email: str = "",
    officer_role: str = Role.OFFICE_OFFICER,
    password: str = "",
) -> SetupResult:
    """Create the managing unit with its identity and its first officer, who must change the
    password at first login. Refuses a code (internal or official) that already has a unit, and a
    username that is taken: set-up never runs twice for one office."""
    name, official_code, province_code = nfc(name), (official_code or "").strip(), (province_code or "").strip()
    if kind not in MANAGING_KINDS:
        raise ValidationError({"kind": _("Đơn vị quản lý là cơ quan quản lý giáo dục hoặc xã, phường.")})
    if officer_role not in OFFICER_ROLES:
        raise ValidationError({"officer_role": _("Cán bộ đầu tiên là chuyên viên hoặc lãnh đạo phòng.")})
    if kind == UnitKind.COMMUNE and official_code and not province_code:
        found = national.commune(official_code)
        province_code = found.province_code if found else ""
    code = (code or "").strip() or default_code(
        kind=kind, official_code=official_code, province_code=province_code, abbreviation=abbreviation
    )
    existing = Unit.objects.filter(code__iexact=code).first()
    if existing is None and official_code:
        existing = Unit.objects.filter(official_code=official_code, kind=kind, valid_to=None).first()
    if existing is not None:
        raise ValidationError(
            _(
                "Đơn vị %(name)s (mã %(code)s) đã được cài đặt; không cài đặt lại lần thứ hai. "
                "Sửa thông tin của đơn vị trong trang Đơn vị."
            )
            % {"name": existing.full_name, "code": existing.code}
        )
    if User.objects.filter(username__iexact=officer_username.strip()).exists():
        taken = _("Tên đăng nhập %(username)s đã có người dùng.") % {"username": officer_username}
        raise ValidationError({"officer_username": taken})
    if not level_label:
        found = national.commune(official_code) if kind == UnitKind.COMMUNE else None
        level_label = found.level_label if found else ("Xã" if kind == UnitKind.COMMUNE else "")
    unit = services.unit_create(
        actor=actor,
        code=code,
        name=name,
        kind=kind,
        level_label=level_label,
        parent=None,
        official_code=official_code,
        province_code=province_code,
    )
    identity = UnitIdentity(
        unit=unit,
        official_name=nfc(official_name) or unit.full_name,
        parent_agency=nfc(parent_agency),
        abbreviation=nfc(abbreviation),
        place_name=nfc(place_name),
        head_name=nfc(head_name),
        head_position=nfc(head_position),
    )
    identity.full_clean(exclude=["unit"])
    identity.save()
    audit.record(actor=actor, action="unit.identity", obj=identity, unit=unit, changes={})
    password = password or generate_password()
    candidate = User(username=officer_username.strip(), full_name=nfc(officer_name), email=officer_email.strip())
    try:
        password_validation.validate_password(password, candidate)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from error
    officer = services.person_create(
        actor=actor,
        username=candidate.username,
        full_name=candidate.full_name,
        email=candidate.email,
        password=password,
        unit=unit,
        role=officer_role,
    )
    User.objects.filter(pk=officer.pk).update(must_change_password=True)
    officer.must_change_password = True
    audit.record(actor=actor, action="unit.setup", obj=unit, unit=unit, changes={"officer": ["", officer.username]})
    return SetupResult(unit=unit, identity=identity, officer=officer, password=password)
