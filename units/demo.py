"""Demo data: a fictional district office with its communes, hamlets, schools, centres,
association branches and one login per role. Every name, address and phone number is invented;
every unit code starts with "DEMO-" and every unit and user carries is_demo=True.

Everything goes through units.services, so the demo leaves the same rows and audit trail a user
would. Each object is looked up by code / username before it is created: running the seed again
changes nothing.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction

from . import services
from .models import Membership, Role, SchoolLevel, Unit, UnitIdentity, UnitKind, User

DEMO_PASSWORD = "GDTX@demo2025"
DISTRICT = "An Lạc Sơn"
PROVINCE = "Thanh Nguyên"
OFFICE_CODE = "DEMO-PGD"
OFFICE_NAME = f"Phòng GD&ĐT huyện {DISTRICT} (dữ liệu mẫu)"
# The July 2025 commune mergers took effect on 01/07/2025 (Nghị quyết của UBTVQH về sắp xếp đơn
# vị hành chính cấp xã năm 2025); the demo merges two communes on that day.
MERGER_DATE = datetime.date(2025, 7, 1)
# Roles in the demo start with the 2025–2026 school year.
ROLES_FROM = datetime.date(2025, 8, 1)

MN, TH, THCS = SchoolLevel.PRESCHOOL, SchoolLevel.PRIMARY, SchoolLevel.LOWER_SECONDARY


@dataclass
class CommuneSpec:
    code: str
    level_label: str
    name: str
    hamlet_label: str
    hamlets: list[str]
    schools: list[tuple[str, str]]
    especially_difficult: bool = False
    # Communes that closed in the merger keep their own centre and association branch, closed too.
    closed: bool = False


COMMUNES = [
    CommuneSpec(
        "DEMO-X01",
        "Thị trấn",
        "An Lạc",
        "Tổ dân phố",
        ["1", "2", "3", "4", "5", "6", "7"],
        [(MN, "Trường Mầm non Hoa Sen"), (TH, "Trường Tiểu học Lê Lợi"), (THCS, "Trường THCS Nguyễn Trãi")],
    ),
    CommuneSpec(
        "DEMO-X02",
        "Xã",
        "Tân Phong",
        "Thôn",
        ["Đông", "Đoài", "Trung", "Tân Lập", "Phong Lưu"],
        [(MN, "Trường Mầm non Hoa Mai"), (TH, "Trường Tiểu học Tân Phong"), (THCS, "Trường THCS Tân Phong")],
    ),
    CommuneSpec(
        "DEMO-X03",
        "Xã",
        "Đồng Tâm",
        "Thôn",
        ["Đồng Xuân", "Đồng Hạ", "Tâm Thịnh", "Bến Lội", "Gò Mít", "Đồng Chùa"],
        [(MN, "Trường Mầm non Sơn Ca"), (TH, "Trường Tiểu học Đồng Tâm"), (THCS, "Trường THCS Đồng Tâm")],
    ),
    CommuneSpec(
        "DEMO-X04",
        "Xã",
        "Hòa Mỹ",
        "Thôn",
        ["Mỹ Lộc", "Mỹ Thượng", "Hòa Bình", "Hòa Thuận"],
        [(MN, "Trường Mầm non Hướng Dương"), (TH, "Trường Tiểu học Hòa Mỹ"), (THCS, "Trường THCS Chu Văn An")],
    ),
    CommuneSpec(
        "DEMO-X05",
        "Xã",
        "Quang Trung",
        "Thôn",
        ["Quang Minh", "Trung Hậu", "Bãi Sậy", "Đồng Quê", "Làng Mới", "Cây Đa", "Xóm Chợ", "Ao Sen"],
        [(MN, "Trường Mầm non Họa Mi"), (TH, "Trường Tiểu học Quang Trung"), (THCS, "Trường THCS Quang Trung")],
    ),
    CommuneSpec(
        "DEMO-X06",
        "Xã",
        "Phúc Thịnh",
        "Thôn",
        ["Phúc Lâm", "Thịnh Vượng", "Đông Phúc", "Tây Phúc", "Nam Thịnh"],
        [(MN, "Trường Mầm non Phúc Thịnh"), (TH, "Trường Tiểu học Phúc Thịnh"), (THCS, "Trường THCS Lê Quý Đôn")],
    ),
    CommuneSpec(
        "DEMO-X07",
        "Xã",
        "Yên Hòa",
        "Thôn",
        ["Yên Thượng", "Yên Hạ", "Hòa Lạc", "Khe Cát"],
        [(MN, "Trường Mầm non Tuổi Thơ"), (TH, "Trường Tiểu học Yên Hòa"), (THCS, "Trường THCS Yên Hòa")],
    ),
    CommuneSpec(
        "DEMO-X08",
        "Xã",
        "Thạch Lâm",
        "Thôn",
        ["Thạch Bàn", "Lâm Trường", "Khe Nước", "Đá Mài", "Suối Cạn", "Rừng Thông"],
        [(MN, "Trường Mầm non Thạch Lâm"), (TH, "Trường Tiểu học Thạch Lâm"), (THCS, "Trường THCS Thạch Lâm")],
    ),
    CommuneSpec(
        "DEMO-X09",
        "Xã",
        "Vĩnh Thuận",
        "Thôn",
        ["Vĩnh An", "Vĩnh Phúc", "Thuận Hòa", "Thuận Đức", "Bến Đò"],
        [(MN, "Trường Mầm non Bình Minh"), (TH, "Trường Tiểu học Vĩnh Thuận"), (THCS, "Trường THCS Vĩnh Thuận")],
    ),
    CommuneSpec(
        "DEMO-X10",
        "Xã",
        "Nà Khoang",
        "Bản",
        ["Nà Khoang", "Huổi Một", "Pá Hốc", "Phiêng Lanh", "Co Muông", "Nậm Củm", "Sài Lương"],
        [
            (MN, "Trường Mầm non Nà Khoang"),
            (TH, "Trường PTDTBT Tiểu học Nà Khoang"),
            (THCS, "Trường PTDTBT THCS Nà Khoang"),
        ],
        especially_difficult=True,
    ),
    CommuneSpec(
        "DEMO-X11",
        "Xã",
        "Pá Lùng",
        "Bản",
        ["Pá Lùng", "Lũng Pả", "Sín Chải", "Tả Ván", "Mào Phìn"],
        [(MN, "Trường Mầm non Pá Lùng"), (TH, "Trường PTDTBT Tiểu học Pá Lùng"), (THCS, "Trường PTDTBT THCS Pá Lùng")],
        especially_difficult=True,
    ),
    # The two communes merged into xã Phú Thành on 01/07/2025.
    CommuneSpec(
        "DEMO-X13",
        "Xã",
        "Phú Lộc",
        "Thôn",
        ["Phú Hưng", "Phú Lợi", "Lộc Điền", "Lộc Thọ"],
        [(MN, "Trường Mầm non Phú Lộc"), (TH, "Trường Tiểu học Phú Lộc"), (THCS, "Trường THCS Phú Lộc")],
        closed=True,
    ),
    CommuneSpec(
        "DEMO-X14",
        "Xã",
        "Thành Công",
        "Thôn",
        ["Thành Nam", "Thành Bắc", "Công Lý"],
        [(TH, "Trường Tiểu học Thành Công")],
        closed=True,
    ),
]
MERGED = {"code": "DEMO-X12", "name": "Phú Thành", "level_label": "Xã", "sources": ["DEMO-X13", "DEMO-X14"]}

SCHOOL_CODE_SUFFIX = {MN: "MN", TH: "TH", THCS: "THCS"}


def _phone(n: int) -> str:
    # Numbers in a block no exchange of the invented province uses; shown only as examples.
    return f"0209 38{n // 100 % 10}{n % 100:02d} {(n * 37) % 1000:03d}"


def _address(place: str, commune: str) -> str:
    return f"{place}, {commune}, huyện {DISTRICT}, tỉnh {PROVINCE}"


@dataclass
class PersonSpec:
    username: str
    full_name: str
    role: str
    unit_code: str
    position: str
    # The eight logins printed at the end of the seed, one per role.
    listed: bool = False


PEOPLE = [
    PersonSpec("demo.chuyenvien", "Nguyễn Thị Thu Hà", Role.OFFICE_OFFICER, OFFICE_CODE, "Chuyên viên GDTX", True),
    PersonSpec("demo.truongphong", "Trần Văn Minh", Role.OFFICE_LEADER, OFFICE_CODE, "Trưởng phòng", True),
    PersonSpec("demo.hieutruong", "Lê Thị Hồng Nhung", Role.PRINCIPAL, "DEMO-X01-THCS", "Hiệu trưởng", True),
    PersonSpec("demo.giaovien", "Phạm Quốc Tuấn", Role.SCHOOL_STAFF, "DEMO-X01-THCS", "Giáo viên Ngữ văn", True),
    PersonSpec("demo.giamdoc", "Hoàng Văn Thắng", Role.CENTRE_DIRECTOR, "DEMO-X02-TT", "Giám đốc TTHTCĐ", True),
    PersonSpec("demo.canbott", "Đinh Thị Lan", Role.CENTRE_STAFF, "DEMO-X02-TT", "Phó Giám đốc TTHTCĐ", True),
    PersonSpec("demo.khuyenhoc", "Vũ Đức Thịnh", Role.ASSOCIATION_OFFICER, "DEMO-X02-HKH", "Chủ tịch Hội", True),
    PersonSpec("demo.xem", "Bùi Thanh Hương", Role.VIEWER, OFFICE_CODE, "Phó Trưởng phòng", True),
    # More people, so that other units have someone to show and to log in as.
    PersonSpec("demo.giamdoc.gdnn", "Ngô Văn Hải", Role.CENTRE_DIRECTOR, "DEMO-GDNN", "Giám đốc Trung tâm GDNN-GDTX"),
    PersonSpec("demo.giamdoc.nakhoang", "Lò Văn Pấng", Role.CENTRE_DIRECTOR, "DEMO-X10-TT", "Giám đốc TTHTCĐ"),
    PersonSpec("demo.giamdoc.phuthanh", "Đỗ Thị Mai", Role.CENTRE_DIRECTOR, "DEMO-X12-TT", "Giám đốc TTHTCĐ"),
    PersonSpec("demo.hieutruong.tanphong", "Mai Văn Hùng", Role.PRINCIPAL, "DEMO-X02-THCS", "Hiệu trưởng"),
    PersonSpec("demo.hieutruong.palung", "Thào Seo Chứ", Role.PRINCIPAL, "DEMO-X11-TH", "Hiệu trưởng"),
    PersonSpec("demo.hieutruong.hoasen", "Cao Thị Ngọc Ánh", Role.PRINCIPAL, "DEMO-X01-MN", "Hiệu trưởng"),
    PersonSpec("demo.khuyenhoc.huyen", "Lương Văn Dũng", Role.ASSOCIATION_OFFICER, "DEMO-HKH", "Phó Chủ tịch Hội"),
]


@dataclass
class SeedResult:
    office: Unit
    created_units: int = 0
    created_people: int = 0


class _Seeder:
    def __init__(self):
        self.existing = {u.code: u for u in Unit.objects.filter(code__startswith="DEMO-")}
        self.created_units = 0

    def unit(self, code: str, **fields) -> Unit:
        if code in self.existing:
            return self.existing[code]
        unit = services.unit_create(actor=None, code=code, is_demo=True, **fields)
        self.existing[code] = unit
        self.created_units += 1
        return unit

    def commune(self, office: Unit, spec: CommuneSpec, n: int) -> Unit:
        valid_to = MERGER_DATE - datetime.timedelta(days=1) if spec.closed else None
        commune_label = f"{spec.level_label.lower()} {spec.name}"
        if spec.closed and spec.code not in self.existing and MERGED["code"] in self.existing:
            # The merger already ran and this commune is gone; nothing to rebuild.
            return None
        commune = self.unit(
            spec.code,
            name=spec.name,
            kind=UnitKind.COMMUNE,
            level_label=spec.level_label,
            especially_difficult=spec.especially_difficult,
            parent=office,
            address=_address(f"{spec.hamlet_label} {spec.hamlets[0]}", commune_label),
            phone=_phone(100 + n),
        )
        for i, hamlet in enumerate(spec.hamlets, start=1):
            self.unit(
                f"{spec.code}-T{i:02d}",
                name=hamlet,
                kind=UnitKind.HAMLET,
                level_label=spec.hamlet_label,
                parent=commune,
            )
        for level, name in spec.schools:
            suffix = SCHOOL_CODE_SUFFIX[level]
            self.unit(
                f"{spec.code}-{suffix}",
                name=name,
                kind=UnitKind.SCHOOL,
                school_level=level,
                parent=commune,
                address=_address(f"{spec.hamlet_label} {spec.hamlets[0]}", commune_label),
                phone=_phone(200 + n * 3 + list(SCHOOL_CODE_SUFFIX).index(level)),
            )
        self.centre_and_branch(
            commune, spec.code, commune_label, f"{spec.hamlet_label.lower()} {spec.hamlets[0]}", n, valid_to=valid_to
        )
        return commune

    def centre_and_branch(self, commune, code, commune_label, hamlet, n, *, valid_from=None, valid_to=None):
        dates = {"valid_to": valid_to}
        if valid_from:
            dates["valid_from"] = valid_from
        self.unit(
            f"{code}-TT",
            name=f"Trung tâm học tập cộng đồng {commune_label}",
            kind=UnitKind.CENTRE,
            parent=commune,
            address=_address(f"Nhà văn hóa {hamlet}", commune_label),
            phone=_phone(400 + n),
            **dates,
        )
        self.unit(
            f"{code}-HKH",
            name=f"Hội Khuyến học {commune_label}",
            kind=UnitKind.ASSOCIATION,
            parent=commune,
            address=_address("Trụ sở UBND", commune_label),
            **dates,
        )

    def merged_commune(self, office: Unit) -> Unit:
        commune_label = f"xã {MERGED['name']}"
        merged = self.existing.get(MERGED["code"])
        if merged is None:
            merged = self._merge(office, commune_label)
        # The merged commune's centre and branch start on the day of the merger (Nghị định
        # 142/2025/NĐ-CP: the commune chairman re-establishes the TTHTCĐ of a merged commune).
        self.centre_and_branch(merged, MERGED["code"], commune_label, "thôn Phú Hưng", 12, valid_from=MERGER_DATE)
        return merged

    def _merge(self, office: Unit, commune_label: str) -> Unit:
        sources = [self.existing[code] for code in MERGED["sources"]]
        merged = services.units_merge(
            actor=None,
            sources=sources,
            effective_date=MERGER_DATE,
            code=MERGED["code"],
            name=MERGED["name"],
            level_label=MERGED["level_label"],
            parent=office,
            is_demo=True,
        )
        merged = services.unit_update(
            actor=None,
            unit=merged,
            address=_address("Thôn Phú Hưng", commune_label),
            phone=_phone(112),
            notes="Thành lập ngày 01/07/2025 trên cơ sở sáp nhập xã Phú Lộc và xã Thành Công (dữ liệu mẫu).",
        )
        self.existing[MERGED["code"]] = merged
        self.created_units += 1
        return merged


def seed_units() -> tuple[Unit, int]:
    seeder = _Seeder()
    office = seeder.unit(
        OFFICE_CODE,
        name=OFFICE_NAME,
        kind=UnitKind.OFFICE,
        level_label="Phòng GD&ĐT",
        address=f"Số 18 đường Lê Lợi, thị trấn An Lạc, huyện {DISTRICT}, tỉnh {PROVINCE}",
        phone=_phone(1),
        notes="Đơn vị hư cấu, chỉ dùng để dùng thử cổng thông tin.",
    )
    seeder.unit(
        "DEMO-GDNN",
        name=f"Trung tâm GDNN-GDTX huyện {DISTRICT}",
        kind=UnitKind.DISTRICT_CENTRE,
        parent=office,
        address=f"Số 5 đường Trần Hưng Đạo, thị trấn An Lạc, huyện {DISTRICT}, tỉnh {PROVINCE}",
        phone=_phone(2),
    )
    seeder.unit(
        "DEMO-HKH",
        name=f"Hội Khuyến học huyện {DISTRICT}",
        kind=UnitKind.ASSOCIATION,
        parent=office,
        address=f"Số 18 đường Lê Lợi, thị trấn An Lạc, huyện {DISTRICT}, tỉnh {PROVINCE}",
        phone=_phone(3),
    )
    for n, spec in enumerate(COMMUNES, start=1):
        seeder.commune(office, spec, n)
    seeder.merged_commune(office)
    return office, seeder.created_units


def seed_people() -> int:
    taken = set(User.objects.filter(username__in=[p.username for p in PEOPLE]).values_list("username", flat=True))
    units = {u.code: u for u in Unit.objects.filter(code__in={p.unit_code for p in PEOPLE})}
    created = 0
    for n, person in enumerate(PEOPLE, start=1):
        if person.username in taken:
            continue
        services.person_create(
            actor=None,
            username=person.username,
            full_name=person.full_name,
            password=DEMO_PASSWORD,
            unit=units[person.unit_code],
            role=person.role,
            position=person.position,
            phone=f"09{(n * 7919) % 100000000:08d}"[:10],
            email=f"{person.username.replace('.', '_')}@demo.invalid",
            is_demo=True,
            valid_from=ROLES_FROM,
        )
        created += 1
    return created


def seed_identity(office: Unit) -> None:
    """The demo office's complete identity on paper (issue 15): every document of the demo is sendable
    as it is. Schools, centres and communes take theirs from the tree (documents.issuer)."""
    UnitIdentity.objects.get_or_create(
        unit=office,
        defaults={
            "official_name": "Phòng Giáo dục và Đào tạo",
            "parent_agency": f"UBND huyện {DISTRICT}",
            "abbreviation": "PGDĐT",
            "drafting_code": "GDTX",
            "place_name": DISTRICT,
            "head_position": "Trưởng phòng",
            "head_name": "Trần Văn Minh",
            "deputy_position": "Phó Trưởng phòng",
            "deputy_name": "Bùi Thanh Hương",
            "deputy_signs": True,
            "recipients": f"Sở GD&ĐT tỉnh {PROVINCE} (để b/c);\nUBND huyện {DISTRICT} (để b/c);",
            "archive": "VT, GDTX.",
        },
    )


# Chairmen of the demo communes' People's Committees (invented names): they sign the commune's
# decisions (learning families, clans, hamlets) and its literacy lists.
COMMUNE_CHAIRS = [
    "Nguyễn Văn Khánh",
    "Trần Thị Bích",
    "Lê Văn Tùng",
    "Phạm Thị Duyên",
    "Hoàng Văn Sơn",
    "Vũ Thị Hạnh",
    "Đặng Văn Lộc",
    "Bùi Văn Trọng",
    "Lò Văn Chung",
    "Giàng A Phử",
    "Đỗ Thị Thanh",
    "Ngô Văn Quyết",
    "Mai Thị Yến",
    "Lương Văn Tài",
    "Hà Thị Nga",
]


def seed_commune_identities(office: Unit) -> None:
    """Each demo commune's People's Committee with its chairman, so the commune's documents carry a name."""
    communes = Unit.objects.filter(kind=UnitKind.COMMUNE, path__startswith=office.path, is_demo=True).order_by("code")
    for n, commune in enumerate(communes):
        UnitIdentity.objects.get_or_create(
            unit=commune,
            defaults={
                "official_name": f"Ủy ban nhân dân {commune.level_label.lower()} {commune.name}",
                "abbreviation": "UBND",
                "place_name": commune.name,
                "head_position": "Chủ tịch",
                "head_name": COMMUNE_CHAIRS[n % len(COMMUNE_CHAIRS)],
                "deputy_position": "Phó Chủ tịch",
                "recipients": f"Phòng GD&ĐT huyện {DISTRICT} (để b/c);",
                "archive": "VT.",
            },
        )


@transaction.atomic
def seed() -> SeedResult:
    """Create whatever part of the demo is missing; return the office and what was created."""
    office, created_units = seed_units()
    seed_identity(office)
    seed_commune_identities(office)
    created_people = seed_people()
    return SeedResult(office=office, created_units=created_units, created_people=created_people)


def demo_logins() -> list[tuple[str, str, str, str]]:
    """(role label, username, password, unit) for the one-per-role demo logins."""
    listed = [p for p in PEOPLE if p.listed]
    memberships = {
        m.user.username: m
        for m in Membership.objects.active_on()
        .filter(user__username__in=[p.username for p in listed])
        .select_related("user", "unit", "unit__parent")
    }
    rows = []
    for person in listed:
        membership = memberships.get(person.username)
        unit = "—"
        if membership:
            unit = membership.unit.full_name
            parent = membership.unit.parent
            if membership.unit.kind == UnitKind.SCHOOL and parent and parent.kind == UnitKind.COMMUNE:
                unit = f"{unit}, {parent.level_label.lower()} {parent.name}"
        rows.append((str(Role(person.role).label), person.username, DEMO_PASSWORD, unit))
    return rows
