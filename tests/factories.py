"""Test data built through the services, so tests see what users would create."""

import datetime
import itertools

from django.apps import apps
from django.core.management.color import no_style
from django.db import IntegrityError, connection, transaction
from django.db import models as models_module

from units import services
from units.models import Role, SchoolLevel, Unit, UnitIdentity, UnitKind, User

_seq = itertools.count(1)
PASSWORD = "Mat-khau-thu-9"


def make_unit(kind=UnitKind.COMMUNE, *, parent=None, name=None, code=None, **fields) -> Unit:
    n = next(_seq)
    defaults = {
        UnitKind.OFFICE: {"level_label": "Phòng GD&ĐT"},
        UnitKind.COMMUNE: {"level_label": "Xã"},
        UnitKind.HAMLET: {"level_label": "Thôn"},
        UnitKind.SCHOOL: {"school_level": SchoolLevel.LOWER_SECONDARY},
    }.get(kind, {})
    fields = {**defaults, **fields}
    fields.setdefault("valid_from", datetime.date(2000, 1, 1))
    return services.unit_create(
        actor=None,
        code=code or f"U{n:05d}",
        name=name or f"{UnitKind(kind).label} {n}",
        kind=kind,
        parent=parent,
        **fields,
    )


def make_user(role=None, unit=None, *, username=None, full_name=None, **fields) -> User:
    n = next(_seq)
    username = username or f"user{n}"
    if role is None:
        user = User(username=username, full_name=full_name or f"Người dùng {n}", **fields)
        user.set_password(PASSWORD)
        user.save()
        return user
    return services.person_create(
        actor=None,
        username=username,
        full_name=full_name or f"Người dùng {n}",
        password=PASSWORD,
        unit=unit,
        role=role,
        **fields,
    )


# The world's people have held their roles since long before any date a test freezes the clock
# to, so a test that pins "today" never finds them without a role (the world is built once per
# process, at the real date).
SINCE = datetime.date(2000, 1, 1)


def _member(role, unit, **fields) -> User:
    return make_user(role, unit, valid_from=SINCE, **fields)


