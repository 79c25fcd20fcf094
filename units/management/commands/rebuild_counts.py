"""`manage.py rebuild_counts`: recompute every kept count from the raw rows.

Each app that keeps counts (issue 20) ships a `counts.py` with a `rebuild()`; the plugin loader finds
them (units never imports a domain app). The services keep the counts right in their own
transactions; this command is for a restore, a bulk load outside the services, or a check."""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from units.plugins import plugin_modules


def count_keepers() -> list[tuple[str, object]]:
    """(app label, rebuild function) of every project app whose counts.py defines rebuild()."""
    return [
        (config.label, module.rebuild)
        for config, module in plugin_modules("counts")
        if callable(getattr(module, "rebuild", None))
    ]


class Command(BaseCommand):
    help = "Tính lại mọi số đếm lưu sẵn (chuẩn xóa mù chữ, xã hội học tập, hoạt động trung tâm…) từ dữ liệu gốc."

    def add_arguments(self, parser):
        parser.add_argument("--app", action="append", default=[], help="chỉ tính lại số đếm của phân hệ này")

    def handle(self, *args, app, **options):
        keepers = [(label, rebuild) for label, rebuild in count_keepers() if not app or label in app]
        if not keepers:
            self.stdout.write("Không có phân hệ nào lưu số đếm.")
            return
        for label, rebuild in keepers:
            started = time.monotonic()
            with transaction.atomic():
                rebuild()
            self.stdout.write(f"Đã tính lại số đếm của phân hệ {label} ({time.monotonic() - started:.1f} giây).")
