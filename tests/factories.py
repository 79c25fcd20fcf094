"""Test data built through the services, so tests see what users would create."""

import datetime
import itertools

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
        self.officer = make_user(Role.OFFICE_OFFICER, self.office, username="officer", full_name="Nguyễn Văn Chuyên")
        self.leader = make_user(Role.OFFICE_LEADER, self.office, username="leader", full_name="Trần Thị Trưởng")
        self.viewer = make_user(Role.VIEWER, self.office, username="viewer", full_name="Lê Văn Xem")
        self.principal = make_user(Role.PRINCIPAL, self.school, username="principal", full_name="Phạm Thị Hiệu")
        self.school_staff = make_user(Role.SCHOOL_STAFF, self.school, username="teacher", full_name="Hoàng Văn Giáo")
        self.director = make_user(Role.CENTRE_DIRECTOR, self.centre, username="director", full_name="Vũ Thị Giám")
        self.centre_staff = make_user(Role.CENTRE_STAFF, self.centre, username="centrestaff", full_name="Đỗ Văn Tâm")
        self.association_officer = make_user(
            Role.ASSOCIATION_OFFICER, self.association, username="assoc", full_name="Bùi Thị Hội"
        )
        self.other_principal = make_user(
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
        self.outsider_officer = make_user(Role.OFFICE_OFFICER, self.other_office, username="outsider")
        self.outsider_principal = make_user(Role.PRINCIPAL, self.outsider_school, username="outsider_principal")

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