class World:
    """Two offices, each with a commune, hamlet, school, centre and association branch, and one
    user per role on office A's side; `outsider_*` users belong to office B. Tests use it as
    owner / member / outsider (healthchecks' BaseTestCase)."""

    def __init__(self):
        self.office = make_unit(UnitKind.OFFICE, name="Phòng GD&ĐT huyện Thử Nghiệm", code="OFFA")
        self.commune = make_unit(UnitKind.COMMUNE, parent=self.office, name="Đống Đa", code="XA1")
        self.difficult_commune = make_unit(
            UnitKind.COMMUNE, parent=self.office, name="Nậm Pồ", code="XA2", especially_difficult=True
        )
        self.hamlet = make_unit(UnitKind.HAMLET, parent=self.commune, name="Đông", code="TH1")
        self.school = make_unit(UnitKind.SCHOOL, parent=self.commune, name="Trường THCS Đống Đa", code="SCH1")
        self.other_school = make_unit(
            UnitKind.SCHOOL,
            parent=self.difficult_commune,
            name="Trường Tiểu học Nậm Pồ",
            code="SCH2",
            school_level=SchoolLevel.PRIMARY,
        )
        self.centre = make_unit(UnitKind.CENTRE, parent=self.commune, name="TTHTCĐ xã Đống Đa", code="TT1")
        self.association = make_unit(
            UnitKind.ASSOCIATION, parent=self.commune, name="Hội Khuyến học xã Đống Đa", code="HKH1"
        )
        self.officer = _member(Role.OFFICE_OFFICER, self.office, username="officer", full_name="Nguyễn Văn Chuyên")
        self.leader = _member(Role.OFFICE_LEADER, self.office, username="leader", full_name="Trần Thị Trưởng")
        self.viewer = _member(Role.VIEWER, self.office, username="viewer", full_name="Lê Văn Xem")
        self.principal = _member(Role.PRINCIPAL, self.school, username="principal", full_name="Phạm Thị Hiệu")
        self.school_staff = _member(Role.SCHOOL_STAFF, self.school, username="teacher", full_name="Hoàng Văn Giáo")
        self.director = _member(Role.CENTRE_DIRECTOR, self.centre, username="director", full_name="Vũ Thị Giám")
        self.centre_staff = _member(Role.CENTRE_STAFF, self.centre, username="centrestaff", full_name="Đỗ Văn Tâm")
        self.association_officer = _member(
            Role.ASSOCIATION_OFFICER, self.association, username="assoc", full_name="Bùi Thị Hội"
        )
        self.other_principal = _member(
            Role.PRINCIPAL, self.other_school, username="principal2", full_name="Đặng Văn Khác"
        )

        # Office A's identity on paper (issue 15): every document it issues is complete.
        self.identity = UnitIdentity.objects.create(
            unit=self.office,
            official_name="Phòng Giáo dục và Đào tạo",
            parent_agency="UBND huyện Thử Nghiệm",
            abbreviation="PGDĐT",
            drafting_code="GDTX",
            place_name="Thử Nghiệm",
            head_position="Trưởng phòng",
            head_name="Trần Thị Trưởng",
            deputy_position="Phó Trưởng phòng",
            deputy_name="Lê Văn Phó",
            deputy_signs=True,
            recipients="Sở GD&ĐT tỉnh Thử Nghiệm (để b/c);\nUBND huyện Thử Nghiệm (để b/c);",
            archive="VT, GDTX.",
        )

        self.other_office = make_unit(UnitKind.OFFICE, name="Phòng GD&ĐT huyện Bên Kia", code="OFFB")
        self.other_commune = make_unit(UnitKind.COMMUNE, parent=self.other_office, name="Bên Kia", code="XB1")
        self.outsider_school = make_unit(
            UnitKind.SCHOOL, parent=self.other_commune, name="Trường THCS Bên Kia", code="SCHB"
        )
        self.outsider_officer = _member(Role.OFFICE_OFFICER, self.other_office, username="outsider")
        self.outsider_principal = _member(Role.PRINCIPAL, self.outsider_school, username="outsider_principal")

    @property
    def role_users(self) -> dict[str, User]:
        return {
            Role.OFFICE_OFFICER: self.officer,
            Role.OFFICE_LEADER: self.leader,
            Role.VIEWER: self.viewer,
            Role.PRINCIPAL: self.principal,
            Role.SCHOOL_STAFF: self.school_staff,
            Role.CENTRE_DIRECTOR: self.director,
            Role.CENTRE_STAFF: self.centre_staff,
            Role.ASSOCIATION_OFFICER: self.association_officer,
        }

    # --- one build per test process -----------------------------------------------------------

    @classmethod
    def restored(cls) -> "World":
        """The same World as `World()`, for the `world` fixture inside a test's transaction: built
        through the services once per test process, its rows kept, then written again (the same
        primary keys, one INSERT per table) in each later test's transaction and read back as fresh
        objects. The services' checks and audit ran for the first build; repeating them for each
        of 3,000 tests cost about 0.2 s apiece (a fifth of the suite's time on PostgreSQL)."""
        global _SNAPSHOT
        if _SNAPSHOT is None:
            models = _table_models()
            before = {model: set(model._base_manager.values_list("pk", flat=True)) for model in models}
            world = cls()
            rows = []
            for model in models:
                fields = [f.attname for f in model._meta.concrete_fields]
                new = [
                    r
                    for r in model._base_manager.order_by("pk").values(*fields)
                    if r[model._meta.pk.attname] not in before[model]
                ]
                if new:
                    rows.append((model, new))
            attributes = {
                name: (type(value), value.pk)
                for name, value in vars(world).items()
                if isinstance(value, models_module.Model)
            }
            _SNAPSHOT = (rows, attributes)
            return world
        rows, attributes = _SNAPSHOT
        try:
            with transaction.atomic():
                for model, values in rows:
                    model._base_manager.bulk_create([model(**row) for row in values])
        except IntegrityError:
            return cls()  # a fixture wrote rows first and took those keys: build it the long way
        # PostgreSQL: sequences past the restored keys even after a flush that restarted them, in one
        # round trip (the statements joined; separately they were ~40 per test).
        sqls = connection.ops.sequence_reset_sql(no_style(), [model for model, _ in rows])
        if connection.vendor == "postgresql" and sqls:
            with connection.cursor() as cursor:
                cursor.execute(";\n".join(sqls))
        world = cls.__new__(cls)
        wanted: dict = {}
        for model, pk in attributes.values():
            wanted.setdefault(model, set()).add(pk)
        found = {model: model._base_manager.in_bulk(pks) for model, pks in wanted.items()}
        for name, (model, pk) in attributes.items():
            setattr(world, name, found[model][pk])
        return world


_SNAPSHOT = None


def _table_models() -> list:
    return [
        model for model in apps.get_models(include_auto_created=True) if model._meta.managed and not model._meta.proxy
    ]
