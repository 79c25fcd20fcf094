"""Every row of an onboarding workbook through the services the unit and person forms use.

`apply()` runs the whole file inside one transaction and each row inside a savepoint, calling
units.services.unit_create / person_create / membership_create exactly as the forms do, so a row is
refused for the same reasons and with the same messages as on the form. A dry run, or a commit with
any refused row, rolls the transaction back: nothing is written unless every row passes.

Re-running a file creates nothing new: a commune is found by its official code, a school by its
Ministry code, any unit by its code, else by commune + kind + name; a person by username, else by
name + unit + role. Only units inside the managing unit's subtree are ever found or written; a code
held by another office is a row error that does not name that office's unit.
"""

from __future__ import annotations

import re
import secrets
import string
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from .. import national, services
from ..models import Membership, Role, Unit, UnitKind, User
from ..text import fold
from .columns import first_token, parse_kind, parse_role, parse_school_level, people_columns, unit_columns
from .reader import Workbook

ALPHABET = "".join(ch for ch in string.ascii_letters + string.digits if ch not in "Il1O0o")


@dataclass
class RowError:
    sheet: str
    row: int
    column: str
    message: str


@dataclass
class Outcome:
    errors: list[RowError] = field(default_factory=list)
    created: Counter = field(default_factory=Counter)  # unit kind / "people" / "roles" → count
    existing: Counter = field(default_factory=Counter)
    logins: list[dict] = field(default_factory=list)  # filled on a commit only


def one_time_password() -> str:
    """10 letters and digits without look-alikes (I l 1 O 0 o), read out over the phone."""
    while True:
        password = "".join(secrets.choice(ALPHABET) for _ in range(10))
        if all(any(test(c) for c in password) for test in (str.isdigit, str.isupper, str.islower)):
            return password


def username_for(full_name: str) -> str:
    """ "Nguyễn Văn An" → "annv": the given name and the initials, accents stripped."""
    words = [re.sub(r"[^a-z0-9]", "", w) for w in fold(full_name).split()]
    words = [w for w in words if w]
    if not words:
        return "nguoidung"
    return (words[-1] + "".join(w[0] for w in words[:-1]))[:140]


def _shown(value: str) -> str:
    """A cell quoted in a message: at most 60 characters."""
    return value if len(value) <= 60 else value[:59] + "…"


class _Row(Exception):
    """A row refused before a service is called: (column key, message)."""

    def __init__(self, column: str, message: str):
        super().__init__(message)
        self.column, self.message = column, message


