"""`manage.py seed_demo`: the fictional demo district, its people, then each domain app's demo."""

import time

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from units import demo
from units.planner import analyze
from units.plugins import plugin_modules


def domain_seeders() -> list[tuple[str, object]]:
    """(app label, demo module) for every project app except units that ships `demo.seed`, found by
    the plugin loader. They seed after the unit tree (units never imports them), in INSTALLED_APPS
    order within the stage each AppConfig declares: `demo_stage` 0 (the default) for the apps that
    hold records, 1 for those whose demo data is derived from the records (reports pre-fills its
    demo submissions from them through the indicator providers)."""
    found = [
        (config, module)
        for config, module in plugin_modules("demo")
        if config.name != "units" and callable(getattr(module, "seed", None))
    ]
    found.sort(key=lambda pair: getattr(pair[0], "demo_stage", 0))  # stable: INSTALLED_APPS order within a stage
    return [(config.label, module) for config, module in found]


class Command(BaseCommand):
    help = "Tạo dữ liệu mẫu: một Phòng GD&ĐT hư cấu, các đơn vị trực thuộc và tài khoản mẫu cho mỗi vai trò."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-modules",
            action="store_true",
            help="Chỉ tạo đơn vị và người dùng, không tạo dữ liệu mẫu của các phân hệ.",
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        result = demo.seed()
        if result.created_units or result.created_people:
            self.stdout.write(
                f"Đơn vị mẫu: tạo mới {result.created_units}; tài khoản mẫu: tạo mới {result.created_people}"
                f" ({time.monotonic() - started:.1f} giây)."
            )
        else:
            self.stdout.write("Đơn vị và tài khoản mẫu đã có sẵn, không tạo thêm.")
        analyze(*apps.get_app_config("units").get_models())
        if not options["no_modules"]:
            for label, module in domain_seeders():
                self.stdout.write(f"Dữ liệu mẫu phân hệ {label}…")
                module_started = time.monotonic()
                # One transaction per module: a failure leaves no half-seeded module behind, and
                # SQLite writes the whole module in one commit instead of one per row.
                with transaction.atomic():
                    module.seed(office=result.office, stdout=self.stdout)
                    # The next modules (and the reports' pre-fills) read these rows: planned with
                    # statistics, not as if the tables were still empty (units.planner).
                    analyze(*apps.get_app_config(label).get_models())
                self.stdout.write(f"  ({time.monotonic() - module_started:.1f} giây)")
        self.stdout.write(self.style.SUCCESS(f"Xong dữ liệu mẫu sau {time.monotonic() - started:.1f} giây."))
        self._print_logins()

    def _print_logins(self):
        rows = [("Vai trò", "Tên đăng nhập", "Mật khẩu", "Đơn vị")] + demo.demo_logins()
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        rule = "+-" + "-+-".join("-" * w for w in widths) + "-+"
        self.stdout.write("")
        self.stdout.write("Tài khoản mẫu (cùng một mật khẩu):")
        self.stdout.write(rule)
        for i, row in enumerate(rows):
            self.stdout.write("| " + " | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) + " |")
            if i == 0:
                self.stdout.write(rule)
        self.stdout.write(rule)
