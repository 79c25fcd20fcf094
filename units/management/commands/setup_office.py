"""Start a real office on a clean database: the managing unit, its identity and its first officer.

    manage.py setup_office                      # asks for each value
    manage.py setup_office --no-input --name "Phòng Văn hóa - Xã hội phường Hạ Long" --kind commune \\
        --official-code 06688 --parent-agency "UBND phường Hạ Long" --abbreviation VHXH --place "Hạ Long" \\
        --head-name "Nguyễn Văn A" --head-position "Trưởng phòng" \\
        --officer-username chuyenvien --officer-name "Trần Thị B" --officer-email b@example.vn

The password is asked twice (Enter alone: one is generated), or generated with --no-input, and
printed once; the officer must change it at first login. Same function as the page /cai-dat/.
"""

import getpass

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from units import legal
from units.models import Role, UnitKind
from units.setup import office_setup

# (option, prompt, required)
FIELDS = [
    ("name", "Tên đơn vị quản lý (ví dụ: Phòng Giáo dục và Đào tạo An Lạc)", True),
    ("kind", "Loại: office (cơ quan quản lý giáo dục) hoặc commune (xã, phường)", True),
    ("province_code", f"Mã tỉnh, thành phố (2 chữ số, {legal.cite('qd19_2025')}; xã thì có thể để trống)", False),
    ("official_code", "Mã đơn vị hành chính (xã 5 chữ số; để trống nếu không có)", False),
    ("code", "Mã đơn vị trong cổng (để trống: tạo từ mã hành chính)", False),
    ("parent_agency", "Cơ quan chủ quản (ví dụ: UBND xã Pá Lùng)", False),
    ("abbreviation", "Chữ viết tắt tên cơ quan trong ký hiệu văn bản (ví dụ: PGDĐT)", True),
    ("place", "Địa danh ghi trước ngày tháng văn bản", True),
    ("head_name", "Họ tên người đứng đầu", False),
    ("head_position", "Chức vụ người đứng đầu (ví dụ: Trưởng phòng)", True),
    ("officer_username", "Tên đăng nhập của cán bộ đầu tiên", True),
    ("officer_name", "Họ tên cán bộ đầu tiên", True),
    ("officer_email", "Thư điện tử của cán bộ", False),
    ("officer_role", "Vai trò: officer (chuyên viên) hoặc leader (lãnh đạo)", True),
]
DEFAULTS = {"kind": UnitKind.OFFICE.value, "officer_role": "officer"}
ROLES = {"officer": Role.OFFICE_OFFICER, "leader": Role.OFFICE_LEADER}


class Command(BaseCommand):
    help = "Cài đặt đơn vị quản lý thật (không dùng dữ liệu mẫu): đơn vị, thể thức văn bản và cán bộ đầu tiên."

    def add_arguments(self, parser):
        parser.add_argument("--name")
        parser.add_argument("--kind", choices=[UnitKind.OFFICE.value, UnitKind.COMMUNE.value])
        parser.add_argument("--province-code", dest="province_code")
        parser.add_argument("--official-code", dest="official_code")
        parser.add_argument("--code", help="mã đơn vị trong cổng (mặc định: từ mã hành chính)")
        parser.add_argument("--parent-agency", dest="parent_agency")
        parser.add_argument("--abbreviation")
        parser.add_argument("--place")
        parser.add_argument("--head-name", dest="head_name")
        parser.add_argument("--head-position", dest="head_position")
        parser.add_argument("--officer-username", dest="officer_username")
        parser.add_argument("--officer-name", dest="officer_name")
        parser.add_argument("--officer-email", dest="officer_email")
        parser.add_argument("--officer-role", dest="officer_role", choices=list(ROLES))
        parser.add_argument("--no-input", action="store_false", dest="interactive", help="không hỏi; thiếu thì báo lỗi")

    def handle(self, *args, **options):
        values = {name: (options.get(name) or "").strip() for name, _prompt, _required in FIELDS}
        interactive = options["interactive"]
        for name, prompt, required in FIELDS:
            if values[name]:
                continue
            default = DEFAULTS.get(name, "")
            if interactive:
                suffix = f" [{default}]" if default else ""
                values[name] = input(f"{prompt}{suffix}: ").strip() or default
            else:
                values[name] = default
            if required and not values[name]:
                raise CommandError(f"Thiếu --{name.replace('_', '-')}: {prompt}.")
        if values["officer_role"] not in ROLES:
            raise CommandError("Vai trò cán bộ: officer hoặc leader.")
        password = self._ask_password() if interactive else ""
        try:
            result = office_setup(
                actor=None,
                name=values["name"],
                kind=values["kind"],
                code=values["code"],
                province_code=values["province_code"],
                official_code=values["official_code"],
                parent_agency=values["parent_agency"],
                abbreviation=values["abbreviation"],
                place_name=values["place"],
                head_name=values["head_name"],
                head_position=values["head_position"],
                officer_username=values["officer_username"],
                officer_name=values["officer_name"],
                officer_email=values["officer_email"],
                officer_role=ROLES[values["officer_role"]],
                password=password,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        unit = result.unit
        self.stdout.write(self.style.SUCCESS(f"Đã cài đặt {unit.full_name} (mã {unit.code})."))
        self.stdout.write(f"Cán bộ: {result.officer.full_name}, tên đăng nhập {result.officer.username}")
        if not password:
            self.stdout.write(f"Mật khẩu một lần (chỉ hiện lần này): {result.password}")
        self.stdout.write("Lần đăng nhập đầu tiên, cán bộ phải đổi mật khẩu.")

    def _ask_password(self) -> str:
        while True:
            first = getpass.getpass("Mật khẩu của cán bộ (Enter: tạo tự động): ")
            if not first:
                return ""
            if getpass.getpass("Nhập lại mật khẩu: ") == first:
                return first
            self.stderr.write("Hai lần nhập không khớp, nhập lại.")
