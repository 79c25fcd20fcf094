"""State only: the rubric models move here from reports (issue 13). The tables keep their names
(reports_rubric, reports_rubricgroup, reports_rubriccriterion); no table is created, no row moves."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("reports", "0007_tthtcd_income_total"),
        ("units", "0002_two_factor_device"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Rubric",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("code", models.CharField(max_length=60, verbose_name="mã bộ tiêu chí")),
                        ("title", models.CharField(max_length=255, verbose_name="tên bộ tiêu chí")),
                        (
                            "subject_kind",
                            models.CharField(
                                help_text="Ví dụ: family, clan, hamlet_community, learning_unit, centre.",
                                max_length=40,
                                verbose_name="đối tượng",
                            ),
                        ),
                        (
                            "regime",
                            models.CharField(
                                choices=[("points", "Chấm điểm, xếp loại"), ("levels", "Mức độ 1 / mức độ 2")],
                                max_length=10,
                                verbose_name="cách đánh giá",
                            ),
                        ),
                        ("year_from", models.PositiveSmallIntegerField(verbose_name="áp dụng từ năm")),
                        (
                            "year_to",
                            models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="áp dụng đến năm"),
                        ),
                        ("legal_basis", models.CharField(blank=True, max_length=255, verbose_name="căn cứ")),
                        ("bands", models.JSONField(blank=True, default=list, verbose_name="xếp loại")),
                        (
                            "level2_wait_months",
                            models.PositiveSmallIntegerField(
                                blank=True, null=True, verbose_name="số tháng chờ trước mức độ 2"
                            ),
                        ),
                        (
                            "validity_months",
                            models.PositiveSmallIntegerField(
                                blank=True, null=True, verbose_name="thời hạn công nhận (tháng)"
                            ),
                        ),
                        (
                            "is_sample",
                            models.BooleanField(
                                default=False,
                                help_text="Một số tiêu chí là mẫu, đơn vị cần hoàn thiện theo văn bản.",
                                verbose_name="có tiêu chí mẫu",
                            ),
                        ),
                        ("version", models.PositiveIntegerField(default=1, verbose_name="phiên bản")),
                        ("is_active", models.BooleanField(default=True, verbose_name="đang dùng")),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "based_on",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="rubrics.rubric",
                                verbose_name="tạo từ",
                            ),
                        ),
                        (
                            "owner",
                            models.ForeignKey(
                                blank=True,
                                help_text="Để trống: bộ tiêu chí mặc định toàn quốc.",
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="units.unit",
                                verbose_name="đơn vị sở hữu",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "bộ tiêu chí",
                        "verbose_name_plural": "bộ tiêu chí",
                        "db_table": "reports_rubric",
                        "ordering": ["subject_kind", "-year_from"],
                    },
                ),
                migrations.CreateModel(
                    name="RubricGroup",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("order", models.PositiveSmallIntegerField(default=0, verbose_name="thứ tự")),
                        ("code", models.CharField(max_length=20, verbose_name="mã")),
                        ("title", models.CharField(max_length=255, verbose_name="tên nhóm")),
                        (
                            "rubric",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE, related_name="groups", to="rubrics.rubric"
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "nhóm tiêu chí",
                        "verbose_name_plural": "nhóm tiêu chí",
                        "db_table": "reports_rubricgroup",
                        "ordering": ["rubric", "order", "id"],
                    },
                ),
                migrations.CreateModel(
                    name="RubricCriterion",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("order", models.PositiveSmallIntegerField(default=0, verbose_name="thứ tự")),
                        ("code", models.CharField(max_length=20, verbose_name="mã")),
                        ("text", models.TextField(verbose_name="nội dung")),
                        (
                            "max_points",
                            models.DecimalField(
                                blank=True, decimal_places=2, max_digits=6, null=True, verbose_name="điểm tối đa"
                            ),
                        ),
                        (
                            "required_for_level",
                            models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="yêu cầu từ mức độ"),
                        ),
                        ("evidence_required", models.BooleanField(default=False, verbose_name="cần minh chứng")),
                        ("is_sample", models.BooleanField(default=False, verbose_name="nội dung mẫu")),
                        (
                            "group",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="criteria",
                                to="rubrics.rubricgroup",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "tiêu chí",
                        "verbose_name_plural": "tiêu chí",
                        "db_table": "reports_rubriccriterion",
                        "ordering": ["group__order", "order", "id"],
                    },
                ),
                migrations.AddConstraint(
                    model_name="rubric",
                    constraint=models.UniqueConstraint(
                        condition=models.Q(("is_active", True)),
                        fields=("owner", "code"),
                        name="rubric_owner_code_active_unique",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="rubric",
                    constraint=models.UniqueConstraint(
                        condition=models.Q(("is_active", True), ("owner__isnull", True)),
                        fields=("code",),
                        name="rubric_national_code_active_unique",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="rubricgroup",
                    constraint=models.UniqueConstraint(fields=("rubric", "code"), name="rubric_group_code_unique"),
                ),
                migrations.AddConstraint(
                    model_name="rubriccriterion",
                    constraint=models.UniqueConstraint(fields=("group", "code"), name="rubric_criterion_code_unique"),
                ),
            ],
        ),
    ]
