# Placeholder so that parallel work gets distinct migration numbers; filled by the work it names.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("units", "0009_milestone_settings")]

    operations = []
