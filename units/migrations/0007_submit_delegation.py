# The head of a school or centre may hand the sending of the unit's official report to a named staff
# member (issue 17): one flag on that staff member's role.
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("units", "0006_national_codes")]

    operations = [
        migrations.AddField(
            model_name="membership",
            name="submit_delegated",
            field=models.BooleanField(
                default=False,
                help_text="Người đứng đầu đơn vị giao cho cán bộ này gửi báo cáo chính thức của đơn vị.",
                verbose_name="được giao gửi báo cáo",
            ),
        ),
    ]
