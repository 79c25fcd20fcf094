"""Fill the 2025 merger lineage (Unit.predecessors) of an office's communes from the national
conversion tables (units.lineage):

    manage.py fill_merge_lineage --office CODE [--dry-run]

Each commune that carries its official code (QĐ 19/2025/QĐ-TTg) gets as predecessors the units of the
tree that match the old communes it was formed from (by old code, else by name). Lists what it
could not match, so an officer can link those by hand (the merge page) or add their old codes.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from units import national
from units.lineage import lineage_fill, lineage_plan
from units.models import Unit


class Command(BaseCommand):
    help = "Điền 'hình thành từ (sáp nhập)' cho các xã của đơn vị theo bảng chuyển đổi đơn vị hành chính 2025."

    def add_arguments(self, parser):
        parser.add_argument("--office", required=True, help="mã đơn vị quản lý trong cổng")
        parser.add_argument("--dry-run", action="store_true", help="chỉ liệt kê, không ghi")

    def handle(self, *args, office, dry_run, **options):
        unit = Unit.objects.filter(code__iexact=office.strip()).first()
        if unit is None:
            raise CommandError(f"Không có đơn vị mã {office}.")
        if not national.lineage_available():
            raise CommandError("Chưa cài gói vietnamadminunits (bảng chuyển đổi đơn vị hành chính 2025).")
        with transaction.atomic():
            plan = lineage_plan(unit) if dry_run else lineage_fill(actor=None, office=unit)
        added = 0
        for link in plan:
            self.stdout.write(f"{link.commune.full_name} ({link.commune.official_code}):")
            for old, match in link.found:
                state = "đã có" if match.pk in link.already else ("sẽ thêm" if dry_run else "đã thêm")
                added += match.pk not in link.already
                self.stdout.write(f"  {state}: {match.full_name} ← {old.name}, {old.district} (mã cũ {old.code})")
            for old, matches in link.ambiguous:
                names = "; ".join(f"{m.full_name} ({m.code})" for m in matches)
                self.stdout.write(f"  nhiều đơn vị trùng tên, chưa nối: {old.name} (mã cũ {old.code}): {names}")
            for old in link.missing:
                part = "" if old.whole else ", một phần"
                self.stdout.write(f"  không thấy trong cây: {old.name}, {old.district} (mã cũ {old.code}{part})")
        if not plan:
            self.stdout.write("Không xã nào của đơn vị có mã đơn vị hành chính nằm trong bảng chuyển đổi.")
        verb = "Sẽ thêm" if dry_run else "Đã thêm"
        self.stdout.write(self.style.SUCCESS(f"{verb} {added} liên kết sáp nhập. Nguồn: {national.source()}."))
