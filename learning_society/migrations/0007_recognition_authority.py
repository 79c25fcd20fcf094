# The recognition authority per office, title and level (issue 15, DOMAIN.md §4), and the authority
# each decision was issued under.
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("learning_society", "0006_title_settings_follow_the_programme"),
        ("units", "0007_submit_delegation"),
    ]

    operations = [
        migrations.AddField(
            model_name="decision",
            name="authority",
            field=models.JSONField(blank=True, default=dict, editable=False, verbose_name="thẩm quyền khi ban hành"),
        ),
        migrations.CreateModel(
            name="RecognitionAuthority",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "title",
                    models.CharField(
                        choices=[
                            ("family", "Gia đình học tập"),
                            ("clan", "Dòng họ học tập"),
                            ("hamlet_community", "Cộng đồng học tập cấp thôn"),
                            ("learning_unit", "Đơn vị học tập"),
                            ("commune_community", "Cộng đồng học tập cấp xã"),
                            ("citizen", "Công dân học tập"),
                        ],
                        max_length=30,
                        verbose_name="danh hiệu",
                    ),
                ),
                (
                    "level",
                    models.PositiveSmallIntegerField(
                        choices=[(0, "Mọi mức độ"), (1, "Mức độ 1"), (2, "Mức độ 2")], default=0, verbose_name="mức độ"
                    ),
                ),
                (
                    "decider",
                    models.CharField(
                        help_text="Ví dụ: Chủ tịch UBND xã; Trưởng phòng GD&ĐT.",
                        max_length=150,
                        verbose_name="người có thẩm quyền công nhận",
                    ),
                ),
                (
                    "issuing_level",
                    models.CharField(
                        choices=[
                            ("commune", "UBND xã (phường, thị trấn) nơi có đối tượng"),
                            ("office", "Chính đơn vị quản lý (phòng)"),
                            ("parent", "Cơ quan chủ quản của đơn vị quản lý (UBND huyện)"),
                        ],
                        max_length=20,
                        verbose_name="cơ quan ban hành",
                    ),
                ),
                (
                    "parent_agency",
                    models.CharField(
                        blank=True,
                        help_text="Để trống: theo thể thức văn bản.",
                        max_length=200,
                        verbose_name="dòng cơ quan chủ quản (ghi đè)",
                    ),
                ),
                (
                    "agency",
                    models.CharField(
                        blank=True,
                        help_text="Để trống: theo thể thức văn bản.",
                        max_length=200,
                        verbose_name="tên cơ quan ban hành (ghi đè)",
                    ),
                ),
                (
                    "head_position",
                    models.CharField(
                        help_text="Ví dụ: Chủ tịch; Trưởng phòng.",
                        max_length=100,
                        verbose_name="chức vụ người đứng đầu",
                    ),
                ),
                (
                    "signer_form",
                    models.CharField(
                        choices=[
                            ("head", "Người đứng đầu ký (CHỦ TỊCH / TRƯỞNG PHÒNG)"),
                            ("deputy", "Cấp phó ký thay (KT. CHỦ TỊCH / PHÓ CHỦ TỊCH)"),
                            ("collective", "Thay mặt tập thể (TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH)"),
                        ],
                        max_length=20,
                        verbose_name="hình thức ký",
                    ),
                ),
                (
                    "legal_source",
                    models.CharField(blank=True, max_length=40, verbose_name="văn bản quy định thẩm quyền"),
                ),
                ("legal_article", models.CharField(blank=True, max_length=100, verbose_name="điều, khoản")),
                (
                    "extra_bases",
                    models.TextField(
                        blank=True,
                        help_text="Mỗi dòng một căn cứ, ví dụ quyết định quy định chức năng, nhiệm vụ của cơ quan.",
                        verbose_name="căn cứ khác",
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "office",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="units.unit",
                        verbose_name="đơn vị quản lý",
                    ),
                ),
            ],
            options={
                "verbose_name": "thẩm quyền công nhận",
                "verbose_name_plural": "thẩm quyền công nhận",
                "constraints": [
                    models.UniqueConstraint(fields=("office", "title", "level"), name="ls_authority_unique")
                ],
            },
        ),
    ]
