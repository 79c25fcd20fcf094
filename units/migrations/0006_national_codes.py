# Official codes of the national lists (issue 16): mã đơn vị hành chính (Quyết định 19/2025/QĐ-TTg),
# the office's province, the Ministry's school code; and the forced password change at first login.
import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("units", "0005_unit_identity")]

    operations = [
        migrations.AddField(
            model_name="unit",
            name="moet_code",
            field=models.CharField(
                blank=True,
                help_text="Mã trường trên Cơ sở dữ liệu ngành giáo dục của Bộ GD&ĐT: chữ cái không dấu và chữ số, 1–20 ký tự (định dạng cần xác minh).",
                max_length=20,
                validators=[
                    django.core.validators.RegexValidator(
                        "^[A-Za-z0-9]{1,20}$",
                        "Mã trường của Bộ GD&ĐT chỉ gồm chữ cái không dấu và chữ số, tối đa 20 ký tự.",
                    )
                ],
                verbose_name="mã trường (CSDL ngành)",
            ),
        ),
        migrations.AddField(
            model_name="unit",
            name="official_code",
            field=models.CharField(
                blank=True,
                db_index=True,
                help_text="Mã theo Quyết định 19/2025/QĐ-TTg: xã, phường, đặc khu 5 chữ số; tỉnh 2 chữ số. Để trống với thôn, trường, trung tâm.",
                max_length=5,
                validators=[
                    django.core.validators.RegexValidator(
                        "^(\\d{2}|\\d{5})$",
                        "Mã đơn vị hành chính gồm 2 chữ số (tỉnh, thành phố) hoặc 5 chữ số (xã, phường, đặc khu).",
                    )
                ],
                verbose_name="mã đơn vị hành chính",
            ),
        ),
        migrations.AddField(
            model_name="unit",
            name="province_code",
            field=models.CharField(
                blank=True,
                help_text="Tỉnh, thành phố nơi cơ quan quản lý đóng (mã 2 chữ số, Quyết định 19/2025/QĐ-TTg).",
                max_length=2,
                validators=[
                    django.core.validators.RegexValidator("^\\d{2}$", "Mã tỉnh, thành phố gồm 2 chữ số, ví dụ 22.")
                ],
                verbose_name="mã tỉnh, thành phố",
            ),
        ),
        migrations.AddField(
            model_name="user",
            name="must_change_password",
            field=models.BooleanField(default=False, verbose_name="phải đổi mật khẩu khi đăng nhập"),
        ),
    ]
