"""State only: the annual report and guidance models come from reports (issue 13). Their tables keep
the names reports gave them (Meta.db_table), so no table is created and no row moves; reports 0010
drops the old state after this one."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        # The tables were created by reports 0003 and 0004: a later migration of this app may alter them.
        ("reports", "0004_guidance_and_plans"),
        ("units", "0002_two_factor_device"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Guidance",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("school_year", models.PositiveSmallIntegerField(verbose_name="năm học (năm bắt đầu)")),
                        ("title", models.CharField(max_length=255, verbose_name="tên văn bản")),
                        ("number", models.CharField(blank=True, max_length=40, verbose_name="số văn bản")),
                        ("plan_due", models.DateField(blank=True, null=True, verbose_name="hạn nộp kế hoạch")),
                        (
                            "status",
                            models.CharField(
                                choices=[("draft", "Đang soạn"), ("published", "Đã ban hành")],
                                default="draft",
                                max_length=10,
                                verbose_name="trạng thái",
                            ),
                        ),
                        ("published_at", models.DateTimeField(blank=True, null=True, verbose_name="ngày ban hành")),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "created_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="người tạo",
                            ),
                        ),
                        (
                            "office",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="units.unit",
                                verbose_name="đơn vị ban hành",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "hướng dẫn nhiệm vụ năm học",
                        "verbose_name_plural": "hướng dẫn nhiệm vụ năm học",
                        "db_table": "reports_guidance",
                        "ordering": ["-school_year", "office"],
                    },
                ),
                migrations.CreateModel(
                    name="GuidanceTask",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "area",
                            models.CharField(
                                choices=[
                                    ("learning_society", "Xây dựng xã hội học tập"),
                                    ("literacy", "Xóa mù chữ"),
                                    ("centres", "Trung tâm học tập cộng đồng"),
                                    ("programmes", "Chương trình GDTX"),
                                    ("staff", "Đội ngũ, bồi dưỡng"),
                                    ("ict", "Ứng dụng CNTT, truyền thông"),
                                    ("reporting", "Thông tin báo cáo, thi đua"),
                                ],
                                max_length=20,
                                verbose_name="lĩnh vực",
                            ),
                        ),
                        ("text", models.TextField(verbose_name="nội dung nhiệm vụ")),
                        ("deadline", models.DateField(blank=True, null=True, verbose_name="thời hạn")),
                        (
                            "guidance",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE, related_name="tasks", to="annual.guidance"
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "nhiệm vụ",
                        "verbose_name_plural": "nhiệm vụ",
                        "db_table": "reports_guidancetask",
                        "ordering": ["guidance", "area", "deadline", "id"],
                    },
                ),
                migrations.CreateModel(
                    name="YearPlan",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("text", models.TextField(blank=True, verbose_name="nội dung kế hoạch")),
                        (
                            "attachment",
                            models.FileField(blank=True, upload_to="plans/%Y/", verbose_name="tệp kế hoạch"),
                        ),
                        ("attachment_name", models.CharField(blank=True, max_length=255, verbose_name="tên tệp")),
                        ("content_type", models.CharField(blank=True, max_length=100)),
                        ("submitted_at", models.DateTimeField(auto_now=True, verbose_name="nộp lúc")),
                        (
                            "guidance",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE, related_name="plans", to="annual.guidance"
                            ),
                        ),
                        (
                            "submitted_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="người nộp",
                            ),
                        ),
                        (
                            "unit",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="units.unit",
                                verbose_name="đơn vị",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "kế hoạch năm học",
                        "verbose_name_plural": "kế hoạch năm học",
                        "db_table": "reports_yearplan",
                    },
                ),
                migrations.CreateModel(
                    name="AnnualReport",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("school_year", models.PositiveSmallIntegerField(verbose_name="năm học (năm bắt đầu)")),
                        (
                            "status",
                            models.CharField(
                                choices=[("draft", "Bản nháp"), ("frozen", "Đã chốt số liệu")],
                                default="draft",
                                max_length=10,
                                verbose_name="trạng thái",
                            ),
                        ),
                        ("version", models.PositiveSmallIntegerField(default=0, verbose_name="phiên bản")),
                        ("narrative", models.JSONField(blank=True, default=dict, verbose_name="nội dung từng phần")),
                        ("number", models.CharField(blank=True, max_length=20, verbose_name="số văn bản")),
                        ("place", models.CharField(blank=True, max_length=80, verbose_name="địa danh")),
                        ("document_date", models.DateField(blank=True, null=True, verbose_name="ngày văn bản")),
                        (
                            "recipients",
                            models.TextField(blank=True, help_text="Mỗi dòng một nơi nhận.", verbose_name="nơi nhận"),
                        ),
                        ("signer_authority", models.CharField(blank=True, max_length=80, verbose_name="thẩm quyền ký")),
                        (
                            "signer_position",
                            models.CharField(blank=True, max_length=80, verbose_name="chức vụ người ký"),
                        ),
                        ("signer_name", models.CharField(blank=True, max_length=120, verbose_name="họ tên người ký")),
                        ("frozen_on", models.DateField(blank=True, null=True, verbose_name="số liệu tính đến ngày")),
                        ("snapshot", models.JSONField(blank=True, default=list, verbose_name="số liệu đã chốt")),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        (
                            "created_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="người tạo",
                            ),
                        ),
                        (
                            "draft",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="versions",
                                to="annual.annualreport",
                                verbose_name="bản nháp gốc",
                            ),
                        ),
                        (
                            "office",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="units.unit",
                                verbose_name="đơn vị báo cáo",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "báo cáo tổng kết năm học",
                        "verbose_name_plural": "báo cáo tổng kết năm học",
                        "db_table": "reports_annualreport",
                        "ordering": ["-school_year", "office", "version"],
                        "constraints": [
                            models.UniqueConstraint(
                                condition=models.Q(("status", "draft")),
                                fields=("office", "school_year"),
                                name="annual_report_one_draft",
                            ),
                            models.UniqueConstraint(fields=("draft", "version"), name="annual_report_version_unique"),
                        ],
                    },
                ),
                migrations.AddConstraint(
                    model_name="guidance",
                    constraint=models.UniqueConstraint(fields=("office", "school_year"), name="guidance_one_per_year"),
                ),
                migrations.AddConstraint(
                    model_name="yearplan",
                    constraint=models.UniqueConstraint(fields=("guidance", "unit"), name="year_plan_one_per_unit"),
                ),
            ],
            database_operations=[],
        ),
    ]
