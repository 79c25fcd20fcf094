"""State only: the Job model arrives from reports (issue 13). Its table keeps the name reports_job and
every row stays where it is; reports 0008 removes the model from reports' state afterwards."""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("units", "0001_initial"),
        # reports_job exists, with every column below (0005 added heartbeat_at, worker, attempt).
        ("reports", "0007_tthtcd_income_total"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Job",
                    fields=[
                        ("id", models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                        ("kind", models.CharField(max_length=80, verbose_name="loại việc")),
                        ("title", models.CharField(max_length=255, verbose_name="tên việc")),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("queued", "Đang chờ"),
                                    ("running", "Đang chạy"),
                                    ("done", "Hoàn thành"),
                                    ("failed", "Lỗi"),
                                ],
                                default="queued",
                                max_length=10,
                                verbose_name="trạng thái",
                            ),
                        ),
                        ("progress", models.PositiveIntegerField(default=0, verbose_name="đã xong")),
                        ("total", models.PositiveIntegerField(default=0, verbose_name="tổng")),
                        ("message", models.TextField(blank=True, verbose_name="thông báo")),
                        ("params", models.JSONField(blank=True, default=dict)),
                        (
                            "result_file",
                            models.FileField(blank=True, upload_to="jobs/%Y/%m/", verbose_name="tệp kết quả"),
                        ),
                        ("result_name", models.CharField(blank=True, max_length=255, verbose_name="tên tệp")),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("started_at", models.DateTimeField(blank=True, null=True)),
                        ("finished_at", models.DateTimeField(blank=True, null=True)),
                        ("heartbeat_at", models.DateTimeField(blank=True, null=True)),
                        ("worker", models.CharField(blank=True, max_length=120)),
                        ("attempt", models.PositiveSmallIntegerField(default=1)),
                        (
                            "owner",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="jobs",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="người yêu cầu",
                            ),
                        ),
                        (
                            "unit",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                to="units.unit",
                                verbose_name="đơn vị",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "việc chạy nền",
                        "verbose_name_plural": "việc chạy nền",
                        "db_table": "reports_job",
                        "ordering": ["-created_at"],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
