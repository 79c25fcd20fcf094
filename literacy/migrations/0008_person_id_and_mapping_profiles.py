# Issue 16: the personal identification number of a person (unique in a round where given), the
# column mapping of an upload and the offices' mapping profiles (mẫu ghép cột).
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("literacy", "0007_exemption_help_cites_no_article")]

    operations = [
        migrations.CreateModel(
            name="MappingProfile",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=100, verbose_name="tên mẫu ghép cột")),
                ("description", models.CharField(blank=True, max_length=255, verbose_name="ghi chú")),
                ("mapping", models.JSONField(default=dict)),
                ("updated_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "verbose_name": "mẫu ghép cột",
                "verbose_name_plural": "mẫu ghép cột",
                "ordering": ["name"],
            },
        ),
        migrations.AddField(
            model_name="importbatch",
            name="mapping",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AddField(
            model_name="person",
            name="id_number",
            field=models.CharField(
                blank=True,
                default="",
                help_text="12 chữ số (số căn cước công dân); để trống nếu chưa có.",
                max_length=12,
                verbose_name="số định danh cá nhân",
            ),
        ),
        migrations.AlterField(
            model_name="importbatch",
            name="status",
            field=models.CharField(
                choices=[
                    ("pending", "Đang kiểm tra"),
                    ("checked", "Đã kiểm tra, chờ nhập"),
                    ("invalid", "Có lỗi, chưa nhập"),
                    ("importing", "Đang nhập"),
                    ("imported", "Đã nhập"),
                    ("mapping", "Chờ ghép cột"),
                ],
                default="pending",
                max_length=10,
                verbose_name="trạng thái",
            ),
        ),
        migrations.AddConstraint(
            model_name="person",
            constraint=models.UniqueConstraint(
                condition=models.Q(("id_number", ""), _negated=True),
                fields=("round", "id_number"),
                name="literacy_person_id_number_unique",
                violation_error_message="Số định danh này đã có ở một nhân khẩu khác trong đợt điều tra.",
            ),
        ),
        migrations.AddField(
            model_name="mappingprofile",
            name="office",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="literacy_mapping_profiles",
                to="units.unit",
                verbose_name="cơ quan quản lý",
            ),
        ),
        migrations.AddConstraint(
            model_name="mappingprofile",
            constraint=models.UniqueConstraint(
                fields=("office", "name"),
                name="literacy_mapping_profile_unique",
                violation_error_message="Đã có mẫu ghép cột cùng tên.",
            ),
        ),
    ]