class Plan:
    def __init__(self, *, actor, root: Unit, dry_run: bool):
        self.actor, self.root, self.dry_run = actor, root, dry_run
        self.outcome = Outcome()
        scope = list(Unit.objects.subtree_of(root).active_on())
        self.by_code = {u.code.upper(): u for u in scope}
        self.by_official = {u.official_code: u for u in scope if u.kind == UnitKind.COMMUNE and u.official_code}
        self.by_moet = {u.moet_code.upper(): u for u in scope if u.moet_code}
        self.by_name = {(u.parent_id, u.kind, fold(u.name)): u for u in scope}
        self.centres = {u.parent_id: u for u in scope if u.kind == UnitKind.CENTRE}
        self.province = national.province_of(root)
        # What lies outside the subtree, read once: a code there is a row error, never a match.
        outside = Unit.objects.exclude(path__startswith=root.path)
        self.all_codes = {code.upper() for code in Unit.objects.values_list("code", flat=True)}
        self.outside_official = set(
            outside.filter(kind=UnitKind.COMMUNE, valid_to=None)
            .exclude(official_code="")
            .values_list("official_code", flat=True)
        )
        self.outside_moet = {
            c.upper() for c in outside.filter(valid_to=None).exclude(moet_code="").values_list("moet_code", flat=True)
        }

    # Units -------------------------------------------------------------------------------------

    def _remember(self, unit: Unit) -> None:
        self.all_codes.add(unit.code.upper())
        self.by_code[unit.code.upper()] = unit
        if unit.kind == UnitKind.COMMUNE and unit.official_code:
            self.by_official[unit.official_code] = unit
        if unit.moet_code:
            self.by_moet[unit.moet_code.upper()] = unit
        self.by_name[(unit.parent_id, unit.kind, fold(unit.name))] = unit
        if unit.kind == UnitKind.CENTRE:
            self.centres[unit.parent_id] = unit

    def _free_code(self, base: str) -> str:
        base = re.sub(r"[^A-Z0-9.-]+", "-", fold(base).upper()).strip("-.")[:27] or "DV"
        code, n = base, 1
        while code.upper() in self.all_codes:
            n += 1
            code = f"{base}-{n}"
        return code

    def _commune(self, row: dict) -> tuple[dict, Unit | None]:
        code = first_token(row["official_code"])
        if not code:
            raise _Row("official_code", _("Hãy ghi mã xã, phường (5 chữ số) theo danh mục."))
        if len(code) != 5 or not code.isdecimal():
            raise _Row("official_code", _("Mã xã, phường, đặc khu gồm 5 chữ số, ví dụ 06688."))
        division = national.commune(code)
        if division is None:
            raise _Row("official_code", national.commune_code_error(code, self.province) or "")
        if code in self.by_official:
            return {}, self.by_official[code]
        if code in self.outside_official:
            raise _Row("official_code", _("Mã xã %(code)s đã thuộc một đơn vị quản lý khác.") % {"code": code})
        fields = {
            "official_code": code,
            "name": row["name"] or division.short_name,
            "level_label": row["level_label"] or division.level_label,
            "parent": self.root,
            "code": row["code"] or self._free_code(f"XA-{code}"),
        }
        return fields, None

    def _parent(self, row: dict) -> Unit:
        token = first_token(row["parent"])
        if not token:
            return self.root
        found = self.by_official.get(token) or self.by_code.get(token.upper())
        if found is None:
            raise _Row(
                "parent",
                _("Không tìm thấy xã %(code)s trong đơn vị quản lý (chưa có, hoặc dòng của xã bị lỗi).")
                % {"code": _shown(token)},
            )
        return found

    def _other_unit(self, kind: str, row: dict) -> tuple[dict, Unit | None]:
        parent = self._parent(row)
        if not row["name"]:
            raise _Row("name", _("Hãy ghi tên đơn vị."))
        level = ""
        if kind == UnitKind.SCHOOL:
            level = parse_school_level(row["school_level"]) or ""
            if row["school_level"] and not level:
                raise _Row(
                    "school_level",
                    _("Cấp học “%(v)s”: hãy chọn MN, TH hoặc THCS.") % {"v": _shown(row["school_level"])},
                )
        moet = row["moet_code"].upper() if kind in (UnitKind.SCHOOL, UnitKind.DISTRICT_CENTRE) else ""
        code = row["code"]
        if moet and moet in self.by_moet:
            return {}, self.by_moet[moet]
        if moet and moet in self.outside_moet:
            raise _Row("moet_code", _("Mã trường %(code)s đã thuộc một đơn vị quản lý khác.") % {"code": moet})
        if code:
            found = self.by_code.get(code.upper())
            if found is not None and found.kind == kind:
                return {}, found
            if found is not None or code.upper() in self.all_codes:
                raise _Row("code", _("Mã đơn vị %(code)s đã dùng cho một đơn vị khác.") % {"code": code})
        found = self.by_name.get((parent.pk, kind, fold(row["name"])))
        if found is not None:
            return {}, found
        if kind == UnitKind.CENTRE and parent.pk in self.centres:
            raise _Row(
                "parent",
                _("%(commune)s đã có %(centre)s: mỗi xã một trung tâm học tập cộng đồng.")
                % {"commune": parent.full_name, "centre": self.centres[parent.pk].name},
            )
        if not code:
            base = f"TR-{moet}" if moet else f"{parent.code}-{row['name']}"
            code = self._free_code(base)
        fields = {
            "name": row["name"],
            "level_label": row["level_label"],
            "school_level": level,
            "moet_code": moet,
            "parent": parent,
            "code": code,
        }
        return fields, None

    def unit_row(self, row: dict) -> None:
        kind = parse_kind(row["kind"])
        if kind is None:
            raise _Row("kind", _("Loại đơn vị “%(v)s” không có trong danh sách của mẫu.") % {"v": _shown(row["kind"])})
        fields, found = self._commune(row) if kind == UnitKind.COMMUNE else self._other_unit(kind, row)
        if found is not None:
            self.outcome.existing[kind] += 1
            return
        unit = services.unit_create(
            actor=self.actor,
            kind=kind,
            valid_from=national.MERGER_DAY,
            address=row["address"],
            phone=row["phone"],
            email=row["email"],
            **fields,
        )
        self._remember(unit)
        self.outcome.created[kind] += 1

    # People ------------------------------------------------------------------------------------

    def _unit_of(self, row: dict) -> Unit:
        token = first_token(row["unit"])
        unit = self.by_code.get(token.upper()) or self.by_moet.get(token.upper()) or self.by_official.get(token)
        if unit is not None and row["unit_name"] and unit.kind == UnitKind.COMMUNE:
            wanted = fold(row["unit_name"])
            children = [u for (parent, _k, name), u in self.by_name.items() if parent == unit.pk and name == wanted]
            if not children:
                raise _Row(
                    "unit_name",
                    _("%(commune)s không có đơn vị tên “%(name)s”.")
                    % {"commune": unit.full_name, "name": _shown(row["unit_name"])},
                )
            unit = children[0]
        if unit is None:
            raise _Row(
                "unit", _("Không tìm thấy đơn vị %(code)s trong đơn vị quản lý.") % {"code": _shown(token) or "—"}
            )
        return unit

    def _free_username(self, full_name: str) -> str:
        base = username_for(full_name)
        taken = {u.lower() for u in User.objects.filter(username__istartswith=base).values_list("username", flat=True)}
        username, n = base, 1
        while username in taken:
            n += 1
            username = f"{base}{n}"
        return username

    def _password(self, username: str, full_name: str, email: str) -> str:
        candidate = User(username=username, full_name=full_name, email=email)
        while True:
            password = one_time_password()
            try:
                password_validation.validate_password(password, candidate)
            except ValidationError:
                continue
            return password

    def person_row(self, row: dict) -> None:
        if not row["full_name"]:
            raise _Row("full_name", _("Hãy ghi họ và tên."))
        role = parse_role(row["role"])
        if role is None:
            raise _Row("role", _("Vai trò “%(v)s” không có trong danh sách của mẫu.") % {"v": _shown(row["role"])})
        unit = self._unit_of(row)
        username = row["username"]
        person = None
        if username:
            person = User.objects.filter(username__iexact=username).first()
            if person is not None and (
                fold(person.full_name) != fold(row["full_name"])
                or not Membership.objects.filter(user=person, unit__path__startswith=self.root.path).exists()
            ):
                raise _Row("username", _("Tên đăng nhập này đã có người dùng."))
        else:
            person = (
                User.objects.filter(
                    memberships__unit=unit,
                    memberships__role=role,
                    memberships__valid_to=None,
                    search_text__startswith=fold(row["full_name"]),
                )
                .distinct()
                .first()
            )
            if person is not None and fold(person.full_name) != fold(row["full_name"]):
                person = None
        if person is not None:
            if Membership.objects.active_on().filter(user=person, unit=unit, role=role).exists():
                self.outcome.existing["people"] += 1
                return
            services.membership_create(actor=self.actor, user=person, unit=unit, role=role)
            self.outcome.created["roles"] += 1
            return
        username = username or self._free_username(row["full_name"])
        password = None if self.dry_run else self._password(username, row["full_name"], row["email"])
        person = services.person_create(
            actor=self.actor,
            username=username,
            full_name=row["full_name"],
            password=password,
            unit=unit,
            role=role,
            email=row["email"],
            phone=row["phone"],
            position=row["position"],
        )
        self.outcome.created["people"] += 1
        if not self.dry_run:
            self.outcome.logins.append(
                {
                    "name": person.full_name,
                    "unit": unit.full_name,
                    "role": str(Role(role).label),
                    "username": person.username,
                    "password": password,
                    "pk": person.pk,
                }
            )

    # The file ----------------------------------------------------------------------------------

    def run(self, sheet, handler, columns) -> None:
        headers = {c.key: c.header for c in columns}
        for number, row in sheet.rows:
            try:
                with transaction.atomic():
                    handler(row)
            except _Row as refused:
                self.outcome.errors.append(RowError(sheet.name, number, headers[refused.column], refused.message))
            except DatabaseError:
                # A row the database refuses after the checks (two sessions creating the same code
                # at once): the row is named, the file is not written.
                self.outcome.errors.append(
                    RowError(sheet.name, number, "—", _("Không ghi được dòng này; hãy kiểm tra lại tệp."))
                )
            except ValidationError as error:
                for key, messages in _messages(error).items():
                    column = headers.get(key, "—")
                    for message in messages:
                        self.outcome.errors.append(RowError(sheet.name, number, column, message))


def _messages(error: ValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return error.message_dict
    return {"—": error.messages}


def _kind_rank(item) -> int:
    kind = parse_kind(item[1]["kind"])
    order = [UnitKind.COMMUNE, UnitKind.HAMLET, UnitKind.SCHOOL, UnitKind.CENTRE]
    return order.index(kind) if kind in order else len(order)


def apply(workbook: Workbook, *, actor, root: Unit, dry_run: bool) -> Outcome:
    """Check (dry_run) or commit the workbook; the transaction is kept only on a commit without
    a single refused row."""
    with transaction.atomic():
        plan = Plan(actor=actor, root=root, dry_run=dry_run)
        workbook.units.rows.sort(key=_kind_rank)  # communes first, whatever the order of the file
        plan.run(workbook.units, plan.unit_row, unit_columns())
        plan.run(workbook.people, plan.person_row, people_columns())
        outcome = plan.outcome
        outcome.errors.sort(key=lambda e: (e.sheet != workbook.units.name, e.row))
        if dry_run or outcome.errors:
            transaction.set_rollback(True)
            outcome.logins = []
        else:
            User.objects.filter(pk__in=[login.pop("pk") for login in outcome.logins]).update(must_change_password=True)
    return outcome
