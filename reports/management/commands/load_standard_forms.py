"""`manage.py load_standard_forms`: the standard report forms shipped with the portal, as data."""

from django.core.management.base import BaseCommand

from reports.services import standard_forms_load


class Command(BaseCommand):
    help = (
        "Nạp các biểu mẫu chuẩn (báo cáo năm TTHTCĐ, báo cáo GDTX của trường, Tuần lễ học tập suốt đời, "
        "Ngày Sách và Văn hóa đọc). Chạy lại không tạo trùng; tệp đã thay đổi thành phiên bản mới."
    )

    def add_arguments(self, parser):
        parser.add_argument("--draft", action="store_true", help="Để ở trạng thái bản nháp, không ban hành.")

    def handle(self, *args, **options):
        created, kept = standard_forms_load(publish=not options["draft"])
        for form in created:
            self.stdout.write(f"Đã nạp: {form.title} (mã {form.code}, phiên bản {form.version})")
        for form in kept:
            self.stdout.write(f"Đã có sẵn: {form.title} (mã {form.code}, phiên bản {form.version})")
        self.stdout.write(self.style.SUCCESS(f"Xong: {len(created)} biểu mẫu mới, {len(kept)} biểu mẫu đã có."))
