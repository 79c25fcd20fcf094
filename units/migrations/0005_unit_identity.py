# The unit's identity on official documents (Nghị định 30/2020/NĐ-CP, Phụ lục I): issue 15.
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("units", "0004_especially_difficult_periods")]

    operations = [
        migrations.CreateModel(
            name="UnitIdentity",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "official_name",
                    models.CharField(
                        help_text="Tên đầy đủ in trên văn bản, ví dụ: Phòng Giáo dục và Đào tạo (in hoa khi in).",
                        max_length=200,
                        verbose_name="tên cơ quan ban hành",
                    ),
                ),
                (
                    "parent_agency",
                    models.CharField(
                        blank=True,
                        help_text="Dòng trên tên cơ quan, ví dụ: UBND huyện An Lạc Sơn; UBND xã Pá Lùng. Để trống nếu không có.",
                        max_length=200,
                        verbose_name="cơ quan chủ quản",
                    ),
                ),
                (
                    "abbreviation",
                    models.CharField(
                        help_text="Dùng trong ký hiệu văn bản, ví dụ: PGDĐT → Số: 05/BC-PGDĐT (Nghị định 30/2020, Phụ lục III).",
                        max_length=30,
                        verbose_name="chữ viết tắt tên cơ quan",
                    ),
                ),
                (
                    "drafting_code",
                    models.CharField(
                        blank=True,
                        help_text="Cho công văn: Số: 12/PGDĐT-GDTX. Để trống nếu không dùng.",
                        max_length=30,
                        verbose_name="chữ viết tắt đơn vị soạn thảo",
                    ),
                ),
                (
                    "place_name",
                    models.CharField(
                        help_text="Địa danh ghi trước ngày tháng, ví dụ: An Lạc Sơn, ngày 05 tháng 10 năm 2026.",
                        max_length=100,
                        verbose_name="địa danh",
                    ),
                ),
                (
                    "head_position",
                    models.CharField(
                        help_text="Ví dụ: Trưởng phòng.", max_length=100, verbose_name="chức vụ người đứng đầu"
                    ),
                ),
                ("head_name", models.CharField(blank=True, max_length=150, verbose_name="họ tên người đứng đầu")),
                ("deputy_position", models.CharField(blank=True, max_length=100, verbose_name="chức vụ cấp phó")),
                ("deputy_name", models.CharField(blank=True, max_length=150, verbose_name="họ tên cấp phó")),
                (
                    "deputy_signs",
                    models.BooleanField(
                        default=False,
                        help_text="Văn bản thường ngày do cấp phó ký thay người đứng đầu: KT. TRƯỞNG PHÒNG / PHÓ TRƯỞNG PHÒNG.",
                        verbose_name="cấp phó ký thay (KT.)",
                    ),
                ),
                (
                    "recipients",
                    models.TextField(
                        blank=True,
                        help_text="Mỗi dòng một nơi nhận, ví dụ: Sở GD&ĐT tỉnh (để b/c);. Dòng “Lưu: VT” được thêm tự động.",
                        verbose_name="nơi nhận thường dùng",
                    ),
                ),
                (
                    "archive",
                    models.CharField(
                        default="VT.", help_text="Phần sau “Lưu:”, ví dụ: VT, GDTX.", max_length=60, verbose_name="lưu"
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "unit",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="identity",
                        to="units.unit",
                        verbose_name="đơn vị",
                    ),
                ),
            ],
            options={
                "verbose_name": "thể thức văn bản của đơn vị",
                "verbose_name_plural": "thể thức văn bản của đơn vị",
            },
        ),
    ]
