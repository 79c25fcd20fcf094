# Bulk onboarding from Excel (issue 16): units.onboarding.OnboardingBatch.
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("units", "0007_submit_delegation"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='OnboardingBatch',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='tải lên lúc')),
                ('file_name', models.CharField(max_length=255, verbose_name='tên tệp')),
                ('content', models.BinaryField(default=b'', verbose_name='nội dung tệp')),
                ('status', models.CharField(choices=[('checked', 'Đã kiểm tra, chưa nhập'), ('failed', 'Có lỗi, chưa nhập'), ('committed', 'Đã nhập')], max_length=20, verbose_name='trạng thái')),
                ('summary', models.JSONField(blank=True, default=dict, verbose_name='tóm tắt')),
                ('errors', models.JSONField(blank=True, default=list, verbose_name='lỗi')),
                ('committed_at', models.DateTimeField(blank=True, null=True, verbose_name='nhập lúc')),
                ('logins_sealed', models.TextField(blank=True, editable=False, verbose_name='danh sách đăng nhập (đã mã hóa)')),
                ('logins_count', models.PositiveIntegerField(default=0, verbose_name='số tài khoản mới')),
                ('logins_taken_at', models.DateTimeField(blank=True, null=True, verbose_name='lấy danh sách đăng nhập lúc')),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người tải lên')),
                ('logins_taken_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người lấy danh sách đăng nhập')),
                ('root', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.unit', verbose_name='đơn vị quản lý')),
            ],
            options={
                'verbose_name': 'lần nhập đơn vị và người dùng',
                'verbose_name_plural': 'lần nhập đơn vị và người dùng',
                'ordering': ['-created_at', '-id'],
            },
        ),
    ]
